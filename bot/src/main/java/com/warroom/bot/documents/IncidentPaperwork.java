package com.warroom.bot.documents;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.warroom.bot.engine.IncidentViews;
import com.warroom.bot.engine.Paperwork;
import com.warroom.bot.engine.Texts;
import com.warroom.bot.engine.TimelineText;
import com.warroom.bot.incident.Incident;
import com.warroom.bot.incident.IncidentStore;
import com.warroom.bot.incident.TimelineEntry;
import com.warroom.bot.incident.TimelineType;
import com.warroom.bot.roster.Person;
import com.warroom.bot.roster.Roster;
import com.warroom.bot.roster.RosterRole;
import com.warroom.playbooks.Playbook;
import com.warroom.playbooks.Severity;
import com.warroom.reports.Archive;
import com.warroom.reports.CompanyInfo;
import com.warroom.reports.IncidentRecord;
import com.warroom.reports.Investigation;
import com.warroom.reports.PdfDocuments;
import com.warroom.reports.PostEventReport;
import com.warroom.reports.ReportBook;
import com.warroom.reports.SignedSection;
import org.jspecify.annotations.Nullable;

/**
 * Renders an incident's documents with {@code reports} and keeps each in the
 * {@link Archive}; at close, seals the archive with the incident record and the timeline
 * (JSON, schema in {@code docs/archive.md}). Thread-safe.
 */
public class IncidentPaperwork implements Paperwork {

	/** Version of the timeline JSON written to archives. */
	static final int TIMELINE_SCHEMA = 1;

	private final IncidentStore incidents;

	private final IncidentViews views;

	/** The documents' words. */
	private final Texts texts;

	/**
	 * What timeline entries say in the documents and the archive, in the words of
	 * {@code texts}.
	 */
	private final TimelineText words;

	private final PdfDocuments pdf;

	private final Archive archive;

	private final CompanyInfo company;

	private final CustomerNotices notices;

	private final Clock clock;

	private final ZoneId zone;

	private final Roster roster;

	private final ObjectMapper json = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

	private final DrillPaperwork drills;

	/**
	 * @param texts the documents' words, the timeline's included: in the application
	 * {@link Texts#chinese()} whatever the chat's locale (GH-14), as the regulator's
	 * forms are (附件三, 4.6, 4.8, 2.8.4) and the archive keeps them
	 * @param roster who is who: the reporting liaison's contact data, the 事件管理人
	 */
	public IncidentPaperwork(IncidentStore incidents, IncidentViews views, Texts texts, PdfDocuments pdf,
			Archive archive, CompanyInfo company, CustomerNotices notices, Clock clock, ZoneId zone, Roster roster) {
		this.roster = roster;
		this.incidents = incidents;
		this.views = views;
		this.texts = texts;
		this.words = views.timelineText().in(texts);
		this.pdf = pdf;
		this.archive = archive;
		this.company = company;
		this.notices = notices;
		this.clock = clock;
		this.zone = zone;
		this.drills = new DrillPaperwork(incidents, views, company, clock, zone);
	}

	private volatile java.util.function.Function<Incident, Optional<DrillContext>> drillContexts = (
			incident) -> Optional.empty();

	/** Where a drill's plan context comes from (the drill runs, GH-16). */
	public void drillContexts(java.util.function.Function<Incident, Optional<DrillContext>> contexts) {
		this.drillContexts = contexts;
	}

	/**
	 * A drill's record and summary (GH-16), measured now and kept in its archive; their
	 * names.
	 */
	public List<String> drillDocuments(Incident incident, Playbook playbook) {
		Optional<DrillContext> plan = drillContexts.apply(incident);
		DrillMeasures measures = drills.measure(incident, playbook, plan.map(DrillContext::injectAt).orElse(null),
				plan.map(DrillContext::criteria).orElse(List.of()));
		return List.of(
				keep(incident, playbook, DrillPaperwork.RECORD,
						pdf.drillRecord(drills.record(incident, playbook, measures, plan))),
				keep(incident, playbook, DrillPaperwork.SUMMARY,
						pdf.drillSummary(drills.summary(incident, playbook, measures, plan))));
	}

