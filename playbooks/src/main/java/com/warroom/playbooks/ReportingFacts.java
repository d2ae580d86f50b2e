package com.warroom.playbooks;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

import org.jspecify.annotations.Nullable;

/**
 * What the reporting rules need to know about an incident.
 *
 * @param mode the playbook's reporting mode
 * @param systemClass the class of the playbook's own system
 * @param startedAt when the incident began (declared, or the earlier discovery time)
 * @param haltAt when a company-wide halt or severe slowness was recorded, if ever
 * @param dataIncidentAt when investor data damage or a leak was recorded, if ever
 * @param crimeSuspectedAt when a computer crime was suspected, if ever
 * @param remoteExchangeAccess the fault involves remote access to exchange systems (4.2
 * L10669-10671: the 12-hour analysis then also goes to the exchanges)
 * @param recoveredAt when the system was recovered (handling ended), if yet
 * @param causeKnown whether the cause is established (else the 30-working-day 补充报告 is
 * owed, 4.2 L10792-10798)
 * @param alsoAffected the other systems the incident touches (besides
 * {@code systemClass}); the strictest class decides the external cycle
 * @param dataChangedAt when a rise in the investors whose data was damaged or leaked was
 * last recorded (an important development, owed at once like the first), if ever
 * @param minor whether the incident is graded 轻微 (2.8.1 第十条（一）: it may go to the monthly
 * report instead of the post-recovery reports, as the policy says)
 */
public record ReportingFacts(ReportingMode mode, SystemClass systemClass, Instant startedAt, @Nullable Instant haltAt,
		@Nullable Instant dataIncidentAt, @Nullable Instant crimeSuspectedAt, boolean remoteExchangeAccess,
		@Nullable Instant recoveredAt, boolean causeKnown, List<SystemClass> alsoAffected, boolean minor,
		@Nullable Instant dataChangedAt) {

	public ReportingFacts {
		Objects.requireNonNull(mode, "mode");
		Objects.requireNonNull(systemClass, "systemClass");
		Objects.requireNonNull(startedAt, "startedAt");
		alsoAffected = List.copyOf(alsoAffected);
	}

	/** A new incident: nothing recorded beyond its start. */
	public static ReportingFacts of(ReportingMode mode, SystemClass systemClass, Instant startedAt) {
		return new ReportingFacts(mode, systemClass, startedAt, null, null, null, false, null, false, List.of(), false,
				null);
	}

	/** Every system class the incident touches, its own first, without repeats. */
	public List<SystemClass> affectedClasses() {
		java.util.LinkedHashSet<SystemClass> all = new java.util.LinkedHashSet<>();
		all.add(systemClass);
		all.addAll(alsoAffected);
		return List.copyOf(all);
	}

	public ReportingFacts withHaltAt(@Nullable Instant value) {
		return new ReportingFacts(mode, systemClass, startedAt, value, dataIncidentAt, crimeSuspectedAt,
				remoteExchangeAccess, recoveredAt, causeKnown, alsoAffected, minor, dataChangedAt);
	}

	public ReportingFacts withDataIncidentAt(@Nullable Instant value) {
		return new ReportingFacts(mode, systemClass, startedAt, haltAt, value, crimeSuspectedAt, remoteExchangeAccess,
				recoveredAt, causeKnown, alsoAffected, minor, dataChangedAt);
	}

	public ReportingFacts withCrimeSuspectedAt(@Nullable Instant value) {
		return new ReportingFacts(mode, systemClass, startedAt, haltAt, dataIncidentAt, value, remoteExchangeAccess,
				recoveredAt, causeKnown, alsoAffected, minor, dataChangedAt);
	}

	public ReportingFacts withRemoteExchangeAccess(boolean value) {
		return new ReportingFacts(mode, systemClass, startedAt, haltAt, dataIncidentAt, crimeSuspectedAt, value,
				recoveredAt, causeKnown, alsoAffected, minor, dataChangedAt);
	}

	public ReportingFacts withRecoveredAt(@Nullable Instant value) {
		return new ReportingFacts(mode, systemClass, startedAt, haltAt, dataIncidentAt, crimeSuspectedAt,
				remoteExchangeAccess, value, causeKnown, alsoAffected, minor, dataChangedAt);
	}

	public ReportingFacts withCauseKnown(boolean value) {
		return new ReportingFacts(mode, systemClass, startedAt, haltAt, dataIncidentAt, crimeSuspectedAt,
				remoteExchangeAccess, recoveredAt, value, alsoAffected, minor, dataChangedAt);
	}

	public ReportingFacts withAlsoAffected(List<SystemClass> value) {
		return new ReportingFacts(mode, systemClass, startedAt, haltAt, dataIncidentAt, crimeSuspectedAt,
				remoteExchangeAccess, recoveredAt, causeKnown, value, minor, dataChangedAt);
	}

	public ReportingFacts withDataChangedAt(@Nullable Instant value) {
		return new ReportingFacts(mode, systemClass, startedAt, haltAt, dataIncidentAt, crimeSuspectedAt,
				remoteExchangeAccess, recoveredAt, causeKnown, alsoAffected, minor, value);
	}

	public ReportingFacts withMinor(boolean value) {
		return new ReportingFacts(mode, systemClass, startedAt, haltAt, dataIncidentAt, crimeSuspectedAt,
				remoteExchangeAccess, recoveredAt, causeKnown, alsoAffected, value, dataChangedAt);
	}

}
