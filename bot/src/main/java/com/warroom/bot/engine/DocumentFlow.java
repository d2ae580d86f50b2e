package com.warroom.bot.engine;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import com.warroom.bot.chat.ChatRef;
import com.warroom.bot.incident.Incident;
import com.warroom.bot.incident.IncidentStatus;
import com.warroom.bot.incident.IncidentStore;
import com.warroom.bot.incident.TimelineType;
import com.warroom.bot.roster.Permission;
import com.warroom.bot.roster.Person;
import com.warroom.playbooks.Playbook;

/**
 * The documents from chat: {@code /report} (the current report book), {@code /summary} (a
 * short interview for what the bot cannot know, then the post-event report),
 * {@code /notice} (a customer notice from a template) and {@code /archive} (closed
 * incidents' documents, for leaders). Answers are kept on the incident ({@code sum:*}
 * fields) and on its timeline; every document issued is kept in the archive.
 */
final class DocumentFlow implements Flow {

	/** Interview items answered in words, in the order of the post-event report (4.8). */
	static final List<String> TEXT_ITEMS = List.of("occurred", "place", "impact", "affected", "loss", "cause",
			"consequence", "investigation", "human", "handling", "accountability", "lessons", "problems", "actions",
			"assistance", "other");

	/**
	 * The interview item answered with a time: 事件发生时间, when it differs from the
	 * discovery.
	 */
	static final String OCCURRED = "occurred";

	/** Interview items answered with a button, and their choices. */
	static final Map<String, List<String>> CHOICE_ITEMS = Map.of("class", List.of("设备设施故障", "人为失误", "攻击破坏", "外部因素传导"),
			"nature", List.of("责任事件", "非责任事件"));

	private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(DocumentFlow.class);

	private static final int ARCHIVE_LIST = 10;

	private final ConversationEngine.Services services;

	DocumentFlow(ConversationEngine.Services services) {
		this.services = services;
	}

	private static final List<CommandSpec> COMMANDS = List.of(new CommandSpec("report", Scope.INCIDENT_OR_OWED, 80),
			new CommandSpec("summary", Scope.INCIDENT_OR_OWED, 100), new CommandSpec("notice", Scope.INCIDENT, 120),
			new CommandSpec("archive", Scope.GENERAL, 160));

	/** 标记为报告用 under a saved note ({@code n}: its timeline entry). */
	static final ButtonKind MARK_NOTE = new ButtonKind("notemk", AfterClose.REFUSED);

	/**
	 * The post-event interview (an item, a choice, 生成) works while reports are owed; the
	 * customer notice (an option, 发送, PDF) only on a running incident; the archive
	 * always.
	 */
	private static final List<ButtonKind> BUTTONS = List.of(new ButtonKind("sum", AfterClose.WHILE_OWING),
			new ButtonKind("sumv", AfterClose.WHILE_OWING), new ButtonKind("sumgo", AfterClose.WHILE_OWING),
			new ButtonKind("ntc", AfterClose.REFUSED), new ButtonKind("ntcok", AfterClose.REFUSED),
			new ButtonKind("ntcpdf", AfterClose.REFUSED), new ButtonKind("arc", AfterClose.ALWAYS),
			new ButtonKind("doc", AfterClose.ALWAYS), MARK_NOTE);

	static final QuestionKind SUMMARY_ANSWER = new QuestionKind("sum");

	static final QuestionKind NOTICE_ANSWER = new QuestionKind("ntc");

	@Override
	public List<CommandSpec> commands() {
		return COMMANDS;
	}

	@Override
	public List<ButtonKind> buttons() {
		return BUTTONS;
	}

	@Override
	public List<QuestionKind> questions() {
		return List.of(SUMMARY_ANSWER, NOTICE_ANSWER);
	}

	@Override
	public void command(CommandCall call, Reply reply) {
		switch (call.name()) {
			case "report" -> report(call.inbound(), call.person(), call.target(), call.targetPlaybook(), reply);
			case "summary" -> summary(call.inbound(), call.person(), call.target(), reply);
			case "notice" -> notice(call.inbound(), call.person(), call.target(), reply);
			default -> archive(call.person(), call.args(), reply);
		}
	}

