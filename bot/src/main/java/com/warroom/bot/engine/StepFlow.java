package com.warroom.bot.engine;

import java.time.Instant;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import com.warroom.bot.incident.FactChange;
import com.warroom.bot.incident.Incident;
import com.warroom.bot.incident.IncidentStatus;
import com.warroom.bot.incident.IncidentStore;
import com.warroom.bot.incident.StepState.Status;
import com.warroom.bot.incident.StepState;
import com.warroom.bot.incident.TimelineType;
import com.warroom.bot.roster.Permission;
import com.warroom.bot.roster.Person;
import com.warroom.playbooks.Answer;
import com.warroom.playbooks.Playbook;
import com.warroom.playbooks.Step;
import com.warroom.playbooks.StepKind;
import com.warroom.playbooks.Track;

/**
 * Step buttons: done (or, for 双岗复核 steps, "done, awaiting a second person"), skip and
 * blocked (both ask for a reason first), decision answers and the second person's
 * confirmation. Each change is applied by one guarded Redis script, so a stale button or
 * a second press at the same moment changes nothing and is told who acted first.
 */
final class StepFlow implements Flow {

	private static final Set<Status> WORKABLE = EnumSet.of(Status.OPEN, Status.BLOCKED);

	private final ConversationEngine.Services services;

	StepFlow(ConversationEngine.Services services) {
		this.services = services;
	}

	static final ButtonKind STEP = new ButtonKind("step", AfterClose.REFUSED);

	static final QuestionKind SKIP_REASON = new QuestionKind("skip");

	static final QuestionKind BLOCK_REASON = new QuestionKind("block");

	@Override
	public List<ButtonKind> buttons() {
		return List.of(STEP);
	}

	@Override
	public List<QuestionKind> questions() {
		return List.of(SKIP_REASON, BLOCK_REASON);
	}

	@Override
	public void press(Inbound.Press press, Person person, ButtonMeaning meaning, Reply reply) {
		press(press, person, meaning.fields(), reply);
	}

	@Override
	public void answer(Inbound.Text text, Person person, Question question, Reply reply) {
		reason(text, person, question.fields(), reply);
	}

	void press(Inbound.Press press, Person person, Map<String, String> m, Reply reply) {
		Texts t = services.texts();
		Optional<Incident> found = services.incidents().find(m.getOrDefault("i", ""));
		Optional<Track> track = trackOf(m.get("t"));
		if (found.isEmpty() || track.isEmpty()) {
			reply.answer(t.get("button.invalid"), true);
			return;
		}
		Incident incident = found.get();
		Playbook playbook = services.library().find(incident.playbookId()).orElse(null);
		Step step = (playbook != null) ? playbook.step(m.getOrDefault("s", "")).orElse(null) : null;
		if (step == null) {
			reply.answer(t.get("button.invalid"), true);
			return;
		}
		if (!person.may(Permission.STEP)) {
			reply.answer(t.get("refuse.permission"), true);
			return;
		}
		if (incident.status() == IncidentStatus.CLOSED) {
			reply.answer(t.get("incident.closed", incident.id()), true);
			return;
		}
		if (!incident.cursor(track.get()).map(step.id()::equals).orElse(false)) {
			stale(incident, step, reply);
			return;
		}
		String op = m.getOrDefault("op", "");
		if (step.kind() == StepKind.APPROVAL && ("done".equals(op) || "skip".equals(op))) {
			// a step waiting for a leader's approval is approved, never just ticked off
			reply.answer(t.get("step.approval.needed"), true);
			return;
		}
		switch (op) {
			case "approve" -> approve(press, person, incident, playbook, track.get(), step, reply);
			case "done" -> done(press, person, incident, playbook, track.get(), step, reply);
			case "confirm" -> confirm(press, person, incident, playbook, track.get(), step, reply);
			case "answer" -> answer(press, person, incident, playbook, track.get(), step, m, reply);
			case "skip", "block" -> {
				services.conversations()
					.await(press.chat(), press.actor(),
							Map.of("q", op, "i", incident.id(), "t", track.get().key(), "s", step.id()));
				reply.answer("", false)
					.add(new Outbound.Send(press.chat(),
							t.get(op + ".ask", Html.escape(IncidentViews.abbreviate(step.text(), 60))), List.of(), null,
							incident.id()));
			}
			default -> reply.answer(t.get("button.invalid"), true);
		}
	}

