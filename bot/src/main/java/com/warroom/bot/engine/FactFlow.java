package com.warroom.bot.engine;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import com.warroom.bot.assessment.AffectedSystems;
import com.warroom.bot.assessment.Assessment;
import com.warroom.bot.chat.ChatRef;
import com.warroom.bot.incident.FactChange;
import com.warroom.bot.incident.Facts;
import com.warroom.bot.incident.Incident;
import com.warroom.bot.incident.IncidentStore;
import com.warroom.bot.incident.TimelineType;
import com.warroom.bot.roster.Permission;
import com.warroom.bot.roster.Person;
import com.warroom.playbooks.Interruption;
import com.warroom.playbooks.Playbook;
import com.warroom.playbooks.Settlement;
import com.warroom.playbooks.SystemClass;

/**
 * The facts grading and reporting depend on, updated from {@code /level}: the extent of
 * the interruption, whether investors are affected, a company-wide halt or severe
 * slowness (starts the external cycle of a central-trading fault), investors whose data
 * was damaged or leaked, the settlement state, a suspected crime, the other systems the
 * incident touches (each added, re-graded or ended with its own clock), whether remote
 * access to exchange systems is involved and whether the cause is known. Each change is
 * on the timeline; the clock then re-grades and re-plans.
 */
public final class FactFlow implements Flow {

	private final ConversationEngine.Services services;

	FactFlow(ConversationEngine.Services services) {
		this.services = services;
	}

	static final ButtonKind FACT = new ButtonKind("fact", AfterClose.REFUSED);

	static final ButtonKind ASK_FACT = new ButtonKind("factask", AfterClose.REFUSED);

	static final QuestionKind NUMBER = new QuestionKind("fact");

	@Override
	public List<ButtonKind> buttons() {
		return List.of(FACT, ASK_FACT);
	}

	@Override
	public List<QuestionKind> questions() {
		return List.of(NUMBER);
	}

	@Override
	public void press(Inbound.Press press, Person person, ButtonMeaning meaning, Reply reply) {
		press(press, person, meaning.fields(), reply);
	}

	@Override
	public void answer(Inbound.Text text, Person person, Question question, Reply reply) {
		number(text, person, question.fields(), reply);
	}

	/** The slot of the facts message under {@code /level}, refreshed after each press. */
	static String slot(Incident incident) {
		return incident.id() + ":facts";
	}

	/**
	 * The facts message under {@code /level}: the facts as recorded, and buttons to
	 * change them.
	 */
	Outbound.Send panel(ChatRef chat, Incident incident, Playbook playbook) {
		Texts t = services.texts();
		String html = t.get("level.facts", Html.escape(services.views().describeFacts(incident, playbook))) + "\n"
				+ t.get("level.facts.hint");
		return new Outbound.Send(chat, html, buttons(incident, playbook), slot(incident), incident.id());
	}

	/**
	 * The fact buttons shown under {@code /level}; the facts now recorded are marked ✓.
	 */
	List<List<Button>> buttons(Incident incident, Playbook playbook) {
		Texts t = services.texts();
		ButtonTokens tokens = services.tokens();
		String id = incident.id();
		Facts facts = incident.facts();
		List<List<Button>> rows = new ArrayList<>();
		List<Button> extent = new ArrayList<>();
		for (Interruption value : Interruption.values()) {
			extent.add(tokens.button(mark(value == incident.interruption(), t.get("fact.interruption." + value.name())),
					Map.of("a", "fact", "i", id, "f", "interruption", "v", value.name())));
		}
		rows.add(extent);
		boolean affected = incident.investorsAffected();
		rows.add(List.of(
				tokens.button(mark(affected, t.get("fact.affected.true")),
						Map.of("a", "fact", "i", id, "f", "investorsAffected", "v", "true")),
				tokens.button(mark(!affected, t.get("fact.affected.false")),
						Map.of("a", "fact", "i", id, "f", "investorsAffected", "v", "false"))));
		List<Button> events = new ArrayList<>();
		boolean central = playbook.systemClass() == SystemClass.CENTRAL_TRADING
				|| AffectedSystems.states(incident, playbook).containsKey(SystemClass.CENTRAL_TRADING);
		if (central && facts.haltAt() == null) {
			events.add(tokens.button(t.get("fact.halt"), Map.of("a", "fact", "i", id, "f", "haltAt", "v", "now")));
		}
		if (facts.crimeAt() == null) {
			events.add(tokens.button(t.get("fact.crime"), Map.of("a", "fact", "i", id, "f", "crimeAt", "v", "now")));
		}
		if (!events.isEmpty()) {
			rows.add(events);
		}
		rows.add(List.of(
				tokens.button(count(facts.damaged(), t.get("fact.damaged")),
						Map.of("a", "factask", "i", id, "f", "damaged")),
				tokens.button(count(facts.leaked(), t.get("fact.leaked")),
						Map.of("a", "factask", "i", id, "f", "leaked"))));
		List<Button> settlement = new ArrayList<>();
		for (Settlement value : Settlement.values()) {
			settlement.add(tokens.button(mark(value == facts.settlement(), t.get("fact.settlement." + value.name())),
					Map.of("a", "fact", "i", id, "f", "settlement", "v", value.name())));
		}
		rows.add(settlement.subList(0, 2));
		rows.add(settlement.subList(2, settlement.size()));
		rows.addAll(systemButtons(incident, playbook));
		boolean remote = Assessment.remoteExchangeAccess(incident, playbook);
		boolean cause = Assessment.causeKnown(incident);
		rows.add(List.of(
				tokens.button(t.get("fact.remoteAccess." + !remote),
						Map.of("a", "fact", "i", id, "f", "remoteAccess", "v", String.valueOf(!remote))),
				tokens.button(t.get("fact.causeKnown." + !cause),
						Map.of("a", "fact", "i", id, "f", "causeKnown", "v", String.valueOf(!cause)))));
		return rows;
	}

