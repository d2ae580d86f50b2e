package com.warroom.bot.documents;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

import com.warroom.bot.engine.Texts;
import com.warroom.bot.engine.TimelineText;
import com.warroom.bot.incident.Incident;
import com.warroom.bot.incident.TimelineEntry;
import com.warroom.bot.incident.TimelineType;
import com.warroom.playbooks.Grade;
import com.warroom.playbooks.Obligation;
import com.warroom.playbooks.Playbook;
import com.warroom.playbooks.Severity;
import com.warroom.playbooks.Step;
import com.warroom.reports.Assessment;
import com.warroom.reports.EventClass;
import com.warroom.reports.Impact;
import com.warroom.reports.Measure;
import com.warroom.reports.Nature;
import com.warroom.reports.ReportBook;
import com.warroom.reports.ReportMade;
import com.warroom.reports.TimedLine;
import org.jspecify.annotations.Nullable;

/**
 * What the documents say of one incident, read from the incident as stored now: its
 * timeline, its facts, its grade and override, and the answers of the {@code /summary}
 * interview ({@code sum:*} fields). What a regulator reads is written as whole sentences
 * from the timeline: the discovery, the declaration, each step done in the playbook's own
 * words, decisions, level changes, the recovery; internal notes only when a responder
 * marked them for the report. Values the bot cannot know stay null and print as "—".
 */
final class DocumentData {

	private static final DateTimeFormatter DATE_TIME = DateTimeFormatter.ofPattern("yyyy 年 M 月 d 日 H 点 mm 分 ss 秒");

	final Incident incident;

	final Playbook playbook;

	final List<TimelineEntry> timeline;

	/** The level and the reports owed, from the same timeline. */
	private final com.warroom.bot.assessment.Assessment assessed;

	private final Texts texts;

	/** What the timeline's entries say, in the words of {@code texts}. */
	private final TimelineText words;

	private final Clock clock;

	private final ZoneId zone;

	DocumentData(Incident incident, Playbook playbook, List<TimelineEntry> timeline,
			com.warroom.bot.assessment.Assessment assessed, Texts texts, TimelineText words, Clock clock, ZoneId zone) {
		this.zone = zone;
		this.incident = incident;
		this.playbook = playbook;
		this.timeline = timeline;
		this.assessed = assessed;
		this.texts = texts;
		this.words = words;
		this.clock = clock;
	}

	/** An answer of the {@code /summary} interview, or null. */
	@Nullable String answer(String item) {
		String value = incident.answer(item);
		return value.isBlank() ? null : value.strip();
	}

	/** The answer split into its lines (lists such as 整改措施). */
	List<String> lines(String item) {
		String value = answer(item);
		return (value == null) ? List.of()
				: Arrays.stream(value.split("\\R")).map(String::strip).filter((line) -> !line.isEmpty()).toList();
	}

	boolean causeKnown() {
		return answer("cause") != null;
	}

	/** The level the grading rules give now. */
	Grade grade() {
		return assessed.grade();
	}

	/** The level in force: a leader's override, else the computed one. */
	Severity effectiveLevel() {
		return (incident.levelOverride() != null) ? incident.levelOverride() : grade().level();
	}

	/** 发现时间: when the incident was found (the discovery time given at declaration). */
	Instant discoveredAt() {
		return incident.startedAt();
	}

	/**
	 * 发生时间: as answered in the interview when it differs from the discovery, else the
	 * discovery.
	 */
	Instant occurredAt() {
		return com.warroom.bot.assessment.Assessment.occurredAt(incident);
	}

	/** Ids of notes a responder marked for the report ({@code /note !…} or 写入报告). */
	private Set<String> notesForReport() {
		Set<String> marked = new HashSet<>();
		for (TimelineEntry entry : timeline) {
			if (entry.type() == TimelineType.NOTE && "1".equals(entry.detail("report"))) {
				marked.add(entry.id());
			}
			if (entry.type() == TimelineType.NOTE_MARKED && entry.detail("note") != null) {
				marked.add(entry.detail("note"));
			}
		}
		return marked;
	}