	/** The reason typed after 跳过 or 受阻. */
	void reason(Inbound.Text text, Person person, Map<String, String> q, Reply reply) {
		Texts t = services.texts();
		String reason = text.text().strip();
		Incident incident = services.incidents().find(q.getOrDefault("i", "")).orElse(null);
		Playbook playbook = (incident != null) ? services.library().find(incident.playbookId()).orElse(null) : null;
		Optional<Track> track = trackOf(q.get("t"));
		Step step = (playbook != null) ? playbook.step(q.getOrDefault("s", "")).orElse(null) : null;
		if (incident == null || step == null || track.isEmpty()) {
			reply.say(t.get("button.invalid"));
			return;
		}
		if (reason.isEmpty() || reason.length() > 500) {
			services.conversations().await(text.chat(), text.actor(), q);
			reply.say(t.get("reason.bad"));
			return;
		}
		Instant now = services.clock().instant();
		boolean skip = "skip".equals(q.get("q"));
		String next = skip ? playbook.successor(track.get(), step) : null;
		IncidentStore.Result result = services.incidents()
			.changeStep(incident, track.get(), step.id(), WORKABLE,
					new StepState(skip ? Status.SKIPPED : Status.BLOCKED, person.id(), null), cursorValue(next),
					ConversationEngine.entry(skip ? TimelineType.STEP_SKIPPED : TimelineType.STEP_BLOCKED, person, text,
							now, details(track.get(), step, "text", reason)));
		if (!result.applied()) {
			staleSay(incident, step, reply);
			return;
		}
		if (!skip) {
			services.incidents()
				.blockReason(services.incidents().find(incident.id()).orElseThrow(), step.id(), reason,
						ConversationEngine.entry(TimelineType.NOTE, person, text, now,
								details(track.get(), step, "reason", reason)));
		}
		reply.add(new Outbound.Send(text.chat(),
				t.get(skip ? "skip.done" : "block.done", Html.escape(IncidentViews.abbreviate(step.text(), 40))),
				List.of(), null, incident.id()));
		refresh(incident.id(), playbook, track.get(), reply, record(incident, playbook, track.get(), step,
				skip ? "record.skipped" : "record.blocked", person.name()));
	}

	private void done(Inbound.Press press, Person person, Incident incident, Playbook playbook, Track track, Step step,
			Reply reply) {
		Instant now = services.clock().instant();
		IncidentStore.Result result;
		if (step.confirm()) {
			result = services.incidents()
				.changeStep(incident, track, step.id(), WORKABLE,
						new StepState(Status.AWAITING_CONFIRMATION, person.id(), null), null, ConversationEngine
							.entry(TimelineType.CONFIRMATION_REQUESTED, person, press, now, details(track, step)));
		}
		else {
			result = services.incidents()
				.changeStep(incident, track, step.id(), WORKABLE, new StepState(Status.DONE, person.id(), null),
						cursorValue(playbook.successor(track, step)),
						ConversationEngine.entry(TimelineType.STEP_DONE, person, press, now, details(track, step)));
		}
		if (!result.applied()) {
			stale(incident, step, reply);
			return;
		}
		reply.answer(services.texts().get(step.confirm() ? "step.awaiting.short" : "step.recorded"), false);
		refresh(incident.id(), playbook, track, reply, record(incident, playbook, track, step,
				step.confirm() ? "record.awaiting" : "record.done", person.name()));
	}

