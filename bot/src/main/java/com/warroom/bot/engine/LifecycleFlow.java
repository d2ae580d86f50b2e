package com.warroom.bot.engine;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import com.warroom.bot.chat.ChatRef;
import com.warroom.bot.incident.Escalation;
import com.warroom.bot.incident.Incident;
import com.warroom.bot.incident.IncidentStatus;
import com.warroom.bot.incident.IncidentStore;
import com.warroom.bot.incident.TimelineType;
import com.warroom.bot.roster.Permission;
import com.warroom.bot.roster.Person;
import com.warroom.bot.roster.RosterRole;
import com.warroom.playbooks.Grade;
import com.warroom.playbooks.Playbook;
import com.warroom.playbooks.Severity;
import com.warroom.playbooks.Track;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The incident's life after declaration: {@code /level} (computed level with reasons,
 * overrides with a reason, the facts), {@code /recovered}, {@code /close} with
 * confirmation, and acknowledgements of escalations ({@code /ack}, 确认收到).
 */
final class LifecycleFlow implements Flow {

	private static final Logger log = LoggerFactory.getLogger(LifecycleFlow.class);

	private final ConversationEngine.Services services;

	private final FactFlow facts;

	LifecycleFlow(ConversationEngine.Services services, FactFlow facts) {
		this.services = services;
		this.facts = facts;
	}

	private static final List<CommandSpec> COMMANDS = List.of(new CommandSpec("level", Scope.INCIDENT, 60),
			new CommandSpec("recovered", Scope.INCIDENT, 90), new CommandSpec("close", Scope.INCIDENT, 110),
			new CommandSpec("ack", Scope.INCIDENT_OR_OWED, 150));

	/**
	 * 确认收到 of an escalation ({@code e}: its number); the escalation clock issues it too.
	 */
	static final ButtonKind ACK = new ButtonKind("ack", AfterClose.WHILE_OWING);

	static final ButtonKind CLOSE = new ButtonKind("close", AfterClose.REFUSED);

	static final ButtonKind RECOVERED_NOW = new ButtonKind("rec", AfterClose.REFUSED);

	static final ButtonKind RECOVERED_AT = new ButtonKind("rectime", AfterClose.REFUSED);

	static final ButtonKind LEVEL = new ButtonKind("lvl", AfterClose.REFUSED);

	static final QuestionKind RECOVERY_TIME = new QuestionKind("rectime");

	static final QuestionKind LEVEL_REASON = new QuestionKind("level");

	@Override
	public List<CommandSpec> commands() {
		return COMMANDS;
	}

	@Override
	public List<ButtonKind> buttons() {
		return List.of(ACK, CLOSE, RECOVERED_NOW, RECOVERED_AT, LEVEL);
	}

	@Override
	public List<QuestionKind> questions() {
		return List.of(RECOVERY_TIME, LEVEL_REASON);
	}

	@Override
	public void command(CommandCall call, Reply reply) {
		Incident incident = call.target();
		switch (call.name()) {
			case "level" -> level(call.inbound(), call.person(), incident, call.targetPlaybook(), reply);
			case "recovered" -> recovered(call.inbound(), call.person(), incident, call.targetPlaybook(), reply);
			case "close" -> askClose(call.inbound(), call.person(), incident, reply);
			default -> acknowledge(call.inbound(), call.person(), incident, null, reply);
		}
	}

	@Override
	public void press(Inbound.Press press, Person person, ButtonMeaning meaning, Reply reply) {
		Optional<Incident> found = services.incidents().find(meaning.get("i"));
		ButtonKind kind = meaning.kind();
		if (kind.equals(CLOSE)) {
			found.ifPresent((incident) -> close(press, person, incident, reply));
		}
		else if (kind.equals(LEVEL)) {
			found.ifPresent((incident) -> askLevelReason(press, person, incident, meaning.fields(), reply));
		}
		else if (found.isEmpty()) {
			reply.answer(services.texts().get("button.invalid"), true);
		}
		else if (kind.equals(ACK)) {
			acknowledge(press, person, found.get(), meaning.get("e"), reply);
		}
		else {
			recoveredPress(press, person, found.get(), meaning.fields(), reply);
		}
	}