	@Override
	public void press(Inbound.Press press, Person person, ButtonMeaning meaning, Reply reply) {
		press(press, person, meaning.fields(), reply);
	}

	@Override
	public void answer(Inbound.Text text, Person person, Question question, Reply reply) {
		if (question.kind().equals(SUMMARY_ANSWER)) {
			summaryAnswer(text, person, question.fields(), reply);
		}
		else {
			noticeAnswer(text, question.fields(), reply);
		}
	}

	void report(Inbound inbound, Person person, Incident incident, Playbook playbook, Reply reply) {
		if (refused(person, incident, reply)) {
			return;
		}
		issue(inbound, person, incident, reply,
				() -> services.paperwork()
					.reportBook(incident, playbook, null, person.name(), Paperwork.BookVersion.DRAFT),
				"doc.reportbook.caption");
	}

	/** Only reporters act, and a closed (archived) incident takes no new documents. */
	private boolean refused(Person person, Incident incident, Reply reply) {
		if (!DrillDocuments.mayProduce(person, incident)) {
			reply.notice(services.texts().get("refuse.permission"));
			return true;
		}
		if (incident.status() == IncidentStatus.CLOSED && !ConversationEngine.stillOwing(services, incident)) {
			reply.notice(services.texts().get("incident.closed", incident.id()));
			return true;
		}
		return false;
	}

	/**
	 * Makes a document, records its issue and sends it; a failure is said and changes
	 * nothing recorded.
	 */
	private void issue(Inbound inbound, Person person, Incident incident, Reply reply,
			java.util.function.Supplier<String> make, String caption) {
		try {
			String name = make.get();
			recordIssue(services, inbound, person, incident, name);
			reply.add(new Outbound.Document(inbound.chat(), incident.id(), name,
					services.texts().get(caption, incident.id())));
		}
		catch (RuntimeException ex) {
			log.error("{} 的文件未能生成或存档", incident.id(), ex);
			reply.say(services.texts().get("doc.failed", incident.id()));
		}
	}

	void summary(Inbound inbound, Person person, Incident incident, Reply reply) {
		if (refused(person, incident, reply)) {
			return;
		}
		ChatRef chat = inbound.chat();
		if (!chat.isPrivate()) {
			// fourteen questions would flood the group: the interview moves to the
			// person's own chat
			chat = ChatRef.privateOf(inbound.actor());
			reply.say(services.texts().get("summary.moved", incident.id(), Html.escape(person.name())));
		}
		reply.add(
				new Outbound.Send(chat, panel(incident), panelButtons(incident), summarySlot(incident), incident.id()));
	}

	void notice(Inbound inbound, Person person, Incident incident, Reply reply) {
		if (refused(person, incident, reply)) {
			return;
		}
		List<List<Button>> rows = new ArrayList<>();
		for (Paperwork.NoticeTemplate template : services.paperwork().notices()) {
			rows.add(List.of(services.tokens()
				.button(template.title(), Map.of("a", "ntc", "i", incident.id(), "t", template.id()))));
		}
		reply.add(new Outbound.Send(inbound.chat(), services.texts().get("notice.which", incident.id()), rows,
				noticeSlot(incident, inbound), incident.id()));
	}

	/** The one message of a person's /notice dialog, edited at each step. */
	private static String noticeSlot(Incident incident, Inbound inbound) {
		return incident.id() + ":notice:" + inbound.actor().userId();
	}

