package com.warroom.bot.clock;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;

import com.warroom.bot.chat.ChatRef;
import com.warroom.bot.delivery.Directory;
import com.warroom.bot.delivery.Reach;
import com.warroom.bot.engine.Button;
import com.warroom.bot.engine.ButtonTokens;
import com.warroom.bot.engine.Html;
import com.warroom.bot.engine.IncidentViews;
import com.warroom.bot.engine.Outbound;
import com.warroom.bot.engine.Texts;
import com.warroom.bot.incident.Escalation;
import com.warroom.bot.incident.Incident;
import com.warroom.bot.incident.IncidentStatus;
import com.warroom.bot.incident.IncidentStore;
import com.warroom.bot.incident.TimelineType;
import com.warroom.bot.roster.Person;
import com.warroom.bot.roster.Roster;
import com.warroom.bot.roster.RosterRole;
import com.warroom.notify.Outbox;
import com.warroom.notify.Reminder;
import com.warroom.notify.spi.Notification;
import com.warroom.playbooks.DataFiles;
import com.warroom.playbooks.InvalidDataFileException;
import com.warroom.playbooks.MappingReader;
import org.jspecify.annotations.Nullable;

/**
 * Escalations with acknowledgement: raised when an incident is declared, its level rises
 * or a report is overdue; each tier's people are told directly with a 确认收到 button; the
 * first acknowledgement stops it; without one the next tier is told after
 * {@code ACK_TIMEOUT}, and after the last tier the round repeats, a bounded number of
 * times. State lives with the incident (its {@link Escalation}s), so any instance can
 * move it.
 */
public class Escalations {

	/**
	 * One tier: a name, the duties whose holders are told directly, and group channels
	 * (robots, SMS) told through the outbox.
	 */
	public record Tier(String name, List<String> duties, List<TierChannel> channels) {
	}

	/**
	 * A channel of a tier.
	 *
	 * @param type {@code wecom}, {@code dingtalk}, {@code feishu} or {@code sms}
	 * @param target the robot's webhook URL or the phone number; {@code env:NAME} reads
	 * it from the environment (webhook URLs carry tokens)
	 */
	public record TierChannel(String type, String target) {

		String resolve() {
			if (target.startsWith("env:")) {
				String value = System.getenv(target.substring(4));
				return (value != null) ? value : "";
			}
			return target;
		}

	}

	/** The policy: tiers, rounds and the acknowledgement timeout. */
	public record Policy(List<Tier> tiers, int rounds, Duration ackTimeout) {

		/**
		 * Reads {@code escalation.yaml}.
		 * @throws InvalidDataFileException with every entry that is wrong, as
		 * {@code file:line: field: message}
		 */
		public static Policy parse(String yaml, Duration ackTimeout) {
			return read("escalation.yaml", yaml.getBytes(StandardCharsets.UTF_8), ackTimeout);
		}

		/**
		 * Reads the escalation policy file {@code file} ({@code ESCALATION_FILE}).
		 * @throws InvalidDataFileException with every entry that is wrong, as
		 * {@code file:line: field: message}
		 */
		public static Policy read(String file, byte[] content, Duration ackTimeout) {
			return DataFiles.read("升级策略", file, content, Set.of("tiers", "rounds"), (root) -> {
				if (root.size("tiers") == 0) {
					root.error("tiers", "升级策略应有非空的 tiers 列表");
				}
				List<Tier> tiers = new ArrayList<>();
				for (MappingReader tier : root.mappings("tiers", Set.of("name", "duties", "channels"))) {
					String name = tier.required("name");
					if (!tier.has("duties")) {
						tier.error("duties", "缺少必填字段");
					}
					List<String> duties = tier.texts("duties");
					List<TierChannel> channels = new ArrayList<>();
					for (MappingReader channel : tier.mappings("channels", Set.of("type", "target"))) {
						String type = channel.required("type");
						String target = channel.required("target");
						if (type != null && target != null) {
							channels.add(new TierChannel(type, target));
						}
					}
					if (name != null) {
						tiers.add(new Tier(name, duties, List.copyOf(channels)));
					}
				}
				int rounds = root.positive("rounds", 1);
				return root.failed() ? null : new Policy(List.copyOf(tiers), rounds, ackTimeout);
			});
		}

	}