	@Override
	public void answer(Inbound.Text text, Person person, Question question, Reply reply) {
		if (question.kind().equals(RECOVERY_TIME)) {
			recoveredTime(text, person, question.fields(), reply,
					ConversationEngine.parseTime(services, text.text().strip()));
		}
		else {
			services.incidents()
				.find(question.get("i"))
				.ifPresent((incident) -> setLevel(text, person, incident, question.fields(), reply));
		}
	}

	void level(Inbound inbound, Person person, Incident incident, Playbook playbook, Reply reply) {
		Texts t = services.texts();
		Grade grade = services.views().assessments().assess(incident, playbook).grade();
		StringBuilder html = new StringBuilder(t.get("level.computed", incident.id(), t.label(grade.level())));
		grade.allReasons().forEach((reason) -> html.append('\n').append("• ").append(Html.escape(reason.toString())));
		if (incident.levelOverride() != null) {
			html.append('\n')
				.append(t.get("level.override", t.label(incident.levelOverride()),
						Html.escape(String.valueOf(incident.levelReason()))));
		}
		List<List<Button>> buttons = new ArrayList<>();
		if (person.may(Permission.SET_LEVEL) && incident.status() != IncidentStatus.CLOSED) {
			html.append('\n').append(t.get("level.set.hint"));
			List<Button> row = new ArrayList<>();
			for (Severity severity : Severity.values()) {
				row.add(services.tokens()
					.button(t.label(severity), Map.of("a", "lvl", "i", incident.id(), "l", severity.name())));
			}
			buttons.add(row);
		}
		reply.add(new Outbound.Send(inbound.chat(), html.toString(), buttons, null, incident.id()));
		// GH-13: the facts apart from the level buttons, in their own message, marked and
		// refreshed after each press
		if (person.may(Permission.STEP) && incident.status() != IncidentStatus.CLOSED) {
			reply.add(facts.panel(inbound.chat(), incident, playbook));
		}
		else {
			reply.add(new Outbound.Send(inbound.chat(),
					t.get("level.facts", Html.escape(services.views().describeFacts(incident, playbook))), List.of(),
					null, incident.id()));
		}
	}

	void askLevelReason(Inbound.Press press, Person person, Incident incident, Map<String, String> m, Reply reply) {
		if (!person.may(Permission.SET_LEVEL)) {
			reply.answer(services.texts().get("refuse.permission"), true);
			return;
		}
		services.conversations()
			.await(press.chat(), press.actor(), Map.of("q", "level", "i", incident.id(), "l", m.get("l")));
		reply.say(services.texts().get("level.reason.ask", services.texts().label(Severity.valueOf(m.get("l")))));
	}

	/**
	 * {@code /recovered}: asks for confirmation, says which steps are still open, and
	 * lets the responder give the time service actually resumed (an incident entered
	 * after the fact).
	 */
	void recovered(Inbound inbound, Person person, Incident incident, Playbook playbook, Reply reply) {
		Texts t = services.texts();
		if (!person.may(Permission.RECOVER)) {
			reply.notice(t.get("refuse.permission"));
			return;
		}
		if (incident.status() != IncidentStatus.OPEN) {
			reply.notice(t.get("recovered.already", incident.id()));
			return;
		}
		StringBuilder open = new StringBuilder();
		for (Track track : List.of(Track.FLOW, Track.STEPS)) {
			incident.cursor(track)
				.flatMap(playbook::step)
				.ifPresent((step) -> open.append('\n')
					.append(t.get("recovered.open.step", t.get("track." + track.key()),
							String.valueOf(playbook.track(track).indexOf(step) + 1),
							String.valueOf(playbook.track(track).size()),
							Html.escape(IncidentViews.abbreviate(step.text(), 60)))));
		}
		String steps = open.isEmpty() ? t.get("recovered.open.none") : t.get("recovered.open", open.toString());
		reply.say(t.get("recovered.confirm", incident.id(), steps),
				List.of(List.of(services.tokens()
					.button(t.get("button.recovered.now"), Map.of("a", "rec", "i", incident.id()))),
						List.of(services.tokens()
							.button(t.get("button.recovered.time"), Map.of("a", "rectime", "i", incident.id())),
								services.tokens().button(t.get("button.cancel"), Map.of("a", "cancel")))));
	}