	/**
	 * The newest closed incidents, or those whose id contains {@code filter} (e.g.
	 * {@code 202611}, {@code DRL}).
	 */
	void archive(Person person, String filter, Reply reply) {
		Texts t = services.texts();
		boolean all = person.may(Permission.ARCHIVE);
		if (!all && !person.may(Permission.DRILL)) {
			reply.notice(t.get("archive.refused"));
			return;
		}
		String wanted = filter.strip().toUpperCase(java.util.Locale.ROOT);
		// a drill's coordinator sees the drills they run
		// (GH-16), the archive's readers everything
		List<String> ids = services.paperwork()
			.archived()
			.stream()
			.filter((id) -> id.contains(wanted))
			.filter((id) -> all
					|| services.incidents().find(id).map((drill) -> DrillDocuments.runs(person, drill)).orElse(false))
			.toList();
		if (ids.isEmpty() && !all) {
			reply.notice(t.get("archive.refused"));
			return;
		}
		if (ids.isEmpty()) {
			reply.say(t.get("archive.empty"));
			return;
		}
		if (ids.contains(wanted)) {
			// an incident named in full: its documents at once
			documentsOf(wanted, services.paperwork().documents(wanted), reply);
			return;
		}
		List<List<Button>> rows = new ArrayList<>();
		for (String id : ids.subList(0, Math.min(ARCHIVE_LIST, ids.size()))) {
			rows.add(List.of(services.tokens().button(id, Map.of("a", "arc", "i", id))));
		}
		reply.say(t.get("archive.list", String.valueOf(ids.size()), String.valueOf(Math.min(ARCHIVE_LIST, ids.size()))),
				rows);
	}

	void press(Inbound.Press press, Person person, Map<String, String> m, Reply reply) {
		Texts t = services.texts();
		String action = m.getOrDefault("a", "");
		if (action.equals("arc") || action.equals("doc")) {
			archived(press, person, m, reply);
			return;
		}
		Optional<Incident> found = services.incidents().find(m.getOrDefault("i", ""));
		if (found.isEmpty() || (found.get().status() == IncidentStatus.CLOSED
				&& !ConversationEngine.stillOwing(services, found.get()))) {
			reply.answer(t.get("button.invalid"), true);
			return;
		}
		if (action.equals("notemk")) {
			markNote(press, person, found.get(), m.getOrDefault("n", ""), reply);
			return;
		}
		if (!DrillDocuments.mayProduce(person, found.get())) {
			reply.answer(t.get("refuse.permission"), true);
			return;
		}
		Incident incident = found.get();
		switch (action) {
			case "sum" -> {
				String item = m.getOrDefault("f", "");
				if (!TEXT_ITEMS.contains(item)) {
					reply.answer(t.get("button.invalid"), true);
					return;
				}
				services.conversations()
					.await(press.chat(), press.actor(), Map.of("q", "sum", "i", incident.id(), "f", item));
				reply.answer("", false)
					.say(t.get("summary.ask", t.get("summary.item." + item), t.get("summary.hint." + item)));
			}
			case "sumv" -> {
				String item = m.getOrDefault("f", "");
				String value = m.getOrDefault("v", "");
				if (!CHOICE_ITEMS.getOrDefault(item, List.of()).contains(value)) {
					reply.answer(t.get("button.invalid"), true);
					return;
				}
				save(press, person, incident, item, value, reply);
			}
			case "sumgo" -> produce(press, person, incident, reply);
			case "ntc" -> nextOption(press, incident, m.getOrDefault("t", ""), m.getOrDefault("s", ""), reply);
			case "ntcok" -> {
				reply.answer("", false);
				deliverNotice(incident, m.getOrDefault("t", ""), m.getOrDefault("s", ""), m.getOrDefault("r", ""),
						reply);
			}
			case "ntcpdf" -> {
				if (services.paperwork()
					.notices()
					.stream()
					.noneMatch((candidate) -> candidate.id().equals(m.get("t")))) {
					reply.answer(t.get("notice.unknown"), true);
					return;
				}
				reply.answer("", false);
				issue(press, person, incident, reply,
						() -> services.paperwork()
							.noticePdf(incident, m.getOrDefault("t", ""), decode(m.getOrDefault("s", "")),
									m.getOrDefault("r", ""))
							.orElseThrow(() -> new IllegalArgumentException("unknown notice template")),
						"doc.notice.caption");
			}
			default -> reply.answer(t.get("button.invalid"), true);
		}
	}

