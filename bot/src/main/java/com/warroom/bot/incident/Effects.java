package com.warroom.bot.incident;

import java.util.HashMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Makes the writes of one inbound event idempotent, so that an event delivered again
 * after a crash in the middle of its handling (Telegram redelivers an update it has not
 * seen acknowledged) takes effect once: each guarded write inside {@link #within} is
 * named by the event, by what it writes and by how many such writes came before it in the
 * same event, and the write and its name are committed together by the store. A second
 * run of the event finds the name and gets the first run's result back instead of writing
 * again; writes the first run never reached are made now.
 *
 * <p>
 * The scope is per thread: the engine handles one event on one thread. Thread-safe.
 */
public final class Effects {

	/**
	 * How long the name of a write is kept: longer than Telegram keeps redelivering an
	 * update.
	 */
	public static final long TTL_SECONDS = java.time.Duration.ofDays(2).toSeconds();

	private static final ThreadLocal<Scope> CURRENT = new ThreadLocal<>();

	private Effects() {
	}

	/**
	 * Runs {@code work} with its writes named by {@code eventId} (e.g. {@code tg:5001}).
	 * Nested calls keep the outer scope.
	 */
	public static <T> T within(String eventId, Supplier<T> work) {
		if (CURRENT.get() != null) {
			return work.get();
		}
		CURRENT.set(new Scope(eventId));
		try {
			return work.get();
		}
		finally {
			CURRENT.remove();
		}
	}

	/** The current event's id, or {@code ""} outside any scope. */
	public static String eventId() {
		Scope scope = CURRENT.get();
		return (scope != null) ? scope.eventId : "";
	}

	/**
	 * The name of the next write with this {@code signature} in the current event (its
	 * n-th occurrence, {@code <event>:<signature>#<n>}), or {@code ""} outside any scope
	 * (the write is then not named). A store commits the name with the write.
	 */
	public static String name(String signature) {
		Scope scope = CURRENT.get();
		if (scope == null) {
			return "";
		}
		int n = scope.counts.merge(signature, 1, Integer::sum);
		return scope.eventId + ":" + signature + "#" + n;
	}

	private static final class Scope {

		final String eventId;

		final Map<String, Integer> counts = new HashMap<>();

		Scope(String eventId) {
			this.eventId = eventId;
		}

	}

}
