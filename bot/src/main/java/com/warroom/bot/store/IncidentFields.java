package com.warroom.bot.store;

import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.warroom.bot.chat.ChatRef;
import com.warroom.bot.incident.Escalation;
import com.warroom.bot.incident.FactChange;
import com.warroom.bot.incident.Facts;
import com.warroom.bot.incident.Incident;
import com.warroom.bot.incident.IncidentKind;
import com.warroom.bot.incident.IncidentStatus;
import com.warroom.bot.incident.LevelState;
import com.warroom.bot.incident.ReportRecord;
import com.warroom.bot.incident.StepState;
import com.warroom.playbooks.Interruption;
import com.warroom.playbooks.Settlement;
import com.warroom.playbooks.Severity;
import com.warroom.playbooks.SystemClass;
import com.warroom.playbooks.Track;
import org.jspecify.annotations.Nullable;

/**
 * The names of an incident's fields as the stores keep them (a Redis hash today, one name
 * → value map per incident), and how they are read into an {@link Incident}. The stores
 * share this one layout; nothing outside this package knows the names of the typed parts.
 */
public final class IncidentFields {

	/** The escalation fields of escalation {@code n}: {@code esc:<n>:<part>}. */
	static final String ESCALATION = "esc:";

	/** The number of the escalation raised for a cause: {@code esccause:<cause>} → n. */
	static final String ESCALATION_CAUSE = "esccause:";

	/** A person the bot could not message directly: {@code unreach:<roster id>} → 1. */
	static final String UNREACHABLE = "unreach:";

	/** The parts of an escalation, after {@code esc:<n>:}. */
	static final String CAUSE = "cause";

	static final String REASON = "reason";

	static final String TIER = "tier";

	static final String ROUND = "round";

	static final String NEXT = "next";

	static final String TOLD = "told";

	static final String ACK = "ack";

	static final String ACK_AT = "ackAt";

	static final String DONE = "done";

	/** The level a leader set, its reason and who set it. */
	static final String LEVEL = "level";

	static final String LEVEL_REASON = "levelReason";

	static final String LEVEL_BY = "levelBy";

	/** The computed level last announced, and the override last escalated. */
	static final String LEVEL_SEEN = "levelSeen";

	static final String OVERRIDE_SEEN = "overrideSeen";

	/** A rise to a level, recorded once: {@code raised:<LEVEL>}. */
	static final String RAISED = "raised:";

	/** The status and when it changed. */
	static final String STATUS = "status";

	static final String RECOVERED_AT = "recoveredAt";

	static final String CLOSED_AT = "closedAt";

	/** Bumped by each guarded change. */
	static final String VERSION = "version";

	/**
	 * The current step of a track: {@code cursor:<track key>}, {@code ""} when it ended.
	 */
	static final String CURSOR = "cursor:";

	/** The state of a step: {@code st:<step id>} → {@link StepState#encode()}. */
	static final String STEP = "st:";

	/** Why a step is blocked: {@code reason:<step id>}. */
	static final String BLOCK_REASON = "reason:";

	/** The facts of {@code /level}. */
	static final String INTERRUPTION = "interruption";

	static final String INVESTORS_AFFECTED = "investorsAffected";

	static final String DAMAGED = "damaged";

	static final String LEAKED = "leaked";

	static final String SETTLEMENT = "settlement";

	static final String HALT_AT = "haltAt";

	static final String CRIME_AT = "crimeAt";

	static final String DATA_AT = "dataAt";

	static final String DATA_LAST_AT = "dataLastAt";

	static final String REMOTE_ACCESS = "remoteAccess";

	static final String CAUSE_KNOWN = "causeKnown";

	/** An other affected system: {@code sys:<class key>} → its state. */
	static final String SYSTEM = "sys:";

	/** A {@code /summary} answer: {@code sum:<item>}. */
	static final String SUMMARY = "sum:";

	/**
	 * Of report {@code <kind>:<seq>}: who recorded it reported ({@code rep:<key>}), who
	 * asked for 签发.
	 */
	static final String REPORTED = "rep:";

