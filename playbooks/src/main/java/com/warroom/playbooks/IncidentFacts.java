package com.warroom.playbooks;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * What grading needs to know about an incident, as of one moment.
 *
 * @param systemClass the class of the affected system
 * @param interruption full, partial, none or not yet known
 * @param tradingInterrupted accumulated time central or online trading has been affected
 * (影响交易时间累计)
 * @param bankTransferDown accumulated time bank-futures transfer has been stopped
 * @param branchOnSiteDown accumulated time a branch's on-site quotes or trading has
 * failed
 * @param effectiveCustomers the company's 有效客户数 (合格账户期末数 of the month before)
 * @param investorsDataDamaged investors whose data was damaged or wrong
 * @param investorsDataLeaked investors whose data leaked
 * @param settlement settlement state
 * @param investorsAffected whether investors are affected at all (for scenarios without
 * thresholds of their own)
 * @param ongoing whether the interruption still lasts, so its clock keeps running
 * @param alsoAffected the other systems the incident touches, each with its own extent
 * and clock; the level is the worst over all of them
 * @param atOnceReporting the playbook demands an immediate regulator report (附件四 五/六):
 * such an incident is at least 一般
 */
public record IncidentFacts(SystemClass systemClass, Interruption interruption, Duration tradingInterrupted,
		Duration bankTransferDown, Duration branchOnSiteDown, long effectiveCustomers, long investorsDataDamaged,
		long investorsDataLeaked, Settlement settlement, boolean investorsAffected, boolean ongoing,
		List<Impact> alsoAffected, boolean atOnceReporting) {

	public IncidentFacts {
		Objects.requireNonNull(systemClass, "systemClass");
		Objects.requireNonNull(interruption, "interruption");
		Objects.requireNonNull(settlement, "settlement");
		tradingInterrupted = nonNegative(tradingInterrupted, "tradingInterrupted");
		bankTransferDown = nonNegative(bankTransferDown, "bankTransferDown");
		branchOnSiteDown = nonNegative(branchOnSiteDown, "branchOnSiteDown");
		if (effectiveCustomers < 0 || investorsDataDamaged < 0 || investorsDataLeaked < 0) {
			throw new IllegalArgumentException("counts must not be negative");
		}
		alsoAffected = List.copyOf(alsoAffected);
	}

	/** A fresh incident of {@code systemClass}: nothing down yet, nothing damaged. */
	public static IncidentFacts of(SystemClass systemClass, long effectiveCustomers) {
		return new IncidentFacts(systemClass, Interruption.NONE, Duration.ZERO, Duration.ZERO, Duration.ZERO,
				effectiveCustomers, 0, 0, Settlement.NORMAL, false, false, List.of(), false);
	}

	/**
	 * Whether a clock runs for this incident: an ongoing interruption of a clocked
	 * system.
	 */
	public boolean clockRunning() {
		return ongoing && interruption != Interruption.NONE && clocked() != null;
	}

	/** The duration that grows with time for this class, or null when none does. */
	@org.jspecify.annotations.Nullable
	public Duration clocked() {
		return switch (systemClass) {
			case CENTRAL_TRADING, ONLINE_TRADING -> tradingInterrupted;
			case BANK_TRANSFER -> bankTransferDown;
			case BRANCH -> branchOnSiteDown;
			default -> null;
		};
	}

	/** These facts with the clocked duration of this class set to {@code value}. */
	public IncidentFacts withClocked(Duration value) {
		return switch (systemClass) {
			case CENTRAL_TRADING, ONLINE_TRADING -> withTradingInterrupted(value);
			case BANK_TRANSFER -> withBankTransferDown(value);
			case BRANCH -> withBranchOnSiteDown(value);
			default -> this;
		};
	}

	public IncidentFacts withInterruption(Interruption value) {
		return new IncidentFacts(systemClass, value, tradingInterrupted, bankTransferDown, branchOnSiteDown,
				effectiveCustomers, investorsDataDamaged, investorsDataLeaked, settlement, investorsAffected, ongoing,
				alsoAffected, atOnceReporting);
	}

	public IncidentFacts withTradingInterrupted(Duration value) {
		return new IncidentFacts(systemClass, interruption, value, bankTransferDown, branchOnSiteDown,
				effectiveCustomers, investorsDataDamaged, investorsDataLeaked, settlement, investorsAffected, ongoing,
				alsoAffected, atOnceReporting);
	}

	public IncidentFacts withBankTransferDown(Duration value) {
		return new IncidentFacts(systemClass, interruption, tradingInterrupted, value, branchOnSiteDown,
				effectiveCustomers, investorsDataDamaged, investorsDataLeaked, settlement, investorsAffected, ongoing,
				alsoAffected, atOnceReporting);
	}

	public IncidentFacts withBranchOnSiteDown(Duration value) {
		return new IncidentFacts(systemClass, interruption, tradingInterrupted, bankTransferDown, value,
				effectiveCustomers, investorsDataDamaged, investorsDataLeaked, settlement, investorsAffected, ongoing,
				alsoAffected, atOnceReporting);
	}

	public IncidentFacts withEffectiveCustomers(long value) {
		return new IncidentFacts(systemClass, interruption, tradingInterrupted, bankTransferDown, branchOnSiteDown,
				value, investorsDataDamaged, investorsDataLeaked, settlement, investorsAffected, ongoing, alsoAffected,
				atOnceReporting);
	}

	public IncidentFacts withDataDamaged(long investors) {
		return new IncidentFacts(systemClass, interruption, tradingInterrupted, bankTransferDown, branchOnSiteDown,
				effectiveCustomers, investors, investorsDataLeaked, settlement, investorsAffected, ongoing,
				alsoAffected, atOnceReporting);
	}

	public IncidentFacts withDataLeaked(long investors) {
		return new IncidentFacts(systemClass, interruption, tradingInterrupted, bankTransferDown, branchOnSiteDown,
				effectiveCustomers, investorsDataDamaged, investors, settlement, investorsAffected, ongoing,
				alsoAffected, atOnceReporting);
	}

	public IncidentFacts withSettlement(Settlement value) {
		return new IncidentFacts(systemClass, interruption, tradingInterrupted, bankTransferDown, branchOnSiteDown,
				effectiveCustomers, investorsDataDamaged, investorsDataLeaked, value, investorsAffected, ongoing,
				alsoAffected, atOnceReporting);
	}

	public IncidentFacts withInvestorsAffected(boolean value) {
		return new IncidentFacts(systemClass, interruption, tradingInterrupted, bankTransferDown, branchOnSiteDown,
				effectiveCustomers, investorsDataDamaged, investorsDataLeaked, settlement, value, ongoing, alsoAffected,
				atOnceReporting);
	}

	public IncidentFacts withOngoing(boolean value) {
		return new IncidentFacts(systemClass, interruption, tradingInterrupted, bankTransferDown, branchOnSiteDown,
				effectiveCustomers, investorsDataDamaged, investorsDataLeaked, settlement, investorsAffected, value,
				alsoAffected, atOnceReporting);
	}

	public IncidentFacts withAlsoAffected(List<Impact> value) {
		return new IncidentFacts(systemClass, interruption, tradingInterrupted, bankTransferDown, branchOnSiteDown,
				effectiveCustomers, investorsDataDamaged, investorsDataLeaked, settlement, investorsAffected, ongoing,
				value, atOnceReporting);
	}

	public IncidentFacts withAtOnceReporting(boolean value) {
		return new IncidentFacts(systemClass, interruption, tradingInterrupted, bankTransferDown, branchOnSiteDown,
				effectiveCustomers, investorsDataDamaged, investorsDataLeaked, settlement, investorsAffected, ongoing,
				alsoAffected, value);
	}

	/**
	 * These facts with the running clocks of the other systems advanced by {@code delta}.
	 */
	public IncidentFacts withOthersAdvancedBy(Duration delta) {
		return withAlsoAffected(alsoAffected.stream().map((impact) -> impact.advancedBy(delta)).toList());
	}

	private static Duration nonNegative(Duration value, String name) {
		Objects.requireNonNull(value, name);
		if (value.isNegative()) {
			throw new IllegalArgumentException(name + " must not be negative");
		}
		return value;
	}

}
