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
import com.warroom.bot.incident.Incident;
import com.warroom.bot.incident.IncidentStore;
import com.warroom.bot.incident.TimelineEntry;
import com.warroom.bot.incident.TimelineType;
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

	private final Texts texts;

	private final PdfDocuments pdf;

	private final Archive archive;

	private final CompanyInfo company;

	private final CustomerNotices notices;

	private final Clock clock;

	private final ZoneId zone;

	private final ObjectMapper json = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

	public IncidentPaperwork(IncidentStore incidents, IncidentViews views, Texts texts, PdfDocuments pdf, Archive archive,
			CompanyInfo company, CustomerNotices notices, Clock clock, ZoneId zone) {
		this.incidents = incidents;
		this.views = views;
		this.texts = texts;
		this.pdf = pdf;
		this.archive = archive;
		this.company = company;
		this.notices = notices;
		this.clock = clock;
		this.zone = zone;
	}

	private DocumentData data(Incident incident, Playbook playbook) {
		return new DocumentData(incident, playbook, incidents.timeline(incident.id()), views, texts, clock, zone);
	}

	@Override
	public String reportBook(Incident incident, Playbook playbook, @Nullable String report, String reporter,
			BookVersion version) {
		DocumentData data = data(incident, playbook);
		ReportBook.Sequence sequence = data.sequenceOf(report);
		Optional<TimelineEntry> entry = (report != null) ? data.reportEntry(report) : Optional.empty();
		Instant reportedAt = entry.map(data::reportedAt).orElse(clock.instant());
		String filedBy = (company.reporter() != null && !company.reporter().isBlank()) ? company.reporter()
				: entry.map(TimelineEntry::personName).orElse(reporter);
		List<String> signers = (report != null) ? data.signers(report) : List.of();
		ReportBook book = new ReportBook(incident.id(), incident.isDrill(), sequence, reportedAt,
				company.withReporter(filedBy), signers, incident.startedAt(), data.answer("place"), data.course(),
				data.impact(), data.assessment(), data.measures(), data.answer("assistance"),
				incident.isDrill() ? texts.get("doc.remarks.drill") : null);
		String name = texts.get("doc.name.reportbook", sequence.text().replace(" ", ""))
				+ ((version == BookVersion.SENT) ? "" : texts.get("doc.name.suffix." + version.name()));
		return keep(incident, name, pdf.reportBook(book));
	}

	@Override
	public String postEventReport(Incident incident, Playbook playbook) {
		DocumentData data = data(incident, playbook);
		Severity level = data.grade().level();
		Investigation investigation = new Investigation(texts.get("doc.investigation", level.label()), data.answer("human"),
				data.answer("handling"), data.answer("accountability"));
		PostEventReport report = new PostEventReport(incident.id(), incident.isDrill(), !data.causeKnown(), playbook.title(),
				company, clock.instant(), incident.startedAt(), incident.recoveredAt(), data.answer("place"),
				data.narrative(company), data.course(), data.impact(), data.assessment(), data.reportsMade(), data.measures(),
				investigation, data.answer("lessons"), data.lines("problems"), data.lines("actions"), data.answer("other"));
		return keep(incident, texts.get(data.causeKnown() ? "doc.name.summary" : "doc.name.summary.preliminary"),
				pdf.postEventReport(report));
	}

	@Override
	public String incidentRecord(Incident incident, Playbook playbook) {
		DocumentData data = data(incident, playbook);
		Severity level = data.grade().level();
		Optional<TimelineEntry> raised = data.timeline.stream()
			.filter((entry) -> entry.type() == TimelineType.LEVEL_RAISED)
			.reduce((first, second) -> second);
		Severity first = raised.map((entry) -> firstLevel(data)).orElse(level);
		String handler = data.mainHandler().orElse(data.declaredByName());
		IncidentRecord record = new IncidentRecord(incident.id(), incident.isDrill(), company, playbook.title(),
				data.impact().scope(), incident.startedAt(), incident.startedAt(), data.firstReport().orElse(null),
				incident.declaredAt(), incident.recoveredAt(), data.declaredByName(), handler, first,
				raised.isPresent() ? level : null, null, null,
				SignedSection.of(data.answer("cause"), null, null),
				SignedSection.of(texts.get("doc.record.plan", playbook.fullTitle()), data.declaredByName(), incident.declaredAt()),
				new SignedSection(null, data.course(), handler, incident.recoveredAt()),
				SignedSection.of(data.answer("actions"), null, null), SignedSection.EMPTY, SignedSection.EMPTY,
				incident.isDrill() ? texts.get("doc.remarks.drill") : null);
		return keep(incident, Paperwork.RECORD_PREFIX + ".pdf", pdf.incidentRecord(record));
	}

	/** The level first announced: the {@code from} of the first rise. */
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
	public Optional<String> noticeText(Incident incident, String templateId, Map<String, String> choices, String recovery) {
		return notices.render(incident, templateId, choices, recovery).map(com.warroom.reports.Notice::asText);
	}

	@Override
	public Optional<String> noticePdf(Incident incident, String templateId, Map<String, String> choices, String recovery) {
		return notices.render(incident, templateId, choices, recovery)
			.map((notice) -> keep(incident, texts.get("doc.name.notice", notice.title()),
					pdf.notice(notice.title(), notice.text(), incident.id(), incident.isDrill())));
	}

	@Override
	public void seal(Incident incident, Playbook playbook) {
		if (archive.sealed(incident.id()).isPresent()) {
			return;
		}
		if (documents(incident.id()).stream().noneMatch((name) -> name.startsWith(Paperwork.RECORD_PREFIX))) {
			incidentRecord(incident, playbook);
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
		root.put("level", views.grade(incident, playbook).level().name());
		root.put("entries", incidents.timeline(incident.id()).stream().map((entry) -> {
			Map<String, Object> line = new LinkedHashMap<>();
			line.put("id", entry.id());
			line.put("at", entry.at().toString());
			line.put("type", entry.type().name());
			line.put("personId", entry.personId());
			line.put("personName", entry.personName());
			line.put("channel", entry.channel());
			line.put("text", views.describeText(entry));
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
	public String keepAsSent(Incident incident, String signed) {
		byte[] bytes = archive.read(incident.id(), signed)
			.orElseThrow(() -> new IllegalStateException(signed + " is not in the archive of " + incident.id()));
		return keep(incident, signed.replace(texts.get("doc.name.suffix." + BookVersion.FOR_SIGNING.name()), ""), bytes);
	}

	@Override
	public Optional<byte[]> read(String incidentId, String name) {
		return archive.read(incidentId, name);
	}

	private String keep(Incident incident, String name, byte[] content) {
		String safe = name.replaceAll("[^\\p{L}\\p{N}._-]", "");
		return archive.store(incident.id(), safe.endsWith(".pdf") ? safe : safe + ".pdf", content).name();
	}

}