	/**
	 * 事件简要经过 / 事件发生经过 / 处理过程: whole sentences, oldest first, never shortened: the
	 * occurrence (when it differs), the discovery, the declaration, each step done in the
	 * playbook's words, decisions, level changes, the recovery, and the notes marked for
	 * the report.
	 */
	List<TimedLine> course() {
		List<TimedLine> lines = new ArrayList<>();
		if (occurredAt().isBefore(discoveredAt())) {
			lines.add(line(occurredAt(), texts.get("doc.course.occurred", playbook.title())));
		}
		lines.add(line(discoveredAt(), texts.get("doc.course.discovered", playbook.title())));
		Set<String> notes = notesForReport();
		for (TimelineEntry entry : timeline) {
			String sentence = switch (entry.type()) {
				case DECLARED -> texts.get("doc.course.declared", entry.personName(), plan());
				case STEP_DONE -> texts.get("doc.course.step", entry.personName(), stepText(entry));
				case STEP_CONFIRMED ->
					texts.get("doc.course.confirmed", doneBy(entry), entry.personName(), stepText(entry));
				case DECISION ->
					texts.get("doc.course.decision", entry.personName(), said(entry), detail(entry, "answer"));
				case LEVEL_SET -> texts.get("doc.course.level.set", entry.personName(), level(entry), said(entry));
				case LEVEL_RAISED -> texts.get("doc.course.level.raised", level(entry), said(entry));
				case NOTE ->
					notes.contains(entry.id()) ? texts.get("doc.course.note", entry.personName(), said(entry)) : null;
				default -> null;
			};
			if (sentence != null) {
				lines.add(line(entry.at(), sentence));
			}
			if (entry.type() == TimelineType.RECOVERED) {
				Instant at = (incident.recoveredAt() != null) ? incident.recoveredAt() : entry.at();
				lines.add(line(at, texts.get("doc.course.recovered", entry.personName(), duration(occurredAt(), at))));
			}
		}
		lines.sort(Comparator.comparing(TimedLine::at));
		return lines;
	}

	/** Who asked for the 双岗复核 that {@code confirmed} answers (the first of the two). */
	private String doneBy(TimelineEntry confirmed) {
		String by = confirmed.personName();
		for (TimelineEntry entry : timeline) {
			if (entry == confirmed) {
				break;
			}
			if (entry.type() == TimelineType.CONFIRMATION_REQUESTED
					&& java.util.Objects.equals(entry.detail("step"), confirmed.detail("step"))) {
				by = entry.personName();
			}
		}
		return by;
	}

	/** A whole sentence: one closing 。, never two. */
	private static TimedLine line(Instant at, String text) {
		return new TimedLine(at, sentence(text));
	}

	static String sentence(String text) {
		String body = text.strip().replaceAll("[。．；;，,、\\s]+$", "").replaceAll("[。；，、]+([。；，、])", "$1");
		// a question or an exclamation already ends its sentence
		return body.matches("(?s).*[？！?!]$") ? body : body + "。";
	}

	private static String detail(TimelineEntry entry, String key) {
		String value = entry.detail(key);
		return (value == null) ? "" : sentenceBody(value);
	}

	/**
	 * What the entry says (a reason, a note, a decision's question), as a sentence's
	 * body.
	 */
	private String said(TimelineEntry entry) {
		String text = words.text(entry);
		return text.isEmpty() ? "" : sentenceBody(text);
	}

	/** The level an entry sets or raises to, e.g. 较大. */
	private String level(TimelineEntry entry) {
		return (entry.detail("level") == null) ? "" : sentenceBody(words.level(entry));
	}

	/** A text inside a sentence: without its own closing punctuation. */
	static String sentenceBody(String text) {
		return text.strip().replaceAll("[。．；;，,、\\s]+$", "");
	}

	/** The step's own words (the playbook's text), never the shortened title. */
	private String stepText(TimelineEntry entry) {
		String id = entry.detail("step");
		Optional<Step> step = (id != null) ? playbook.step(id) : Optional.empty();
		String text = step.map(Step::text).orElse(entry.detail("title"));
		return sentenceBody(String.valueOf(text));
	}

	/** The plan started: 附件四《数据库主机硬件故障》. */
	private String plan() {
		return (playbook.annex() != null) ? playbook.annex() + "《" + playbook.fullTitle() + "》"
				: "《" + playbook.fullTitle() + "》";
	}

