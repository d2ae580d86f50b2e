package com.warroom.bot.documents;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import com.warroom.bot.engine.IncidentViews;
import com.warroom.bot.engine.Texts;
import com.warroom.bot.incident.Incident;
import com.warroom.bot.incident.TimelineEntry;
import com.warroom.bot.incident.TimelineType;
import com.warroom.playbooks.Grade;
import com.warroom.playbooks.Obligation;
import com.warroom.playbooks.Playbook;
import com.warroom.reports.Assessment;
import com.warroom.reports.CompanyInfo;
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
 * timeline, its facts, its grade and the answers of the {@code /summary} interview
 * ({@code sum:*} fields). Values the bot cannot know stay null and print as "—".
 */
final class DocumentData {

	/** Timeline entries that tell the course of events (notes, steps, decisions, reports, level). */
	private static final Set<TimelineType> COURSE = EnumSet.of(TimelineType.DECLARED, TimelineType.STEP_DONE,
			TimelineType.STEP_CONFIRMED, TimelineType.STEP_BLOCKED, TimelineType.DECISION, TimelineType.NOTE,
			TimelineType.LEVEL_SET, TimelineType.LEVEL_RAISED, TimelineType.REPORTED, TimelineType.RECOVERED,
			TimelineType.CLOSED);

	private static final java.time.format.DateTimeFormatter DATE_TIME = java.time.format.DateTimeFormatter
		.ofPattern("yyyy 年 M 月 d 日 H 点 mm 分 ss 秒");

	final Incident incident;

	final Playbook playbook;

	final List<TimelineEntry> timeline;

	private final IncidentViews views;

	private final Texts texts;

	private final Clock clock;

	private final java.time.ZoneId zone;

	DocumentData(Incident incident, Playbook playbook, List<TimelineEntry> timeline, IncidentViews views, Texts texts,
			Clock clock, java.time.ZoneId zone) {
		this.zone = zone;
		this.incident = incident;
		this.playbook = playbook;
		this.timeline = timeline;
		this.views = views;
		this.texts = texts;
		this.clock = clock;
	}

	/** An answer of the {@code /summary} interview, or null. */
	@Nullable String answer(String item) {
		String value = incident.fields().get("sum:" + item);
		return (value == null || value.isBlank()) ? null : value.strip();
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

	Grade grade() {
		return views.grade(incident, playbook);
	}

	List<TimedLine> course() {
		List<TimedLine> lines = new ArrayList<>();
		for (TimelineEntry entry : timeline) {
			if (COURSE.contains(entry.type())) {
				lines.add(new TimedLine(entry.at(), entry.personName() + "：" + views.describeText(entry)));
			}
		}
		return lines;
	}

	/** Steps completed (and confirmed), then the recovery: 已采取的措施及效果. */
	List<Measure> measures() {
		List<Measure> measures = new ArrayList<>();
		for (TimelineEntry entry : timeline) {
			if (entry.type() == TimelineType.STEP_DONE || entry.type() == TimelineType.STEP_CONFIRMED) {
				String step = entry.detail("title");
				measures.add(new Measure(entry.at(), (step != null) ? step : views.describeText(entry),
						entry.type() == TimelineType.STEP_CONFIRMED ? texts.get("doc.measure.confirmed", entry.personName())
								: null));
			}
		}
		if (incident.recoveredAt() != null) {
			measures.add(new Measure(incident.recoveredAt(), texts.get("doc.measure.recovered"),
					texts.get("doc.measure.recovered.effect", duration(incident.startedAt(), incident.recoveredAt()))));
		}
		return measures;
	}

	/** Answers of the interview, else what the scenario and the facts say. */
	Impact impact() {
		String scope = Optional.ofNullable(answer("impact"))
			.or(() -> Optional.ofNullable(playbook.impact()))
			.orElse(texts.get("doc.scope", playbook.systemClass().label(), Optional.ofNullable(playbook.stakeholders()).orElse("")));
		Instant end = (incident.recoveredAt() != null) ? incident.recoveredAt() : clock.instant();
		String degree = texts.get(incident.recoveredAt() != null ? "doc.degree.recovered" : "doc.degree.open",
				texts.get("fact.interruption." + incident.interruption().name()), duration(incident.startedAt(), end));
		return new Impact(scope.strip(), degree, answer("affected"), answer("loss"));
	}

	Assessment assessment() {
		Grade grade = grade();
		String reasons = String.join("；", grade.reasons().stream().map(Grade.Reason::toString).toList());
		return new Assessment(answer("consequence"), answer("cause"), eventClass(), grade.level(), reasons, nature());
	}

	/** The class answered in the interview, else the one the scenario suggests. */
	EventClass eventClass() {
		String answered = answer("class");
		for (EventClass value : EventClass.values()) {
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
			if (value.label().equals(answered)) {
				return value;
			}
		}
		return Nature.PENDING;
	}

	/** Reports made, oldest first (4.3 第十二条 事件报告的情况). */
	List<ReportMade> reportsMade() {
		List<ReportMade> made = new ArrayList<>();
		for (TimelineEntry entry : timeline) {
			if (entry.type() == TimelineType.REPORTED) {
				String recipients = entry.detail("recipients");
				made.add(new ReportMade(sequence(entry.detail("kind"), entry.detail("seq")), reportedAt(entry), entry.detail("via"),
						(recipients == null || recipients.isBlank()) ? List.of() : List.of(recipients.split("、"))));
			}
		}
		return made;
	}

	/** The report of {@code key} ({@code CYCLE:2}), or the next one owed, or the next number. */
	ReportBook.Sequence sequenceOf(@Nullable String key) {
		if (key != null && key.contains(":")) {
			String[] parts = key.split(":", 2);
			return sequence(parts[0], parts[1]);
		}
		List<Obligation> owed = views.owed(incident, playbook);
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
			boolean report = entry.type() == TimelineType.REPORTED || entry.type() == TimelineType.REPORT_APPROVAL_REQUESTED;
			if (report && key.equals(entry.detail("kind") + ":" + entry.detail("seq"))) {
				found = Optional.of(entry);
			}
		}
		return found;
	}

