package com.warroom.bot.engine;

import java.text.MessageFormat;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.ResourceBundle;
import java.util.Set;
import java.util.stream.Collectors;

import com.warroom.bot.chat.ChatRef;
import com.warroom.bot.drill.DrillStore;
import com.warroom.bot.incident.Incident;
import com.warroom.bot.roster.Permission;
import com.warroom.bot.roster.Person;
import com.warroom.notify.Reminder;
import com.warroom.playbooks.DrillInject;
import com.warroom.playbooks.DrillPlan;
import com.warroom.playbooks.DrillPlans;
import com.warroom.playbooks.Training;
import com.warroom.playbooks.ValidationError;
import org.jspecify.annotations.Nullable;

/**
 * {@code /drill} with a plan (GH-16, 4.4): list, show and validate the plans, start,
 * pause, resume, skip and stop a run, its status, follow-up items (4.7 三) and the
 * training plan (4.5). Any other {@code /drill words} is today's ad-hoc drill
 * ({@link DeclareFlow}). The timed injects themselves are {@link DrillInjects}. Only
 * coordinators ({@link Permission#PLAN_DRILL}) see plans and progress: participants see
 * the injects and their incidents. Thread-safe.
 */
public final class DrillPlanFlow implements Flow {

	private static final Set<String> SUBCOMMANDS = Set.of("plan", "start", "pause", "resume", "skip", "stop", "status",
			"followup", "training", "yearly", "help");

	private static final ResourceBundle BUNDLE = Texts.bundle("warroom.drills", Locale.SIMPLIFIED_CHINESE);

	/** The labels of a plan's environment and roles, in the locale of {@link #BUNDLE}. */
	private static final Texts LABELS = Texts.chinese();

	private static final int MAX_FOLLOW_UP = 500;

	private final ConversationEngine.Services services;

	private final DrillSetup setup;

	private final DrillInjects injects;

	public DrillPlanFlow(ConversationEngine.Services services, DrillSetup setup, DrillInjects injects) {
		this.services = services;
		this.setup = setup;
		this.injects = injects;
	}

	/**
	 * {@code /drill plan}, {@code /drill start} …: subcommands of {@code /drill}, tried
	 * before the ad-hoc drill.
	 */
	@Override
	public List<CommandSpec> commands() {
		return SUBCOMMANDS.stream().sorted().map((sub) -> CommandSpec.sub("drill", sub, Scope.GENERAL)).toList();
	}

	@Override
	public void command(CommandCall call, Reply reply) {
		String sub = call.name().substring(call.name().indexOf(' ') + 1);
		command((Inbound.Command) call.inbound(), call.person(), (sub + " " + call.args()).strip(), reply);
	}

	/** A drill's text: {@code drills.properties}, a {@link MessageFormat} pattern. */
	static String t(String key, Object... args) {
		String pattern = BUNDLE.getString(key);
		return (args.length == 0) ? pattern : new MessageFormat(pattern, Locale.SIMPLIFIED_CHINESE).format(args);
	}

	private void command(Inbound.Command command, Person person, String args, Reply reply) {
		String[] words = args.split("\\s+", 2);
		String sub = words[0].toLowerCase(Locale.ROOT);
		String rest = (words.length > 1) ? words[1].strip() : "";
		switch (sub) {
			case "training" -> training(person, rest, reply);
			case "followup" -> followUp(command, person, rest, reply);
			default -> {
				if (!person.may(Permission.PLAN_DRILL)) {
					reply.say(Html.escape(t("refuse")));
					return;
				}
				switch (sub) {
					case "plan" -> privately(command, reply, (own) -> plan(rest, own));
					case "start" -> start(command, person, rest, reply);
					case "pause", "resume", "skip", "stop", "status" -> withRun(command, person, sub, reply);
					case "yearly" -> privately(command, reply, (own) -> yearly(own.inbound().chat(), rest, own));
					default -> reply.say(Html.escape(t("usage")));
				}
			}
		}
	}

	// --- plans

	private void plan(String args, Reply reply) {
		String[] words = args.split("\\s+", 2);
		switch (words[0].toLowerCase(Locale.ROOT)) {
			case "" -> list(reply);
			case "show" -> show((words.length > 1) ? words[1].strip() : "", reply);
			case "validate" -> validate(reply);
			default -> show(words[0], reply);
		}
	}