	/**
	 * 已采取的措施及效果: each step done (in the playbook's words, with its 双岗复核), each step
	 * skipped or blocked with its reason, each decision, then the recovery.
	 */
	List<Measure> measures() {
		List<Measure> measures = new ArrayList<>();
		Set<String> confirmed = new HashSet<>();
		for (TimelineEntry entry : timeline) {
			if (entry.type() == TimelineType.STEP_CONFIRMED && entry.detail("step") != null) {
				confirmed.add(entry.detail("step"));
			}
		}
		for (TimelineEntry entry : timeline) {
			switch (entry.type()) {
				case STEP_DONE -> {
					if (!confirmed.contains(entry.detail("step"))) {
						measures.add(new Measure(entry.at(), sentence(stepText(entry)), null));
					}
				}
				case STEP_CONFIRMED -> measures.add(new Measure(entry.at(), sentence(stepText(entry)),
						texts.get("doc.measure.confirmed", entry.personName())));
				case STEP_SKIPPED -> measures
					.add(new Measure(entry.at(), texts.get("doc.measure.skipped", stepText(entry), said(entry)), null));
				case STEP_BLOCKED -> measures
					.add(new Measure(entry.at(), texts.get("doc.measure.blocked", stepText(entry), said(entry)), null));
				case DECISION -> measures.add(new Measure(entry.at(),
						texts.get("doc.measure.decision", said(entry), detail(entry, "answer")), null));
				default -> {
				}
			}
		}
		if (incident.recoveredAt() != null) {
			measures.add(new Measure(incident.recoveredAt(), texts.get("doc.measure.recovered"),
					texts.get("doc.measure.recovered.effect", duration(occurredAt(), incident.recoveredAt()))));
		}
		return measures;
	}

	/**
	 * The impact as recorded: the interview's answers, else the systems affected and the
	 * extent of the interruption, whether investors are affected, and the investors whose
	 * data was damaged or leaked. Never the playbook's instructions to staff.
	 */
	Impact impact() {
		String scope = Optional.ofNullable(answer("impact")).orElseGet(this::recordedScope);
		Instant end = (incident.recoveredAt() != null) ? incident.recoveredAt() : clock.instant();
		String degree = texts.get(incident.recoveredAt() != null ? "doc.degree.recovered" : "doc.degree.open",
				texts.get("fact.interruption." + incident.interruption().name()), duration(occurredAt(), end));
		return new Impact(scope, degree, Optional.ofNullable(answer("affected")).orElseGet(this::recordedPeople),
				answer("loss"));
	}

	private String recordedScope() {
		String system = texts.get("doc.scope.system", texts.label(playbook.systemClass()), playbook.title(),
				texts.get("fact.interruption." + incident.interruption().name()));
		return system + texts.get(incident.investorsAffected() ? "doc.scope.investors" : "doc.scope.noinvestors");
	}

	private @Nullable String recordedPeople() {
		long damaged = incident.facts().damaged();
		long leaked = incident.facts().leaked();
		if (damaged == 0 && leaked == 0) {
			return null;
		}
		return texts.get("doc.people.data", String.valueOf(damaged), String.valueOf(leaked));
	}

	/**
	 * The judgement, with the effective level: a leader's override shows its reason and
	 * the computed level.
	 */
	Assessment assessment() {
		Grade grade = grade();
		String reasons = String.join("；", grade.reasons().stream().map(Grade.Reason::toString).toList());
		Severity override = incident.levelOverride();
		return new Assessment(answer("consequence"), answer("cause"), eventClass(), effectiveLevel(), reasons, nature(),
				(override != null) ? grade.level() : null, (override != null) ? incident.levelReason() : null);
	}

	/** The class answered in the interview, else the one the scenario suggests. */
	EventClass eventClass() {
		String answered = answer("class");
		for (EventClass value : EventClass.values()) {
			// the interview stores the Chinese label the person chose: data, not display
			if (value.label().equals(answered)) {
				return value;
			}
		}
		String words = playbook.title() + " " + playbook.category();
		if (words.matches(".*(攻击|篡改|病毒|入侵|木马|DDoS|DDOS).*")) {
			return EventClass.ATTACK;
		}
		if (words.matches(".*(市电|停电|运营商|电信|联通|移动公司).*")) {
			return EventClass.EXTERNAL;
		}
		return EventClass.EQUIPMENT_FAILURE;
	}