	/** 确认已恢复 (now, or the time typed and confirmed) and 填写恢复时间. */
	void recoveredPress(Inbound.Press press, Person person, Incident incident, Map<String, String> m, Reply reply) {
		if (!person.may(Permission.RECOVER)) {
			reply.answer(services.texts().get("refuse.permission"), true);
			return;
		}
		if (m.getOrDefault("a", "").equals("rectime")) {
			services.conversations().await(press.chat(), press.actor(), Map.of("q", "rectime", "i", incident.id()));
			reply.say(services.texts().get("recovered.time.ask"));
			return;
		}
		Playbook playbook = services.library().find(incident.playbookId()).orElse(null);
		if (playbook == null) {
			reply.answer(services.texts().get("button.invalid"), true);
			return;
		}
		Instant at = m.containsKey("t") ? Instant.ofEpochMilli(Long.parseLong(m.get("t"))) : services.clock().instant();
		record(press, person, incident, playbook, at, reply);
	}

	/**
	 * The recovery time typed: checked, confirmed when more than a day back, then
	 * recorded.
	 */
	void recoveredTime(Inbound.Text text, Person person, Map<String, String> q, Reply reply, Optional<Instant> time) {
		Texts t = services.texts();
		Incident incident = services.incidents().find(q.getOrDefault("i", "")).orElse(null);
		Playbook playbook = (incident != null) ? services.library().find(incident.playbookId()).orElse(null) : null;
		if (incident == null || playbook == null || incident.status() != IncidentStatus.OPEN) {
			reply.say(t.get("button.invalid"));
			return;
		}
		Instant now = services.clock().instant();
		if (time.isEmpty() || time.get().isAfter(now) || time.get().isBefore(incident.startedAt())) {
			services.conversations().await(text.chat(), text.actor(), q);
			reply.say(t.get("recovered.time.bad", services.views().preciseTime(incident.startedAt())));
			return;
		}
		if (time.get().isBefore(now.minus(java.time.Duration.ofDays(1)))) {
			String at = services.views().preciseTime(time.get());
			reply.say(t.get("time.far.confirm", at),
					List.of(List.of(
							services.tokens()
								.button(t.get("button.time.confirm", at),
										Map.of("a", "rec", "i", incident.id(), "t",
												String.valueOf(time.get().toEpochMilli()))),
							services.tokens()
								.button(t.get("button.time.again"), Map.of("a", "rectime", "i", incident.id())))));
			return;
		}
		record(text, person, incident, playbook, time.get(), reply);
	}

	private void record(Inbound inbound, Person person, Incident incident, Playbook playbook, Instant at, Reply reply) {
		Instant now = services.clock().instant();
		String after = playbook.after().isEmpty() ? null : playbook.after().get(0).id();
		IncidentStore.Result result = services.incidents()
			.recover(incident, at, after, entry(TimelineType.RECOVERED, person, inbound, now,
					Map.of("recoveredAt", String.valueOf(at.toEpochMilli()))));
		if (!result.applied()) {
			reply.notice(services.texts().get("recovered.already", incident.id()));
			return;
		}
		Incident updated = services.incidents().find(incident.id()).orElseThrow();
		reply.answer(services.texts().get("recovered.answer"), false);
		reply.say(services.texts().get("recovered.done", incident.id(), services.views().preciseTime(at)));
		postIncident(updated, playbook, reply);
	}

