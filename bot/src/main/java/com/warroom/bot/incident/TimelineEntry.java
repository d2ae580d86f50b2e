package com.warroom.bot.incident;

import java.time.Instant;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * One entry of an incident's append-only timeline.
 *
 * @param id the stream id (orders entries as they happened)
 * @param type what happened
 * @param personId who (roster id), or {@code system}
 * @param personName their name at the time
 * @param channel where from, e.g. {@code tg}
 * @param at when
 * @param details the rest: step, track, answer, text, reason, level
 */
public record TimelineEntry(String id, TimelineType type, String personId, String personName, String channel,
		Instant at, Map<String, String> details) {

	public TimelineEntry {
		details = Map.copyOf(details);
	}

	public @Nullable String detail(String key) {
		return details.get(key);
	}

}