	private final IncidentStore incidents;

	private final Roster roster;

	private final ButtonTokens tokens;

	private final Texts texts;

	private final Policy policy;

	private final Clock clock;

	private final Outbox outbox;

	private final Directory directory;

	/**
	 * @param directory how each person is reached directly (their own chats, and the
	 * outbox channel of those that must not be lost)
	 */
	public Escalations(IncidentStore incidents, Roster roster, ButtonTokens tokens, Texts texts, Policy policy,
			Clock clock, Outbox outbox, Directory directory) {
		this.outbox = outbox;
		this.directory = directory;
		this.incidents = incidents;
		this.roster = roster;
		this.tokens = tokens;
		this.texts = texts;
		this.policy = policy;
		this.clock = clock;
	}

	/**
	 * Starts an escalation (at most once per {@code cause}) and returns the messages of
	 * its first tier.
	 */
	public List<Outbound> raise(Incident incident, String cause, String reason) {
		Instant now = clock.instant();
		// one atomic change: two raised at once get different
		// numbers, none is left half raised
		OptionalInt raised = incidents.raiseEscalation(incident, cause, reason, now.plus(policy.ackTimeout()),
				ids(holders(policy.tiers().get(0))),
				new IncidentStore.Entry(TimelineType.ESCALATED, "system", texts.get("system.name"), "clock", now,
						Map.of("text", reason, "tier", policy.tiers().get(0).name())));
		if (raised.isEmpty()) {
			return List.of();
		}
		int number = raised.getAsInt();
		List<Outbound> actions = new ArrayList<>();
		if (cause.equals("declared")) {
			// told first: a leader Telegram refuses is known before the tiers reach them
			actions.addAll(informLeaders(incident, reason));
		}
		actions.addAll(messages(incident, number, reason, 0, 1));
		return actions;
	}

	/**
	 * 附件四 flow step 3 (立即向公司应急小组、公司领导报告): at declaration every member of the 应急领导小组 and
	 * the 应急工作小组 hears of it in their own chats at once, whatever tier they are in; the
	 * tiers still decide who must acknowledge and who is chased.
	 */
	private List<Outbound> informLeaders(Incident incident, String reason) {
		List<Person> tier = holders(policy.tiers().get(0));
		List<Outbound> actions = new ArrayList<>();
		String drill = incident.isDrill() ? texts.get("reminder.drill") : "";
		String text = texts.get("escalation.informed", drill, incident.id(), Html.escape(reason),
				Html.escape(policy.tiers().get(0).name()));
		for (Person person : roster.people()) {
			boolean leader = person.roles().contains(RosterRole.LEADER)
					|| person.roles().contains(RosterRole.COMMANDER);
			if (!leader || tier.contains(person)) {
				continue; // the first tier was just told, with the button
			}
			actions.addAll(direct(incident, person, text, null, null, incident.id() + ":informed:" + person.id(),
					incident.id() + " " + texts.get("escalation.informed.title")));
		}
		return actions;
	}

	/** The roster ids of {@code people}. */
	private static List<String> ids(List<Person> people) {
		return people.stream().map(Person::id).toList();
	}