	/** A typed answer to an interview item. */
	void summaryAnswer(Inbound.Text text, Person person, Map<String, String> q, Reply reply) {
		Optional<Incident> incident = services.incidents().find(q.getOrDefault("i", ""));
		String answer = text.text().strip();
		if (incident.isEmpty() || (incident.get().status() == IncidentStatus.CLOSED
				&& !ConversationEngine.stillOwing(services, incident.get()))) {
			reply.say(services.texts().get("button.invalid"));
			return;
		}
		if (answer.isEmpty() || answer.length() > ConversationEngine.MAX_NOTE) {
			services.conversations().await(text.chat(), text.actor(), q);
			reply.say(services.texts().get("summary.length", String.valueOf(ConversationEngine.MAX_NOTE)));
			return;
		}
		if (OCCURRED.equals(q.get("f"))) {
			Optional<java.time.Instant> occurred = parseTime(answer);
			java.time.Instant discovered = incident.get().startedAt();
			if (occurred.isEmpty() || occurred.get().isAfter(discovered)) {
				services.conversations().await(text.chat(), text.actor(), q);
				reply.say(services.texts()
					.get("summary.occurred.bad", Html.escape(ConversationEngine.abbreviate(answer, 40)),
							services.views().time(discovered)));
				return;
			}
			answer = String.valueOf(occurred.get().toEpochMilli());
		}
		save(text, person, incident.get(), q.get("f"), answer, reply);
	}

	/** The expected recovery time typed for a notice: the text, ready to copy. */
	void noticeAnswer(Inbound.Text text, Map<String, String> q, Reply reply) {
		Texts t = services.texts();
		Optional<Incident> incident = services.incidents().find(q.getOrDefault("i", ""));
		String recovery = text.text().strip();
		if (incident.isEmpty() || incident.get().status() == IncidentStatus.CLOSED) {
			reply.say(t.get("button.invalid"));
			return;
		}
		if (recovery.isEmpty() || recovery.length() > 100) {
			services.conversations().await(text.chat(), text.actor(), q);
			reply.say(t.get("notice.recovery.bad"));
			return;
		}
		String template = q.getOrDefault("t", "");
		String selected = q.getOrDefault("s", "");
		Optional<String> doubt = doubt(incident.get(), recovery);
		if (doubt.isPresent()) {
			// a notice customers would read as wrong is questioned before it is produced
			List<List<Button>> rows = new ArrayList<>();
			rows.add(List.of(
					services.tokens()
						.button(t.get("button.notice.anyway"),
								Map.of("a", "ntcok", "i", incident.get().id(), "t", template, "s", selected, "r",
										recovery)),
					services.tokens()
						.button(t.get("button.notice.retime"),
								Map.of("a", "ntc", "i", incident.get().id(), "t", template, "s", selected))));
			if (incident.get().recoveredAt() != null) {
				services.paperwork()
					.notices()
					.stream()
					.filter(Paperwork.NoticeTemplate::statesRecovery)
					.findFirst()
					.ifPresent((restored) -> rows.add(List.of(services.tokens()
						.button(t.get("button.notice.restored", restored.title()),
								Map.of("a", "ntc", "i", incident.get().id(), "t", restored.id(), "s", "")))));
			}
			reply.say(doubt.get(), rows);
			return;
		}
		deliverNotice(incident.get(), template, selected, recovery, reply);
	}

	/**
	 * Why a notice with this expected recovery time would mislead customers: the system
	 * is already recovered, or the time typed is already past; empty when neither.
	 */
	private Optional<String> doubt(Incident incident, String recovery) {
		Texts t = services.texts();
		if (incident.recoveredAt() != null) {
			return Optional
				.of(t.get("notice.doubt.recovered", incident.id(), services.views().time(incident.recoveredAt())));
		}
		Optional<java.time.Instant> expected = parseTime(recovery.replaceFirst("^(今日|今天)\\s*", ""));
		if (expected.isPresent() && expected.get().isBefore(services.clock().instant())) {
			return Optional.of(t.get("notice.doubt.past", incident.id(), Html.escape(recovery),
					services.views().time(services.clock().instant())));
		}
		return Optional.empty();
	}

