package com.warroom.bot.assessment;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import com.warroom.bot.incident.Incident;
import com.warroom.bot.incident.IncidentStatus;
import com.warroom.playbooks.Impact;
import com.warroom.playbooks.Interruption;
import com.warroom.playbooks.Playbook;
import com.warroom.playbooks.SystemClass;
import org.jspecify.annotations.Nullable;

/**
 * The other systems an incident touches besides its playbook's own (GH-10, 4.2 第四章
 * "符合下列情形之一"), kept in the incident's {@link com.warroom.bot.incident.Facts#systems()} as
 * {@code EXTENT|accumulated millis|running since epoch millis (empty when ended)}. The
 * playbook's {@code affects} is the initial set, running from the incident's start; a
 * responder adds, re-grades or ends one from {@code /level}. Ending a system stops its
 * clock and keeps what it accumulated; adding it again runs on from there (累计). Every
 * clock stops at recovery. Pure functions over an incident snapshot.
 */
public final class AffectedSystems {

	/**
	 * The classes a responder may add: those with thresholds or a reporting cycle of
	 * their own.
	 */
	public static final List<SystemClass> ADDABLE = List.of(SystemClass.CENTRAL_TRADING, SystemClass.ONLINE_TRADING,
			SystemClass.BANK_TRANSFER, SystemClass.QUOTES, SystemClass.WEBSITE, SystemClass.BRANCH);

	private AffectedSystems() {
	}

	/**
	 * The state of one affected system.
	 *
	 * @param extent full, partial or not yet known
	 * @param accumulated the time accumulated by earlier, ended interruptions
	 * @param since when the running interruption started, or null when it is ended
	 */
	public record State(Interruption extent, Duration accumulated, @Nullable Instant since) {

		String encode() {
			return extent.name() + "|" + accumulated.toMillis() + "|" + ((since != null) ? since.toEpochMilli() : "");
		}

		static Optional<State> decode(@Nullable String value) {
			if (value == null) {
				return Optional.empty();
			}
			String[] parts = value.split("\\|", -1);
			try {
				return Optional
					.of(new State(Interruption.valueOf(parts[0]), Duration.ofMillis(Long.parseLong(parts[1])),
							parts[2].isEmpty() ? null : Instant.ofEpochMilli(Long.parseLong(parts[2]))));
			}
			catch (RuntimeException ex) {
				return Optional.empty();
			}
		}

	}

	/** Every other affected system, in a stable order, with its state. */
	public static Map<SystemClass, State> states(Incident incident, Playbook playbook) {
		Map<SystemClass, State> states = new LinkedHashMap<>();
		for (Impact initial : playbook.affects()) {
			states.put(initial.system(), new State(initial.extent(), Duration.ZERO, incident.startedAt()));
		}
		for (SystemClass system : SystemClass.values()) {
			if (system != playbook.systemClass()) {
				State.decode(incident.facts().systems().get(system)).ifPresent((state) -> states.put(system, state));
			}
		}
		return states;
	}

	/** The impacts for grading as of {@code now} (clocks stop at recovery). */
	public static List<Impact> impacts(Incident incident, Playbook playbook, Instant now) {
		Instant end = (incident.recoveredAt() != null && incident.recoveredAt().isBefore(now)) ? incident.recoveredAt()
				: now;
		boolean open = incident.status() == IncidentStatus.OPEN;
		List<Impact> impacts = new ArrayList<>();
		states(incident, playbook).forEach((system, state) -> {
			Duration total = state.accumulated();
			if (state.since() != null && end.isAfter(state.since())) {
				total = total.plus(Duration.between(state.since(), end));
			}
			impacts.add(new Impact(system, state.extent(), total, open && state.since() != null));
		});
		return impacts;
	}

	/**
	 * The classes of every other system the incident touches (for the reporting cycle).
	 */
	public static List<SystemClass> classes(Incident incident, Playbook playbook) {
		return List.copyOf(states(incident, playbook).keySet());
	}

	/**
	 * The state (as kept in the incident's facts) that applying {@code op} gives
	 * {@code system}: {@code add} (starts or restarts its clock, extent not yet known
	 * unless it had one), {@code FULL} / {@code PARTIAL} (its extent), {@code end} (stops
	 * its clock). Empty when the operation makes no sense.
	 */
	public static Optional<String> apply(Incident incident, Playbook playbook, SystemClass system, String op,
			Instant now) {
		if (system == playbook.systemClass() || !ADDABLE.contains(system)) {
			return Optional.empty();
		}
		Optional<State> current = Optional.ofNullable(states(incident, playbook).get(system));
		State next;
		switch (op) {
			case "add" -> {
				if (current.isPresent() && current.get().since() != null) {
					return Optional.empty();
				}
				next = current.map((state) -> new State(state.extent(), state.accumulated(), now))
					.orElseGet(() -> new State(Interruption.UNKNOWN, Duration.ZERO, now));
			}
			case "FULL", "PARTIAL" -> {
				if (current.isEmpty()) {
					return Optional.empty();
				}
				next = new State(Interruption.valueOf(op), current.get().accumulated(), current.get().since());
			}
			case "end" -> {
				if (current.isEmpty() || current.get().since() == null) {
					return Optional.empty();
				}
				Duration run = now.isAfter(current.get().since()) ? Duration.between(current.get().since(), now)
						: Duration.ZERO;
				next = new State(current.get().extent(), current.get().accumulated().plus(run), null);
			}
			default -> {
				return Optional.empty();
			}
		}
		return Optional.of(next.encode());
	}

}