	@Override
	public Optional<String> yearlyDrillReport(int year, List<String> trainings,
			java.util.function.Function<String, Optional<Playbook>> playbooks) {
		String prefix = "DRL-" + year;
		List<com.warroom.reports.DrillSummary> summaries = new java.util.ArrayList<>();
		List<String> ids = new java.util.ArrayList<>(
				archive.sealedIds().stream().filter((id) -> id.startsWith(prefix)).toList());
		java.util.Collections.reverse(ids); // in date order
		for (String id : ids) {
			Optional<Incident> incident = incidents.find(id).filter(Incident::isDrill);
			Optional<Playbook> playbook = incident.flatMap((drill) -> playbooks.apply(drill.playbookId()));
			if (incident.isEmpty() || playbook.isEmpty()) {
				continue;
			}
			// measured as at its close, like the summary kept then
			Optional<DrillContext> plan = drillContexts.apply(incident.get());
			DrillMeasures measures = drills.measure(incident.get(), playbook.get(),
					plan.map(DrillContext::injectAt).orElse(null), plan.map(DrillContext::criteria).orElse(List.of()));
			summaries.add(drills.summary(incident.get(), playbook.get(), measures, plan));
		}
		if (summaries.isEmpty()) {
			return Optional.empty();
		}
		byte[] content = pdf
			.yearlyDrillReport(new com.warroom.reports.YearlyDrillReport(year, company, summaries, trainings));
		return Optional.of(archive.store(Paperwork.drillYear(year), year + "年度应急演练情况总结报告.pdf", content).name());
	}

	private DocumentData data(Incident incident, Playbook playbook) {
		List<TimelineEntry> timeline = incidents.timeline(incident.id());
		return new DocumentData(incident, playbook, timeline, views.assessments().assess(incident, playbook, timeline),
				texts, words, clock, zone);
	}

	@Override
	public String reportBook(Incident incident, Playbook playbook, @Nullable String report, String reporter,
			BookVersion version) {
		DocumentData data = data(incident, playbook);
		ReportBook.Sequence sequence = data.sequenceOf(report);
		Optional<TimelineEntry> entry = (report != null) ? data.reportEntry(report) : Optional.empty();
		// 报告时间: when the report counted as made (once signed, for a book that needs 签发);
		// a book still waiting for its signatures has no report time yet
		Instant reportedAt = switch (version) {
			case DRAFT -> clock.instant();
			case FOR_SIGNING -> null;
			case SENT -> entry.map((made) -> data.countedAt(report, made)).orElse(clock.instant());
		};
		Optional<Person> liaison = entry.flatMap((made) -> roster.byId(made.personId()))
			.or(() -> roster.people().stream().filter((person) -> person.name().equals(reporter)).findFirst());
		String filedBy = (company.reporter() != null && !company.reporter().isBlank()) ? company.reporter()
				: entry.map(TimelineEntry::personName).orElse(reporter);
		// nor has it 签发人: a renewed book never shows
		// the signatures of the version it replaces
		List<String> signers = (report != null && version != BookVersion.FOR_SIGNING) ? data.signers(report)
				: List.of();
		ReportBook book = new ReportBook(incident.id(), incident.isDrill(), sequence, reportedAt,
				contactsOf(liaison).withReporter(filedBy), signers, data.occurredAt(), data.answer("place"),
				data.course(), data.impact(), data.assessment(), data.measures(), data.answer("assistance"),
				incident.isDrill() ? texts.get("doc.remarks.drill") : null);
		String name = texts.get("doc.name.reportbook", sequence.text().replace(" ", ""))
				+ ((version == BookVersion.SENT) ? "" : texts.get("doc.name.suffix." + version.name()));
		return keep(incident, playbook, name, pdf.reportBook(book));
	}

	/**
	 * The company's contact data; 联系人, 联系电话 and 联系方式（含手机） not configured
	 * ({@code COMPANY_CONTACT}, {@code COMPANY_PHONE}, {@code COMPANY_MOBILE}) default to
	 * the reporting liaison's roster entry: the regulator calls back the person who
	 * reported.
	 */
	private CompanyInfo contactsOf(Optional<Person> liaison) {
		if (liaison.isEmpty()) {
			return company;
		}
		Person person = liaison.get();
		return new CompanyInfo(company.name(), company.head(), company.reporter(),
				orElse(company.contact(), person.name()), orElse(company.phone(), person.phone()), company.fax(),
				orElse(company.mobile(), person.phone()), orElse(company.email(), person.email()), company.location());
	}

	private static @Nullable String orElse(@Nullable String configured, @Nullable String fallback) {
		return (configured != null && !configured.isBlank()) ? configured : fallback;
	}

