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
import java.util.List;
import java.util.Map;
import java.util.Optional;

import com.warroom.bot.incident.Incident;
import com.warroom.bot.incident.IncidentStatus;
import com.warroom.bot.incident.IncidentStore;
import com.warroom.bot.incident.TimelineType;
import com.warroom.bot.roster.Contact;
import com.warroom.bot.roster.ContactBook;
import com.warroom.bot.roster.Permission;
import com.warroom.bot.roster.Person;
import com.warroom.bot.roster.Roster;
import com.warroom.playbooks.Playbook;
import com.warroom.playbooks.PlaybookLibrary;
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

	/** Commands that reach a closed incident still owing reports. */
	private static final java.util.Set<String> AFTER_CLOSE = java.util.Set.of("reported", "report", "summary", "status",
			"timeline", "ack");

	/** Notes longer than this are refused (a chat message holds 4096 characters). */
	static final int MAX_NOTE = 4000;

	private final Services services;

	private final StepFlow steps;

	private final ReportFlow reports;

	private final FactFlow facts;

	private final DeclareFlow declares;

	private final LifecycleFlow lifecycle;

	private final DocumentFlow documents;

	private final DrillPlanFlow drills;

	private final @org.jspecify.annotations.Nullable DrillInjects injects;

	/** Everything the engine uses, wired once. */
	public record Services(PlaybookLibrary library, Roster roster, ContactBook contacts, IncidentStore incidents,
			ButtonTokens tokens, ConversationState conversations, MessageSlots slots, Texts texts, IncidentViews views,
			ScenarioSearch search, TopicOpener topics, Clock clock, ZoneId zone, IncidentListener listener,
			Paperwork paperwork) {
	}

	public ConversationEngine(Services services) {
		this(services, null);
	}

	/** @param drills what drill plans need (GH-16); null: {@code /drill} is the ad-hoc drill only */
	public ConversationEngine(Services services, @org.jspecify.annotations.Nullable DrillSetup drills) {
		this.services = services;
		this.steps = new StepFlow(services);
		this.reports = new ReportFlow(services);
		this.facts = new FactFlow(services);
		this.declares = new DeclareFlow(services, this);
		this.lifecycle = new LifecycleFlow(services, this, facts);
		this.documents = new DocumentFlow(services);
		this.injects = (drills != null) ? new DrillInjects(services, this, facts, drills) : null;
		this.drills = new DrillPlanFlow(services, declares, drills, injects);
	}

	/**
	 * A timer of drill run {@code runId} came due (GH-16): the injects due by now, to deliver
	 * (then {@link #settled}). Never throws for a Redis outage: an inject whose effect fails
	 * is recorded as failed on the drill's timeline and not repeated (injects fire at most
	 * once).
	 */
	public List<Outbound> fireDrill(String runId) {
		if (injects == null) {
			return List.of();
		}
		try {
			return DrillMark.apply(injects.fire(runId));
		}
		catch (JedisException ex) {
			log.warn("Redis 不可用，演练 {} 的注入未执行：{}", runId, ex.getClass().getSimpleName());
			return List.of();
		}
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
			refuseStranger(inbound, reply);
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
			// a report book waiting for 签发 that the action made stale is renewed, and its signers told
			reports.signing().renewChanged(inbound, person.get(), reply);
		}
		catch (JedisException ex) {
			log.warn("Redis 不可用，操作未执行：{}", ex.getClass().getSimpleName());
			return new Reply(inbound).notice(services.texts().get("error.storage")).actions();
		}
		return DrillMark.apply(reply.actions());
	}

	/**
	 * What to answer an event that cannot be handled because a store is unreachable (the
	 * channel found it out before asking the engine): the storage notice, nothing changed.
	 */
	public List<Outbound> unavailable(Inbound inbound) {
		return new Reply(inbound).notice(services.texts().get("error.storage")).actions();
	}

	private void command(Inbound.Command command, Person person, Reply reply) {
		Texts t = services.texts();
		String args = command.args().strip();
		switch (command.name()) {
			case "start", "help" -> reply.say(t.get("help", Html.escape(person.name())));
			case "declare" -> declares.declare(command, person, args, reply);
			case "drill" -> drills.command(command, person, args, reply);
			case "contacts" -> contacts(person, args, reply);
			case "status", "steps", "timeline", "note", "level", "recovered", "close", "reported", "report", "summary",
					"notice", "ack" ->
				withIncident(command, person, command.name(), args, reply);
			case "archive" -> documents.archive(person, args, reply);
			default -> {
				// in a group an unknown command may be another bot's: only a private chat is answered
				if (command.chat().isPrivate()) {
					reply.say(t.get("unknown.command", Html.escape(abbreviate(command.name(), 32))));
				}
			}
		}
	}

	/**
	 * Someone not on the roster: a press is answered to them alone, a command in a group is
	 * refused in their private chat (the group does not hear of it), chatter in a group is
	 * not for the bot.
	 */
	private void refuseStranger(Inbound inbound, Reply reply) {
		String refusal = services.texts().get("refuse.unknown");
		if (inbound instanceof Inbound.Press) {
			reply.answer(refusal, true);
		}
		else if (inbound.chat().isPrivate()) {
			reply.say(Html.escape(refusal));
		}
		else if (inbound instanceof Inbound.Command) {
			reply.add(new Outbound.Send(ChatRef.privateOf(inbound.actor()), Html.escape(refusal), List.of(), null, null));
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

	/** Buttons that still work once their incident is closed: the archive and reading the timeline. */
	private static final java.util.Set<String> READ_AFTER_CLOSE = java.util.Set.of("arc", "doc", "tl");

	/**
	 * Buttons that still work on a closed incident while it owes reports (GH-12: closing
	 * ends the handling, not the obligations): recording and signing a report, the
	 * post-event interview, acknowledging an escalation. Their flows refuse them once
	 * nothing is owed.
	 */
	private static final java.util.Set<String> OWED_AFTER_CLOSE = java.util.Set.of("rep", "repch", "repnow", "reptime",
			"repat", "appr", "apprdel", "apprto", "sum", "sumv", "sumgo", "ack");

	private void press(Inbound.Press press, Person person, Reply reply) {
		Optional<Map<String, String>> meaning = services.tokens().resolve(press.data());
		if (meaning.isEmpty()) {
			reply.answer(services.texts().get("button.invalid"), true);
			return;
		}
		Map<String, String> m = meaning.get();
		if (m.containsKey("u") && !m.get("u").equals(person.id())) {
			// someone else's picker or question: said to the one who pressed, nothing changes
			reply.answer(services.texts().get("button.notyours"), true);
			return;
		}
		if (m.containsKey("i") && !READ_AFTER_CLOSE.contains(m.getOrDefault("a", ""))) {
			Optional<Incident> target = services.incidents().find(m.get("i"));
			if (target.isPresent() && target.get().status() == IncidentStatus.CLOSED
					&& !(OWED_AFTER_CLOSE.contains(m.getOrDefault("a", "")) && stillOwing(services, target.get()))) {
				reply.answer(services.texts().get("button.closed", target.get().id()), true);
				return;
			}
		}
		switch (m.getOrDefault("a", "")) {
			case "cls" -> declares.chooseClass(person, m, reply);
			case "pb" -> declares.choosePlaybook(person, m, reply);
			case "decl" -> declares.confirmDeclare(press, person, m, reply);
			case "disc" -> declares.askDiscovery(press, person, m, reply);
			case "cancel" -> reply.answer(services.texts().get("cancelled"), false)
				.add(new Outbound.Edit(press.chat(), pickSlot(press), services.texts().get("cancelled"), List.of(), null));
			case "step" -> steps.press(press, person, m, reply);
			case "rep", "repch", "repnow", "reptime", "repat", "appr", "apprdel", "apprto" -> reports.press(press, person, m, reply);
			case "fact", "factask" -> facts.press(press, person, m, reply);
			case "sum", "sumv", "sumgo", "ntc", "ntcok", "ntcpdf", "arc", "doc", "notemk" -> documents.press(press, person, m, reply);
			case "ack" -> services.incidents().find(m.getOrDefault("i", "")).ifPresentOrElse(
					(incident) -> lifecycle.acknowledge(press, person, incident, m.getOrDefault("e", ""), reply),
					() -> reply.answer(services.texts().get("button.invalid"), true));
			case "pick" -> services.incidents().find(m.get("i")).ifPresentOrElse(
					(incident) -> run(press, person, incident, m.get("c"), m.getOrDefault("x", ""), reply),
					() -> reply.answer(services.texts().get("incident.missing"), true));
			case "tl" -> services.incidents().find(m.get("i")).ifPresent((incident) -> reply.add(services.views()
				.timeline(incident, services.incidents().timeline(incident.id()), parseInt(m.get("p")))));
			case "close" -> services.incidents().find(m.get("i")).ifPresent((incident) -> lifecycle.close(press, person, incident, reply));
			case "rec", "rectime" -> services.incidents().find(m.getOrDefault("i", "")).ifPresentOrElse(
					(incident) -> lifecycle.recoveredPress(press, person, incident, m, reply),
					() -> reply.answer(services.texts().get("button.invalid"), true));
			case "lvl" -> services.incidents().find(m.get("i")).ifPresent((incident) -> lifecycle.askLevelReason(press, person, incident, m, reply));
			default -> reply.answer(services.texts().get("button.invalid"), true);
		}
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

	/** /steps: the current step of each running track, at the bottom of the chat. */
	private void steps(Incident incident, Playbook playbook, Reply reply) {
		Texts t = services.texts();
		for (Track track : Track.values()) {
			if (incident.fields().containsKey("cursor:" + track.key())) {
				String record = t.get("record.moved", t.get("track.header", t.get("track." + track.key()),
						Html.escape(incident.id())));
				services.views().atBottom(services.slots(), incident, playbook, track, record).forEach(reply::add);
			}
		}
	}

	// --- commands about one incident -------------------------------------------------------

	/** An incident id typed as the first word of a command's arguments. */
	private static final java.util.regex.Pattern NAMED = java.util.regex.Pattern
		.compile("^((?:INC|DRL)-\\d{8}-\\d{3})(?:\\s+|$)", java.util.regex.Pattern.CASE_INSENSITIVE);

	private void withIncident(Inbound.Command command, Person person, String name, String args, Reply reply) {
		java.util.regex.Matcher named = NAMED.matcher(args);
		if (named.find()) {
			// the incident typed is the one acted on, wherever it was declared
			String id = named.group(1).toUpperCase(java.util.Locale.ROOT);
			String rest = args.substring(named.end());
			services.incidents().find(id).ifPresentOrElse((incident) -> run(command, person, incident, name, rest, reply),
					() -> reply.say(services.texts().get("incident.unknown", Html.escape(id))));
			return;
		}
		Optional<String> inThread = services.incidents().incidentOfThread(command.chat());
		if (inThread.isPresent()) {
			services.incidents().find(inThread.get()).ifPresent((incident) -> run(command, person, incident, name, args, reply));
			return;
		}
		List<Incident> open = new ArrayList<>(services.incidents().openIn(command.chat()));
		if (AFTER_CLOSE.contains(name)) {
			// closed incidents that still owe reports stay reachable for them
			services.incidents().owingIn(command.chat()).stream()
				.filter((incident) -> stillOwing(services, incident))
				.forEach(open::add);
		}
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
						Map.of("a", "pick", "c", name, "i", incident.id(), "x", args, "u", person.id()))));
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
			case "steps" -> steps(incident, playbook, reply);
			case "timeline" -> reply.add(services.views().timeline(incident, services.incidents().timeline(incident.id()),
					Integer.MAX_VALUE));
			case "note" -> note(incident, person, inbound, args, reply);
			case "level" -> lifecycle.level(inbound, person, incident, playbook, reply);
			case "recovered" -> lifecycle.recovered(inbound, person, incident, playbook, reply);
			case "close" -> lifecycle.askClose(inbound, person, incident, reply);
			case "reported" -> reports.start(inbound, person, incident, playbook, reply);
			case "report" -> documents.report(inbound, person, incident, playbook, reply);
			case "summary" -> documents.summary(inbound, person, incident, reply);
			case "notice" -> documents.notice(inbound, person, incident, reply);
			case "ack" -> lifecycle.acknowledge(inbound, person, incident, null, reply);
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
		// "/note !…" marks the note for the report books (otherwise it stays internal)
		boolean forReport = note.startsWith("!") || note.startsWith("！");
		if (forReport) {
			note = note.substring(1).strip();
		}
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
				entry(TimelineType.NOTE, person, inbound, services.clock().instant(),
						forReport ? Map.of("text", note, "report", "1") : Map.of("text", note)));
		if (!result.applied()) {
			reply.say(t.get("incident.closed", incident.id()));
			return;
		}
		reply.say(t.get(forReport ? "note.saved.report" : "note.saved", incident.id()), forReport ? List.of()
				: List.of(List.of(services.tokens().button(t.get("button.note.report"),
						Map.of("a", "notemk", "i", incident.id(), "n", result.detail())))));
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
			case "discovery" -> declares.discovery(text, person, q, reply);
			case "skip", "block" -> steps.reason(text, person, q, reply);
			case "reptime" -> reports.time(text, person, q, reply, parseTime(text.text().strip()));
			case "rectime" -> lifecycle.recoveredTime(text, person, q, reply, parseTime(text.text().strip()));
			case "fact" -> facts.number(text, person, q, reply);
			case "sum" -> documents.summaryAnswer(text, person, q, reply);
			case "ntc" -> documents.noticeAnswer(text, q, reply);
			case "level" -> services.incidents().find(q.get("i")).ifPresent((incident) -> lifecycle.setLevel(text, person, incident, q, reply));
			default -> {
			}
		}
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
			// seconds are kept when given (13:58:16: the seed's own 4.8 case)
			String clean = text.replace('：', ':');
			if (clean.matches("\\d{1,2}:\\d{2}(:\\d{2})?")) {
				LocalTime time = LocalTime.parse(clean, DateTimeFormatter.ofPattern(clean.length() > 5 ? "H:mm:ss" : "H:mm"));
				LocalDate today = services.clock().instant().atZone(zone).toLocalDate();
				return Optional.of(LocalDateTime.of(today, time).atZone(zone).toInstant());
			}
			if (clean.matches("\\d{4}-\\d{2}-\\d{2} \\d{1,2}:\\d{2}(:\\d{2})?")) {
				String pattern = (clean.length() - clean.indexOf(' ') > 6) ? "yyyy-MM-dd H:mm:ss" : "yyyy-MM-dd H:mm";
				return Optional.of(LocalDateTime.parse(clean, DateTimeFormatter.ofPattern(pattern)).atZone(zone).toInstant());
			}
		}
		catch (DateTimeParseException ex) {
			return Optional.empty();
		}
		return Optional.empty();
	}

	/** A closed incident that still owes reports: they stay recordable, producible and reminded. */
	static boolean stillOwing(Services services, Incident incident) {
		return incident.status() == IncidentStatus.CLOSED && services.library().find(incident.playbookId())
			.map((playbook) -> !services.views().owed(incident, playbook).isEmpty())
			.orElse(false);
	}

	/** The statuses in which what is still owed may be written: a closed incident's too while it owes reports. */
	static java.util.Set<IncidentStatus> writable(Services services, Incident incident) {
		return stillOwing(services, incident) ? EnumSet.allOf(IncidentStatus.class)
				: EnumSet.of(IncidentStatus.OPEN, IncidentStatus.RECOVERED);
	}

	/** {@link IncidentStore#once}, also on a closed incident that still owes reports. */
	static IncidentStore.Result once(Services services, Incident incident, String field, String value,
			IncidentStore.Entry entry) {
		return (incident.status() == IncidentStatus.CLOSED)
				? services.incidents().onceEvenClosed(incident, field, value, entry)
				: services.incidents().once(incident, field, value, entry);
	}

	static IncidentStore.Entry entry(TimelineType type, Person person, Inbound inbound, Instant at, Map<String, String> details) {
		return new IncidentStore.Entry(type, person.id(), person.name(), inbound.chat().channel(), at, details);
	}

	static String pickSlot(Inbound inbound) {
		return "pick:" + inbound.actor().userId();
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
