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

import com.warroom.bot.chat.ChatRef;
import com.warroom.bot.incident.Incident;
import com.warroom.bot.incident.IncidentStatus;
import com.warroom.bot.incident.IncidentStore;
import com.warroom.bot.incident.TimelineType;
import com.warroom.bot.roster.ContactBook;
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
 * <p>
 * The engine is a dispatcher over the registered {@link Flow}s: a command goes to the
 * flow that declared it (with its incident found first when it is about one), a press to
 * the flow that declared its button kind, a typed answer to the flow that declared its
 * question kind. Besides refusing strangers, other people's buttons and closed incidents,
 * it handles only the incident picker it shows when a command could mean several.
 */
public class ConversationEngine {

	private static final Logger log = LoggerFactory.getLogger(ConversationEngine.class);

	/** Notes longer than this are refused (a chat message holds 4096 characters). */
	static final int MAX_NOTE = ChatFlow.MAX_NOTE;

	/**
	 * The picker of the incident a command is about, when several could be meant. Refused
	 * on a closed incident, as before the flows declared their kinds (even one still
	 * owing reports, which the picker of /reported can list).
	 */
	static final Flow.ButtonKind PICK = new Flow.ButtonKind("pick", Flow.AfterClose.REFUSED);

	private final Services services;

	private final FlowRegistry flows;

	/**
	 * The drill plans' injects (GH-16), or null: {@code /drill} is the ad-hoc drill only.
	 */
	private final @org.jspecify.annotations.Nullable DrillInjects injects;

	/** Everything the engine uses, wired once. */
	public record Services(PlaybookLibrary library, Roster roster, ContactBook contacts, IncidentStore incidents,
			ButtonTokens tokens, ConversationState conversations, MessageSlots slots, Texts texts, IncidentViews views,
			ScenarioSearch search, TopicOpener topics, Clock clock, ZoneId zone, IncidentListener listener,
			Paperwork paperwork) {
	}

	/**
	 * One entry of the command menu every channel shows (Telegram's
	 * {@code setMyCommands}, the web's 命令 list).
	 */
	public record MenuEntry(String command, String description) {
	}

	/** An engine with the standard flows. */
	public ConversationEngine(Services services) {
		this(services, standardFlows(services));
	}

	/**
	 * An engine dispatching over {@code flows}.
	 * @throws IllegalStateException when two flows declare the same command, button kind
	 * or question kind, or two commands the same menu place, or a flow declares what it
	 * does not handle
	 * @throws IllegalArgumentException when a menu command has no {@code cmd.<name>} text
	 */
	public ConversationEngine(Services services, List<? extends Flow> flows) {
		this(services, flows, null);
	}

	/**
	 * An engine with the standard flows and the drill plans' flow over {@code drills}
	 * (GH-16).
	 */
	public ConversationEngine(Services services, DrillSetup drills) {
		this(services, new DrillInjects(services, new FactFlow(services), drills), drills);
	}

	private ConversationEngine(Services services, DrillInjects injects, DrillSetup drills) {
		this(services, withDrills(services, drills, injects), injects);
	}

	private static List<Flow> withDrills(Services services, DrillSetup drills, DrillInjects injects) {
		List<Flow> all = new ArrayList<>(standardFlows(services));
		all.add(new DrillPlanFlow(services, drills, injects));
		return all;
	}

	/**
	 * An engine dispatching over {@code flows}, firing drill injects with {@code injects}
	 * (null: no drill plans).
	 */
	public ConversationEngine(Services services, List<? extends Flow> flows,
			@org.jspecify.annotations.Nullable DrillInjects injects) {
		this.services = services;
		this.injects = injects;
		List<Flow> all = new ArrayList<>(flows);
		all.add(new Picker());
		this.flows = new FlowRegistry(all);
		// a command without its cmd.<name> text fails here, at start, not when a channel
		// shows the menu
		menu();
	}

	/** The engine's own flow: the incident picker, which runs the picked command. */
	private final class Picker implements Flow {

		@Override
		public List<ButtonKind> buttons() {
			return List.of(PICK);
		}

		@Override
		public void press(Inbound.Press press, Person person, ButtonMeaning meaning, Reply reply) {
			picked(press, person, meaning, reply);
		}

	}

	/**
	 * A timer of drill run {@code runId} came due (GH-16): the injects due by now, to
	 * deliver (then {@link #settled}). Never throws for a store outage: an inject whose
	 * effect fails is recorded as failed on the drill's timeline and not repeated
	 * (injects fire at most once).
	 */
	public List<Outbound> fireDrill(String runId) {
		if (injects == null) {
			return List.of();
		}
		try {
			return DrillMark.apply(injects.fire(runId));
		}
		catch (JedisException | org.springframework.dao.DataAccessException ex) {
			log.warn("存储不可用，演练 {} 的注入未执行：{}", runId, ex.getClass().getSimpleName());
			return List.of();
		}
	}

