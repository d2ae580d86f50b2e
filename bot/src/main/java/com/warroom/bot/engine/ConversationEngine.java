package com.warroom.bot.engine;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import com.warroom.bot.incident.Incident;
import com.warroom.bot.incident.IncidentKind;
import com.warroom.bot.incident.IncidentStatus;
import com.warroom.bot.incident.IncidentStore;
import com.warroom.bot.incident.TimelineType;
import com.warroom.bot.roster.Contact;
import com.warroom.bot.roster.ContactBook;
import com.warroom.bot.roster.Permission;
import com.warroom.bot.roster.Person;
import com.warroom.bot.roster.Roster;
import com.warroom.playbooks.Grade;
import com.warroom.playbooks.Playbook;
import com.warroom.playbooks.PlaybookLibrary;
import com.warroom.playbooks.Severity;
import com.warroom.playbooks.SystemClass;
import com.warroom.playbooks.Track;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import redis.clients.jedis.exceptions.JedisException;

/**
 * The conversation: takes one inbound event and returns what to send, edit or answer.
 * Channel-free; state lives in Redis, so any instance can handle any event. Only roster
 * members act, within their permissions; bad input gets a polite Chinese message and
 * changes nothing. Thread-safe.
 */
public class ConversationEngine {

	private static final Logger log = LoggerFactory.getLogger(ConversationEngine.class);

	/** Notes longer than this are refused (a chat message holds 4096 characters). */
	static final int MAX_NOTE = 4000;

	private static final int MATCHES = 6;

	private final Services services;

	private final StepFlow steps;

	private final ReportFlow reports;

	private final FactFlow facts;

	/** Everything the engine uses, wired once. */
	public record Services(PlaybookLibrary library, Roster roster, ContactBook contacts, IncidentStore incidents,
			ButtonTokens tokens, ConversationState conversations, MessageSlots slots, Texts texts, IncidentViews views,
			ScenarioSearch search, TopicOpener topics, Clock clock, ZoneId zone, IncidentListener listener) {
	}

	public ConversationEngine(Services services) {
		this.services = services;
		this.steps = new StepFlow(services);
		this.reports = new ReportFlow(services);
		this.facts = new FactFlow(services);
	}

	/** The views this engine renders with (shared with the clock). */
	public IncidentViews views() {
		return services.views();
	}

	/** Handles one event; never throws for bad input or a Redis outage. */
	public List<Outbound> handle(Inbound inbound) {
		Reply reply = new Reply(inbound);
		Optional<Person> person = services.roster().find(inbound.actor().channel(), inbound.actor().userId());
		if (person.isEmpty()) {
			log.info("拒绝名册外用户 {}:{} 的{}", inbound.actor().channel(), inbound.actor().userId(),
					inbound.getClass().getSimpleName());
			reply.notice(services.texts().get("refuse.unknown"));
			return reply.actions();
		}
		try {
			if (inbound instanceof Inbound.Command command) {
				command(command, person.get(), reply);
			}
			else if (inbound instanceof Inbound.Text text) {
				text(text, person.get(), reply);
			}
			else if (inbound instanceof Inbound.Press press) {
				press(press, person.get(), reply);
			}
		}
		catch (JedisException ex) {
			log.warn("Redis 不可用，操作未执行：{}", ex.getClass().getSimpleName());
			return new Reply(inbound).notice(services.texts().get("error.storage")).actions();
		}
		return reply.actions();
	}

	private void command(Inbound.Command command, Person person, Reply reply) {
		Texts t = services.texts();
		String args = command.args().strip();
		switch (command.name()) {
			case "start", "help" -> reply.say(t.get("help", Html.escape(person.name())));
			case "declare", "drill" -> declare(command, person, args, reply);
			case "contacts" -> contacts(person, args, reply);
			case "status", "steps", "timeline", "note", "level", "recovered", "close", "reported" ->
				withIncident(command, person, command.name(), args, reply);
			case "report", "summary", "notice" -> reply.say(t.get("later", command.name()));
			case "ack" -> withIncident(command, person, command.name(), args, reply);
			default -> reply.say(t.get("unknown.command", Html.escape(abbreviate(command.name(), 32))));
		}
	}

