package com.warroom.bot.engine;

import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import com.warroom.bot.chat.Actor;
import com.warroom.bot.chat.ChatRef;
import com.warroom.bot.drill.DrillStore;
import com.warroom.bot.incident.Incident;
import com.warroom.bot.incident.IncidentKind;
import com.warroom.bot.incident.IncidentStatus;
import com.warroom.bot.incident.IncidentStore;
import com.warroom.bot.incident.TimelineType;
import com.warroom.bot.roster.Person;
import com.warroom.playbooks.DrillInject;
import com.warroom.playbooks.DrillPlan;
import com.warroom.playbooks.Playbook;
import com.warroom.playbooks.Track;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import static com.warroom.bot.engine.DrillPlanFlow.offset;
import static com.warroom.bot.engine.DrillPlanFlow.t;

/**
 * Fires the timed injects of drill runs (GH-16): in plan order, each once (its firing is
 * recorded before its effect, so a restart or a second instance does not repeat it: at
 * most once), never while paused or after stop. A declare inject declares the scenario's
 * playbook as a drill on the normal path (a DRL- incident, its card and steps); a
 * complication is told in the incident's chat (or the drill's) and noted on its timeline;
 * a fact change goes through {@link FactFlow} as {@code /level} would. Each firing is on
 * the drill's timeline ({@link DrillStore#events}) with its planned and actual time.
 * Thread-safe.
 */
public final class DrillInjects {

	private static final Logger log = LoggerFactory.getLogger(DrillInjects.class);

	/**
	 * The key of an inject's reminder: {@code DRILL:<inject id>}, the run id as its
	 * group.
	 */
	static final String KEY = "DRILL:";

	private final ConversationEngine.Services services;

	private final FactFlow facts;

	private final DrillSetup setup;

	public DrillInjects(ConversationEngine.Services services, FactFlow facts, DrillSetup setup) {
		this.services = services;
		this.facts = facts;
		this.setup = setup;
	}

	/** The first inject of the plan not yet fired in the run. */
	Optional<DrillInject> next(DrillStore.Run run, DrillPlan plan) {
		Set<String> done = setup.store().doneInjects(run.id());
		return plan.injects().stream().filter((inject) -> !done.contains(inject.id())).findFirst();
	}

	/** A timer of the run came due: its injects due by now fire, in order. */
	List<Outbound> fire(String runId) {
		Optional<DrillStore.Run> run = setup.store().find(runId);
		if (run.isEmpty() || run.get().status() != DrillStore.Status.RUNNING) {
			return List.of();
		}
		Optional<DrillPlan> plan = setup.plans().plans().find(run.get().planId());
		if (plan.isEmpty()) {
			log.warn("演练 {} 的计划 {} 已不存在，注入不执行", runId, run.get().planId());
			return List.of();
		}
		Reply reply = new Reply(inbound(chatOf(run.get())));
		fireDue(run.get(), plan.get(), reply);
		return reply.actions();
	}

	/**
	 * Fires every inject due by now that has not fired, in plan order; then re-times the
	 * rest.
	 */
	void fireDue(DrillStore.Run run, DrillPlan plan, Reply reply) {
		Instant now = services.clock().instant();
		Set<String> done = setup.store().doneInjects(run.id());
		for (DrillInject inject : plan.injects()) {
			if (done.contains(inject.id())) {
				continue;
			}
			Instant due = run.due(inject.at());
			if (due.isAfter(now)) {
				break; // in order: nothing fires before an earlier inject
			}
			if (!setup.store().claimInject(run, inject.id(), DrillStore.EventType.INJECT, due, null, now)) {
				continue; // fired by another instance meanwhile
			}
			done.add(inject.id());
			try {
				apply(run, plan, inject, reply);
			}
			catch (RuntimeException ex) {
				log.error("演练 {} 的注入 {} 执行失败", run.id(), inject.id(), ex);
				setup.store().injectOutcome(run, inject.id(), null, "执行失败：" + ex.getClass().getSimpleName());
			}
		}
		setup.scheduler().replace(run.id(), DrillPlanFlow.reminders(run, plan, done));
	}