	/** The notice's text, ready to copy, with a button for its PDF. */
	private void deliverNotice(Incident incident, String template, String selected, String recovery, Reply reply) {
		Texts t = services.texts();
		services.paperwork()
			.noticeText(incident, template, decode(selected), recovery)
			.ifPresentOrElse(
					(notice) -> reply
						.say(t.get("notice.ready", incident.id(), Html.escape(notice)),
								List.of(List.of(services.tokens()
									.button(t.get("button.pdf"), Map.of("a", "ntcpdf", "i", incident.id(), "t",
											template, "s", selected, "r", recovery))))),
					() -> reply.say(t.get("notice.unknown")));
	}

	/**
	 * 写入报告 under a note's confirmation: the note goes into the report books' course of
	 * events.
	 */
	private void markNote(Inbound.Press press, Person person, Incident incident, String noteId, Reply reply) {
		Texts t = services.texts();
		if (!person.may(Permission.NOTE)) {
			reply.answer(t.get("refuse.permission"), true);
			return;
		}
		List<com.warroom.bot.incident.TimelineEntry> timeline = services.incidents().timeline(incident.id());
		Optional<com.warroom.bot.incident.TimelineEntry> note = timeline.stream()
			.filter((entry) -> entry.type() == TimelineType.NOTE && entry.id().equals(noteId))
			.findFirst();
		if (note.isEmpty()) {
			reply.answer(t.get("button.invalid"), true);
			return;
		}
		boolean marked = "1".equals(note.get().detail("report")) || timeline.stream()
			.anyMatch((entry) -> entry.type() == TimelineType.NOTE_MARKED && noteId.equals(entry.detail("note")));
		if (marked) {
			reply.answer(t.get("note.marked.already"), false);
			return;
		}
		String text = String.valueOf(note.get().detail("text"));
		IncidentStore.Result result = services.incidents()
			.append(incident, EnumSet.of(IncidentStatus.OPEN, IncidentStatus.RECOVERED),
					ConversationEngine.entry(TimelineType.NOTE_MARKED, person, press, services.clock().instant(),
							Map.of("note", noteId, "text", text)));
		if (!result.applied()) {
			reply.answer(t.get("incident.closed", incident.id()), true);
			return;
		}
		reply.answer(t.get("note.marked", incident.id(), ""), false)
			.say(t.get("note.marked", incident.id(), Html.escape(ConversationEngine.abbreviate(text, 200))));
	}