	/**
	 * The escalation's acknowledgement timed out: tell the next tier, or give up after
	 * the last round.
	 */
	public List<Outbound> timeout(String incidentId, int number) {
		Optional<Incident> found = incidents.find(incidentId);
		if (found.isEmpty()) {
			return List.of();
		}
		Incident incident = found.get();
		Optional<Escalation> escalation = incident.escalation(number);
		if (escalation.isEmpty()
				|| (incident.status() == IncidentStatus.CLOSED && !chasedAfterClose(escalation.get().cause()))) {
			return List.of();
		}
		if (escalation.get().ackedBy() != null || escalation.get().exhausted()) {
			return List.of();
		}
		int tier = escalation.get().tier() + 1;
		int round = escalation.get().round();
		if (tier >= policy.tiers().size()) {
			tier = 0;
			round++;
		}
		String reason = escalation.get().reason();
		Instant now = clock.instant();
		if (round > policy.rounds()) {
			incidents.exhaustEscalation(incident, number,
					new IncidentStore.Entry(TimelineType.ESCALATION_EXHAUSTED, "system", texts.get("system.name"),
							"clock", now, Map.of("text", reason, "esc", String.valueOf(number))));
			// the room's message of this escalation loses its button; the room is told to
			// follow up by hand
			String exhausted = texts.get("escalation.exhausted", incident.id(), Html.escape(reason));
			// the escalation's own message says how it ended (button gone); the alert
			// itself is a new message at the bottom, where the room sees it
			String ended = texts.get("escalation.exhausted.card", incident.id(), Html.escape(reason));
			return List.of(
					new Outbound.Edit(incident.chat(), IncidentViews.escalationSlot(incident.id(), number), ended,
							List.of(), incident.id()),
					new Outbound.Send(incident.chat(), exhausted, List.of(), null, incident.id()));
		}
		// one atomic change: the step, the tier, the round, the timeout and who was told
		IncidentStore.Result moved = incidents.moveEscalation(incident, number, round, tier,
				now.plus(policy.ackTimeout()), ids(holders(policy.tiers().get(tier))),
				new IncidentStore.Entry(TimelineType.ESCALATED, "system", texts.get("system.name"), "clock", now, Map
					.of("text", reason, "tier", policy.tiers().get(tier).name(), "esc", String.valueOf(number))));
		if (!moved.applied()) {
			return List.of();
		}
		return messages(incident, number, reason, tier, round);
	}

	/**
	 * Where an undeliverable direct message went instead, and the messages that takes.
	 */
	public record Rerouted(List<Outbound> actions, String note) {
	}

	/**
	 * A direct message of an escalation could not reach its person
	 * ({@code notificationId} as this class makes them): the person is not messaged again
	 * for this incident, and the escalation goes to their deputy (备岗), or, without one
	 * who is not told already, straight to the next tier — never back to the same person.
	 * Nothing moves when the escalation was acknowledged or ended, or has moved on since.
	 */
	public Rerouted undeliverable(String incidentId, String notificationId) {
		Optional<Incident> found = incidents.find(incidentId);
		String[] parts = notificationId.startsWith(incidentId + ":esc:")
				? notificationId.substring(incidentId.length() + 5).split(":") : new String[0];
		String none = texts.get("notify.rerouted.none");
		if (found.isEmpty() || found.get().status() == IncidentStatus.CLOSED || parts.length != 4) {
			return new Rerouted(List.of(), none);
		}
		Incident incident = found.get();
		int number = parts[0].chars().allMatch(Character::isDigit) && !parts[0].isEmpty() ? Integer.parseInt(parts[0])
				: 0;
		String personId = parts[3];
		incidents.markUnreachable(incident.id(), personId);
		Optional<Escalation> escalation = incident.escalation(number);
		if (escalation.isEmpty() || escalation.get().ackedBy() != null || escalation.get().exhausted()) {
			return new Rerouted(List.of(), none);
		}
		int tier = escalation.get().tier();
		int round = escalation.get().round();
		Optional<Person> deputy = roster.byId(personId)
			.map(Person::deputy)
			.flatMap(roster::byId)
			.filter((d) -> !d.id().equals(personId) && !incident.unreachable(d.id()))
			.filter((d) -> !holders(policy.tiers().get(tier)).contains(d));
		if (deputy.isPresent()) {
			return new Rerouted(tell(incident, number, escalation.get().reason(), tier, round, deputy.get()),
					texts.get("notify.rerouted.deputy", Html.escape(deputy.get().name())));
		}
		if (!parts[1].equals(String.valueOf(round)) || !parts[2].equals(String.valueOf(tier))) {
			return new Rerouted(List.of(), none); // the escalation has moved on already
		}
		List<Outbound> next = timeout(incident.id(), number);
		String name = incidents.find(incident.id())
			.flatMap((i) -> i.escalation(number))
			.map((e) -> policy.tiers().get(e.tier()).name())
			.orElse("");
		return new Rerouted(next, next.isEmpty() ? none : texts.get("notify.rerouted.tier", Html.escape(name)));
	}