	private void text(Inbound.Text text, Person person, Reply reply) {
		Optional<Map<String, String>> pending = services.conversations().pending(text.chat(), text.actor());
		if (pending.isPresent()) {
			services.conversations().clear(text.chat(), text.actor());
			answerPending(text, person, pending.get(), reply);
			return;
		}
		if (text.replyTo() != null) {
			Optional<String> incidentId = services.slots().incidentOf(text.chat(), text.replyTo());
			if (incidentId.isPresent()) {
				services.incidents().find(incidentId.get())
					.ifPresent((incident) -> note(incident, person, text, text.text(), reply));
			}
		}
		// other chatter in a group is not for the bot
	}

	private void press(Inbound.Press press, Person person, Reply reply) {
		Optional<Map<String, String>> meaning = services.tokens().resolve(press.data());
		if (meaning.isEmpty()) {
			reply.answer(services.texts().get("button.invalid"), true);
			return;
		}
		Map<String, String> m = meaning.get();
		switch (m.getOrDefault("a", "")) {
			case "cls" -> chooseClass(person, m, reply);
			case "pb" -> choosePlaybook(person, m, reply);
			case "decl" -> confirmDeclare(press, person, m, reply);
			case "disc" -> askDiscovery(press, person, m, reply);
			case "cancel" -> reply.answer(services.texts().get("cancelled"), false)
				.add(new Outbound.Edit(press.chat(), pickSlot(press), services.texts().get("cancelled"), List.of(), null));
			case "step" -> steps.press(press, person, m, reply);
			case "rep", "repch", "repnow", "reptime", "appr" -> reports.press(press, person, m, reply);
			case "fact", "factask" -> facts.press(press, person, m, reply);
			case "ack" -> services.incidents().find(m.getOrDefault("i", "")).ifPresentOrElse(
					(incident) -> acknowledge(press, person, incident, List.of(m.getOrDefault("e", "")), reply),
					() -> reply.answer(services.texts().get("button.invalid"), true));
			case "pick" -> services.incidents().find(m.get("i")).ifPresentOrElse(
					(incident) -> run(press, person, incident, m.get("c"), m.getOrDefault("x", ""), reply),
					() -> reply.answer(services.texts().get("incident.missing"), true));
			case "tl" -> services.incidents().find(m.get("i")).ifPresent((incident) -> reply.add(services.views()
				.timeline(incident, services.incidents().timeline(incident.id()), parseInt(m.get("p")))));
			case "close" -> services.incidents().find(m.get("i")).ifPresent((incident) -> close(press, person, incident, reply));
			case "lvl" -> services.incidents().find(m.get("i")).ifPresent((incident) -> askLevelReason(press, person, incident, m, reply));
			default -> reply.answer(services.texts().get("button.invalid"), true);
		}
	}

	// --- declaring -------------------------------------------------------------------

	private void declare(Inbound.Command command, Person person, String words, Reply reply) {
		boolean drill = command.name().equals("drill");
		if (!person.may(drill ? Permission.DRILL : Permission.DECLARE)) {
			reply.say(services.texts().get("refuse.permission"));
			return;
		}
		String kind = drill ? IncidentKind.DRILL.name() : IncidentKind.REAL.name();
		if (words.isEmpty()) {
			reply.add(new Outbound.Send(command.chat(), services.texts().get(drill ? "declare.class.drill" : "declare.class"),
					classButtons(kind), pickSlot(command), null));
			return;
		}
		List<ScenarioSearch.Match> matches = services.search().search(words, MATCHES);
		if (matches.isEmpty()) {
			reply.add(new Outbound.Send(command.chat(), services.texts().get("declare.nomatch", Html.escape(abbreviate(words, 100))),
					classButtons(kind), pickSlot(command), null));
			return;
		}
		List<List<Button>> buttons = new ArrayList<>();
		for (ScenarioSearch.Match match : matches) {
			buttons.add(List.of(services.tokens().button(abbreviate(match.playbook().fullTitle(), 40),
					Map.of("a", "pb", "k", kind, "p", match.playbook().id()))));
		}
		reply.add(new Outbound.Send(command.chat(), services.texts().get("declare.matches", Html.escape(abbreviate(words, 100))),
				buttons, pickSlot(command), null));
	}

	private List<List<Button>> classButtons(String kind) {
		List<List<Button>> rows = new ArrayList<>();
		List<Button> row = new ArrayList<>();
		for (SystemClass systemClass : SystemClass.values()) {
			row.add(services.tokens().button(systemClass.label(), Map.of("a", "cls", "k", kind, "c", systemClass.key())));
			if (row.size() == 2) {
				rows.add(row);
				row = new ArrayList<>();
			}
		}
		if (!row.isEmpty()) {
			rows.add(row);
		}
		return rows;
	}