	private void list(Reply reply) {
		DrillPlans plans = setup().plans().plans();
		if (plans.plans().isEmpty()) {
			reply.say(t("plan.none") + errorsHint(plans));
			return;
		}
		StringBuilder html = new StringBuilder(t("plan.header", plans.plans().size()));
		for (DrillPlan plan : plans.plans()) {
			html.append('\n')
				.append(t("plan.line", Html.escape(plan.id()), Html.escape(plan.title()),
						LABELS.label(plan.environment()), window(plan), plan.injects().size()));
		}
		html.append('\n').append(t("plan.footer")).append(errorsHint(plans));
		reply.say(html.toString());
	}

	private String errorsHint(DrillPlans plans) {
		return plans.errors().isEmpty() ? "" : "\n" + t("plan.errors", plans.errors().size());
	}

	private void show(String id, Reply reply) {
		if (id.isEmpty()) {
			reply.say(t("plan.show.missing", Html.escape(firstPlanId())));
			return;
		}
		Optional<DrillPlan> found = setup().plans().plans().find(id);
		if (found.isEmpty()) {
			reply.say(unknownPlan(id));
			return;
		}
		DrillPlan plan = found.get();
		StringBuilder html = new StringBuilder(t("show.title", Html.escape(plan.title()), Html.escape(plan.id())));
		html.append('\n').append(t("show.objective", Html.escape(plan.objective())));
		html.append('\n')
			.append(t("show.environment", LABELS.label(plan.environment()),
					plan.environmentNotes().isEmpty() ? "" : "（" + Html.escape(plan.environmentNotes()) + "）"));
		html.append('\n').append(t("show.window", window(plan)));
		html.append('\n').append(t("show.participants"));
		for (DrillPlan.Participant participant : plan.participants()) {
			html.append('\n')
				.append(t("show.participant", LABELS.label(participant.role()), Html
					.escape(participant.people().stream().map(this::personName).collect(Collectors.joining("、")))));
		}
		html.append('\n').append(t("show.scenarios"));
		for (DrillPlan.Scenario scenario : plan.scenarios()) {
			html.append('\n')
				.append(t("show.scenario", Html.escape(scenario.title()), Html.escape(scenario.playbookId()),
						Html.escape(scenario.description())));
		}
		html.append('\n').append(t("show.injects"));
		for (DrillInject inject : plan.injects()) {
			html.append('\n')
				.append(t("show.inject", offset(inject.at()), Html.escape(inject.id()), describe(plan, inject)));
		}
		html.append('\n').append(t("show.criteria"));
		for (DrillPlan.Criterion criterion : plan.criteria()) {
			html.append('\n').append(t("show.criterion", Html.escape(criterion.text())));
		}
		html.append('\n').append(restoration(plan));
		html.append(warnings(plan));
		reply.say(html.toString());
	}

	private void validate(Reply reply) {
		DrillPlans plans = setup().plans().reload();
		StringBuilder html = new StringBuilder();
		if (plans.errors().isEmpty()) {
			html.append(t("plan.valid", plans.plans().size(), plans.trainings().size()));
		}
		else {
			html.append(t("plan.invalid", plans.errors().size(), plans.plans().size()));
			List<ValidationError> errors = plans.errors();
			for (ValidationError error : errors.subList(0, Math.min(20, errors.size()))) {
				html.append('\n').append("<code>").append(Html.escape(error.toString())).append("</code>");
			}
			if (errors.size() > 20) {
				html.append('\n').append(t("plan.more", errors.size() - 20));
			}
		}
		List<String> warnings = new ArrayList<>();
		plans.plans().forEach((plan) -> warnings.addAll(warningList(plan)));
		html.append(warnings(warnings));
		reply.say(html.toString());
	}

	/**
	 * The trading-hours and sensitive-period warnings of a planned date, or of an undated
	 * window.
	 */
	private String warnings(DrillPlan plan) {
		return warnings(warningList(plan));
	}

	private List<String> warningList(DrillPlan plan) {
		List<String> warnings = new ArrayList<>();
		if (plan.date() != null) {
			setup().timing()
				.warnings(plan.date(), plan.windowStart(), plan.windowEnd())
				.forEach((warning) -> warnings.add(plan.id() + "：" + warning));
		}
		else if (setup().timing().meetsSessions(plan.windowStart(), plan.windowEnd())) {
			warnings.add(t("warn.undated", plan.id(), plan.windowStart(), plan.windowEnd()));
		}
		warnings.addAll(setupWarnings(plan));
		return warnings;
	}

