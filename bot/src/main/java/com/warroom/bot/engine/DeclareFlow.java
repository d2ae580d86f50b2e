package com.warroom.bot.engine;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import com.warroom.bot.chat.ChatRef;
import com.warroom.bot.incident.Incident;
import com.warroom.bot.incident.IncidentKind;
import com.warroom.bot.incident.IncidentStore;
import com.warroom.bot.incident.TimelineType;
import com.warroom.bot.roster.Permission;
import com.warroom.bot.roster.Person;
import com.warroom.playbooks.Playbook;
import com.warroom.playbooks.SystemClass;
import com.warroom.playbooks.Track;

/**
 * {@code /declare} and {@code /drill}: system class → scenario buttons, or words → the
 * closest scenarios; confirmation, with an earlier discovery time if given; then the
 * incident (and its forum topic) with its card and tracks.
 */
final class DeclareFlow implements Flow {

	private static final int MATCHES = 6;

	private final ConversationEngine.Services services;

	DeclareFlow(ConversationEngine.Services services) {
		this.services = services;
	}

	private static final List<CommandSpec> COMMANDS = List.of(new CommandSpec("declare", Scope.GENERAL, 10),
			new CommandSpec("drill", Scope.GENERAL, 20));

	static final ButtonKind CLASS = new ButtonKind("cls", AfterClose.REFUSED);

	static final ButtonKind PLAYBOOK = new ButtonKind("pb", AfterClose.REFUSED);

	static final ButtonKind DECLARE = new ButtonKind("decl", AfterClose.REFUSED);

	static final ButtonKind ASK_DISCOVERY = new ButtonKind("disc", AfterClose.REFUSED);

	static final QuestionKind DISCOVERY = new QuestionKind("discovery");

	@Override
	public List<CommandSpec> commands() {
		return COMMANDS;
	}

	@Override
	public List<ButtonKind> buttons() {
		return List.of(CLASS, PLAYBOOK, DECLARE, ASK_DISCOVERY);
	}

	@Override
	public List<QuestionKind> questions() {
		return List.of(DISCOVERY);
	}

	@Override
	public void command(CommandCall call, Reply reply) {
		declare((Inbound.Command) call.inbound(), call.person(), call.args(), reply);
	}

	@Override
	public void press(Inbound.Press press, Person person, ButtonMeaning meaning, Reply reply) {
		Map<String, String> m = meaning.fields();
		ButtonKind kind = meaning.kind();
		if (kind.equals(CLASS)) {
			chooseClass(person, m, reply);
		}
		else if (kind.equals(PLAYBOOK)) {
			choosePlaybook(person, m, reply);
		}
		else if (kind.equals(DECLARE)) {
			confirmDeclare(press, person, m, reply);
		}
		else {
			askDiscovery(press, person, m, reply);
		}
	}

	@Override
	public void answer(Inbound.Text text, Person person, Question question, Reply reply) {
		discovery(text, person, question.fields(), reply);
	}

	void declare(Inbound.Command command, Person person, String words, Reply reply) {
		boolean drill = command.name().equals("drill");
		if (!person.may(drill ? Permission.DRILL : Permission.DECLARE)) {
			reply.say(services.texts().get("refuse.permission"));
			return;
		}
		String kind = drill ? IncidentKind.DRILL.name() : IncidentKind.REAL.name();
		if (words.isEmpty()) {
			reply.add(new Outbound.Send(command.chat(),
					services.texts().get(drill ? "declare.class.drill" : "declare.class"), classButtons(kind, person),
					pickSlot(command), null));
			return;
		}
		List<ScenarioSearch.Match> matches = services.search().search(words, MATCHES);
		if (matches.isEmpty()) {
			reply.add(new Outbound.Send(command.chat(),
					drillMark(kind) + services.texts().get("declare.nomatch", Html.escape(abbreviate(words, 100))),
					classButtons(kind, person), pickSlot(command), null));
			return;
		}
		List<List<Button>> buttons = new ArrayList<>();
		for (ScenarioSearch.Match match : matches) {
			buttons.add(List.of(services.tokens()
				.button(abbreviate(match.playbook().fullTitle(), 40),
						Map.of("a", "pb", "k", kind, "p", match.playbook().id(), "u", person.id()))));
		}
		// every result list ends with a way out: browse by class, or cancel
		buttons.add(List.of(
				services.tokens()
					.button(services.texts().get("button.byclass"), Map.of("a", "cls", "k", kind, "u", person.id())),
				cancel(person)));
		reply.add(new Outbound.Send(command.chat(),
				drillMark(kind) + services.texts().get("declare.matches", Html.escape(abbreviate(words, 100))), buttons,
				pickSlot(command), null));
	}

