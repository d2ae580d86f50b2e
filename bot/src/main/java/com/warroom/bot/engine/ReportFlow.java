package com.warroom.bot.engine;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import com.warroom.bot.incident.Incident;
import com.warroom.bot.incident.IncidentStatus;
import com.warroom.bot.incident.IncidentStore;
import com.warroom.bot.incident.TimelineType;
import com.warroom.bot.roster.Permission;
import com.warroom.bot.roster.Person;
import com.warroom.playbooks.Obligation;
import com.warroom.playbooks.ObligationKind;
import com.warroom.playbooks.Playbook;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code /reported}: the liaison records a report made — which one (第 N 次), by which
 * channel, when. Where the policy requires 签发人 (central trading: 首席风险官 and 总经理, or their
 * deputies), the report counts as made only once every required role has approved with a
 * button. Each report and approval is a one-time fact in Redis, so a double press records
 * nothing twice.
 */
final class ReportFlow implements Flow {

	private static final Logger log = LoggerFactory.getLogger(ReportFlow.class);

	static final List<String> CHANNELS = List.of("电话", "书面", "传真", "系统");

	private final ConversationEngine.Services services;

	private final SigningFlow signing;

	ReportFlow(ConversationEngine.Services services) {
		this.services = services;
		this.signing = new SigningFlow(services);
	}

	private static final List<CommandSpec> COMMANDS = List.of(new CommandSpec("reported", Scope.INCIDENT_OR_OWED, 70));

	/**
	 * Recording a report (which → channel → now or a typed time → confirm) and 签发 of its
	 * book (approve, delegate, to whom): all still work on a closed incident owing
	 * reports.
	 */
	private static final List<ButtonKind> BUTTONS = List.of(new ButtonKind("rep", AfterClose.WHILE_OWING),
			new ButtonKind("repch", AfterClose.WHILE_OWING), new ButtonKind("repnow", AfterClose.WHILE_OWING),
			new ButtonKind("reptime", AfterClose.WHILE_OWING), new ButtonKind("repat", AfterClose.WHILE_OWING),
			new ButtonKind("appr", AfterClose.WHILE_OWING), new ButtonKind("apprdel", AfterClose.WHILE_OWING),
			new ButtonKind("apprto", AfterClose.WHILE_OWING));

