package com.warroom.bot.engine;

import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.warroom.bot.incident.Incident;
import com.warroom.bot.incident.IncidentStatus;
import com.warroom.bot.incident.IncidentStore;
import com.warroom.bot.incident.TimelineType;
import com.warroom.bot.roster.Permission;
import com.warroom.bot.roster.Person;
import com.warroom.playbooks.Grade;
import com.warroom.playbooks.Playbook;
import com.warroom.playbooks.Severity;
import com.warroom.playbooks.Track;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The incident's life after declaration: {@code /level} (computed level with reasons,
 * overrides with a reason, the facts), {@code /recovered}, {@code /close} with
 * confirmation, and acknowledgements of escalations ({@code /ack}, 确认收到).
 */
final class LifecycleFlow {

	private static final Logger log = LoggerFactory.getLogger(LifecycleFlow.class);

	private final ConversationEngine.Services services;

	private final ConversationEngine engine;

	private final FactFlow facts;

	LifecycleFlow(ConversationEngine.Services services, ConversationEngine engine, FactFlow facts) {
		this.services = services;
		this.engine = engine;
		this.facts = facts;
	}

	void level(Inbound inbound, Person person, Incident incident, Playbook playbook, Reply reply) {
		Texts t = services.texts();
		Grade grade = services.views().grade(incident, playbook);
		StringBuilder html = new StringBuilder(t.get("level.computed", incident.id(), grade.level().label()));
		grade.reasons().forEach((reason) -> html.append('\n').append("• ").append(Html.escape(reason.toString())));
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
		reply.add(new Outbound.Send(inbound.chat(), html.toString(), buttons, null, incident.id()));
		// GH-13: the facts apart from the level buttons, in their own message, marked and refreshed after each press
		if (person.may(Permission.STEP) && incident.status() != IncidentStatus.CLOSED) {
			reply.add(facts.panel(inbound.chat(), incident, playbook));
		}
		else {
			reply.add(new Outbound.Send(inbound.chat(), t.get("level.facts", Html.escape(services.views().describeFacts(incident,
					playbook))), List.of(), null, incident.id()));
		}
	}

	void askLevelReason(Inbound.Press press, Person person, Incident incident, Map<String, String> m, Reply reply) {
		if (!person.may(Permission.SET_LEVEL)) {
			reply.answer(services.texts().get("refuse.permission"), true);
			return;
		}
		services.conversations().await(press.chat(), press.actor(), Map.of("q", "level", "i", incident.id(), "l", m.get("l")));
		reply.say(services.texts().get("level.reason.ask", Severity.valueOf(m.get("l")).label()));
	}

	void recovered(Inbound inbound, Person person, Incident incident, Playbook playbook, Reply reply) {
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

	void askClose(Inbound inbound, Person person, Incident incident, Reply reply) {
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

	void close(Inbound.Press press, Person person, Incident incident, Reply reply) {
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
		seal(closed, playbook, reply);
	}

	/** The complete record goes to the archive; a failure there is said, and nothing recorded is lost. */
	private void seal(Incident closed, Playbook playbook, Reply reply) {
		try {
			services.paperwork().seal(closed, playbook);
			List<String> documents = services.paperwork().documents(closed.id());
			reply.say(services.texts().get("close.sealed", closed.id(), String.valueOf(documents.size())));
			documents.stream().filter((name) -> name.startsWith(Paperwork.RECORD_PREFIX)).reduce((a, b) -> b)
				.ifPresent((name) -> reply.add(new Outbound.Document(closed.chat(), closed.id(), name,
						services.texts().get("doc.record.caption", closed.id()))));
		}
		catch (RuntimeException ex) {
			log.error("{} 归档失败", closed.id(), ex);
			reply.say(services.texts().get("close.seal.failed", closed.id()));
		}
	}

	/** 确认收到: the first acknowledgement stops an escalation and is recorded. */
	void acknowledge(Inbound inbound, Person person, Incident incident, List<String> numbers, Reply reply) {
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

	void setLevel(Inbound.Text text, Person person, Incident incident, Map<String, String> q, Reply reply) {
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

	private static IncidentStore.Entry entry(TimelineType type, Person person, Inbound inbound, Instant at,
			Map<String, String> details) {
		return ConversationEngine.entry(type, person, inbound, at, details);
	}

	private void postIncident(Incident incident, Playbook playbook, Reply reply) {
		engine.postIncident(incident, playbook, reply);
	}

}