	Nature nature() {
		String answered = answer("nature");
		for (Nature value : Nature.values()) {
			// as for the class: the stored answer is the Chinese label
			if (value.label().equals(answered)) {
				return value;
			}
		}
		return Nature.PENDING;
	}

	/** Reports made, oldest first, each with its 签发人 (4.3 第十二条 事件报告的情况). */
	List<ReportMade> reportsMade() {
		List<ReportMade> made = new ArrayList<>();
		for (TimelineEntry entry : timeline) {
			if (entry.type() == TimelineType.REPORTED) {
				String recipients = entry.detail("recipients");
				String key = entry.detail("kind") + ":" + entry.detail("seq");
				made.add(new ReportMade(sequence(entry.detail("kind"), entry.detail("seq")), countedAt(key, entry),
						entry.detail("via"),
						(recipients == null || recipients.isBlank()) ? List.of() : List.of(recipients.split("、")),
						signers(key)));
			}
		}
		return made;
	}

	/**
	 * The report of {@code key} ({@code CYCLE:2}), or the next one owed, or the next
	 * number.
	 */
	ReportBook.Sequence sequenceOf(@Nullable String key) {
		if (key != null && key.contains(":")) {
			String[] parts = key.split(":", 2);
			return sequence(parts[0], parts[1]);
		}
		List<Obligation> owed = assessed.owed();
		if (!owed.isEmpty()) {
			return sequence(owed.get(0).kind().name(), String.valueOf(owed.get(0).sequence()));
		}
		return ReportBook.Sequence.nth(reportsMade().size() + 1);
	}

	ReportBook.Sequence sequence(@Nullable String kind, @Nullable String seq) {
		int number = 0;
		try {
			number = Integer.parseInt(String.valueOf(seq));
		}
		catch (NumberFormatException ex) {
			// a label only
		}
		if ("CYCLE".equals(kind) && number > 0) {
			return ReportBook.Sequence.nth(number);
		}
		String label = texts.get("obligation." + ((kind != null) ? kind : "CYCLE"));
		return (number > 0) ? new ReportBook.Sequence(number, label) : ReportBook.Sequence.labelled(label);
	}

	/** The entry that recorded (or asked to sign) report {@code key}. */
	Optional<TimelineEntry> reportEntry(String key) {
		Optional<TimelineEntry> found = Optional.empty();
		for (TimelineEntry entry : timeline) {
			boolean report = entry.type() == TimelineType.REPORTED
					|| entry.type() == TimelineType.REPORT_APPROVAL_REQUESTED;
			if (report && key.equals(entry.detail("kind") + ":" + entry.detail("seq"))) {
				found = Optional.of(entry);
			}
		}
		return found;
	}

	/**
	 * Who signed report {@code key} (签发人), in the order they signed: the signatures of
	 * the book's last version only (a book renewed while signing is signed anew; the
	 * signatures of a superseded version do not count).
	 */
	List<String> signers(String key) {
		return approvals(key).stream().map(TimelineEntry::personName).distinct().toList();
	}

	/** The signatures of the last version of report {@code key}'s book. */
	private List<TimelineEntry> approvals(String key) {
		String version = bookVersion(key);
		return timeline.stream()
			.filter((entry) -> entry.type() == TimelineType.REPORT_APPROVED)
			.filter((entry) -> key.equals(entry.detail("kind") + ":" + entry.detail("seq")))
			.filter((entry) -> version.equals(Objects.requireNonNullElse(entry.detail("ver"), "1")))
			.toList();
	}

	/**
	 * The version of report {@code key}'s book the signers sign: 1, or the last
	 * renewal's.
	 */
	private String bookVersion(String key) {
		String version = "1";
		for (TimelineEntry entry : timeline) {
			if (entry.type() == TimelineType.REPORT_BOOK_RENEWED
					&& key.equals(entry.detail("kind") + ":" + entry.detail("seq")) && entry.detail("ver") != null) {
				version = entry.detail("ver");
			}
		}
		return version;
	}

	/**
	 * The time the responder gave for a report (its {@code reportAt}), else the entry's
	 * time.
	 */
	Instant reportedAt(TimelineEntry entry) {
		String at = entry.detail("reportAt");
		return (at != null && at.chars().allMatch(Character::isDigit) && !at.isEmpty())
				? Instant.ofEpochMilli(Long.parseLong(at)) : entry.at();
	}

