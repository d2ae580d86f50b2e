package com.warroom.bot.engine;

import java.util.Map;

/**
 * A question the bot waits for one person's typed answer to, as {@link ConversationState}
 * decoded it: its kind, declared by the flow that handles the answer, and the fields
 * stored with it (the kind's code under {@code q}, the incident under {@code i}, the rest
 * the flow's own).
 *
 * @param kind the question's kind
 * @param fields everything stored with the question, {@code q} included; unmodifiable
 */
public record Question(Flow.QuestionKind kind, Map<String, String> fields) {

	public Question {
		fields = Map.copyOf(fields);
	}

	/** One field; {@code ""} when absent. */
	public String get(String key) {
		return fields.getOrDefault(key, "");
	}

}