	@Override
	public String postEventReport(Incident incident, Playbook playbook) {
		DocumentData data = data(incident, playbook);
		Investigation investigation = new Investigation(data.answer("investigation"), data.answer("human"),
				data.answer("handling"), data.answer("accountability"));
		PostEventReport report = new PostEventReport(incident.id(), incident.isDrill(), !data.causeKnown(),
				playbook.title(), company, clock.instant(), data.occurredAt(), incident.recoveredAt(),
				data.answer("place"), data.narrative(), data.course(), data.impact(), data.assessment(),
				data.reportsMade(), data.measures(), investigation, data.answer("lessons"), data.lines("problems"),
				data.lines("actions"), data.answer("other"));
		return keep(incident, playbook,
				texts.get(data.causeKnown() ? "doc.name.summary" : "doc.name.summary.preliminary"),
				pdf.postEventReport(report));
	}

	@Override
	public String incidentRecord(Incident incident, Playbook playbook) {
		DocumentData data = data(incident, playbook);
		Severity level = data.effectiveLevel();
		Severity first = firstLevel(data);
		String levelNote = (incident.levelOverride() != null) ? texts.get("doc.record.level.override",
				DocumentData.sentenceBody(String.valueOf(incident.levelReason())), texts.label(data.grade().level()))
				: null;
		String handler = data.mainHandler().orElse(data.declaredByName());
		String manager = manager(data);
		IncidentRecord record = new IncidentRecord(incident.id(), incident.isDrill(), company, phenomenon(data),
				data.impact().scope(), data.occurredAt(), data.discoveredAt(), data.firstReport().orElse(null),
				incident.declaredAt(), incident.recoveredAt(), data.declaredByName(), handler, first,
				(level != first) ? level : null, null, null, SignedSection.of(data.answer("cause"), manager, null),
				SignedSection.of(texts.get("doc.record.plan", playbook.fullTitle()), manager, incident.declaredAt()),
				new SignedSection(null, data.course(), handler, incident.recoveredAt()),
				SignedSection.of(data.answer("actions"), handler, null), SignedSection.of(null, manager, null),
				SignedSection.of(null, manager, null), incident.isDrill() ? texts.get("doc.remarks.drill") : null,
				levelNote);
		return keep(incident, playbook, Paperwork.RECORD_PREFIX + ".pdf", pdf.incidentRecord(record));
	}

	/**
	 * 事件现象: what was observed — the scenario's description, and the responders' notes.
	 */
	private String phenomenon(DocumentData data) {
		StringBuilder text = new StringBuilder(data.playbook.title());
		String description = data.playbook.description();
		if (description != null && !description.isBlank()) {
			text.append("：").append(DocumentData.sentence(description));
		}
		else {
			text.append("。");
		}
		List<String> notes = data.notes();
		if (!notes.isEmpty()) {
			text.append("\n").append(texts.get("doc.record.notes")).append(String.join("；", notes)).append("。");
		}
		return text.toString();
	}

	/**
	 * 事件管理人: the 应急工作小组组长 (commander) who acted on the incident last — closed it, set its
	 * level, answered a step — else the roster's first commander; never simply the person
	 * who declared it.
	 */
	private @Nullable String manager(DocumentData data) {
		List<TimelineEntry> entries = new java.util.ArrayList<>(data.timeline);
		java.util.Collections.reverse(entries);
		for (TimelineEntry entry : entries) {
			Optional<Person> person = roster.byId(entry.personId());
			if (person.isPresent() && person.get().roles().contains(RosterRole.COMMANDER)) {
				return person.get().name();
			}
		}
		return roster.withRole(RosterRole.COMMANDER).stream().map(Person::name).findFirst().orElse(null);
	}

	/**
	 * The level first announced: the {@code from} of the first rise, else the level
	 * computed now.
	 */
	private static Severity firstLevel(DocumentData data) {
		return data.timeline.stream()
			.filter((entry) -> entry.type() == TimelineType.LEVEL_RAISED && entry.detail("from") != null)
			.map((entry) -> Severity.valueOf(entry.detail("from")))
			.findFirst()
			.orElse(data.grade().level());
	}

	@Override
	public List<NoticeTemplate> notices() {
		return notices.templates();
	}

	@Override
	public Optional<String> noticeText(Incident incident, String templateId, Map<String, String> choices,
			String recovery) {
		return notices.render(incident, templateId, choices, recovery).map(com.warroom.reports.Notice::asText);
	}

	@Override
	public Optional<String> noticePdf(Incident incident, String templateId, Map<String, String> choices,
			String recovery) {
		return notices.render(incident, templateId, choices, recovery)
			.map((notice) -> keep(incident, texts.get("doc.name.notice", notice.title()),
					pdf.notice(notice.title(), notice.text(), incident.isDrill())));
	}

