package com.warroom.bot.engine;

import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * What a pressed button means, as {@link ButtonTokens} decoded it: its kind, declared by
 * the flow that handles it, and the fields stored with it (the kind's code under
 * {@code a}, the incident under {@code i}, the one person who may press it under
 * {@code u}, the rest the flow's own).
 *
 * @param kind the button's kind
 * @param fields everything stored with the token, {@code a} included; unmodifiable
 */
public record ButtonMeaning(Flow.ButtonKind kind, Map<String, String> fields) {

	public ButtonMeaning {
		fields = Map.copyOf(fields);
	}

	/** The incident the button is about, if any. */
	public @Nullable String incidentId() {
		return fields.get("i");
	}

	/** The only person who may press it (a picker, a question), if any. */
	public @Nullable String ownerId() {
		return fields.get("u");
	}

	/** One field; {@code ""} when absent. */
	public String get(String key) {
		return fields.getOrDefault(key, "");
	}

}