	private void chooseClass(Person person, Map<String, String> m, Reply reply) {
		SystemClass systemClass = SystemClass.fromKey(m.getOrDefault("c", "")).orElse(null);
		if (systemClass == null) {
			reply.answer(services.texts().get("button.invalid"), true);
			return;
		}
		List<List<Button>> buttons = new ArrayList<>();
		for (Playbook playbook : services.library().all()) {
			if (playbook.systemClass() == systemClass) {
				buttons.add(List.of(services.tokens().button(abbreviate(playbook.fullTitle(), 40),
						Map.of("a", "pb", "k", m.get("k"), "p", playbook.id()))));
			}
		}
		buttons.add(List.of(services.tokens().button(services.texts().get("button.cancel"), Map.of("a", "cancel"))));
		reply.add(new Outbound.Edit(chatOf(reply), pickSlot(reply), services.texts().get("declare.scenarios", systemClass.label()),
				buttons, null));
	}

	private void choosePlaybook(Person person, Map<String, String> m, Reply reply) {
		Optional<Playbook> playbook = services.library().find(m.getOrDefault("p", ""));
		if (playbook.isEmpty()) {
			reply.answer(services.texts().get("button.invalid"), true);
			return;
		}
		reply.add(new Outbound.Edit(chatOf(reply), pickSlot(reply), confirmText(playbook.get(), m), confirmButtons(m), null));
	}

	private String confirmText(Playbook playbook, Map<String, String> m) {
		boolean drill = IncidentKind.DRILL.name().equals(m.get("k"));
		String discovered = m.containsKey("d") ? services.views().time(Instant.ofEpochMilli(Long.parseLong(m.get("d"))))
				: services.texts().get("declare.now");
		return services.texts().get(drill ? "declare.confirm.drill" : "declare.confirm", Html.escape(playbook.fullTitle()),
				Html.escape(playbook.description()), discovered);
	}

	private List<List<Button>> confirmButtons(Map<String, String> m) {
		Map<String, String> base = new LinkedHashMap<>(m);
		base.remove("a");
		return List.of(
				List.of(services.tokens().button(services.texts().get("button.declare"), IncidentViews.with(base, "a", "decl"))),
				List.of(services.tokens().button(services.texts().get("button.discovery"), IncidentViews.with(base, "a", "disc")),
						services.tokens().button(services.texts().get("button.cancel"), Map.of("a", "cancel"))));
	}

	private void askDiscovery(Inbound.Press press, Person person, Map<String, String> m, Reply reply) {
		Map<String, String> question = new LinkedHashMap<>(m);
		question.put("q", "discovery");
		services.conversations().await(press.chat(), press.actor(), question);
		reply.say(services.texts().get("declare.discovery.ask"));
	}

	private void confirmDeclare(Inbound.Press press, Person person, Map<String, String> m, Reply reply) {
		IncidentKind kind = IncidentKind.valueOf(m.getOrDefault("k", "REAL"));
		if (!person.may(kind == IncidentKind.DRILL ? Permission.DRILL : Permission.DECLARE)) {
			reply.answer(services.texts().get("refuse.permission"), true);
			return;
		}
		Playbook playbook = services.library().find(m.getOrDefault("p", "")).orElse(null);
		if (playbook == null || !services.tokens().consume(press.data())) {
			reply.answer(services.texts().get("declare.already"), true);
			return;
		}
		Instant now = services.clock().instant();
		Instant started = m.containsKey("d") ? Instant.ofEpochMilli(Long.parseLong(m.get("d"))) : now;
		Map<String, String> cursors = new LinkedHashMap<>();
		for (Track track : List.of(Track.FLOW, Track.STEPS)) {
			if (!playbook.track(track).isEmpty()) {
				cursors.put(track.key(), playbook.track(track).get(0).id());
			}
		}
		ChatRef chat = press.chat();
		if (chat.forum()) {
			String name = (kind == IncidentKind.DRILL ? "【演练】" : "") + playbook.title();
			chat = services.topics().open(chat, abbreviate(name, 100)).orElse(chat);
		}
		Incident incident = services.incidents().create(
				new IncidentStore.NewIncident(kind, playbook.id(), chat, person.id(), started, now, cursors),
				entry(TimelineType.DECLARED, person, press, now, Map.of("playbook", playbook.id(),
						"text", playbook.fullTitle(), "startedAt", String.valueOf(started.toEpochMilli()))));
		if (chat.threadId() != null && !chat.threadId().equals(press.chat().threadId())) {
			services.incidents().setThread(incident.id(), chat);
		}
		reply.answer(services.texts().get("declare.done", incident.id()), false);
		reply.add(new Outbound.Edit(press.chat(), pickSlot(press), services.texts().get("declare.done.pick", incident.id(),
				Html.escape(playbook.fullTitle())), List.of(), null));
		postIncident(incident, playbook, reply);
	}