	@Override
	public void seal(Incident incident, Playbook playbook) {
		if (archive.sealed(incident.id()).isPresent()) {
			return;
		}
		if (documents(incident.id()).stream().noneMatch((name) -> name.startsWith(Paperwork.RECORD_PREFIX))) {
			incidentRecord(incident, playbook);
		}
		if (incident.isDrill() && !documents(incident.id()).contains(DrillPaperwork.RECORD)) {
			// a drill closes with its record and summary,
			// measured from its timeline (GH-16)
			drillDocuments(incident, playbook);
		}
		archive.seal(incident.id(), timelineJson(incident, playbook));
	}

	@Override
	public List<String> archived() {
		return archive.sealedIds();
	}

	@Override
	public List<String> documents(String incidentId) {
		try {
			return archive.documents(incidentId).stream().map(Archive.StoredDocument::name).toList();
		}
		catch (IllegalArgumentException ex) {
			return List.of();
		}
	}

	/** The timeline as archived: see {@code docs/archive.md}. */
	String timelineJson(Incident incident, Playbook playbook) {
		Map<String, Object> root = new LinkedHashMap<>();
		root.put("schema", TIMELINE_SCHEMA);
		root.put("incident", incident.id());
		root.put("kind", incident.kind().name());
		root.put("playbook", Map.of("id", playbook.id(), "title", playbook.fullTitle()));
		root.put("startedAt", incident.startedAt().toString());
		root.put("declaredAt", incident.declaredAt().toString());
		root.put("recoveredAt", (incident.recoveredAt() != null) ? incident.recoveredAt().toString() : null);
		root.put("closedAt", (incident.closedAt() != null) ? incident.closedAt().toString() : null);
		// the level in force; with a leader's override
		// also the computed level and the reason
		Severity computed = views.assessments().assess(incident, playbook).grade().level();
		root.put("level", (incident.levelOverride() != null) ? incident.levelOverride().name() : computed.name());
		root.put("computedLevel", computed.name());
		if (incident.levelOverride() != null) {
			Map<String, Object> override = new LinkedHashMap<>();
			override.put("level", incident.levelOverride().name());
			override.put("reason", incident.levelReason());
			override.put("by", incident.levelState().by());
			root.put("override", override);
		}
		root.put("entries", incidents.timeline(incident.id()).stream().map((entry) -> {
			Map<String, Object> line = new LinkedHashMap<>();
			line.put("id", entry.id());
			line.put("at", entry.at().toString());
			line.put("type", entry.type().name());
			line.put("personId", entry.personId());
			line.put("personName", entry.personName());
			line.put("channel", entry.channel());
			line.put("text", words.describeText(entry));
			line.put("details", new java.util.TreeMap<>(entry.details()));
			return line;
		}).toList());
		try {
			return json.writeValueAsString(root);
		}
		catch (JsonProcessingException ex) {
			throw new IllegalStateException(ex);
		}
	}

	@Override
	public Sent keepAsSent(Incident incident, Playbook playbook, String report, String signed) {
		byte[] approved = archive.read(incident.id(), signed)
			.orElseThrow(() -> new IllegalStateException(signed + " is not in the archive of " + incident.id()));
		DocumentData data = data(incident, playbook);
		TimelineEntry made = data.reportEntry(report)
			.orElseThrow(
					() -> new IllegalStateException(report + " of " + incident.id() + " was never asked to be signed"));
		byte[] sent = pdf.sentReportBook(approved, data.countedAt(report, made), data.signers(report));
		String name = keep(incident, playbook,
				signed.replace(texts.get("doc.name.suffix." + BookVersion.FOR_SIGNING.name()), ""), sent);
		return new Sent(name, sha256(sent), approved.length, sha256(approved));
	}

	private static String sha256(byte[] content) {
		try {
			return java.util.HexFormat.of()
				.formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(content));
		}
		catch (java.security.NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

	@Override
	public Optional<byte[]> read(String incidentId, String name) {
		return archive.read(incidentId, name);
	}

	private String keep(Incident incident, String name, byte[] content) {
		return keep(incident, null, name, content);
	}

	/**
	 * Keeps a document in the archive; once the archive is sealed (after close), as a
	 * sealed supplement chained to it, with the timeline as it is now when the playbook
	 * is known.
	 */
	private String keep(Incident incident, @Nullable Playbook playbook, String name, byte[] content) {
		String safe = name.replaceAll("[^\\p{L}\\p{N}._-]", "");
		String file = safe.endsWith(".pdf") ? safe : safe + ".pdf";
		if (archive.sealed(incident.id()).isPresent()) {
			String timeline = (playbook != null) ? timelineJson(incident, playbook) : null;
			return archive.supplement(incident.id(), file, content, timeline).document().name();
		}
		return archive.store(incident.id(), file, content).name();
	}

}