	/** The flows every engine has; the same ones the application registers as beans. */
	public static List<Flow> standardFlows(Services services) {
		FactFlow facts = new FactFlow(services);
		return List.of(new ChatFlow(services), new DeclareFlow(services), new StepFlow(services), facts,
				new LifecycleFlow(services, facts), new ReportFlow(services), new DocumentFlow(services));
	}

	/** The views this engine renders with (shared with the clock). */
	public IncidentViews views() {
		return services.views();
	}

	/**
	 * The command menu, in menu order, with the Chinese descriptions: derived from the
	 * flows' commands.
	 */
	public List<MenuEntry> menu() {
		return flows.menu()
			.stream()
			.map((command) -> new MenuEntry(command.code(), services.texts().get(command.descriptionKey())))
			.toList();
	}

	/**
	 * Handles one event; never throws for bad input or a Redis outage. The event's reads
	 * are made once ({@link IncidentStore#event}): a flow asking for the incident the
	 * dispatch loaded gets it without a read, and reads after a change see it.
	 */
	public List<Outbound> handle(Inbound inbound) {
		return services.incidents().event(() -> handleEvent(inbound));
	}

	private List<Outbound> handleEvent(Inbound inbound) {
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
			// e.g. a report book waiting for 签发 that the action made stale is renewed,
			// and its signers told
			for (Flow flow : flows.flows()) {
				flow.settle(inbound, person.get(), reply);
			}
		}
		catch (JedisException ex) {
			log.warn("Redis 不可用，操作未执行：{}", ex.getClass().getSimpleName());
			return new Reply(inbound).notice(services.texts().get("error.storage")).actions();
		}
		catch (org.springframework.dao.DataAccessException ex) {
			// the incident record's database (issue 15): the
			// transaction rolled back, nothing changed
			log.warn("数据库不可用，操作未执行：{}", ex.getClass().getSimpleName());
			return new Reply(inbound).notice(services.texts().get("error.storage")).actions();
		}
		return DrillMark.apply(reply.actions());
	}

	/**
	 * What to answer an event that cannot be handled because a store is unreachable (the
	 * channel found it out before asking the engine): the storage notice, nothing
	 * changed.
	 */
	public List<Outbound> unavailable(Inbound inbound) {
		return new Reply(inbound).notice(services.texts().get("error.storage")).actions();
	}

	private void command(Inbound.Command command, Person person, Reply reply) {
		String args = command.args().strip();
		// a subcommand (/drill plan …) before its command (/drill …)
		java.util.regex.Matcher word = WORD.matcher(args);
		FlowRegistry.Entry<Flow.CommandSpec> handler = word.find()
				? flows.command(command.name() + " " + word.group(1).toLowerCase(java.util.Locale.ROOT)) : null;
		if (handler != null) {
			args = args.substring(word.end()).strip();
		}
		else {
			handler = flows.command(command.name());
		}
		if (handler == null) {
			// in a group an unknown command may be another
			// bot's: only a private chat is answered
			if (command.chat().isPrivate()) {
				reply.say(services.texts().get("unknown.command", Html.escape(abbreviate(command.name(), 32))));
			}
			return;
		}
		if (handler.declared().scope() == Flow.Scope.GENERAL) {
			handler.flow()
				.command(new Flow.CommandCall(command, person, handler.declared().key(), args, null, null), reply);
		}
		else {
			withIncident(command, person, handler.declared(), args, reply);
		}
	}

	/**
	 * Someone not on the roster: a press is answered to them alone, a command in a group
	 * is refused in their private chat (the group does not hear of it), chatter in a
	 * group is not for the bot.
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
			reply.add(
					new Outbound.Send(ChatRef.privateOf(inbound.actor()), Html.escape(refusal), List.of(), null, null));
		}
	}

	private void text(Inbound.Text text, Person person, Reply reply) {
		Optional<Map<String, String>> pending = services.conversations().pending(text.chat(), text.actor());
		if (pending.isPresent()) {
			services.conversations().clear(text.chat(), text.actor());
			// a question of a kind no flow handles (any
			// more) takes the answer and does nothing
			ConversationState.decode(pending.get(), flows.questionKinds())
				.ifPresent((question) -> flows.question(question.kind().code())
					.flow()
					.answer(text, person, question, reply));
			return;
		}
		if (text.replyTo() != null) {
			Optional<String> incidentId = services.slots().incidentOf(text.chat(), text.replyTo());
			if (incidentId.isPresent()) {
				// a reply to one of the incident's messages is a note
				services.incidents()
					.find(incidentId.get())
					.ifPresent((incident) -> flows.command(ChatFlow.NOTE.key())
						.flow()
						.command(new Flow.CommandCall(text, person, ChatFlow.NOTE.key(), text.text(), incident,
								services.library().find(incident.playbookId()).orElse(null)), reply));
			}
		}
		// other chatter in a group is not for the bot
	}

	private void press(Inbound.Press press, Person person, Reply reply) {
		Optional<ButtonMeaning> meaning = services.tokens().resolve(press.data(), flows.buttonKinds());
		if (meaning.isEmpty()) {
			reply.answer(services.texts().get("button.invalid"), true);
			return;
		}
		ButtonMeaning m = meaning.get();
		if (m.ownerId() != null && !m.ownerId().equals(person.id())) {
			// someone else's picker or question: said
			// to the one who pressed, nothing changes
			reply.answer(services.texts().get("button.notyours"), true);
			return;
		}
		if (m.incidentId() != null && m.kind().afterClose() != Flow.AfterClose.ALWAYS) {
			Optional<Incident> target = services.incidents().find(m.incidentId());
			if (target.isPresent() && target.get().status() == IncidentStatus.CLOSED
					&& !(m.kind().afterClose() == Flow.AfterClose.WHILE_OWING && stillOwing(services, target.get()))) {
				reply.answer(services.texts().get("button.closed", target.get().id()), true);
				return;
			}
		}
		flows.button(m.kind().code()).flow().press(press, person, m, reply);
	}

	/** The incident picked for a command that could mean several. */
	private void picked(Inbound.Press press, Person person, ButtonMeaning m, Reply reply) {
		FlowRegistry.Entry<Flow.CommandSpec> handler = flows.command(m.get("c"));
		Optional<Incident> incident = services.incidents().find(m.get("i"));
		if (incident.isEmpty()) {
			reply.answer(services.texts().get("incident.missing"), true);
		}
		else if (handler == null || handler.declared().scope() == Flow.Scope.GENERAL) {
			reply.notice(services.texts().get("button.invalid"));
		}
		else {
			run(press, person, incident.get(), handler.declared(), m.get("x"), reply);
		}
	}

	/** The card and the current step of each running track. */
	static void postIncident(Services services, Incident incident, Playbook playbook, Reply reply) {
		reply.add(new Outbound.Edit(incident.chat(), IncidentViews.cardSlot(incident),
				services.views().card(incident, playbook), List.of(), incident.id()));
		for (Track track : Track.values()) {
			if (incident.started(track)) {
				reply.add(services.views().trackMessage(incident, playbook, track));
			}
		}
	}

	// --- commands about one incident

	/**
	 * The first word of a command's arguments, naming a subcommand if one is declared.
	 */
	private static final java.util.regex.Pattern WORD = java.util.regex.Pattern
		.compile("^([A-Za-z][A-Za-z0-9_]*)(?:\\s+|$)");

	/** An incident id typed as the first word of a command's arguments. */
	private static final java.util.regex.Pattern NAMED = java.util.regex.Pattern
		.compile("^((?:INC|DRL)-\\d{8}-\\d{3})(?:\\s+|$)", java.util.regex.Pattern.CASE_INSENSITIVE);

	private void withIncident(Inbound.Command command, Person person, Flow.CommandSpec spec, String args, Reply reply) {
		String name = spec.key();
		java.util.regex.Matcher named = NAMED.matcher(args);
		if (named.find()) {
			// the incident typed is the one acted on, wherever it was declared
			String id = named.group(1).toUpperCase(java.util.Locale.ROOT);
			String rest = args.substring(named.end());
			services.incidents()
				.find(id)
				.ifPresentOrElse((incident) -> run(command, person, incident, spec, rest, reply),
						() -> reply.say(services.texts().get("incident.unknown", Html.escape(id))));
			return;
		}
		Optional<String> inThread = services.incidents().incidentOfThread(command.chat());
		if (inThread.isPresent()) {
			services.incidents()
				.find(inThread.get())
				.ifPresent((incident) -> run(command, person, incident, spec, args, reply));
			return;
		}
		List<Incident> open = new ArrayList<>(services.incidents().openIn(command.chat()));
		if (spec.scope() == Flow.Scope.INCIDENT_OR_OWED) {
			// closed incidents that still owe reports stay reachable for them
			services.incidents()
				.owingIn(command.chat())
				.stream()
				.filter((incident) -> stillOwing(services, incident))
				.forEach(open::add);
		}
		if (open.isEmpty()) {
			reply.say(services.texts().get("incident.none"));
		}
		else if (open.size() == 1) {
			run(command, person, open.get(0), spec, args, reply);
		}
		else {
			List<List<Button>> buttons = new ArrayList<>();
			for (Incident incident : open) {
				String title = services.library().find(incident.playbookId()).map(Playbook::title).orElse("");
				buttons.add(List.of(services.tokens()
					.button(abbreviate(incident.id() + " " + title, 40), PICK,
							Map.of("c", name, "i", incident.id(), "x", args, "u", person.id()))));
			}
			reply.say(services.texts().get("incident.which", "/" + name), buttons);
		}
	}

	private void run(Inbound inbound, Person person, Incident incident, Flow.CommandSpec spec, String args,
			Reply reply) {
		Playbook playbook = services.library().find(incident.playbookId()).orElse(null);
		if (playbook == null) {
			reply.notice(services.texts().get("incident.playbook.missing", incident.playbookId()));
			return;
		}
		flows.command(spec.key())
			.flow()
			.command(new Flow.CommandCall(inbound, person, spec.key(), args, incident, playbook), reply);
	}

	/**
	 * Channels call this after they delivered (queued) the actions of {@link #handle}:
	 * every incident whose card was re-rendered has changed, and the listener (the clock)
	 * is told once each — after, so its own messages follow the ones that caused them.
	 */
	public void settled(List<Outbound> actions) {
		java.util.Set<String> changed = new java.util.LinkedHashSet<>();
		for (Outbound action : actions) {
			if (action instanceof Outbound.Edit edit && edit.incidentId() != null && edit.slot().endsWith(":card")) {
				changed.add(edit.incidentId());
			}
		}
		// one event too: the re-grade and the re-plan
		// share their reads until one of them writes
		services.incidents().event(() -> {
			for (String id : changed) {
				try {
					services.listener().changed(id);
				}
				catch (RuntimeException ex) {
					log.error("重新安排 {} 的提醒失败", id, ex);
				}
			}
			return null;
		});
	}

	/**
	 * A time typed as {@code 13:58}, {@code 13:58:16} or {@code 2026-05-06 13:58}, today
	 * in the company's zone.
	 */
	static Optional<Instant> parseTime(Services services, String text) {
		ZoneId zone = services.zone();
		try {
			// seconds are kept when given (13:58:16: the seed's own 4.8 case)
			String clean = text.replace('：', ':');
			if (clean.matches("\\d{1,2}:\\d{2}(:\\d{2})?")) {
				LocalTime time = LocalTime.parse(clean,
						DateTimeFormatter.ofPattern(clean.length() > 5 ? "H:mm:ss" : "H:mm"));
				LocalDate today = services.clock().instant().atZone(zone).toLocalDate();
				return Optional.of(LocalDateTime.of(today, time).atZone(zone).toInstant());
			}
			if (clean.matches("\\d{4}-\\d{2}-\\d{2} \\d{1,2}:\\d{2}(:\\d{2})?")) {
				String pattern = (clean.length() - clean.indexOf(' ') > 6) ? "yyyy-MM-dd H:mm:ss" : "yyyy-MM-dd H:mm";
				return Optional
					.of(LocalDateTime.parse(clean, DateTimeFormatter.ofPattern(pattern)).atZone(zone).toInstant());
			}
		}
		catch (DateTimeParseException ex) {
			return Optional.empty();
		}
		return Optional.empty();
	}

	/**
	 * A closed incident that still owes reports: they stay recordable, producible and
	 * reminded.
	 */
	static boolean stillOwing(Services services, Incident incident) {
		return incident.status() == IncidentStatus.CLOSED && services.library()
			.find(incident.playbookId())
			.map((playbook) -> !services.views().assessments().assess(incident, playbook).owed().isEmpty())
			.orElse(false);
	}

	/**
	 * The statuses in which what is still owed may be written: a closed incident's too
	 * while it owes reports.
	 */
	static java.util.Set<IncidentStatus> writable(Services services, Incident incident) {
		return stillOwing(services, incident) ? EnumSet.allOf(IncidentStatus.class)
				: EnumSet.of(IncidentStatus.OPEN, IncidentStatus.RECOVERED);
	}

	static IncidentStore.Entry entry(TimelineType type, Person person, Inbound inbound, Instant at,
			Map<String, String> details) {
		return new IncidentStore.Entry(type, person.id(), person.name(), inbound.chat().channel(), at, details);
	}

	static String pickSlot(Inbound inbound) {
		return "pick:" + inbound.actor().userId();
	}

	static String abbreviate(String text, int max) {
		return IncidentViews.abbreviate(text, max);
	}

}