	/**
	 * A leader approves a step that waits for it (经领导批准后): on the timeline, then the next
	 * step.
	 */
	private void approve(Inbound.Press press, Person person, Incident incident, Playbook playbook, Track track,
			Step step, Reply reply) {
		if (step.kind() != StepKind.APPROVAL) {
			reply.answer(services.texts().get("button.invalid"), true);
			return;
		}
		if (!person.may(Permission.APPROVE_STEP)) {
			reply.answer(services.texts().get("step.approve.refused"), true);
			return;
		}
		IncidentStore.Result result = services.incidents()
			.changeStep(incident, track, step.id(), WORKABLE, new StepState(Status.DONE, person.id(), null),
					cursorValue(playbook.successor(track, step)),
					ConversationEngine.entry(TimelineType.STEP_APPROVED, person, press, services.clock().instant(),
							details(track, step, "title", approved(playbook, track, step))));
		if (!result.applied()) {
			stale(incident, step, reply);
			return;
		}
		reply.answer(services.texts().get("step.approve.done"), false);
		refresh(incident.id(), playbook, track, reply,
				record(incident, playbook, track, step, "record.approved", person.name()));
	}

	/** What an approval lets go ahead: the text of the step it waits for. */
	private static String approved(Playbook playbook, Track track, Step step) {
		return playbook.step(playbook.successor(track, step))
			.map((next) -> IncidentViews.abbreviate(next.text(), 30))
			.orElse(IncidentViews.abbreviate(step.text(), 30));
	}

	private void confirm(Inbound.Press press, Person person, Incident incident, Playbook playbook, Track track,
			Step step, Reply reply) {
		StepState state = incident.stepState(step.id());
		if (state.status() != Status.AWAITING_CONFIRMATION) {
			stale(incident, step, reply);
			return;
		}
		if (person.id().equals(state.personId())) {
			reply.answer(services.texts().get("confirm.self"), true);
			return;
		}
		IncidentStore.Result result = services.incidents()
			.changeStep(incident, track, step.id(), EnumSet.of(Status.AWAITING_CONFIRMATION),
					new StepState(Status.DONE, state.personId(), person.id()),
					cursorValue(playbook.successor(track, step)),
					ConversationEngine.entry(TimelineType.STEP_CONFIRMED, person, press, services.clock().instant(),
							details(track, step, "first", String.valueOf(state.personId()))));
		if (!result.applied()) {
			stale(incident, step, reply);
			return;
		}
		reply.answer(services.texts().get("confirm.done"), false);
		refresh(incident.id(), playbook, track, reply,
				record(incident, playbook, track, step, "record.confirmed", person.name()));
	}

	private void answer(Inbound.Press press, Person person, Incident incident, Playbook playbook, Track track,
			Step step, Map<String, String> m, Reply reply) {
		int index;
		try {
			index = Integer.parseInt(m.getOrDefault("n", "-1"));
		}
		catch (NumberFormatException ex) {
			index = -1;
		}
		if (!step.isDecision() || index < 0 || index >= step.answers().size()) {
			reply.answer(services.texts().get("button.invalid"), true);
			return;
		}
		Answer answer = step.answers().get(index);
		IncidentStore.Result result = services.incidents()
			.changeStep(incident, track, step.id(), WORKABLE,
					new StepState(Status.ANSWERED, person.id(), String.valueOf(index)), cursorValue(answer.next()),
					ConversationEngine.entry(TimelineType.DECISION, person, press, services.clock().instant(), details(
							track, step, "answer", answer.label(), "question", String.valueOf(step.question()))));
		if (!result.applied()) {
			stale(incident, step, reply);
			return;
		}
		if (Answer.CRIME.equals(answer.fact())) {
			suspectCrime(press, person, reply, incident.id());
		}
		reply.answer(services.texts().get("decision.recorded", answer.label()), false);
		refresh(incident.id(), playbook, track, reply,
				record(incident, playbook, track, step, "record.answered", person.name(), answer.label()));
	}