	/** The card and the current step of each running track. */
	void postIncident(Incident incident, Playbook playbook, Reply reply) {
		reply.add(new Outbound.Edit(incident.chat(), IncidentViews.cardSlot(incident), services.views().card(incident, playbook),
				List.of(), incident.id()));
		for (Track track : Track.values()) {
			if (incident.fields().containsKey("cursor:" + track.key())) {
				reply.add(services.views().trackMessage(incident, playbook, track));
			}
		}
	}

	// --- commands about one incident -------------------------------------------------------

	private void withIncident(Inbound.Command command, Person person, String name, String args, Reply reply) {
		Optional<String> inThread = services.incidents().incidentOfThread(command.chat());
		if (inThread.isPresent()) {
			services.incidents().find(inThread.get()).ifPresent((incident) -> run(command, person, incident, name, args, reply));
			return;
		}
		List<Incident> open = services.incidents().openIn(command.chat());
		if (open.isEmpty()) {
			reply.say(services.texts().get("incident.none"));
		}
		else if (open.size() == 1) {
			run(command, person, open.get(0), name, args, reply);
		}
		else {
			List<List<Button>> buttons = new ArrayList<>();
			for (Incident incident : open) {
				String title = services.library().find(incident.playbookId()).map(Playbook::title).orElse("");
				buttons.add(List.of(services.tokens().button(abbreviate(incident.id() + " " + title, 40),
						Map.of("a", "pick", "c", name, "i", incident.id(), "x", args))));
			}
			reply.say(services.texts().get("incident.which", "/" + name), buttons);
		}
	}

	private void run(Inbound inbound, Person person, Incident incident, String name, String args, Reply reply) {
		Playbook playbook = services.library().find(incident.playbookId()).orElse(null);
		if (playbook == null) {
			reply.notice(services.texts().get("incident.playbook.missing", incident.playbookId()));
			return;
		}
		switch (name) {
			case "status" -> reply.add(new Outbound.Send(inbound.chat(), services.views().card(incident, playbook), List.of(),
					null, incident.id()));
			case "steps" -> postIncident(incident, playbook, reply);
			case "timeline" -> reply.add(services.views().timeline(incident, services.incidents().timeline(incident.id()),
					Integer.MAX_VALUE));
			case "note" -> note(incident, person, inbound, args, reply);
			case "level" -> level(inbound, person, incident, playbook, reply);
			case "recovered" -> recovered(inbound, person, incident, playbook, reply);
			case "close" -> askClose(inbound, person, incident, reply);
			case "reported" -> reports.start(inbound, person, incident, playbook, reply);
			case "ack" -> acknowledge(inbound, person, incident,
					incident.openEscalations().keySet().stream().map(String::valueOf).toList(), reply);
			default -> reply.notice(services.texts().get("button.invalid"));
		}
	}

	private void note(Incident incident, Person person, Inbound inbound, String text, Reply reply) {
		Texts t = services.texts();
		if (!person.may(Permission.NOTE)) {
			reply.notice(t.get("refuse.permission"));
			return;
		}
		String note = text.strip();
		if (note.isEmpty()) {
			reply.say(t.get("note.empty"));
			return;
		}
		if (note.length() > MAX_NOTE) {
			reply.say(t.get("note.long", String.valueOf(MAX_NOTE), String.valueOf(note.length())));
			return;
		}
		IncidentStore.Result result = services.incidents().change(incident,
				EnumSet.of(IncidentStatus.OPEN, IncidentStatus.RECOVERED), Map.of(),
				entry(TimelineType.NOTE, person, inbound, services.clock().instant(), Map.of("text", note)));
		reply.say(result.applied() ? t.get("note.saved", incident.id()) : t.get("incident.closed", incident.id()));
	}