	static final String REQUESTED = "req:";

	/**
	 * Of the book kept for signing report {@code <key>}: its name, SHA-256, version and
	 * fingerprint.
	 */
	static final String BOOK = "book:";

	static final String BOOK_SHA = "booksha:";

	static final String BOOK_VERSION = "bookv:";

	static final String BOOK_FINGERPRINT = "bookfp:";

	/** A signature: {@code appr:<key>:v<version>:<duty>} → roster id. */
	static final String SIGNATURE = "appr:";

	/** A delegation: {@code deleg:<key>:<duty>} → roster id. */
	static final String DELEGATE = "deleg:";

	/**
	 * A reminder sent: {@code remsent:<KEY>:<STAGE>} → when (issue 15: the record, not
	 * only Redis).
	 */
	static final String REMINDER_SENT = "remsent:";

	/**
	 * A notification given up on every channel: {@code gaveup:<notification id>} →
	 * channel type.
	 */
	static final String GAVE_UP = "gaveup:";

	private static final Pattern ESCALATION_FIELD = Pattern.compile("esc:(\\d+):cause");

	private static final Pattern SIGNATURE_FIELD = Pattern.compile("appr:(.+):v(\\d+):([^:]+)");

	private static final Pattern DELEGATE_FIELD = Pattern.compile("deleg:(.+):([^:]+)");

	private IncidentFields() {
	}

	/** The field of part {@code part} of escalation {@code number}. */
	static String escalation(int number, String part) {
		return ESCALATION + number + ":" + part;
	}

	/** The field of a signature. */
	static String signature(String report, int version, String duty) {
		return SIGNATURE + report + ":v" + version + ":" + duty;
	}

	/** The field of a delegation. */
	static String delegate(String report, String duty) {
		return DELEGATE + report + ":" + duty;
	}

	/**
	 * The fields of an incident just declared as {@code id}, both stores alike (the Redis
	 * hash adds its status and version, which the database keeps in columns).
	 */
	static Map<String, String> declared(String id, com.warroom.bot.incident.IncidentStore.NewIncident incident) {
		Map<String, String> fields = new LinkedHashMap<>();
		fields.put("id", id);
		fields.put("kind", incident.kind().name());
		fields.put("playbook", incident.playbookId());
		fields.put("channel", incident.chat().channel());
		fields.put("chatId", incident.chat().chatId());
		fields.put("thread", (incident.chat().threadId() != null) ? incident.chat().threadId() : "");
		fields.put("forum", String.valueOf(incident.chat().forum()));
		fields.put("declaredBy", incident.declaredBy());
		fields.put("startedAt", String.valueOf(incident.startedAt().toEpochMilli()));
		fields.put("declaredAt", String.valueOf(incident.declaredAt().toEpochMilli()));
		fields.put(INTERRUPTION, Interruption.UNKNOWN.name());
		fields.put(INVESTORS_AFFECTED, "true");
		incident.cursors().forEach((track, step) -> fields.put(CURSOR + track.key(), step));
		return fields;
	}

	/** The incident these fields describe. */
	public static Incident incident(Map<String, String> f) {
		String thread = f.getOrDefault("thread", "");
		ChatRef chat = new ChatRef(f.get("channel"), f.get("chatId"), thread.isEmpty() ? null : thread,
				Boolean.parseBoolean(f.get("forum")));
		String level = f.getOrDefault(LEVEL, "");
		String seen = f.getOrDefault(LEVEL_SEEN, "");
		LevelState levels = new LevelState(level.isEmpty() ? null : Severity.valueOf(level), f.get(LEVEL_REASON),
				f.get(LEVEL_BY), seen.isEmpty() ? null : Severity.valueOf(seen), f.get(OVERRIDE_SEEN));
		return new Incident(f.get("id"), IncidentKind.valueOf(f.get("kind")), f.get("playbook"), chat,
				f.get("declaredBy"), instant(f.get("startedAt")), instant(f.get("declaredAt")),
				IncidentStatus.valueOf(f.get(STATUS)), optionalInstant(f.get(RECOVERED_AT)),
				optionalInstant(f.get(CLOSED_AT)), levels,
				Interruption.valueOf(f.getOrDefault(INTERRUPTION, "UNKNOWN")),
				Boolean.parseBoolean(f.getOrDefault(INVESTORS_AFFECTED, "true")), escalations(f), unreachable(f),
				facts(f), suffixed(f, SUMMARY), reports(f), cursors(f), steps(f), suffixed(f, BLOCK_REASON),
				number(f.get(VERSION)), suffixed(f, REMINDER_SENT).keySet());
	}

