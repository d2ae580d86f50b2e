package com.warroom.playbooks;

import java.util.List;
import java.util.Objects;

import org.jspecify.annotations.Nullable;

/**
 * One step of a playbook track.
 *
 * @param id unique within the playbook, e.g. {@code m2}
 * @param kind what the step asks
 * @param phase 发现 / 处理 / 善后
 * @param role the role that performs it (a key of the {@link Vocabulary})
 * @param confirm whether a second roster member must confirm it (双岗复核)
 * @param text the seed's text, as written
 * @param question for decisions: the question put to the responder
 * @param answers for decisions: the answers, each leading to a step; empty otherwise
 * @param next explicit successor, or {@code null} for "the following step of the track"
 * @param source where the text comes from in the seed, e.g. {@code L11243}; may be null
 * for company-written steps
 */
public record Step(String id, StepKind kind, Phase phase, String role, boolean confirm, String text,
		@Nullable String question, List<Answer> answers, @Nullable String next, @Nullable String source) {

	/** The pseudo step id that ends a track. */
	public static final String END = "end";

	public Step {
		Objects.requireNonNull(id, "id");
		Objects.requireNonNull(kind, "kind");
		Objects.requireNonNull(phase, "phase");
		Objects.requireNonNull(role, "role");
		Objects.requireNonNull(text, "text");
		answers = List.copyOf(answers);
	}

	public boolean isDecision() {
		return kind == StepKind.DECISION;
	}

}