	void askClose(Inbound inbound, Person person, Incident incident, Reply reply) {
		if (!person.may(incident.isDrill() ? Permission.CLOSE_DRILL : Permission.CLOSE)
				&& !person.may(Permission.CLOSE)) {
			reply.notice(services.texts().get("refuse.permission"));
			return;
		}
		if (incident.status() != IncidentStatus.RECOVERED) {
			reply.notice(services.texts()
				.get(incident.status() == IncidentStatus.CLOSED ? "incident.closed" : "close.notrecovered",
						incident.id()));
			return;
		}
		Playbook playbook = services.library().find(incident.playbookId()).orElse(null);
		String owed = (playbook != null) ? services.views().owedLines(incident, playbook) : "";
		reply.say(
				services.texts().get("close.confirm", incident.id())
						+ (owed.isEmpty() ? "" : "\n" + services.texts().get("close.owed", owed)),
				List.of(List.of(
						services.tokens()
							.button(services.texts().get("button.close"), Map.of("a", "close", "i", incident.id())),
						services.tokens().button(services.texts().get("button.cancel"), Map.of("a", "cancel")))));
	}

	void close(Inbound.Press press, Person person, Incident incident, Reply reply) {
		if (!person.may(incident.isDrill() ? Permission.CLOSE_DRILL : Permission.CLOSE)
				&& !person.may(Permission.CLOSE)) {
			reply.answer(services.texts().get("refuse.permission"), true);
			return;
		}
		Instant now = services.clock().instant();
		IncidentStore.Result result = services.incidents()
			.close(incident, now, entry(TimelineType.CLOSED, person, press, now, Map.of()));
		if (!result.applied()) {
			reply.answer(services.texts().get("close.failed", incident.id()), true);
			return;
		}
		Incident closed = services.incidents().find(incident.id()).orElseThrow();
		Playbook playbook = services.library().find(closed.playbookId()).orElseThrow();
		reply.answer(services.texts().get("close.done", incident.id()), false);
		String owed = services.views().owedLines(closed, playbook);
		reply.say(services.texts().get("close.done", incident.id())
				+ (owed.isEmpty() ? "" : "\n" + services.texts().get("close.done.owed", owed)));
		endHandlingEscalations(closed, reply);
		postIncident(closed, playbook, reply);
		seal(closed, playbook, reply);
	}

	/**
	 * The handling's open escalations (declaration, level) stop at close: their messages
	 * in the room and in the addressees' web chats lose the 确认收到 button and say so,
	 * instead of promising a next tier that never comes. Those about a report still owed
	 * go on.
	 */
	private void endHandlingEscalations(Incident closed, Reply reply) {
		for (Escalation escalation : closed.openEscalations().values()) {
			if (IncidentViews.chasedAfterClose(escalation.cause())) {
				continue;
			}
			String ended = services.texts()
				.get("escalation.closed", closed.isDrill() ? services.texts().get("reminder.drill") : "", closed.id(),
						Html.escape(escalation.reason()));
			String slot = IncidentViews.escalationSlot(closed.id(), escalation.number());
			reply.add(new Outbound.Edit(closed.chat(), slot, ended, List.of(), closed.id()));
			for (String told : escalation.told()) {
				reply.add(new Outbound.Edit(ChatRef.webPrivate(told), slot, ended, List.of(), closed.id()));
			}
		}
	}