	/**
	 * The escalation's message to one person (a deputy standing in): each of their own
	 * chats.
	 */
	private List<Outbound> tell(Incident incident, int number, String reason, int tier, int round, Person person) {
		Tier target = policy.tiers().get(tier);
		String drill = incident.isDrill() ? texts.get("reminder.drill") : "";
		String text = texts.get("escalation.message", drill, incident.id(), Html.escape(reason),
				Html.escape(target.name()), span(policy.ackTimeout()));
		Button ack = tokens.button(texts.get("button.ack"),
				Map.of("a", "ack", "i", incident.id(), "e", String.valueOf(number)));
		return direct(incident, person, text, ack, null,
				incident.id() + ":esc:" + number + ":" + round + ":" + tier + ":" + person.id(),
				incident.id() + " " + target.name());
	}

	/**
	 * Whether {@code channelType} (an outbox channel) carries the direct messages to
	 * people of a chat channel.
	 */
	public boolean isDirect(String channelType) {
		return directory.isDirect(channelType);
	}

	/** Reminders for the open escalations of an incident (their next timeouts). */
	public List<Reminder> reminders(Incident incident) {
		List<Reminder> reminders = new ArrayList<>();
		for (Escalation open : incident.openEscalations().values()) {
			if (incident.status() == IncidentStatus.CLOSED && !chasedAfterClose(open.cause())) {
				continue;
			}
			Instant next = Objects.requireNonNull(open.next());
			reminders.add(new Reminder(incident.id(), "ESC:" + open.number(), Reminder.Stage.DUE, next, next));
		}
		return reminders;
	}

	/**
	 * Whether an escalation goes on after its incident closed: one about a report still
	 * owed (overdue, or its book unsigned) does; the handling's (declaration, level) do
	 * not.
	 */
	static boolean chasedAfterClose(String cause) {
		return IncidentViews.chasedAfterClose(cause);
	}

	/**
	 * {@code 5 分钟}, {@code 90 秒}: whole minutes when the span is a whole number of them.
	 */
	private String span(Duration duration) {
		return (duration.toSecondsPart() == 0 && duration.toMinutes() > 0)
				? texts.get("span.minutes", String.valueOf(duration.toMinutes()))
				: texts.get("span.seconds", String.valueOf(duration.toSeconds()));
	}

	private List<Outbound> messages(Incident incident, int number, String reason, int tier, int round) {
		Tier target = policy.tiers().get(tier);
		List<Person> people = holders(target);
		List<Outbound> actions = new ArrayList<>();
		String drill = incident.isDrill() ? texts.get("reminder.drill") : "";
		String text = texts.get("escalation.message", drill, incident.id(), Html.escape(reason),
				Html.escape(target.name()), span(policy.ackTimeout()));
		Button ack = tokens.button(texts.get("button.ack"),
				Map.of("a", "ack", "i", incident.id(), "e", String.valueOf(number)));
		Incident known = incidents.find(incident.id()).orElse(incident);
		List<String> unreachable = new ArrayList<>();
		List<String> noReach = new ArrayList<>();
		for (Person person : people) {
			String id = incident.id() + ":esc:" + number + ":" + round + ":" + tier + ":" + person.id();
			actions.addAll(direct(incident, person, text, ack, IncidentViews.escalationSlot(incident.id(), number), id,
					incident.id() + " " + target.name()));
			List<Reach> reaches = directory.reach(person);
			if (reaches.isEmpty()) {
				noReach.add(id); // no own chat on any channel: said, and their deputy or
									// the next tier at once
			}
			else if (reaches.stream().anyMatch(Reach::refusable) && known.unreachable(person.id())) {
				unreachable.add(id); // known not to be reachable by Telegram: their
										// deputy or the next tier at once
			}
		}
		for (int i = 0; i < target.channels().size(); i++) {
			TierChannel channel = target.channels().get(i);
			String address = channel.resolve();
			if (address.isBlank()) {
				continue;
			}
			outbox.enqueue(channel.type(), incident.id(),
					new Notification(incident.id() + ":esc:" + number + ":" + round + ":" + tier + ":" + i, address,
							incident.id() + " " + target.name(), Html.toPlain(text), incident.isDrill()));
		}
		List<String> names = people.stream().map(Person::name).toList();
		// one message per escalation in the room, edited as it moves from tier to tier
		String notice = texts.get("escalation.notice", drill, incident.id(), Html.escape(target.name()),
				Html.escape(String.join("、", names)), Html.escape(reason))
				+ texts.get("escalation.notice.wait", String.valueOf(round), span(policy.ackTimeout()));
		actions.add(new Outbound.Edit(incident.chat(), IncidentViews.escalationSlot(incident.id(), number), notice,
				List.of(List.of(ack)), incident.id()));
		for (String id : unreachable) {
			actions.addAll(reroute(incident, id, "notify.rerouted.known", drill, target));
		}
		for (String id : noReach) {
			actions.addAll(reroute(incident, id, "notify.rerouted.noreach", drill, target));
		}
		return actions;
	}