	/** Who signed report {@code key} (签发人), in the order they signed. */
	List<String> signers(String key) {
		return timeline.stream()
			.filter((entry) -> entry.type() == TimelineType.REPORT_APPROVED)
			.filter((entry) -> key.equals(entry.detail("kind") + ":" + entry.detail("seq")))
			.map(TimelineEntry::personName)
			.distinct()
			.toList();
	}

	Instant reportedAt(TimelineEntry entry) {
		String at = entry.detail("reportAt");
		return (at != null && at.chars().allMatch(Character::isDigit) && !at.isEmpty()) ? Instant.ofEpochMilli(Long.parseLong(at))
				: entry.at();
	}

	/** The first report made, if any (上报时间 of the incident record). */
	Optional<Instant> firstReport() {
		return reportsMade().stream().map(ReportMade::at).findFirst();
	}

	/** Who worked on the incident most (处理人): the person with the most steps done. */
	Optional<String> mainHandler() {
		return timeline.stream()
			.filter((entry) -> entry.type() == TimelineType.STEP_DONE)
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

	/** Prose for 事件发生经过: when and how it began, what was done, how it ended. */
	List<String> narrative(CompanyInfo company) {
		List<String> paragraphs = new ArrayList<>();
		paragraphs.add(texts.get("doc.narrative.start", dateTime(incident.startedAt()), playbook.title(),
				declaredByName(), (playbook.annex() != null) ? playbook.annex() + "《" + playbook.fullTitle() + "》"
						: "《" + playbook.fullTitle() + "》"));
		List<Measure> steps = measures().stream().filter((measure) -> !measure.action().equals(texts.get("doc.measure.recovered")))
			.toList();
		if (!steps.isEmpty()) {
			List<String> actions = steps.stream().map(Measure::action).limit(12).toList();
			paragraphs.add(texts.get("doc.narrative.measures", String.join("；", actions)));
		}
		if (incident.recoveredAt() != null) {
			paragraphs.add(texts.get("doc.narrative.recovered", dateTime(incident.recoveredAt()),
					duration(incident.startedAt(), incident.recoveredAt())));
		}
		else {
			paragraphs.add(texts.get("doc.narrative.open", dateTime(clock.instant())));
		}
		return paragraphs;
	}

	private String dateTime(Instant instant) {
		return DATE_TIME.format(instant.atZone(zone));
	}

	/** {@code 1 分 30 秒}, {@code 2 小时 5 分}. */
	static String duration(Instant from, Instant to) {
		Duration span = Duration.between(from, to);
		if (span.isNegative()) {
			span = Duration.ZERO;
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