	/**
	 * When report {@code key} counted as made: its given time, or, when it needed 签发, the
	 * last signature if that came later (4.2 L10505-10510: it counts once signed).
	 */
	Instant countedAt(String key, TimelineEntry entry) {
		Instant given = reportedAt(entry);
		return approvals(key).stream()
			.map(TimelineEntry::at)
			.filter(given::isBefore)
			.max(Comparator.naturalOrder())
			.orElse(given);
	}

	/** The first report made, if any (上报时间 of the incident record). */
	Optional<Instant> firstReport() {
		return reportsMade().stream().map(ReportMade::at).findFirst();
	}

	/** Who worked on the incident most (处理人): the person with the most steps done. */
	Optional<String> mainHandler() {
		return timeline.stream()
			.filter((entry) -> entry.type() == TimelineType.STEP_DONE
					|| entry.type() == TimelineType.CONFIRMATION_REQUESTED)
			.collect(java.util.stream.Collectors.groupingBy(TimelineEntry::personName, java.util.LinkedHashMap::new,
					java.util.stream.Collectors.counting()))
			.entrySet()
			.stream()
			.max(java.util.Map.Entry.comparingByValue())
			.map(java.util.Map.Entry::getKey);
	}

	String declaredByName() {
		return timeline.stream()
			.filter((entry) -> entry.type() == TimelineType.DECLARED)
			.map(TimelineEntry::personName)
			.findFirst()
			.orElse(incident.declaredBy());
	}

	/** All notes, marked or not, for the internal record's 事件现象. */
	List<String> notes() {
		return timeline.stream()
			.filter((entry) -> entry.type() == TimelineType.NOTE && !words.text(entry).isEmpty())
			.map((entry) -> entry.personName() + "：" + sentenceBody(words.text(entry)))
			.toList();
	}

	/**
	 * Prose for 事件发生经过: when and how it began, what was done, how it ended — whole
	 * sentences.
	 */
	List<String> narrative() {
		List<String> paragraphs = new ArrayList<>();
		String discovered = dateTime(discoveredAt());
		String start = occurredAt().isBefore(discoveredAt())
				? texts.get("doc.narrative.occurred", dateTime(occurredAt()), playbook.title(), discovered)
				: texts.get("doc.narrative.discovered", discovered, playbook.title());
		paragraphs.add(sentence(start) + sentence(texts.get("doc.narrative.declared", declaredByName(), plan())));
		List<String> steps = measures().stream()
			.filter((measure) -> !measure.action().equals(texts.get("doc.measure.recovered")))
			.map((measure) -> sentenceBody(measure.action())
					+ (measure.effect() != null ? "（" + sentenceBody(measure.effect()) + "）" : ""))
			.toList();
		if (!steps.isEmpty()) {
			paragraphs.add(sentence(texts.get("doc.narrative.measures", String.join("；", steps))));
		}
		if (incident.recoveredAt() != null) {
			paragraphs.add(sentence(texts.get("doc.narrative.recovered", dateTime(incident.recoveredAt()),
					duration(occurredAt(), incident.recoveredAt()))));
		}
		else {
			paragraphs.add(sentence(texts.get("doc.narrative.open", dateTime(clock.instant()))));
		}
		return paragraphs;
	}

	private String dateTime(Instant instant) {
		return DATE_TIME.format(instant.atZone(zone));
	}

	/** {@code 1 分 30 秒}, {@code 2 小时 5 分}, {@code 1 天 3 小时 2 分}. */
	static String duration(Instant from, Instant to) {
		Duration span = Duration.between(from, to);
		if (span.isNegative()) {
			span = Duration.ZERO;
		}
		if (span.toDays() > 0) {
			return span.toDays() + " 天 " + span.toHoursPart() + " 小时 " + span.toMinutesPart() + " 分";
		}
		if (span.toHours() > 0) {
			return span.toHours() + " 小时 " + span.toMinutesPart() + " 分";
		}
		if (span.toMinutes() > 0) {
			return span.toMinutes() + " 分" + ((span.toSecondsPart() > 0) ? " " + span.toSecondsPart() + " 秒" : "钟");
		}
		return span.toSeconds() + " 秒";
	}

}