	/**
	 * The complete record goes to the archive; a failure there is said, and nothing
	 * recorded is lost.
	 */
	private void seal(Incident closed, Playbook playbook, Reply reply) {
		try {
			services.paperwork().seal(closed, playbook);
			List<String> documents = services.paperwork().documents(closed.id());
			reply.say(services.texts().get("close.sealed", closed.id(), String.valueOf(documents.size())));
			documents.stream()
				.filter((name) -> name.startsWith(Paperwork.RECORD_PREFIX))
				.reduce((a, b) -> b)
				.ifPresent((name) -> reply.add(new Outbound.Document(closed.chat(), closed.id(), name,
						services.texts().get("doc.record.caption", closed.id()))));
		}
		catch (RuntimeException ex) {
			log.error("{} 归档失败", closed.id(), ex);
			reply.say(services.texts().get("close.seal.failed", closed.id()));
		}
	}

	/**
	 * 确认收到 and {@code /ack}: an acknowledgement answers the escalations meant for the
	 * person — its addressees (the people of the tiers told so far), their deputies (备岗),
	 * or a member of the 应急领导小组. One press acknowledges every open escalation of the
	 * incident the person may answer, and says which; each acknowledged message loses its
	 * button and shows who acknowledged and when.
	 * @param pressed the escalation whose button was pressed, or null for {@code /ack}
	 */
	void acknowledge(Inbound inbound, Person person, Incident incident, @Nullable String pressed, Reply reply) {
		Texts t = services.texts();
		if (pressed != null) {
			Optional<Escalation> escalation = (!pressed.isEmpty() && pressed.length() < 10
					&& pressed.chars().allMatch(Character::isDigit)) ? incident.escalation(Integer.parseInt(pressed))
							: Optional.empty();
			if (escalation.isEmpty()) {
				reply.notice(t.get("ack.none"));
				return;
			}
			String by = escalation.get().ackedBy();
			if (by != null) {
				takeButton(inbound, incident, escalation.get(), reply);
				reply.notice(t.get("ack.already", services.views().name(by)));
				return;
			}
			if (escalation.get().exhausted()) {
				reply.notice(t.get("ack.none"));
				return;
			}
			if (!mayAcknowledge(person, escalation.get())) {
				reply.notice(t.get("ack.notallowed", addressees(escalation.get())));
				return;
			}
		}
		List<Escalation> open = new ArrayList<>(incident.openEscalations().values());
		List<Escalation> mine = open.stream().filter((e) -> mayAcknowledge(person, e)).toList();
		if (mine.isEmpty()) {
			reply.notice(open.isEmpty() ? t.get("ack.none") : t.get("ack.notallowed", addressees(open.get(0))));
			return;
		}
		Instant now = services.clock().instant();
		List<Escalation> acked = new ArrayList<>();
		for (Escalation escalation : mine) {
			// who and when, in one change
			IncidentStore.Result result = services.incidents()
				.acknowledgeEscalation(incident, escalation.number(), person.id(), now,
						entry(TimelineType.ESCALATION_ACKED, person, inbound, now,
								Map.of("text", escalation.reason(), "esc", String.valueOf(escalation.number()))));
			if (result.applied()) {
				acked.add(escalation);
			}
		}
		if (acked.isEmpty()) {
			reply.notice(t.get("ack.none"));
			return;
		}
		Incident updated = services.incidents().find(incident.id()).orElse(incident);
		StringBuilder lines = new StringBuilder();
		for (Escalation escalation : acked) {
			int number = escalation.number();
			String reason = Html.escape(escalation.reason());
			lines.append(lines.isEmpty() ? "" : "\n").append(t.get("ack.line", reason));
			// the room's message of the escalation and the
			// addressees' own copies lose their button
			String done = t.get("escalation.acked", updated.isDrill() ? t.get("reminder.drill") : "", updated.id(),
					reason, Html.escape(person.name()), services.views().time(now));
			String slot = IncidentViews.escalationSlot(updated.id(), number);
			reply.add(new Outbound.Edit(updated.chat(), slot, done, List.of(), updated.id()));
			for (String told : escalation.told()) {
				reply.add(new Outbound.Edit(ChatRef.webPrivate(told), slot, done, List.of(), updated.id()));
			}
			if (Integer.toString(number).equals(pressed)) {
				takeButton(inbound, updated, number, reply, done);
			}
		}
		reply.answer(t.get("ack.done", String.valueOf(acked.size())), false);
		reply.add(new Outbound.Send(updated.chat(), t.get("ack.recorded", Html.escape(person.name()), updated.id(),
				String.valueOf(acked.size()), lines.toString()), List.of(), null, null));
		services.library()
			.find(updated.playbookId())
			.ifPresent((playbook) -> reply.add(new Outbound.Edit(updated.chat(), IncidentViews.cardSlot(updated),
					services.views().card(updated, playbook), List.of(), updated.id())));
	}