	private void level(Inbound inbound, Person person, Incident incident, Playbook playbook, Reply reply) {
		Texts t = services.texts();
		Grade grade = services.views().grade(incident, playbook);
		StringBuilder html = new StringBuilder(t.get("level.computed", incident.id(), grade.level().label()));
		grade.reasons().forEach((reason) -> html.append('\n').append("• ").append(Html.escape(reason.toString())));
		html.append('\n').append(t.get("level.facts", Html.escape(services.views().describeFacts(incident, playbook))));
		if (incident.levelOverride() != null) {
			html.append('\n').append(t.get("level.override", incident.levelOverride().label(),
					Html.escape(String.valueOf(incident.levelReason()))));
		}
		List<List<Button>> buttons = new ArrayList<>();
		if (person.may(Permission.SET_LEVEL) && incident.status() != IncidentStatus.CLOSED) {
			html.append('\n').append(t.get("level.set.hint"));
			List<Button> row = new ArrayList<>();
			for (Severity severity : Severity.values()) {
				row.add(services.tokens().button(severity.label(), Map.of("a", "lvl", "i", incident.id(), "l", severity.name())));
			}
			buttons.add(row);
		}
		if (person.may(Permission.STEP) && incident.status() != IncidentStatus.CLOSED) {
			html.append('\n').append(t.get("level.facts.hint"));
			buttons.addAll(facts.buttons(incident, playbook));
		}
		reply.add(new Outbound.Send(inbound.chat(), html.toString(), buttons, null, incident.id()));
	}

	private void askLevelReason(Inbound.Press press, Person person, Incident incident, Map<String, String> m, Reply reply) {
		if (!person.may(Permission.SET_LEVEL)) {
			reply.answer(services.texts().get("refuse.permission"), true);
			return;
		}
		services.conversations().await(press.chat(), press.actor(), Map.of("q", "level", "i", incident.id(), "l", m.get("l")));
		reply.say(services.texts().get("level.reason.ask", Severity.valueOf(m.get("l")).label()));
	}

	private void recovered(Inbound inbound, Person person, Incident incident, Playbook playbook, Reply reply) {
		if (!person.may(Permission.RECOVER)) {
			reply.notice(services.texts().get("refuse.permission"));
			return;
		}
		Instant now = services.clock().instant();
		Map<String, String> fields = new LinkedHashMap<>();
		fields.put("status", IncidentStatus.RECOVERED.name());
		fields.put("recoveredAt", String.valueOf(now.toEpochMilli()));
		if (!playbook.after().isEmpty()) {
			fields.put("cursor:" + Track.AFTER.key(), playbook.after().get(0).id());
		}
		IncidentStore.Result result = services.incidents().change(incident, EnumSet.of(IncidentStatus.OPEN), fields,
				entry(TimelineType.RECOVERED, person, inbound, now, Map.of()));
		if (!result.applied()) {
			reply.notice(services.texts().get("recovered.already", incident.id()));
			return;
		}
		Incident updated = services.incidents().find(incident.id()).orElseThrow();
		reply.say(services.texts().get("recovered.done", incident.id(), services.views().time(now)));
		postIncident(updated, playbook, reply);
	}

	private void askClose(Inbound inbound, Person person, Incident incident, Reply reply) {
		if (!person.may(incident.isDrill() ? Permission.CLOSE_DRILL : Permission.CLOSE) && !person.may(Permission.CLOSE)) {
			reply.notice(services.texts().get("refuse.permission"));
			return;
		}
		if (incident.status() != IncidentStatus.RECOVERED) {
			reply.notice(services.texts().get(incident.status() == IncidentStatus.CLOSED ? "incident.closed" : "close.notrecovered",
					incident.id()));
			return;
		}
		reply.say(services.texts().get("close.confirm", incident.id()), List.of(List.of(
				services.tokens().button(services.texts().get("button.close"), Map.of("a", "close", "i", incident.id())),
				services.tokens().button(services.texts().get("button.cancel"), Map.of("a", "cancel")))));
	}

