package com.warroom.bot.incident;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

import com.warroom.bot.chat.ChatRef;
import com.warroom.playbooks.Interruption;
import com.warroom.playbooks.Severity;
import com.warroom.playbooks.Track;
import org.jspecify.annotations.Nullable;

/**
 * A snapshot of an incident as stored in Redis.
 *
 * @param id e.g. {@code INC-20261122-001}
 * @param kind real or drill
 * @param playbookId the scenario
 * @param chat the chat (and forum topic) it lives in
 * @param declaredBy roster id of the declarer
 * @param startedAt when it began (the discovery time when given)
 * @param declaredAt when it was declared
 * @param status open, recovered or closed
 * @param recoveredAt when recovery was recorded
 * @param closedAt when it was closed
 * @param levelOverride a level set by a leader or commander, or null
 * @param levelReason the reason of the override
 * @param interruption what responders know of the interruption
 * @param investorsAffected whether investors are affected
 * @param fields every raw field (step states, cursors)
 */
public record Incident(String id, IncidentKind kind, String playbookId, ChatRef chat, String declaredBy,
		Instant startedAt, Instant declaredAt, IncidentStatus status, @Nullable Instant recoveredAt,
		@Nullable Instant closedAt, @Nullable Severity levelOverride, @Nullable String levelReason,
		Interruption interruption, boolean investorsAffected, Map<String, String> fields) {

	public Incident {
		Objects.requireNonNull(id, "id");
		fields = Map.copyOf(fields);
	}

	public boolean isDrill() {
		return kind == IncidentKind.DRILL;
	}

	/** The current step of a track, empty when the track has ended or not started. */
	public Optional<String> cursor(Track track) {
		String value = fields.get("cursor:" + track.key());
		return (value == null || value.isEmpty()) ? Optional.empty() : Optional.of(value);
	}

	/** The raw state of a step ("" when untouched), e.g. {@code done:zhang-wei}. */
	public StepState stepState(String stepId) {
		return StepState.parse(fields.getOrDefault("st:" + stepId, ""));
	}

	/** Open escalations (not acknowledged, not given up): number → next timeout in epoch ms. */
	public java.util.SortedMap<Integer, String> openEscalations() {
		java.util.SortedMap<Integer, String> open = new java.util.TreeMap<>();
		fields.forEach((field, value) -> {
			if (field.startsWith("esc:") && field.endsWith(":next")) {
				String[] parts = field.split(":");
				if (parts.length == 3 && parts[1].chars().allMatch(Character::isDigit)) {
					String prefix = "esc:" + parts[1] + ":";
					if (!fields.containsKey(prefix + "ack") && !fields.containsKey(prefix + "done")) {
						open.put(Integer.valueOf(parts[1]), value);
					}
				}
			}
		});
		return open;
	}

}