	/**
	 * A person of the tier not to be messaged directly: the room is told why, and the
	 * escalation moves on.
	 */
	private List<Outbound> reroute(Incident incident, String id, String why, String drill, Tier target) {
		String name = roster.byId(id.substring(id.lastIndexOf(':') + 1)).map(Person::name).orElse("");
		Rerouted rerouted = undeliverable(incident.id(), id);
		List<Outbound> actions = new ArrayList<>();
		actions.add(new Outbound.Send(incident.chat(),
				texts.get(why, drill, incident.id(), Html.escape(name), Html.escape(target.name()), rerouted.note()),
				List.of(), null, incident.id()));
		actions.addAll(rerouted.actions());
		return actions;
	}

	/**
	 * A person the bot could not message directly for this incident (a refused Telegram
	 * message of any kind): no direct Telegram message goes to them again; an escalation
	 * that reaches them goes to their deputy or the next tier at once.
	 */
	public void unreachable(String incidentId, String personId) {
		incidents.markUnreachable(incidentId, personId);
	}

	/**
	 * A message to each of one person's own chats, as the {@link Directory} knows them:
	 * the web chat (kept under the escalation's slot, so an acknowledgement can take its
	 * button away) and Telegram, through the durable outbox when there is one.
	 * @param ack the 确认收到 button, or null for a message that only informs
	 */
	private List<Outbound> direct(Incident incident, Person person, String text, @Nullable Button ack,
			@Nullable String slot, String id, String title) {
		List<Outbound> actions = new ArrayList<>();
		List<List<Button>> buttons = (ack != null) ? List.of(List.of(ack)) : List.of();
		boolean refused = incident.unreachable(person.id());
		for (Reach reach : directory.reach(person)) {
			if (reach.refusable() && refused) {
				continue; // never again to a person Telegram cannot reach (GH-12); the
							// web chat keeps it
			}
			String durable = reach.outbox();
			if (durable != null && outbox.supports(durable)) {
				// stored before it is sent: a restart or
				// a Telegram outage does not lose it
				outbox.enqueue(durable, incident.id(), new Notification(id, reach.chat().chatId(), title, text,
						incident.isDrill(),
						(ack != null) ? List.of(new Notification.Action(ack.label(), ack.token())) : List.of()));
			}
			else {
				actions
					.add(new Outbound.Send(reach.chat(), text, buttons, reach.slotted() ? slot : null, incident.id()));
			}
		}
		return actions;
	}

	private List<Person> holders(Tier tier) {
		List<Person> people = new ArrayList<>();
		for (Person person : roster.people()) {
			if (person.duties().stream().anyMatch(tier.duties()::contains)) {
				people.add(person);
			}
		}
		return people;
	}

}
