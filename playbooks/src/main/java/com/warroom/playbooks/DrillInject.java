package com.warroom.playbooks;

import java.time.Duration;
import java.util.Objects;

import org.jspecify.annotations.Nullable;

/**
 * One timed inject of a drill plan: at {@link #at} after the drill's start, something
 * happens. Immutable.
 */
public sealed interface DrillInject {

	/** The inject's id within its plan. */
	String id();

	/** The offset from the drill's start (T+x), zero or more. */
	Duration at();

	/** Where in the plan or the seed it comes from; may be empty. */
	String source();

	/**
	 * Declares a scenario of the plan as a drill (the normal drill path: a DRL-
	 * incident).
	 *
	 * @param scenarioId the scenario of the plan
	 * @param chat where it is declared: a configured chat name or {@code channel:chatId};
	 * null for the chat the drill was started in
	 */
	record Declare(String id, Duration at, String scenarioId, @Nullable String chat,
			String source) implements DrillInject {

		public Declare {
			Objects.requireNonNull(id, "id");
			Objects.requireNonNull(at, "at");
			Objects.requireNonNull(scenarioId, "scenarioId");
			Objects.requireNonNull(source, "source");
		}

	}

	/**
	 * A complication told to the participants, e.g. 节点 2 未能接管, 备份报盘服务器参数错误.
	 *
	 * @param text what they are told
	 * @param incidentInject the declare inject whose incident it concerns (its chat hears
	 * it); null for the drill's chat
	 */
	record Complication(String id, Duration at, String text, @Nullable String incidentInject,
			String source) implements DrillInject {

		public Complication {
			Objects.requireNonNull(id, "id");
			Objects.requireNonNull(at, "at");
			Objects.requireNonNull(text, "text");
			Objects.requireNonNull(source, "source");
		}

	}

	/**
	 * A change of a fact of a drill incident, applied through the normal fact path (what
	 * {@code /level} does), e.g. the interruption spreads to bank transfer:
	 * {@code fact: system, value: bank-transfer:add}.
	 *
	 * @param incidentInject the declare inject whose incident changes
	 * @param fact one of {@link #FACTS}
	 * @param value the new value (checked per fact by the loader)
	 * @param text how it is announced; may be empty (then the fact's own wording is used)
	 */
	record FactChange(String id, Duration at, String incidentInject, String fact, String value, String text,
			String source) implements DrillInject {

		/** The facts an inject may change, as {@code /level} names them. */
		public static final java.util.Set<String> FACTS = java.util.Set.of("interruption", "investorsAffected",
				"settlement", "system", "remoteAccess", "causeKnown");

		public FactChange {
			Objects.requireNonNull(id, "id");
			Objects.requireNonNull(at, "at");
			Objects.requireNonNull(incidentInject, "incidentInject");
			Objects.requireNonNull(fact, "fact");
			Objects.requireNonNull(value, "value");
			Objects.requireNonNull(text, "text");
			Objects.requireNonNull(source, "source");
		}

	}

}
