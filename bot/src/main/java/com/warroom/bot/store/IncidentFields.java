package com.warroom.bot.store;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.warroom.bot.chat.ChatRef;
import com.warroom.bot.incident.Escalation;
import com.warroom.bot.incident.Incident;
import com.warroom.bot.incident.IncidentKind;
import com.warroom.bot.incident.IncidentStatus;
import com.warroom.bot.incident.LevelState;
import com.warroom.playbooks.Interruption;
import com.warroom.playbooks.Severity;
import org.jspecify.annotations.Nullable;

/**
 * The names of an incident's fields as the stores keep them (a Redis hash today, one
 * name → value map per incident), and how they are read into an {@link Incident}. The
 * stores share this one layout; nothing outside this package knows the names of the
 * typed parts.
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

	private static final Pattern ESCALATION_FIELD = Pattern.compile("esc:(\\d+):cause");

	private IncidentFields() {
	}

	/** The field of part {@code part} of escalation {@code number}. */
	static String escalation(int number, String part) {
		return ESCALATION + number + ":" + part;
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
				IncidentStatus.valueOf(f.get("status")), optionalInstant(f.get("recoveredAt")),
				optionalInstant(f.get("closedAt")), levels, Interruption.valueOf(f.getOrDefault("interruption", "UNKNOWN")),
				Boolean.parseBoolean(f.getOrDefault("investorsAffected", "true")), escalations(f), unreachable(f), f);
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
			escalations.put(n, new Escalation(n, field.getValue(), f.getOrDefault(escalation(n, REASON), ""),
					Integer.parseInt(f.getOrDefault(escalation(n, TIER), "0")),
					Integer.parseInt(f.getOrDefault(escalation(n, ROUND), "1")), optionalInstant(f.get(escalation(n, NEXT))),
					ids, f.get(escalation(n, ACK)), optionalInstant(f.get(escalation(n, ACK_AT))),
					f.containsKey(escalation(n, DONE))));
		}
		return escalations;
	}

	private static Set<String> unreachable(Map<String, String> f) {
		Set<String> people = new HashSet<>();
		f.keySet().stream().filter((field) -> field.startsWith(UNREACHABLE))
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
