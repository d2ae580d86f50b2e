package com.warroom.playbooks;

import java.time.Instant;
import java.util.Objects;

import org.jspecify.annotations.Nullable;

/**
 * What the reporting rules need to know about an incident.
 *
 * @param mode the playbook's reporting mode
 * @param systemClass the class of the affected system
 * @param startedAt when the incident began (declared, or the earlier discovery time)
 * @param haltAt when a company-wide halt or severe slowness was recorded, if ever
 * @param dataIncidentAt when investor data damage or a leak was recorded, if ever
 * @param crimeSuspectedAt when a computer crime was suspected, if ever
 * @param remoteExchangeAccess the fault involves remote access to exchange systems
 * @param recoveredAt when the system was recovered (handling ended), if yet
 * @param causeKnown whether the cause is established
 */
public record ReportingFacts(ReportingMode mode, SystemClass systemClass, Instant startedAt, @Nullable Instant haltAt,
		@Nullable Instant dataIncidentAt, @Nullable Instant crimeSuspectedAt, boolean remoteExchangeAccess,
		@Nullable Instant recoveredAt, boolean causeKnown) {

	public ReportingFacts {
		Objects.requireNonNull(mode, "mode");
		Objects.requireNonNull(systemClass, "systemClass");
		Objects.requireNonNull(startedAt, "startedAt");
	}

	/** A new incident: nothing recorded beyond its start. */
	public static ReportingFacts of(ReportingMode mode, SystemClass systemClass, Instant startedAt) {
		return new ReportingFacts(mode, systemClass, startedAt, null, null, null, false, null, false);
	}

	public ReportingFacts withHaltAt(@Nullable Instant value) {
		return new ReportingFacts(mode, systemClass, startedAt, value, dataIncidentAt, crimeSuspectedAt,
				remoteExchangeAccess, recoveredAt, causeKnown);
	}

	public ReportingFacts withDataIncidentAt(@Nullable Instant value) {
		return new ReportingFacts(mode, systemClass, startedAt, haltAt, value, crimeSuspectedAt, remoteExchangeAccess,
				recoveredAt, causeKnown);
	}

	public ReportingFacts withCrimeSuspectedAt(@Nullable Instant value) {
		return new ReportingFacts(mode, systemClass, startedAt, haltAt, dataIncidentAt, value, remoteExchangeAccess,
				recoveredAt, causeKnown);
	}

	public ReportingFacts withRemoteExchangeAccess(boolean value) {
		return new ReportingFacts(mode, systemClass, startedAt, haltAt, dataIncidentAt, crimeSuspectedAt, value,
				recoveredAt, causeKnown);
	}

	public ReportingFacts withRecoveredAt(@Nullable Instant value) {
		return new ReportingFacts(mode, systemClass, startedAt, haltAt, dataIncidentAt, crimeSuspectedAt,
				remoteExchangeAccess, value, causeKnown);
	}

	public ReportingFacts withCauseKnown(boolean value) {
		return new ReportingFacts(mode, systemClass, startedAt, haltAt, dataIncidentAt, crimeSuspectedAt,
				remoteExchangeAccess, recoveredAt, value);
	}

}