	private void apply(DrillStore.Run run, DrillPlan plan, DrillInject inject, Reply reply) {
		Person coordinator = coordinator(run);
		String at = offset(inject.at());
		if (inject instanceof DrillInject.Declare declare) {
			declare(run, plan, declare, coordinator, at, reply);
		}
		else if (inject instanceof DrillInject.Complication complication) {
			Optional<Incident> incident = (complication.incidentInject() == null) ? Optional.empty()
					: setup.store()
						.incidentOf(run.id(), complication.incidentInject())
						.flatMap(services.incidents()::find);
			ChatRef chat = incident.map(Incident::chat).orElse(chatOf(run));
			reply.add(new Outbound.Send(chat,
					t("fired.complication", Html.escape(inject.id()), at, Html.escape(complication.text())), List.of(),
					null, incident.map(Incident::id).orElse(null)));
			incident.ifPresent((target) -> services.incidents()
				.append(target, EnumSet.of(IncidentStatus.OPEN, IncidentStatus.RECOVERED), new IncidentStore.Entry(
						TimelineType.NOTE, coordinator.id(), coordinator.name(), chat.channel(),
						services.clock().instant(),
						Map.of("complication", complication.text(), "drillRun", run.id(), "inject", inject.id()))));
			setup.store().injectOutcome(run, inject.id(), incident.map(Incident::id).orElse(null), complication.text());
		}
		else if (inject instanceof DrillInject.FactChange change) {
			Optional<Incident> incident = setup.store()
				.incidentOf(run.id(), change.incidentInject())
				.flatMap(services.incidents()::find)
				.filter((target) -> target.status() != IncidentStatus.CLOSED);
			if (incident.isEmpty()) {
				reply.add(new Outbound.Send(chatOf(run), t("fired.fact.missing", Html.escape(inject.id()), at),
						List.of(), null, null));
				setup.store().injectOutcome(run, inject.id(), null, "演练事件不存在或已关闭，未改变");
				return;
			}
			String shown = change.text().isEmpty() ? change.fact() + " = " + change.value() : change.text();
			reply.add(new Outbound.Send(incident.get().chat(),
					t("fired.fact", Html.escape(inject.id()), at, Html.escape(shown)), List.of(), null,
					incident.get().id()));
			Reply inIncident = new Reply(inbound(incident.get().chat()));
			String field = "system".equals(change.fact()) ? "sys" : change.fact();
			facts.set(inIncident.inbound(), coordinator, incident.get(), field, change.value(), inIncident);
			inIncident.actions().forEach(reply::add);
			setup.store().injectOutcome(run, inject.id(), incident.get().id(), shown);
		}
	}

	/**
	 * The normal drill path, as the coordinator: a DRL- incident, its card and its first
	 * steps.
	 */
	private void declare(DrillStore.Run run, DrillPlan plan, DrillInject.Declare declare, Person coordinator, String at,
			Reply reply) {
		DrillPlan.Scenario scenario = plan.scenario(declare.scenarioId()).orElseThrow();
		Optional<Playbook> found = services.library().find(scenario.playbookId());
		ChatRef chat = chat(run, declare.chat());
		if (found.isEmpty()) {
			reply.add(new Outbound.Send(chat,
					t("fired.declare.missing", Html.escape(declare.id()), at, Html.escape(scenario.playbookId())),
					List.of(), null, null));
			setup.store().injectOutcome(run, declare.id(), null, "预案不存在");
			return;
		}
		Playbook playbook = found.get();
		Instant now = services.clock().instant();
		Map<Track, String> cursors = new java.util.EnumMap<>(Track.class);
		for (Track track : List.of(Track.FLOW, Track.STEPS)) {
			if (!playbook.track(track).isEmpty()) {
				cursors.put(track, playbook.track(track).get(0).id());
			}
		}
		Incident incident = services.incidents()
			.create(new IncidentStore.NewIncident(IncidentKind.DRILL, playbook.id(), chat, coordinator.id(), now, now,
					cursors),
					new IncidentStore.Entry(TimelineType.DECLARED, coordinator.id(), coordinator.name(), chat.channel(),
							now, Map.of("playbook", playbook.id(), "title", playbook.fullTitle(), "startedAt",
									String.valueOf(now.toEpochMilli()), "drillRun", run.id(), "inject", declare.id())));
		setup.store().injectOutcome(run, declare.id(), incident.id(), scenario.title());
		reply.add(new Outbound.Send(chat,
				t("fired.declare", Html.escape(declare.id()), at, Html.escape(scenario.title()), incident.id()),
				List.of(), null, incident.id()));
		ConversationEngine.postIncident(services, incident, playbook, reply);
	}

	/**
	 * A plan's chat: a configured name, {@code channel:chatId}, or (null) the chat the
	 * drill was started in.
	 */
	ChatRef chat(DrillStore.Run run, String name) {
		if (name == null) {
			return chatOf(run);
		}
		String target = setup.chats().getOrDefault(name, name);
		int colon = target.indexOf(':');
		if (colon <= 0 || colon == target.length() - 1) {
			log.warn("演练 {} 的聊天 {} 未配置（warroom.drill.chats），改在发起演练的聊天中宣布", run.id(), name);
			return chatOf(run);
		}
		return new ChatRef(target.substring(0, colon), target.substring(colon + 1), null, false);
	}

	static ChatRef chatOf(DrillStore.Run run) {
		return new ChatRef(run.channel(), run.chatId(), run.threadId(), false);
	}

	private Person coordinator(DrillStore.Run run) {
		return services.roster()
			.byId(run.coordinator())
			.orElseGet(() -> new Person(run.coordinator(), run.coordinator(), null, null, null, Set.of(), List.of(),
					null));
	}

	/** The event the injects are handled as: the drill plan speaking in a chat. */
	private static Inbound inbound(ChatRef chat) {
		return new Inbound.Command(chat, new Actor(chat.channel(), "drill-plan", "演练计划"), "drill", "", null);
	}

}