	private static Facts facts(Map<String, String> f) {
		Map<SystemClass, String> systems = new EnumMap<>(SystemClass.class);
		suffixed(f, SYSTEM)
			.forEach((key, state) -> SystemClass.fromKey(key).ifPresent((system) -> systems.put(system, state)));
		return new Facts(number(f.get(DAMAGED)), number(f.get(LEAKED)),
				Settlement.valueOf(f.getOrDefault(SETTLEMENT, Settlement.NORMAL.name())),
				optionalInstant(f.get(HALT_AT)), optionalInstant(f.get(CRIME_AT)), optionalInstant(f.get(DATA_AT)),
				optionalInstant(f.get(DATA_LAST_AT)), flag(f.get(REMOTE_ACCESS)), flag(f.get(CAUSE_KNOWN)), systems);
	}

	/** The fields that start with {@code prefix}, by the rest of their name. */
	private static Map<String, String> suffixed(Map<String, String> f, String prefix) {
		Map<String, String> found = new HashMap<>();
		f.forEach((field, value) -> {
			if (field.startsWith(prefix)) {
				found.put(field.substring(prefix.length()), value);
			}
		});
		return found;
	}

	private static Map<Track, String> cursors(Map<String, String> f) {
		Map<Track, String> cursors = new EnumMap<>(Track.class);
		for (Track track : Track.values()) {
			String value = f.get(CURSOR + track.key());
			if (value != null) {
				cursors.put(track, value);
			}
		}
		return cursors;
	}

	private static Map<String, StepState> steps(Map<String, String> f) {
		Map<String, StepState> steps = new HashMap<>();
		suffixed(f, STEP).forEach((step, raw) -> steps.put(step, StepState.parse(raw)));
		return steps;
	}

	private static Map<String, ReportRecord> reports(Map<String, String> f) {
		Set<String> keys = new TreeSet<>();
		for (String prefix : List.of(REPORTED, REQUESTED, BOOK, BOOK_SHA, BOOK_VERSION, BOOK_FINGERPRINT)) {
			keys.addAll(suffixed(f, prefix).keySet());
		}
		Map<String, SortedMap<Integer, Map<String, String>>> signatures = new HashMap<>();
		Map<String, Map<String, String>> delegates = new HashMap<>();
		f.forEach((field, value) -> {
			Matcher signature = SIGNATURE_FIELD.matcher(field);
			if (signature.matches()) {
				keys.add(signature.group(1));
				signatures.computeIfAbsent(signature.group(1), (key) -> new TreeMap<>())
					.computeIfAbsent(Integer.parseInt(signature.group(2)), (version) -> new HashMap<>())
					.put(signature.group(3), value);
			}
			Matcher delegate = DELEGATE_FIELD.matcher(field);
			if (delegate.matches()) {
				keys.add(delegate.group(1));
				delegates.computeIfAbsent(delegate.group(1), (key) -> new HashMap<>()).put(delegate.group(2), value);
			}
		});
		Map<String, ReportRecord> reports = new HashMap<>();
		for (String key : keys) {
			String version = f.get(BOOK_VERSION + key);
			reports.put(key,
					new ReportRecord(key, f.get(REQUESTED + key), f.get(REPORTED + key), f.get(BOOK + key),
							f.get(BOOK_SHA + key), (version == null) ? 1 : Integer.parseInt(version),
							f.get(BOOK_FINGERPRINT + key), signatures.getOrDefault(key, new TreeMap<>()),
							delegates.getOrDefault(key, Map.of())));
		}
		return reports;
	}