	/**
	 * People not on the roster, and chat names not configured
	 * ({@code warroom.drill.chats}).
	 */
	private List<String> setupWarnings(DrillPlan plan) {
		List<String> warnings = new ArrayList<>();
		for (DrillPlan.Participant participant : plan.participants()) {
			for (String who : participant.people()) {
				if (person(who).isEmpty()) {
					warnings.add(t("warn.person", plan.id(), LABELS.label(participant.role()), who));
				}
			}
		}
		for (DrillInject inject : plan.injects()) {
			if (inject instanceof DrillInject.Declare declare && declare.chat() != null
					&& !setup().chats().containsKey(declare.chat()) && !declare.chat().matches("[a-z]+:.+")) {
				warnings.add(t("warn.chat", plan.id(), declare.id(), declare.chat()));
			}
		}
		return warnings;
	}

	static String warnings(List<String> warnings) {
		if (warnings.isEmpty()) {
			return "";
		}
		return "\n" + t("warn.header")
				+ warnings.stream().map((w) -> "\n• " + Html.escape(w)).collect(Collectors.joining());
	}

	private String restoration(DrillPlan plan) {
		StringBuilder html = new StringBuilder(t("show.restoration"));
		for (int i = 0; i < plan.restoration().size(); i++) {
			html.append('\n').append(t("show.restoration.line", i + 1, Html.escape(plan.restoration().get(i).text())));
		}
		return html.toString();
	}

	// --- runs

	private void start(Inbound.Command command, Person person, String id, Reply reply) {
		if (id.isEmpty()) {
			reply.say(t("start.usage", Html.escape(firstPlanId())));
			return;
		}
		Optional<DrillPlan> plan = setup().plans().plans().find(id);
		if (plan.isEmpty()) {
			reply.say(unknownPlan(id));
			return;
		}
		ChatRef chat = command.chat();
		Optional<DrillStore.Run> active = setup().store().activeIn(chat.channel(), chat.chatId());
		if (active.isPresent()) {
			reply.say(t("start.active", active.get().id(), Html.escape(active.get().planId())));
			return;
		}
		Instant now = services.clock().instant();
		ZonedDateTime local = now.atZone(services.zone());
		Duration length = plan.get().window();
		Duration last = plan.get().injects().isEmpty() ? Duration.ZERO
				: plan.get().injects().get(plan.get().injects().size() - 1).at();
		ZonedDateTime end = local.plus(last.compareTo(length) > 0 ? last : length);
		// from now to the end of the window or the last inject, whichever is later (past
		// midnight: the next day)
		List<String> warnings = new ArrayList<>(
				setup().timing().warnings(local.toLocalDate(), local.toLocalTime(), end.toLocalTime()));
		warnings.addAll(setupWarnings(plan.get()));
		DrillStore.Run run = setup().store()
			.start(plan.get().id(), chat.channel(), chat.chatId(), chat.threadId(), person.id(), now);
		// when, not what: the participants in this chat learn an inject when it fires
		String next = plan.get().injects().isEmpty() ? "" : t("start.next", offset(plan.get().injects().get(0).at()),
				time(run.due(plan.get().injects().get(0).at())));
		reply.say(t("start.done", run.id(), Html.escape(plan.get().title()), plan.get().injects().size(), next)
				+ warnings(warnings));
		// T+0 injects fire at once, in this reply; the later ones are timed (Quartz)
		injects().fireDue(run, plan.get(), reply);
	}

	private void withRun(Inbound.Command command, Person person, String sub, Reply reply) {
		ChatRef chat = command.chat();
		DrillStore store = setup().store();
		Optional<DrillStore.Run> run = "status".equals(sub)
				? store.activeIn(chat.channel(), chat.chatId()).or(() -> store.latestIn(chat.channel(), chat.chatId()))
				: store.activeIn(chat.channel(), chat.chatId());
		if (run.isEmpty()) {
			reply.say(t("status".equals(sub) ? "run.none.any" : "run.none"));
			return;
		}
		DrillPlan plan = setup().plans().plans().find(run.get().planId()).orElse(null);
		if (plan == null) {
			reply.say(unknownPlan(run.get().planId()));
			return;
		}
		switch (sub) {
			case "pause" -> pause(person, run.get(), reply);
			case "resume" -> resume(person, run.get(), plan, reply);
			case "skip" -> skip(run.get(), plan, reply);
			case "stop" -> stop(person, run.get(), plan, reply);
			default -> privately(command, reply, (own) -> status(run.get(), plan, own));
		}
	}