	/**
	 * The other affected systems: for each one still affected its extent and 结束; a ＋ for
	 * every other one a responder may add (GH-10).
	 */
	private List<List<Button>> systemButtons(Incident incident, Playbook playbook) {
		Texts t = services.texts();
		ButtonTokens tokens = services.tokens();
		Map<SystemClass, AffectedSystems.State> states = AffectedSystems.states(incident, playbook);
		List<List<Button>> rows = new ArrayList<>();
		List<Button> add = new ArrayList<>();
		for (SystemClass system : AffectedSystems.ADDABLE) {
			if (system == playbook.systemClass()) {
				continue;
			}
			AffectedSystems.State state = states.get(system);
			if (state != null && state.since() != null) {
				List<Button> row = new ArrayList<>();
				for (String op : List.of("FULL", "PARTIAL", "end")) {
					row.add(tokens.button(t.get("fact.system." + op, t.label(system)),
							Map.of("a", "fact", "i", incident.id(), "f", "sys", "v", system.key() + ":" + op)));
				}
				rows.add(row);
			}
			else {
				add.add(tokens.button(t.get("fact.system.add", t.label(system)),
						Map.of("a", "fact", "i", incident.id(), "f", "sys", "v", system.key() + ":add")));
			}
		}
		for (int i = 0; i < add.size(); i += 3) {
			rows.add(add.subList(i, Math.min(add.size(), i + 3)));
		}
		return rows;
	}

	private static String mark(boolean current, String label) {
		return current ? "✓ " + label : label;
	}

	private static String count(long value, String label) {
		return (value == 0) ? label : label + "（" + value + "）";
	}

	void press(Inbound.Press press, Person person, Map<String, String> m, Reply reply) {
		Texts t = services.texts();
		Optional<Incident> found = services.incidents().find(m.getOrDefault("i", ""));
		if (found.isEmpty()) {
			reply.answer(t.get("button.invalid"), true);
			return;
		}
		if (!person.may(Permission.STEP)) {
			reply.answer(t.get("refuse.permission"), true);
			return;
		}
		String field = m.getOrDefault("f", "");
		if ("factask".equals(m.get("a"))) {
			services.conversations()
				.await(press.chat(), press.actor(), Map.of("q", "fact", "i", found.get().id(), "f", field));
			reply.say(t.get("fact.ask." + field));
			return;
		}
		set(press, person, found.get(), field, m.getOrDefault("v", ""), reply);
	}

	/** The number typed after 数据损毁人数 / 数据泄露人数. */
	void number(Inbound.Text text, Person person, Map<String, String> q, Reply reply) {
		String digits = text.text().strip().replace(",", "").replace("，", "");
		Optional<Incident> incident = services.incidents().find(q.getOrDefault("i", ""));
		if (incident.isEmpty()) {
			reply.say(services.texts().get("button.invalid"));
			return;
		}
		if (!digits.matches("\\d{1,9}")) {
			services.conversations().await(text.chat(), text.actor(), q);
			reply.say(services.texts().get("fact.number.bad"));
			return;
		}
		set(text, person, incident.get(), q.get("f"), String.valueOf(Long.parseLong(digits)), reply);
	}