	/**
	 * A time as typed: {@code 13:58}, {@code 13:58:16} (today), or
	 * {@code 2026-11-23 13:58[:16]}.
	 */
	private Optional<java.time.Instant> parseTime(String typed) {
		java.time.ZoneId zone = services.zone();
		String text = typed.strip().replace('：', ':');
		try {
			if (text.matches("\\d{1,2}:\\d{2}(:\\d{2})?")) {
				java.time.LocalTime time = java.time.LocalTime.parse(text.length() <= 5 ? text + ":00" : text,
						java.time.format.DateTimeFormatter.ofPattern("H:mm:ss"));
				java.time.LocalDate today = services.clock().instant().atZone(zone).toLocalDate();
				return Optional.of(java.time.LocalDateTime.of(today, time).atZone(zone).toInstant());
			}
			if (text.matches("\\d{4}-\\d{2}-\\d{2} \\d{1,2}:\\d{2}(:\\d{2})?")) {
				String full = text.matches(".* \\d{1,2}:\\d{2}") ? text + ":00" : text;
				return Optional.of(java.time.LocalDateTime
					.parse(full, java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd H:mm:ss"))
					.atZone(zone)
					.toInstant());
			}
		}
		catch (java.time.DateTimeException ex) {
			return Optional.empty();
		}
		return Optional.empty();
	}

	private void save(Inbound inbound, Person person, Incident incident, String item, String value, Reply reply) {
		Texts t = services.texts();
		IncidentStore.Result result = services.incidents()
			.answerSummary(incident, ConversationEngine.writable(services, incident), item, value,
					ConversationEngine.entry(TimelineType.FACT_SET, person, inbound, services.clock().instant(),
							Map.of("item", item, "value", value)));
		if (!result.applied()) {
			reply.notice(t.get("incident.closed", incident.id()));
			return;
		}
		Incident updated = services.incidents().find(incident.id()).orElseThrow();
		reply.answer(t.get("fact.saved"), false);
		reply.add(new Outbound.Edit(inbound.chat(), summarySlot(updated), panel(updated), panelButtons(updated),
				updated.id()));
	}

	private void produce(Inbound inbound, Person person, Incident incident, Reply reply) {
		Playbook playbook = services.library().find(incident.playbookId()).orElseThrow();
		boolean preliminary = incident.answer("cause").isBlank();
		reply.answer("", false);
		issue(inbound, person, incident, reply, () -> services.paperwork().postEventReport(incident, playbook),
				preliminary ? "doc.summary.caption.preliminary" : "doc.summary.caption");
	}

	private void archived(Inbound.Press press, Person person, Map<String, String> m, Reply reply) {
		Texts t = services.texts();
		String id = m.getOrDefault("i", "");
		if (!person.may(Permission.ARCHIVE)
				&& !services.incidents().find(id).map((drill) -> DrillDocuments.runs(person, drill)).orElse(false)) {
			reply.answer(t.get("archive.refused"), true);
			return;
		}
		List<String> names = services.paperwork().documents(id);
		if (m.get("a").equals("doc")) {
			String name = m.getOrDefault("n", "");
			if (!names.contains(name)) {
				reply.answer(t.get("button.invalid"), true);
				return;
			}
			reply.answer("", false)
				.add(new Outbound.Document(press.chat(), id, name, t.get("doc.archived.caption", id)));
			return;
		}
		reply.answer("", false);
		documentsOf(id, names, reply);
	}

	/** The documents archived for one closed incident, as buttons. */
	private void documentsOf(String id, List<String> names, Reply reply) {
		List<List<Button>> rows = new ArrayList<>();
		for (String name : names) {
			rows.add(List.of(services.tokens()
				.button(ConversationEngine.abbreviate(name, 40), Map.of("a", "doc", "i", id, "n", name))));
		}
		reply.say(services.texts().get(names.isEmpty() ? "archive.nodocs" : "archive.docs", id), rows);
	}

	/** The issue of a document goes on the timeline. */
	static void recordIssue(ConversationEngine.Services services, Inbound inbound, Person person, Incident incident,
			String name) {
		recordIssue(services, inbound, person, incident, name, Map.of());
	}

	/**
	 * As {@link #recordIssue}, with {@code details} on the entry (e.g. the file's
	 * SHA-256). A document made is in the archive, so its issue is recorded whatever the
	 * incident's status: also on a closed incident, e.g. the book of the report that
	 * settled its last obligation (who may make documents after close is decided before
	 * they are made).
	 */
	static void recordIssue(ConversationEngine.Services services, Inbound inbound, Person person, Incident incident,
			String name, Map<String, String> details) {
		Map<String, String> all = new java.util.LinkedHashMap<>(details);
		all.put("document", name);
		services.incidents()
			.append(incident, EnumSet.allOf(IncidentStatus.class), ConversationEngine
				.entry(TimelineType.DOCUMENT_ISSUED, person, inbound, services.clock().instant(), all));
	}

	private String panel(Incident incident) {
		Texts t = services.texts();
		StringBuilder html = new StringBuilder(t.get("summary.header", incident.id()));
		List<String> items = new ArrayList<>(TEXT_ITEMS);
		items.add(items.indexOf("consequence") + 1, "class");
		items.add(items.indexOf("human"), "nature");
		for (String item : items) {
			String value = incident.answer(item);
			if (item.equals(OCCURRED)) {
				value = value.chars().allMatch(Character::isDigit) && !value.isEmpty()
						? services.views().time(java.time.Instant.ofEpochMilli(Long.parseLong(value)))
						: t.get("summary.occurred.same", services.views().time(incident.startedAt()));
			}
			html.append('\n')
				.append(t.get("summary.line", t.get("summary.item." + item), value.isBlank() ? t.get("summary.unset")
						: Html.escape(ConversationEngine.abbreviate(value, 120))));
		}
		boolean preliminary = incident.answer("cause").isBlank();
		return html.append('\n')
			.append(t.get(preliminary ? "summary.footer.preliminary" : "summary.footer"))
			.toString();
	}

	private List<List<Button>> panelButtons(Incident incident) {
		Texts t = services.texts();
		ButtonTokens tokens = services.tokens();
		List<List<Button>> rows = new ArrayList<>();
		List<Button> row = new ArrayList<>();
		for (String item : TEXT_ITEMS) {
			row.add(tokens.button(t.get("summary.item." + item), Map.of("a", "sum", "i", incident.id(), "f", item)));
			if (row.size() == 3) {
				rows.add(row);
				row = new ArrayList<>();
			}
		}
		if (!row.isEmpty()) {
			rows.add(row);
		}
		for (Map.Entry<String, List<String>> choice : List.of(Map.entry("class", CHOICE_ITEMS.get("class")),
				Map.entry("nature", CHOICE_ITEMS.get("nature")))) {
			List<Button> choices = new ArrayList<>();
			for (String value : choice.getValue()) {
				choices.add(tokens.button(value,
						Map.of("a", "sumv", "i", incident.id(), "f", choice.getKey(), "v", value)));
			}
			rows.add(choices);
		}
		rows.add(List.of(tokens.button(t.get("button.summary.produce"), Map.of("a", "sumgo", "i", incident.id()))));
		return rows;
	}

	/**
	 * Asks the template's next option not chosen yet (buttons), or, when all are chosen,
	 * the expected recovery time. {@code selected} carries the choices so far
	 * ({@code 原因=计算机系统|业务=交易}); a choice not among the template's is refused.
	 */
	private void nextOption(Inbound.Press press, Incident incident, String templateId, String selected, Reply reply) {
		Texts t = services.texts();
		Optional<Paperwork.NoticeTemplate> template = services.paperwork()
			.notices()
			.stream()
			.filter((candidate) -> candidate.id().equals(templateId))
			.findFirst();
		Map<String, String> chosen = decode(selected);
		if (template.isEmpty() || !chosen.entrySet()
			.stream()
			.allMatch((choice) -> template.get()
				.options()
				.stream()
				.anyMatch((option) -> option.name().equals(choice.getKey())
						&& option.choices().contains(choice.getValue())))) {
			reply.answer(t.get("notice.unknown"), true);
			return;
		}
		for (Paperwork.Option option : template.get().options()) {
			if (!chosen.containsKey(option.name())) {
				List<Button> row = new ArrayList<>();
				for (String choice : option.choices()) {
					String next = (selected.isEmpty() ? "" : selected + "|") + option.name() + "=" + choice;
					row.add(services.tokens()
						.button(choice, Map.of("a", "ntc", "i", incident.id(), "t", templateId, "s", next)));
				}
				reply.answer("", false)
					.add(new Outbound.Edit(press.chat(), noticeSlot(incident, press),
							t.get("notice.which", incident.id()) + "\n"
									+ t.get("notice.option", Html.escape(option.name())),
							List.of(row), incident.id()));
				return;
			}
		}
		if (template.get().statesRecovery() && incident.recoveredAt() == null) {
			reply.answer("", false).say(t.get("notice.restored.notyet", incident.id()));
			return;
		}
		if (!template.get().expectsRecovery()) {
			reply.answer("", false);
			deliverNotice(incident, templateId, selected, "", reply);
			return;
		}
		services.conversations()
			.await(press.chat(), press.actor(), Map.of("q", "ntc", "i", incident.id(), "t", templateId, "s", selected));
		reply.answer("", false)
			.add(new Outbound.Edit(press.chat(), noticeSlot(incident, press),
					t.get("notice.which", incident.id()) + "\n" + t.get("notice.recovery"), List.of(), incident.id()));
	}

	private static Map<String, String> decode(String selected) {
		Map<String, String> chosen = new java.util.LinkedHashMap<>();
		for (String pair : selected.split("\\|")) {
			int eq = pair.indexOf('=');
			if (eq > 0) {
				chosen.put(pair.substring(0, eq), pair.substring(eq + 1));
			}
		}
		return chosen;
	}

	static String summarySlot(Incident incident) {
		return incident.id() + ":summary";
	}

}