	/**
	 * Plans and progress name the injects to come: asked in a group, they are answered in
	 * the coordinator's private chat, so the participants there see only the injects.
	 */
	private void privately(Inbound.Command command, Reply reply, java.util.function.Consumer<Reply> answer) {
		if (command.chat().isPrivate()) {
			answer.accept(reply);
			return;
		}
		Reply own = new Reply(new Inbound.Command(ChatRef.privateOf(command.actor()), command.actor(), command.name(),
				command.args(), null));
		answer.accept(own);
		own.actions().forEach(reply::add);
		reply.say(t("private.sent"));
	}

	private void pause(Person person, DrillStore.Run run, Reply reply) {
		Instant now = services.clock().instant();
		if (!setup().store().pause(run, person.id(), now)) {
			reply.say(t("pause.already", run.id()));
			return;
		}
		setup().scheduler().cancel(run.id());
		reply.say(t("pause.done", run.id(), offset(run.elapsed(now))));
	}

	private void resume(Person person, DrillStore.Run run, DrillPlan plan, Reply reply) {
		Instant now = services.clock().instant();
		if (!setup().store().resume(run, person.id(), now)) {
			reply.say(t("resume.notpaused", run.id()));
			return;
		}
		DrillStore.Run resumed = setup().store().find(run.id()).orElseThrow();
		Duration paused = Duration.ofMillis(resumed.shiftMillis() - run.shiftMillis());
		Optional<DrillInject> next = injects().next(resumed, plan);
		String nextText = next.map((inject) -> t("start.next", offset(inject.at()), time(resumed.due(inject.at()))))
			.orElse("");
		reply.say(t("resume.done", run.id(), minutes(paused), nextText));
		injects().fireDue(resumed, plan, reply);
	}

	/**
	 * Fires the next inject now rather than dropping it: later injects may concern it
	 * (the incident it declares), and the intervals between the remaining ones stay as
	 * planned.
	 */
	private void skip(DrillStore.Run run, DrillPlan plan, Reply reply) {
		if (run.status() == DrillStore.Status.PAUSED) {
			reply.say(t("skip.paused", run.id()));
			return;
		}
		Optional<DrillInject> next = injects().next(run, plan);
		if (next.isEmpty()) {
			reply.say(t("skip.none", run.id()));
			return;
		}
		Instant now = services.clock().instant();
		Instant due = run.due(next.get().at());
		long early = Math.max(0, due.toEpochMilli() - now.toEpochMilli());
		setup().store().shift(run, -early);
		reply.say(t("skip.done", Html.escape(next.get().id()), offset(next.get().at()), time(due),
				minutes(Duration.ofMillis(early))));
		injects().fireDue(setup().store().find(run.id()).orElseThrow(), plan, reply);
	}

	private void stop(Person person, DrillStore.Run run, DrillPlan plan, Reply reply) {
		Instant now = services.clock().instant();
		DrillStore store = setup().store();
		if (!store.stop(run, person.id(), now)) {
			reply.say(t("run.none"));
			return;
		}
		setup().scheduler().cancel(run.id());
		DrillStore.Run stopped = store.find(run.id()).orElseThrow();
		long fired = store.events(run.id()).stream().filter((e) -> e.type() == DrillStore.EventType.INJECT).count();
		StringBuilder html = new StringBuilder(
				t("stop.done", run.id(), offset(stopped.elapsed(now)), fired, plan.injects().size()));
		List<String> incidents = store.incidents(run.id());
		if (!incidents.isEmpty()) {
			html.append('\n').append(t("stop.incidents", String.join("、", incidents)));
		}
		html.append('\n').append(t("stop.restore"));
		for (int i = 0; i < plan.restoration().size(); i++) {
			html.append('\n').append(t("show.restoration.line", i + 1, Html.escape(plan.restoration().get(i).text())));
		}
		html.append('\n').append(t("stop.followup"));
		reply.say(html.toString());
	}