	/**
	 * Sets one fact as a press of {@code /level} would (also used by drill injects,
	 * GH-16).
	 */
	void set(Inbound inbound, Person person, Incident incident, String field, String value, Reply reply) {
		Texts t = services.texts();
		FactChange change;
		String shown;
		Instant now = services.clock().instant();
		switch (field) {
			case "interruption" -> {
				Interruption interruption = parse(Interruption.class, value);
				if (interruption == null) {
					reply.notice(t.get("button.invalid"));
					return;
				}
				change = FactChange.NONE.withInterruption(interruption);
				shown = t.get("fact.interruption." + interruption.name());
			}
			case "investorsAffected" -> {
				change = FactChange.NONE.withInvestorsAffected(Boolean.parseBoolean(value));
				shown = t.get("fact.affected." + Boolean.parseBoolean(value));
			}
			case "haltAt", "crimeAt" -> {
				change = field.equals("haltAt") ? FactChange.NONE.withHaltAt(now) : FactChange.NONE.withCrimeAt(now);
				shown = t.get(field.equals("haltAt") ? "fact.halt" : "fact.crime");
			}
			case "settlement" -> {
				Settlement settlement = parse(Settlement.class, value);
				if (settlement == null) {
					reply.notice(t.get("button.invalid"));
					return;
				}
				change = FactChange.NONE.withSettlement(settlement);
				shown = t.label(settlement);
			}
			case "damaged", "leaked" -> {
				long count = Long.parseLong(value);
				boolean damaged = field.equals("damaged");
				change = damaged ? FactChange.NONE.withDamaged(count) : FactChange.NONE.withLeaked(count);
				if (count > 0 && incident.facts().dataAt() == null) {
					change = change.withDataAt(now);
				}
				else if (count > (damaged ? incident.facts().damaged() : incident.facts().leaked())) {
					// more investors affected: an important development,
					// owed at once (GH-10, L15107-15111)
					change = change.withDataLastAt(now);
				}
				shown = t.get("fact.count." + field, value);
			}
			case "sys" -> {
				String[] parts = value.split(":", 2);
				Playbook playbook = services.library().find(incident.playbookId()).orElse(null);
				Optional<SystemClass> system = SystemClass.fromKey(parts[0]);
				Optional<String> state = (playbook == null || system.isEmpty() || parts.length < 2) ? Optional.empty()
						: AffectedSystems.apply(incident, playbook, system.get(), parts[1], services.clock().instant());
				if (state.isEmpty()) {
					reply.notice(t.get("fact.system.bad"));
					return;
				}
				change = FactChange.NONE.withSystem(system.get(), state.get());
				shown = t.get("fact.system.done." + parts[1], t.label(system.get()));
			}
			case "remoteAccess", "causeKnown" -> {
				boolean flag = Boolean.parseBoolean(value);
				change = field.equals("remoteAccess") ? FactChange.NONE.withRemoteAccess(flag)
						: FactChange.NONE.withCauseKnown(flag);
				shown = t.get("fact." + field + "." + flag);
			}
			default -> {
				reply.notice(t.get("button.invalid"));
				return;
			}
		}
		IncidentStore.Result result = services.incidents()
			.setFacts(incident, change, ConversationEngine.entry(TimelineType.FACT_SET, person, inbound,
					services.clock().instant(), Map.of("fact", field, "value", (value != null) ? value : "")));
		if (!result.applied()) {
			reply.notice(t.get("incident.closed", incident.id()));
			return;
		}
		Incident updated = services.incidents().find(incident.id()).orElseThrow();
		Playbook playbook = services.library().find(updated.playbookId()).orElseThrow();
		reply.answer(t.get("fact.saved"), false);
		reply.say(t.get("fact.done", incident.id(), Html.escape(shown),
				t.label(services.views().assessments().assess(updated, playbook).grade().level())));
		reply.add(new Outbound.Edit(updated.chat(), IncidentViews.cardSlot(updated),
				services.views().card(updated, playbook), List.of(), updated.id()));
		// the facts message itself shows the new marks
		Outbound.Send panel = panel(inbound.chat(), updated, playbook);
		reply.add(new Outbound.Edit(panel.chat(), panel.slot(), panel.html(), panel.buttons(), updated.id()));
	}

	private static <E extends Enum<E>> E parse(Class<E> type, String value) {
		try {
			return Enum.valueOf(type, value);
		}
		catch (IllegalArgumentException ex) {
			return null;
		}
	}

}