	private void close(Inbound.Press press, Person person, Incident incident, Reply reply) {
		if (!person.may(incident.isDrill() ? Permission.CLOSE_DRILL : Permission.CLOSE) && !person.may(Permission.CLOSE)) {
			reply.answer(services.texts().get("refuse.permission"), true);
			return;
		}
		Instant now = services.clock().instant();
		IncidentStore.Result result = services.incidents().change(incident, EnumSet.of(IncidentStatus.RECOVERED),
				Map.of("status", IncidentStatus.CLOSED.name(), "closedAt", String.valueOf(now.toEpochMilli())),
				entry(TimelineType.CLOSED, person, press, now, Map.of()));
		if (!result.applied()) {
			reply.answer(services.texts().get("close.failed", incident.id()), true);
			return;
		}
		Incident closed = services.incidents().find(incident.id()).orElseThrow();
		Playbook playbook = services.library().find(closed.playbookId()).orElseThrow();
		reply.answer(services.texts().get("close.done", incident.id()), false);
		reply.say(services.texts().get("close.done", incident.id()));
		postIncident(closed, playbook, reply);
	}

	/** 确认收到: the first acknowledgement stops an escalation and is recorded. */
	private void acknowledge(Inbound inbound, Person person, Incident incident, List<String> numbers, Reply reply) {
		Texts t = services.texts();
		boolean any = false;
		String by = null;
		for (String number : numbers) {
			if (!number.chars().allMatch(Character::isDigit) || number.isEmpty()
					|| !incident.fields().containsKey("esc:" + number + ":reason")) {
				continue;
			}
			IncidentStore.Result result = services.incidents().once(incident, "esc:" + number + ":ack", person.id(),
					entry(TimelineType.ESCALATION_ACKED, person, inbound, services.clock().instant(),
							Map.of("text", incident.fields().get("esc:" + number + ":reason"), "esc", number)));
			any |= result.applied();
			if (!result.applied() && "exists".equals(result.code())) {
				by = result.detail();
			}
		}
		if (any) {
			reply.answer(t.get("ack.done"), false);
			Incident updated = services.incidents().find(incident.id()).orElse(incident);
			reply.add(new Outbound.Send(updated.chat(), t.get("ack.recorded", Html.escape(person.name()), incident.id()),
					List.of(), null, null));
			services.library().find(updated.playbookId()).ifPresent((playbook) -> reply.add(new Outbound.Edit(updated.chat(),
					IncidentViews.cardSlot(updated), services.views().card(updated, playbook), List.of(), updated.id())));
		}
		else if (by != null) {
			reply.notice(t.get("ack.already", services.views().name(by)));
		}
		else {
			reply.notice(t.get("ack.none"));
		}
	}

	private void contacts(Person person, String words, Reply reply) {
		ContactBook book = services.contacts();
		List<Contact> found = words.isEmpty() ? book.all() : book.search(words);
		if (found.isEmpty()) {
			reply.say(services.texts().get("contacts.none", Html.escape(abbreviate(words, 50))));
			return;
		}
		StringBuilder html = new StringBuilder(services.texts().get("contacts.header", String.valueOf(found.size())));
		for (Contact contact : found.subList(0, Math.min(30, found.size()))) {
			html.append('\n').append(services.texts().get("contacts.line", Html.escape(book.categoryName(contact.category())),
					Html.escape(contact.unit()), Html.escape(orDash(contact.person())), Html.escape(orDash(contact.phone())),
					Html.escape(orDash(contact.mobile()))));
		}
		reply.say(html.toString());
	}

	// --- answers to questions the bot asked ---------------------------------------------------

	private void answerPending(Inbound.Text text, Person person, Map<String, String> q, Reply reply) {
		switch (q.getOrDefault("q", "")) {
			case "discovery" -> discovery(text, q, reply);
			case "skip", "block" -> steps.reason(text, person, q, reply);
			case "reptime" -> reports.time(text, person, q, reply, parseTime(text.text().strip()));
			case "fact" -> facts.number(text, person, q, reply);
			case "level" -> services.incidents().find(q.get("i")).ifPresent((incident) -> setLevel(text, person, incident, q, reply));
			default -> {
			}
		}
	}