	private void status(DrillStore.Run run, DrillPlan plan, Reply reply) {
		Instant now = services.clock().instant();
		DrillStore store = setup().store();
		Set<String> done = store.doneInjects(run.id());
		StringBuilder html = new StringBuilder(t("status.title", Html.escape(plan.title()), run.id()));
		html.append('\n')
			.append(t("status.state", t("state." + run.status().name()), offset(run.elapsed(now)), done.size(),
					plan.injects().size()));
		Optional<DrillInject> next = (run.status() == DrillStore.Status.STOPPED) ? Optional.empty()
				: injects().next(run, plan);
		if (next.isEmpty()) {
			html.append('\n').append(t("status.next.none"));
		}
		else if (run.status() == DrillStore.Status.PAUSED) {
			html.append('\n')
				.append(t("status.next.paused", offset(next.get().at()), Html.escape(next.get().id()),
						describe(plan, next.get())));
		}
		else {
			html.append('\n')
				.append(t("status.next", offset(next.get().at()), Html.escape(next.get().id()),
						describe(plan, next.get()), time(run.due(next.get().at()))));
		}
		List<String> incidents = store.incidents(run.id());
		if (incidents.isEmpty()) {
			html.append('\n').append(t("status.incidents.none"));
		}
		else {
			html.append('\n').append(t("status.incidents"));
			for (String id : incidents) {
				Optional<Incident> incident = services.incidents().find(id);
				String title = incident.flatMap((i) -> services.library().find(i.playbookId()))
					.map((p) -> p.title())
					.orElse("");
				html.append('\n')
					.append(t("status.incident", id, Html.escape(title),
							incident.map((i) -> t("incident." + i.status().name())).orElse("-")));
			}
		}
		List<DrillStore.FollowUp> items = store.followUps(run.id());
		if (!items.isEmpty()) {
			html.append('\n').append(t("status.followups"));
			items.forEach((item) -> html.append('\n').append(followUpLine(item)));
		}
		reply.say(html.toString());
	}

	// --- follow-up items (4.7 三)

	private void followUp(Inbound.Command command, Person person, String args, Reply reply) {
		String[] words = args.split("\\s+", 2);
		String rest = (words.length > 1) ? words[1].strip() : "";
		switch (words[0].toLowerCase(Locale.ROOT)) {
			case "" -> followUps(reply);
			case "add" -> {
				if (!person.may(Permission.PLAN_DRILL)) {
					reply.say(Html.escape(t("refuse")));
					return;
				}
				addFollowUp(command, person, rest, reply);
			}
			case "done" -> closeFollowUp(person, rest, reply);
			default -> reply.say(Html.escape(t("followup.usage")));
		}
	}

	private void followUps(Reply reply) {
		List<DrillStore.FollowUp> items = setup().store().followUps();
		if (items.isEmpty()) {
			reply.say(t("followup.none"));
			return;
		}
		StringBuilder html = new StringBuilder(t("followup.header", items.stream().filter((i) -> !i.done()).count()));
		items.forEach((item) -> html.append('\n').append(followUpLine(item)));
		reply.say(html.toString());
	}

	private String followUpLine(DrillStore.FollowUp item) {
		LocalDate today = services.clock().instant().atZone(services.zone()).toLocalDate();
		String mark = item.done() ? t("followup.done.mark", time(item.doneAt()))
				: item.due().isBefore(today) ? t("followup.overdue") : "";
		return t("followup.line", item.number(), Html.escape(item.text()), Html.escape(personName(item.owner())),
				item.due(), mark);
	}

	private void addFollowUp(Inbound.Command command, Person person, String args, Reply reply) {
		String[] words = args.split("\\s+");
		if (words.length < 3) {
			reply.say(Html.escape(t("followup.usage")));
			return;
		}
		String dueText = words[words.length - 1];
		String ownerText = words[words.length - 2];
		String text = String.join(" ", java.util.Arrays.copyOf(words, words.length - 2)).strip();
		Optional<Person> owner = person(ownerText);
		if (owner.isEmpty()) {
			reply.say(t("followup.owner.unknown", Html.escape(IncidentViews.abbreviate(ownerText, 40))));
			return;
		}
		LocalDate today = services.clock().instant().atZone(services.zone()).toLocalDate();
		LocalDate due;
		try {
			due = LocalDate.parse(dueText);
		}
		catch (DateTimeParseException ex) {
			due = null;
		}
		if (due == null || due.isBefore(today)) {
			reply.say(t("followup.due.bad", Html.escape(IncidentViews.abbreviate(dueText, 20))));
			return;
		}
		if (text.length() > MAX_FOLLOW_UP) {
			reply.say(t("followup.text.long", text.length()));
			return;
		}
		ChatRef chat = command.chat();
		String runId = setup().store()
			.activeIn(chat.channel(), chat.chatId())
			.or(() -> setup().store().latestIn(chat.channel(), chat.chatId()))
			.map(DrillStore.Run::id)
			.orElse(null);
		DrillStore.FollowUp item = setup().store()
			.addFollowUp(runId, text, owner.get().id(), due, person.id(), services.clock().instant());
		reply.say(t("followup.added", item.number(), Html.escape(text), Html.escape(owner.get().name()), due));
	}