	/**
	 * An answer that records a suspected computer crime (GH-10): the same fact as
	 * /level's 疑似计算机犯罪, once — the police obligation and the at-once report follow from
	 * it.
	 */
	private void suspectCrime(Inbound.Press press, Person person, Reply reply, String incidentId) {
		Incident fresh = services.incidents().find(incidentId).orElseThrow();
		if (fresh.facts().crimeAt() != null) {
			return;
		}
		Instant now = services.clock().instant();
		services.incidents()
			.setFacts(fresh, FactChange.NONE.withCrimeAt(now),
					ConversationEngine.entry(TimelineType.FACT_SET, person, press, now, Map.of("fact", "crimeAt")));
		reply.say(services.texts().get("fact.crime.recorded", incidentId));
	}

	/**
	 * After a change: the track's old message becomes a one-line record of what happened
	 * (its buttons gone) and the current step is posted afresh at the bottom of the chat,
	 * where people can see and press it; the card is refreshed in place.
	 */
	private void refresh(String incidentId, Playbook playbook, Track track, Reply reply, String record) {
		Incident updated = services.incidents().find(incidentId).orElseThrow();
		reply.add(new Outbound.Edit(updated.chat(), IncidentViews.cardSlot(updated),
				services.views().card(updated, playbook), List.of(), updated.id()));
		services.views().atBottom(services.slots(), updated, playbook, track, record).forEach(reply::add);
	}

	/** The one line an old step message is reduced to, e.g. 第 1 步 经 郑系统管理员 复核 ✓. */
	private String record(Incident incident, Playbook playbook, Track track, Step step, String key, String... words) {
		Texts t = services.texts();
		String[] args = new String[3 + words.length];
		args[0] = t.get("track.header", t.get("track." + track.key()), Html.escape(incident.id()));
		args[1] = String.valueOf(playbook.track(track).indexOf(step) + 1);
		args[2] = Html.escape(IncidentViews.abbreviate(step.text(), 24));
		for (int i = 0; i < words.length; i++) {
			args[3 + i] = Html.escape(words[i]);
		}
		return t.get(key, (Object[]) args);
	}

	/** Someone else acted first, or the step has moved on. */
	private void stale(Incident incident, Step step, Reply reply) {
		reply.answer(staleText(incident, step), true);
	}

	private void staleSay(Incident incident, Step step, Reply reply) {
		reply.add(new Outbound.Send(reply.inbound().chat(), Html.escape(staleText(incident, step)), List.of(), null,
				incident.id()));
	}

	private String staleText(Incident incident, Step step) {
		Incident fresh = services.incidents().find(incident.id()).orElse(incident);
		StepState state = fresh.stepState(step.id());
		String who = services.views().name(state.personId());
		return switch (state.status()) {
			case DONE -> services.texts().get("stale.done", who);
			case SKIPPED -> services.texts().get("stale.skipped", who);
			case ANSWERED -> services.texts().get("stale.answered", who);
			case AWAITING_CONFIRMATION -> services.texts().get("stale.awaiting", who);
			default -> services.texts().get("stale.moved");
		};
	}

	private static String cursorValue(String next) {
		if (next == null) {
			return null;
		}
		return Step.END.equals(next) ? "" : next;
	}

	private static Map<String, String> details(Track track, Step step, String... pairs) {
		Map<String, String> details = new LinkedHashMap<>();
		details.put("track", track.key());
		details.put("step", step.id());
		details.put("title", IncidentViews.abbreviate(step.text(), 30));
		for (int i = 0; i + 1 < pairs.length; i += 2) {
			details.put(pairs[i], pairs[i + 1]);
		}
		return details;
	}

	private static Optional<Track> trackOf(String key) {
		for (Track track : Track.values()) {
			if (track.key().equals(key)) {
				return Optional.of(track);
			}
		}
		return Optional.empty();
	}

}