	private void discovery(Inbound.Text text, Map<String, String> q, Reply reply) {
		Optional<Instant> time = parseTime(text.text().strip());
		Instant now = services.clock().instant();
		if (time.isEmpty() || time.get().isAfter(now)) {
			services.conversations().await(text.chat(), text.actor(), q);
			reply.say(services.texts().get("declare.discovery.bad", Html.escape(abbreviate(text.text(), 40))));
			return;
		}
		Map<String, String> m = new LinkedHashMap<>(q);
		m.remove("q");
		m.put("d", String.valueOf(time.get().toEpochMilli()));
		Playbook playbook = services.library().find(m.getOrDefault("p", "")).orElse(null);
		if (playbook == null) {
			reply.say(services.texts().get("button.invalid"));
			return;
		}
		reply.say(confirmText(playbook, m), confirmButtons(m));
	}

	private void setLevel(Inbound.Text text, Person person, Incident incident, Map<String, String> q, Reply reply) {
		String reason = text.text().strip();
		if (reason.isEmpty() || reason.length() > 500) {
			reply.say(services.texts().get("level.reason.bad"));
			return;
		}
		Severity level = Severity.valueOf(q.get("l"));
		IncidentStore.Result result = services.incidents().change(incident, EnumSet.of(IncidentStatus.OPEN, IncidentStatus.RECOVERED),
				Map.of("level", level.name(), "levelReason", reason, "levelBy", person.id()),
				entry(TimelineType.LEVEL_SET, person, text, services.clock().instant(), Map.of("level", level.label(), "text", reason)));
		if (!result.applied()) {
			reply.say(services.texts().get("incident.closed", incident.id()));
			return;
		}
		Incident updated = services.incidents().find(incident.id()).orElseThrow();
		reply.say(services.texts().get("level.set", incident.id(), level.label()));
		reply.add(new Outbound.Edit(updated.chat(), IncidentViews.cardSlot(updated),
				services.views().card(updated, services.library().find(updated.playbookId()).orElseThrow()), List.of(), updated.id()));
	}

	// --- helpers ------------------------------------------------------------------------------

	/**
	 * Channels call this after they delivered (queued) the actions of {@link #handle}: every
	 * incident whose card was re-rendered has changed, and the listener (the clock) is
	 * told once each — after, so its own messages follow the ones that caused them.
	 */
	public void settled(List<Outbound> actions) {
		java.util.Set<String> changed = new java.util.LinkedHashSet<>();
		for (Outbound action : actions) {
			if (action instanceof Outbound.Edit edit && edit.incidentId() != null && edit.slot().endsWith(":card")) {
				changed.add(edit.incidentId());
			}
		}
		for (String id : changed) {
			try {
				services.listener().changed(id);
			}
			catch (RuntimeException ex) {
				log.error("重新安排 {} 的提醒失败", id, ex);
			}
		}
	}

	Optional<Instant> parseTime(String text) {
		ZoneId zone = services.zone();
		try {
			if (text.matches("\\d{1,2}[:：]\\d{2}")) {
				LocalTime time = LocalTime.parse(text.replace('：', ':'), DateTimeFormatter.ofPattern("H:mm"));
				LocalDate today = services.clock().instant().atZone(zone).toLocalDate();
				return Optional.of(LocalDateTime.of(today, time).atZone(zone).toInstant());
			}
			if (text.matches("\\d{4}-\\d{2}-\\d{2} \\d{1,2}[:：]\\d{2}")) {
				return Optional.of(LocalDateTime.parse(text.replace('：', ':'), DateTimeFormatter.ofPattern("yyyy-MM-dd H:mm"))
					.atZone(zone).toInstant());
			}
		}
		catch (DateTimeParseException ex) {
			return Optional.empty();
		}
		return Optional.empty();
	}

	static IncidentStore.Entry entry(TimelineType type, Person person, Inbound inbound, Instant at, Map<String, String> details) {
		return new IncidentStore.Entry(type, person.id(), person.name(), inbound.chat().channel(), at, details);
	}

	static String pickSlot(Inbound inbound) {
		return "pick:" + inbound.actor().userId();
	}

	private static String pickSlot(Reply reply) {
		return "pick:" + reply.inbound().actor().userId();
	}

	private static ChatRef chatOf(Reply reply) {
		return reply.inbound().chat();
	}

	static String abbreviate(String text, int max) {
		return IncidentViews.abbreviate(text, max);
	}

	private static String orDash(String text) {
		return (text == null) ? "-" : text;
	}

	private static int parseInt(String text) {
		try {
			return Integer.parseInt(text);
		}
		catch (NumberFormatException ex) {
			return 1;
		}
	}

}