	private void closeFollowUp(Person person, String args, Reply reply) {
		int number;
		try {
			number = Integer.parseInt(args.replace("#", "").strip());
		}
		catch (NumberFormatException ex) {
			reply.say(t("followup.done.usage"));
			return;
		}
		Optional<DrillStore.FollowUp> item = setup().store().followUp(number);
		if (item.isEmpty()) {
			reply.say(t("followup.unknown", number));
			return;
		}
		if (!person.may(Permission.PLAN_DRILL) && !person.id().equals(item.get().owner())) {
			reply.say(t("followup.refuse"));
			return;
		}
		if (!setup().store().closeFollowUp(number, person.id(), services.clock().instant())) {
			reply.say(t("followup.already", number));
			return;
		}
		reply.say(t("followup.done", number, Html.escape(item.get().text())));
	}

	// --- the yearly drill report (4.7)

	/**
	 * {@code /drill yearly [year]}: every closed drill of the year and its trainings, as
	 * PDF (default: this year).
	 */
	private void yearly(ChatRef chat, String args, Reply reply) {
		int year = services.clock().instant().atZone(services.zone()).getYear();
		if (!args.isEmpty()) {
			if (!args.matches("\\d{4}")) {
				reply.say(t("yearly.usage", Html.escape(IncidentViews.abbreviate(args, 20))));
				return;
			}
			year = Integer.parseInt(args);
		}
		int reported = year;
		List<String> trainings = trainings().stream()
			.filter((training) -> training.date().getYear() == reported)
			.map((training) -> training.date() + " " + training.content() + "（培训负责人 " + personName(training.trainer())
					+ "，记录人 " + personName(training.recorder()) + "）"
					+ (training.note().isEmpty() ? "" : "，" + training.note()))
			.toList();
		Optional<String> name = services.paperwork().yearlyDrillReport(year, trainings, services.library()::find);
		if (name.isEmpty()) {
			reply.say(t("yearly.none", year));
			return;
		}
		reply.add(new Outbound.Document(chat, com.warroom.bot.engine.Paperwork.drillYear(year), name.get(),
				t("yearly.caption", year)));
	}

	// --- training plan (4.5)

	private void training(Person person, String args, Reply reply) {
		String[] words = args.split("\\s+", 2);
		if (words[0].equalsIgnoreCase("add")) {
			if (!person.may(Permission.PLAN_DRILL)) {
				reply.say(Html.escape(t("refuse")));
				return;
			}
			addTraining(person, (words.length > 1) ? words[1].strip() : "", reply);
			return;
		}
		List<Training> trainings = trainings();
		if (trainings.isEmpty()) {
			reply.say(t("training.none"));
			return;
		}
		StringBuilder html = new StringBuilder(t("training.header", trainings.size()));
		for (Training training : trainings) {
			html.append('\n')
				.append(t("training.line", Html.escape(training.id()), training.date(), Html.escape(training.content()),
						Html.escape(personName(training.trainer())), Html.escape(personName(training.recorder())),
						training.note().isEmpty() ? "" : "（" + Html.escape(training.note()) + "）"));
		}
		reply.say(html.toString());
	}

	/** The configured trainings and those added through chat, by date. */
	List<Training> trainings() {
		List<Training> all = new ArrayList<>(setup().plans().plans().trainings());
		all.addAll(setup().store().trainings());
		all.sort(java.util.Comparator.comparing(Training::date).thenComparing(Training::id));
		return all;
	}