	/** The picker's 取消, for its owner only. */
	private Button cancel(Person person) {
		return services.tokens().button(services.texts().get("button.cancel"), Map.of("a", "cancel", "u", person.id()));
	}

	List<List<Button>> classButtons(String kind, Person person) {
		List<List<Button>> rows = new ArrayList<>();
		List<Button> row = new ArrayList<>();
		for (SystemClass systemClass : SystemClass.values()) {
			row.add(services.tokens()
				.button(services.texts().label(systemClass),
						Map.of("a", "cls", "k", kind, "c", systemClass.key(), "u", person.id())));
			if (row.size() == 2) {
				rows.add(row);
				row = new ArrayList<>();
			}
		}
		if (!row.isEmpty()) {
			rows.add(row);
		}
		rows.add(List.of(cancel(person)));
		return rows;
	}

	void chooseClass(Person person, Map<String, String> m, Reply reply) {
		if (!m.containsKey("c")) {
			// 按类别选择 under a result list: the classes, in the same message
			String kind = m.getOrDefault("k", IncidentKind.REAL.name());
			reply.add(new Outbound.Edit(chatOf(reply), pickSlot(reply),
					services.texts()
						.get(IncidentKind.DRILL.name().equals(kind) ? "declare.class.drill" : "declare.class"),
					classButtons(kind, person), null));
			return;
		}
		SystemClass systemClass = SystemClass.fromKey(m.getOrDefault("c", "")).orElse(null);
		if (systemClass == null) {
			reply.answer(services.texts().get("button.invalid"), true);
			return;
		}
		List<List<Button>> buttons = new ArrayList<>();
		for (Playbook playbook : services.library().all()) {
			if (playbook.systemClass() == systemClass) {
				buttons.add(List.of(services.tokens()
					.button(abbreviate(playbook.fullTitle(), 40),
							Map.of("a", "pb", "k", m.get("k"), "p", playbook.id(), "u", person.id()))));
			}
		}
		buttons.add(List.of(services.tokens()
			.button(services.texts().get("button.byclass"), Map.of("a", "cls", "k", m.get("k"), "u", person.id())),
				cancel(person)));
		reply.add(new Outbound.Edit(chatOf(reply), pickSlot(reply),
				drillMark(m.get("k")) + services.texts().get("declare.scenarios", services.texts().label(systemClass)),
				buttons, null));
	}

	void choosePlaybook(Person person, Map<String, String> m, Reply reply) {
		Optional<Playbook> playbook = services.library().find(m.getOrDefault("p", ""));
		if (playbook.isEmpty()) {
			reply.answer(services.texts().get("button.invalid"), true);
			return;
		}
		reply.add(new Outbound.Edit(chatOf(reply), pickSlot(reply), confirmText(playbook.get(), m),
				confirmButtons(m, person), null));
	}

	String confirmText(Playbook playbook, Map<String, String> m) {
		boolean drill = IncidentKind.DRILL.name().equals(m.get("k"));
		Instant at = m.containsKey("d") ? Instant.ofEpochMilli(Long.parseLong(m.get("d"))) : null;
		String discovered = (at != null) ? services.views().preciseTime(at) : services.texts().get("declare.now");
		if (at != null && at.isBefore(services.clock().instant().minus(java.time.Duration.ofDays(1)))) {
			// the confirmation is the "are you sure": 确认宣布, or 填写更早的发现时间 to type it again
			discovered += "\n" + services.texts().get("time.far.confirm", services.views().preciseTime(at));
		}
		return drillMark(m.get("k")) + services.texts()
			.get(drill ? "declare.confirm.drill" : "declare.confirm", Html.escape(playbook.fullTitle()),
					Html.escape(playbook.description()), discovered);
	}