	static final QuestionKind REPORT_TIME = new QuestionKind("reptime");

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
		return List.of(REPORT_TIME);
	}

	@Override
	public void command(CommandCall call, Reply reply) {
		start(call.inbound(), call.person(), call.target(), call.targetPlaybook(), reply);
	}

	@Override
	public void press(Inbound.Press press, Person person, ButtonMeaning meaning, Reply reply) {
		press(press, person, meaning.fields(), reply);
	}

	@Override
	public void answer(Inbound.Text text, Person person, Question question, Reply reply) {
		time(text, person, question.fields(), reply, ConversationEngine.parseTime(services, text.text().strip()));
	}

	/**
	 * A report book waiting for 签发 that the event made stale is renewed, and its signers
	 * told.
	 */
	@Override
	public void settle(Inbound inbound, Person person, Reply reply) {
		signing.renewChanged(inbound, person, reply);
	}

	/**
	 * 签发 of the report books (kept here, so that the engine can renew a book an action
	 * made stale).
	 */
	SigningFlow signing() {
		return signing;
	}

	/** Lists the reports owed now, to pick the one that was made. */
	void start(Inbound inbound, Person person, Incident incident, Playbook playbook, Reply reply) {
		Texts t = services.texts();
		if (!person.may(Permission.REPORT)) {
			reply.notice(t.get("refuse.permission"));
			return;
		}
		List<Obligation> owed = services.views().assessments().assess(incident, playbook).owed();
		if (owed.isEmpty()) {
			reply.say(t.get("reported.none", incident.id()));
			return;
		}
		List<List<Button>> buttons = new ArrayList<>();
		for (Obligation obligation : owed) {
			buttons.add(List.of(services.tokens()
				.button(t.get("reported.option", t.get("obligation." + obligation.kind().name()),
						String.valueOf(obligation.sequence()), services.views().time(obligation.dueAt())),
						Map.of("a", "rep", "i", incident.id(), "k", obligation.kind().name(), "n",
								String.valueOf(obligation.sequence()), "u", person.id()))));
		}
		// GH-13: the dialog is one message, edited at each step
		reply.add(new Outbound.Send(inbound.chat(), t.get("reported.which", incident.id()), buttons,
				dialogSlot(incident, inbound), incident.id()));
	}

	/** The one message of a person's /reported dialog. */
	private static String dialogSlot(Incident incident, Inbound inbound) {
		return incident.id() + ":reported:" + inbound.actor().userId();
	}

	private void dialog(Inbound.Press press, Incident incident, String html, List<List<Button>> buttons, Reply reply) {
		reply.answer("", false)
			.add(new Outbound.Edit(press.chat(), dialogSlot(incident, press),
					services.texts().get("reported.which", incident.id()) + "\n" + html, buttons, incident.id()));
	}

	/** A press in the flow: which report → channel → time; or an approval. */
	void press(Inbound.Press press, Person person, Map<String, String> m, Reply reply) {
		Texts t = services.texts();
		Optional<Incident> found = services.incidents().find(m.getOrDefault("i", ""));
		if (found.isEmpty()) {
			reply.answer(t.get("button.invalid"), true);
			return;
		}
		Incident incident = found.get();
		Playbook playbook = services.library().find(incident.playbookId()).orElse(null);
		if (playbook == null
				|| (incident.status() == IncidentStatus.CLOSED && !ConversationEngine.stillOwing(services, incident))) {
			reply.answer(t.get("incident.closed", incident.id()), true);
			return;
		}
		String action = m.getOrDefault("a", "");
		if (action.startsWith("appr")) {
			signing.press(press, person, incident, m, reply);
			return;
		}
		if (!person.may(Permission.REPORT)) {
			reply.answer(t.get("refuse.permission"), true);
			return;
		}
		switch (action) {
			case "rep" -> {
				List<Button> row = new ArrayList<>();
				for (String channel : CHANNELS) {
					row.add(services.tokens().button(channel, IncidentViews.with(m, "a", "repch", "c", channel)));
				}
				dialog(press, incident, t.get("reported.channel"), List.of(row), reply);
			}
			case "repch" -> dialog(press, incident, t.get("reported.time"),
					List.of(List.of(services.tokens().button(t.get("button.now"), IncidentViews.with(m, "a", "repnow")),
							services.tokens().button(t.get("button.time"), IncidentViews.with(m, "a", "reptime")))),
					reply);
			case "repnow" -> {
				record(press, person, incident, playbook, m, services.clock().instant(), reply);
				reply.add(new Outbound.Edit(press.chat(), dialogSlot(incident, press),
						t.get("reported.which", incident.id()) + "\n" + Html.escape(m.getOrDefault("c", "")) + " ✓",
						List.of(), incident.id()));
			}
			case "repat" ->
				record(press, person, incident, playbook, m, Instant.ofEpochMilli(Long.parseLong(m.get("t"))), reply);
			case "reptime" -> {
				Map<String, String> question = new LinkedHashMap<>(m);
				question.put("q", "reptime");
				services.conversations().await(press.chat(), press.actor(), question);
				dialog(press, incident, t.get("reported.time.ask"), List.of(), reply);
			}
			default -> reply.answer(t.get("button.invalid"), true);
		}
	}

	/** The time typed after 填写时间. */
	void time(Inbound.Text text, Person person, Map<String, String> q, Reply reply, Optional<Instant> time) {
		Incident incident = services.incidents().find(q.getOrDefault("i", "")).orElse(null);
		Playbook playbook = (incident != null) ? services.library().find(incident.playbookId()).orElse(null) : null;
		if (incident == null || playbook == null) {
			reply.say(services.texts().get("button.invalid"));
			return;
		}
		if (time.isEmpty() || time.get().isAfter(services.clock().instant())
				|| time.get().isBefore(incident.startedAt())) {
			services.conversations().await(text.chat(), text.actor(), q);
			reply.say(services.texts().get("reported.time.bad"));
			return;
		}
		if (time.get().isBefore(services.clock().instant().minus(java.time.Duration.ofDays(1)))) {
			Texts t = services.texts();
			String at = services.views().preciseTime(time.get());
			Map<String, String> base = new LinkedHashMap<>(q);
			base.remove("q");
			reply.say(t.get("time.far.confirm", at),
					List.of(List.of(
							services.tokens()
								.button(t.get("button.time.confirm", at),
										IncidentViews.with(base, "a", "repat", "t",
												String.valueOf(time.get().toEpochMilli()))),
							services.tokens()
								.button(t.get("button.time.again"), IncidentViews.with(base, "a", "reptime")))));
			return;
		}
		record(text, person, incident, playbook, q, time.get(), reply);
	}

	private void record(Inbound inbound, Person person, Incident incident, Playbook playbook, Map<String, String> m,
			Instant at, Reply reply) {
		Texts t = services.texts();
		ObligationKind kind = ObligationKind.valueOf(m.get("k"));
		String sequence = m.getOrDefault("n", "1");
		Optional<Obligation> owed = services.views()
			.assessments()
			.assess(incident, playbook)
			.owed()
			.stream()
			.filter((o) -> o.kind() == kind && String.valueOf(o.sequence()).equals(sequence))
			.findFirst();
		if (owed.isEmpty()) {
			reply.notice(t.get("reported.already"));
			return;
		}
		Obligation obligation = owed.get();
		String key = kind.name() + ":" + sequence;
		Map<String, String> details = new LinkedHashMap<>();
		details.put("kind", kind.name());
		details.put("seq", sequence);
		details.put("via", m.getOrDefault("c", ""));
		details.put("reportAt", String.valueOf(at.toEpochMilli()));
		details.put("recipients", String.join("、", obligation.recipients()));
		if (obligation.approvers().isEmpty()) {
			IncidentStore.Result result = services.incidents()
				.recordReported(incident, key, person.id(), ConversationEngine.entry(TimelineType.REPORTED, person,
						inbound, services.clock().instant(), details));
			if (!result.applied()) {
				reply.notice(t.get("reported.already"));
				return;
			}
			reply.say(t.get("reported.done", incident.id(), t.get("obligation." + kind.name()), sequence,
					services.views().preciseTime(at), Html.escape(m.getOrDefault("c", ""))));
			keepReportBook(inbound, person, incident, playbook, key, Paperwork.BookVersion.SENT, reply);
			refreshCard(incident.id(), playbook, reply);
			return;
		}
		details.put("approvers", String.join(",", obligation.approvers()));
		if (incident.report(key).requested()) {
			reply.notice(t.get("reported.pending"));
			return;
		}
		// the signers review the book that will be sent:
		// the bytes they sign are the ones kept
		SigningFlow.Book book = signing.prepare(inbound, person, incident, playbook, key);
		if (book == null) {
			reply.say(t.get("doc.failed", incident.id()));
			return;
		}
		details.put("book", book.name());
		details.put("sha256", book.sha256());
		IncidentStore.Result result = services.incidents()
			.requestSignOff(incident, key, person.id(), ConversationEngine.entry(TimelineType.REPORT_APPROVAL_REQUESTED,
					person, inbound, services.clock().instant(), details));
		if (!result.applied()) {
			reply.notice(t.get("reported.pending"));
			return;
		}
		reply.say(t.get("reported.approval", incident.id(), t.get("obligation." + kind.name()), sequence,
				names(obligation.approvers()), Html.escape(String.join("、", obligation.recipients()))));
		signing.requested(incident, key, book, obligation.approvers(), reply);
		// the card is current, and the clock learns of the pending 签发
		refreshCard(incident.id(), playbook, reply);
	}

	private String names(List<String> roles) {
		List<String> names = new ArrayList<>();
		roles.forEach((role) -> names.add(services.library().vocabulary().roleName(role)));
		return Html.escape(String.join("、", names));
	}

	/**
	 * Renders the report book of report {@code key} (e.g. {@code CYCLE:2}), keeps it,
	 * records its issue and sends it. A failure here is said in the chat; the report
	 * stays recorded.
	 */
	private void keepReportBook(Inbound inbound, Person person, Incident incident, Playbook playbook, String key,
			Paperwork.BookVersion version, Reply reply) {
		try {
			Incident current = services.incidents().find(incident.id()).orElse(incident);
			String name = services.paperwork().reportBook(current, playbook, key, person.name(), version);
			DocumentFlow.recordIssue(services, inbound, person, current, name);
			String[] parts = key.split(":");
			String label = services.texts().get("obligation." + parts[0]) + " 第 " + parts[1] + " 次";
			String caption = (version == Paperwork.BookVersion.FOR_SIGNING) ? "doc.reportbook.review.caption"
					: "doc.reportbook.sent.caption";
			reply.add(new Outbound.Document(inbound.chat(), incident.id(), name,
					services.texts().get(caption, incident.id(), label)));
		}
		catch (RuntimeException ex) {
			log.error("{} 的报告书未能生成或存档", incident.id(), ex);
			reply.say(services.texts().get("doc.failed", incident.id()));
		}
	}

	private void refreshCard(String incidentId, Playbook playbook, Reply reply) {
		Incident updated = services.incidents().find(incidentId).orElseThrow();
		reply.add(new Outbound.Edit(updated.chat(), IncidentViews.cardSlot(updated),
				services.views().card(updated, playbook), List.of(), updated.id()));
	}

}