	private void addTraining(Person person, String args, Reply reply) {
		String[] words = args.split("\\s+", 4);
		if (words.length < 4) {
			reply.say(Html.escape(t("training.usage")));
			return;
		}
		LocalDate date;
		try {
			date = LocalDate.parse(words[0]);
		}
		catch (DateTimeParseException ex) {
			reply.say(t("training.date.bad", Html.escape(IncidentViews.abbreviate(words[0], 20))));
			return;
		}
		Optional<Person> trainer = person(words[1]);
		Optional<Person> recorder = person(words[2]);
		if (trainer.isEmpty() || recorder.isEmpty()) {
			reply.say(t("training.person.unknown",
					Html.escape(IncidentViews.abbreviate(trainer.isEmpty() ? words[1] : words[2], 40))));
			return;
		}
		String content = words[3].strip();
		if (content.length() > MAX_FOLLOW_UP) {
			reply.say(t("followup.text.long", content.length()));
			return;
		}
		Instant now = services.clock().instant();
		for (int n = trainings().size() + 1;; n++) {
			Training training = new Training(date.getYear() + "-" + String.format("%02d", n), content, date,
					trainer.get().id(), recorder.get().id(), "");
			if (setup().store().addTraining(training, person.id(), now)) {
				reply.say(t("training.added", Html.escape(training.id()), date, Html.escape(content)));
				return;
			}
		}
	}

	// --- helpers

	private DrillSetup setup() {
		return java.util.Objects.requireNonNull(setup);
	}

	private DrillInjects injects() {
		return java.util.Objects.requireNonNull(injects);
	}

	private String unknownPlan(String id) {
		return t("plan.unknown", Html.escape(IncidentViews.abbreviate(id, 60)), Html
			.escape(setup().plans().plans().plans().stream().map(DrillPlan::id).collect(Collectors.joining("、"))));
	}

	private String firstPlanId() {
		return setup().plans().plans().plans().stream().map(DrillPlan::id).findFirst().orElse("计划编号");
	}

	private Optional<Person> person(String idOrName) {
		return services.roster()
			.byId(idOrName)
			.or(() -> services.roster().people().stream().filter((p) -> p.name().equals(idOrName)).findFirst());
	}

	private String personName(String id) {
		return services.roster().byId(id).map(Person::name).orElse(id);
	}

	static String describe(DrillPlan plan, DrillInject inject) {
		if (inject instanceof DrillInject.Declare declare) {
			String title = plan.scenario(declare.scenarioId())
				.map(DrillPlan.Scenario::title)
				.orElse(declare.scenarioId());
			return t("inject.declare", Html.escape(title),
					(declare.chat() != null) ? t("inject.declare.chat", Html.escape(declare.chat())) : "");
		}
		if (inject instanceof DrillInject.Complication complication) {
			return t("inject.complication", Html.escape(complication.text()));
		}
		DrillInject.FactChange change = (DrillInject.FactChange) inject;
		return t("inject.fact",
				Html.escape(change.text().isEmpty() ? change.fact() + " = " + change.value() : change.text()));
	}

	private static String window(DrillPlan plan) {
		return (plan.date() != null) ? t("window.dated", plan.date(), plan.windowStart(), plan.windowEnd())
				: t("window.undated", plan.windowStart(), plan.windowEnd());
	}

	/** T+ offset as {@code 1:05:00} (hours:minutes:seconds). */
	static String offset(Duration duration) {
		long seconds = Math.max(0, duration.getSeconds());
		return String.format("%d:%02d:%02d", seconds / 3600, (seconds / 60) % 60, seconds % 60);
	}

	static String minutes(Duration duration) {
		long seconds = Math.max(0, duration.getSeconds());
		return (seconds < 60) ? seconds + " 秒"
				: (seconds / 60) + " 分钟" + ((seconds % 60 != 0) ? (seconds % 60) + " 秒" : "");
	}

	private String time(@Nullable Instant at) {
		return (at == null) ? "-" : DateTimeFormatter.ofPattern("MM-dd HH:mm:ss").format(at.atZone(services.zone()));
	}

	/** The reminders of a run's remaining injects: one per inject, at its due time. */
	static List<Reminder> reminders(DrillStore.Run run, DrillPlan plan, Set<String> done) {
		List<Reminder> reminders = new ArrayList<>();
		for (DrillInject inject : plan.injects()) {
			if (!done.contains(inject.id())) {
				Instant due = run.due(inject.at());
				reminders.add(new Reminder(run.id(), DrillInjects.KEY + inject.id(), Reminder.Stage.DUE, due, due));
			}
		}
		return reminders;
	}

}