	/**
	 * The addressees of an escalation, their deputies, and the 应急领导小组 may acknowledge it.
	 */
	boolean mayAcknowledge(Person person, Escalation escalation) {
		if (person.roles().contains(RosterRole.LEADER)) {
			return true;
		}
		for (String told : escalation.told()) {
			if (told.equals(person.id())
					|| services.roster().byId(told).map((p) -> person.id().equals(p.deputy())).orElse(false)) {
				return true;
			}
		}
		return false;
	}

	private String addressees(Escalation escalation) {
		List<String> names = new ArrayList<>();
		for (String told : escalation.told()) {
			names.add(services.views().name(told));
		}
		return String.join("、", names);
	}

	/**
	 * A press on an acknowledged escalation's message elsewhere (a direct message): its
	 * button goes.
	 */
	private void takeButton(Inbound inbound, Incident incident, Escalation escalation, Reply reply) {
		Instant at = escalation.ackedAt();
		String done = services.texts()
			.get("escalation.acked", incident.isDrill() ? services.texts().get("reminder.drill") : "", incident.id(),
					Html.escape(escalation.reason()), Html.escape(services.views().name(escalation.ackedBy())),
					(at != null) ? services.views().time(at) : "-");
		takeButton(inbound, incident, escalation.number(), reply, done);
	}

	private void takeButton(Inbound inbound, Incident incident, int number, Reply reply, String done) {
		if (!(inbound instanceof Inbound.Press press) || press.messageId() == null
				|| inbound.chat().key().equals(incident.chat().key()) || inbound.chat().channel().equals("web")) {
			return; // the room's message and web chats are edited through their slots
		}
		String slot = IncidentViews.escalationSlot(incident.id(), number);
		services.slots().record(press.chat(), slot, press.messageId(), incident.id());
		reply.add(new Outbound.Edit(press.chat(), slot, done, List.of(), incident.id()));
	}

	void setLevel(Inbound.Text text, Person person, Incident incident, Map<String, String> q, Reply reply) {
		String reason = text.text().strip();
		if (reason.isEmpty() || reason.length() > 500) {
			reply.say(services.texts().get("level.reason.bad"));
			return;
		}
		Severity level = Severity.valueOf(q.get("l"));
		IncidentStore.Result result = services.incidents()
			.setLevel(incident, level, reason, person.id(), entry(TimelineType.LEVEL_SET, person, text,
					services.clock().instant(), Map.of("level", level.name(), "text", reason)));
		if (!result.applied()) {
			reply.say(services.texts().get("incident.closed", incident.id()));
			return;
		}
		Incident updated = services.incidents().find(incident.id()).orElseThrow();
		reply.say(services.texts().get("level.set", incident.id(), services.texts().label(level)));
		reply.add(new Outbound.Edit(updated.chat(), IncidentViews.cardSlot(updated),
				services.views().card(updated, services.library().find(updated.playbookId()).orElseThrow()), List.of(),
				updated.id()));
	}

	private static IncidentStore.Entry entry(TimelineType type, Person person, Inbound inbound, Instant at,
			Map<String, String> details) {
		return ConversationEngine.entry(type, person, inbound, at, details);
	}

	private void postIncident(Incident incident, Playbook playbook, Reply reply) {
		ConversationEngine.postIncident(services, incident, playbook, reply);
	}

}