	/** A count as stored, 0 when absent or not a number. */
	private static long number(@Nullable String value) {
		try {
			return (value == null) ? 0 : Long.parseLong(value);
		}
		catch (NumberFormatException ex) {
			return 0;
		}
	}

	private static @Nullable Boolean flag(@Nullable String value) {
		return (value == null) ? null : Boolean.parseBoolean(value);
	}

	/** The fields that record {@code change}. */
	static Map<String, String> fields(FactChange change) {
		Map<String, String> fields = new LinkedHashMap<>();
		if (change.interruption() != null) {
			fields.put(INTERRUPTION, change.interruption().name());
		}
		if (change.investorsAffected() != null) {
			fields.put(INVESTORS_AFFECTED, String.valueOf(change.investorsAffected()));
		}
		if (change.damaged() != null) {
			fields.put(DAMAGED, String.valueOf(change.damaged()));
		}
		if (change.leaked() != null) {
			fields.put(LEAKED, String.valueOf(change.leaked()));
		}
		if (change.settlement() != null) {
			fields.put(SETTLEMENT, change.settlement().name());
		}
		putInstant(fields, HALT_AT, change.haltAt());
		putInstant(fields, CRIME_AT, change.crimeAt());
		putInstant(fields, DATA_AT, change.dataAt());
		putInstant(fields, DATA_LAST_AT, change.dataLastAt());
		if (change.remoteAccess() != null) {
			fields.put(REMOTE_ACCESS, String.valueOf(change.remoteAccess()));
		}
		if (change.causeKnown() != null) {
			fields.put(CAUSE_KNOWN, String.valueOf(change.causeKnown()));
		}
		change.systems().forEach((system, state) -> fields.put(SYSTEM + system.key(), state));
		return fields;
	}

	private static void putInstant(Map<String, String> fields, String field, @Nullable Instant at) {
		if (at != null) {
			fields.put(field, String.valueOf(at.toEpochMilli()));
		}
	}

	private static SortedMap<Integer, Escalation> escalations(Map<String, String> f) {
		SortedMap<Integer, Escalation> escalations = new TreeMap<>();
		for (Map.Entry<String, String> field : f.entrySet()) {
			Matcher matcher = ESCALATION_FIELD.matcher(field.getKey());
			if (!matcher.matches()) {
				continue;
			}
			int n = Integer.parseInt(matcher.group(1));
			String told = f.getOrDefault(escalation(n, TOLD), "");
			List<String> ids = new ArrayList<>();
			for (String id : told.split(",")) {
				if (!id.isEmpty()) {
					ids.add(id);
				}
			}
			escalations.put(n,
					new Escalation(n, field.getValue(), f.getOrDefault(escalation(n, REASON), ""),
							Integer.parseInt(f.getOrDefault(escalation(n, TIER), "0")),
							Integer.parseInt(f.getOrDefault(escalation(n, ROUND), "1")),
							optionalInstant(f.get(escalation(n, NEXT))), ids, f.get(escalation(n, ACK)),
							optionalInstant(f.get(escalation(n, ACK_AT))), f.containsKey(escalation(n, DONE))));
		}
		return escalations;
	}

	private static Set<String> unreachable(Map<String, String> f) {
		Set<String> people = new HashSet<>();
		f.keySet()
			.stream()
			.filter((field) -> field.startsWith(UNREACHABLE))
			.forEach((field) -> people.add(field.substring(UNREACHABLE.length())));
		return people;
	}

	private static Instant instant(String millis) {
		return Instant.ofEpochMilli(Long.parseLong(millis));
	}

	private static @Nullable Instant optionalInstant(@Nullable String millis) {
		return (millis == null || millis.isEmpty()) ? null : instant(millis);
	}

}