	List<List<Button>> confirmButtons(Map<String, String> m, Person person) {
		Map<String, String> base = new LinkedHashMap<>(m);
		base.remove("a");
		base.put("u", person.id());
		return List.of(
				List.of(services.tokens()
					.button(services.texts().get("button.declare"), IncidentViews.with(base, "a", "decl"))),
				List.of(services.tokens()
					.button(services.texts().get("button.discovery"), IncidentViews.with(base, "a", "disc")),
						cancel(person)));
	}

	void askDiscovery(Inbound.Press press, Person person, Map<String, String> m, Reply reply) {
		Map<String, String> question = new LinkedHashMap<>(m);
		question.put("q", "discovery");
		services.conversations().await(press.chat(), press.actor(), question);
		reply.say(drillMark(m.get("k")) + services.texts().get("declare.discovery.ask"));
	}

	void confirmDeclare(Inbound.Press press, Person person, Map<String, String> m, Reply reply) {
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
		Map<Track, String> cursors = new java.util.EnumMap<>(Track.class);
		for (Track track : List.of(Track.FLOW, Track.STEPS)) {
			if (!playbook.track(track).isEmpty()) {
				cursors.put(track, playbook.track(track).get(0).id());
			}
		}
		Incident incident = services.incidents()
			.create(new IncidentStore.NewIncident(kind, playbook.id(), press.chat(), person.id(), started, now,
					cursors),
					entry(TimelineType.DECLARED, person, press, now, Map.of("playbook", playbook.id(), "title",
							playbook.fullTitle(), "startedAt", String.valueOf(started.toEpochMilli()))));
		if (press.chat().forum()) {
			// its own topic, named so that two incidents of one scenario are told apart
			String name = (kind == IncidentKind.DRILL ? DrillMark.MARK : "") + incident.id() + " " + playbook.title();
			Optional<ChatRef> topic = services.topics().open(press.chat(), abbreviate(name, 100));
			if (topic.isPresent() && topic.get().threadId() != null) {
				services.incidents().setThread(incident.id(), topic.get());
				incident = services.incidents().find(incident.id()).orElse(incident);
			}
			else if (services.slots().once(press.chat(), "topics-refused")) {
				reply.say(services.texts().get("topic.refused"));
			}
		}
		reply.answer(services.texts().get("declare.done", incident.id()), false);
		reply.add(new Outbound.Edit(press.chat(), pickSlot(press),
				services.texts().get("declare.done.pick", incident.id(), Html.escape(playbook.fullTitle())), List.of(),
				null));
		postIncident(incident, playbook, reply);
	}

	void discovery(Inbound.Text text, Person person, Map<String, String> q, Reply reply) {
		Optional<Instant> time = ConversationEngine.parseTime(services, text.text().strip());
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
		reply.say(confirmText(playbook, m), confirmButtons(m, person));
	}

	/** 【演练】 before a picker's text while a drill is being declared. */
	private static String drillMark(String kind) {
		return IncidentKind.DRILL.name().equals(kind) ? DrillMark.MARK : "";
	}

	private static String pickSlot(Reply reply) {
		return ConversationEngine.pickSlot(reply.inbound());
	}

	private static String pickSlot(Inbound inbound) {
		return ConversationEngine.pickSlot(inbound);
	}

	private static ChatRef chatOf(Reply reply) {
		return reply.inbound().chat();
	}

	private static String abbreviate(String text, int max) {
		return IncidentViews.abbreviate(text, max);
	}

	private static IncidentStore.Entry entry(TimelineType type, Person person, Inbound inbound, Instant at,
			Map<String, String> details) {
		return ConversationEngine.entry(type, person, inbound, at, details);
	}

	private void postIncident(Incident incident, Playbook playbook, Reply reply) {
		ConversationEngine.postIncident(services, incident, playbook, reply);
	}

}
