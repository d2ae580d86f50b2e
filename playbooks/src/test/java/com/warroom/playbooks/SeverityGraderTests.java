package com.warroom.playbooks;

import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

/** 事件分级 at every threshold and one unit either side (以上 includes, 以下 excludes). */
class SeverityGraderTests {

	private final SeverityGrader grader = new SeverityGrader();

	private static IncidentFacts central(Interruption interruption, Duration down, long customers) {
		return IncidentFacts.of(SystemClass.CENTRAL_TRADING, customers)
			.withInterruption(interruption)
			.withTradingInterrupted(down)
			.withOngoing(true);
	}

	@ParameterizedTest(name = "{0} {1}s with {2} customers -> {3}")
	@CsvSource({
			// 一般 below 5 minutes, 较大 from 5 minutes (4.2 第四章二（一）1 / （二）1)
			"FULL, 299, 50000, GENERAL", "FULL, 300, 50000, LARGER", "PARTIAL, 299, 50000, GENERAL",
			"PARTIAL, 300, 50000, LARGER",
			// 重大 needs 10万 customers, full interruption and 30 minutes (（三）1)
			"FULL, 1799, 100000, LARGER", "FULL, 1800, 100000, MAJOR", "FULL, 1800, 99999, LARGER",
			"PARTIAL, 1800, 100000, LARGER",
			// 特别重大 needs 100万 customers, full and 2 hours
			"FULL, 7199, 1000000, MAJOR", "FULL, 7200, 1000000, EXTRAORDINARY", "FULL, 7200, 999999, MAJOR",
			"PARTIAL, 7200, 1000000, LARGER", "PARTIAL, 86400, 5000000, LARGER",
			// unclear extent grades as full (2.8.1 第九条)
			"UNKNOWN, 1800, 100000, MAJOR" })
	void centralTradingThresholds(Interruption interruption, long seconds, long customers, Severity expected) {
		Grade grade = grader.grade(central(interruption, Duration.ofSeconds(seconds), customers));
		assertThat(grade.level()).isEqualTo(expected);
		assertThat(grade.reasons()).isNotEmpty().allSatisfy((reason) -> assertThat(reason.rule()).isNotBlank());
	}

	@Test
	void reasonsCiteTheSeedSection() {
		Grade grade = grader.grade(central(Interruption.FULL, Duration.ofMinutes(5), 50_000));
		assertThat(grade.reasons()).singleElement().satisfies((reason) -> {
			assertThat(reason.rule()).isEqualTo("4.2 第四章二（二）1");
			assertThat(reason.text()).contains("集中交易系统全部中断").contains("5 分钟以上").contains("已 5 分");
		});
		assertThat(grade.describe()).startsWith("较大事件（4.2 第四章二（二）1：");
	}

	@Test // GH-12: "已 1 分" read cut off next to the documents' "已持续 1 分钟"
	void wholeMinutesReadAsMinutesLikeTheDocumentsDurations() {
		assertThat(SeverityGrader.minutes(Duration.ofMinutes(1))).isEqualTo("已 1 分钟");
		assertThat(SeverityGrader.minutes(Duration.ofSeconds(22 * 60 + 30))).isEqualTo("已 22 分 30 秒");
		assertThat(SeverityGrader.minutes(Duration.ofMinutes(65))).isEqualTo("已 1 小时 5 分");
		assertThat(SeverityGrader.minutes(Duration.ZERO)).isEqualTo("已 0 秒");
	}

	@Test
	void onlineTradingIsGradedLikeCentralTrading() {
		IncidentFacts facts = IncidentFacts.of(SystemClass.ONLINE_TRADING, 200_000)
			.withInterruption(Interruption.FULL)
			.withTradingInterrupted(Duration.ofMinutes(30));
		Grade grade = grader.grade(facts);
		assertThat(grade.level()).isEqualTo(Severity.MAJOR);
		assertThat(grade.reasons().get(0).text()).contains("网上交易系统");
	}

	@ParameterizedTest(name = "bank transfer {0}s -> {1}")
	@CsvSource({ "1799, GENERAL", "1800, LARGER", "0, GENERAL" })
	void bankTransferThresholds(long seconds, Severity expected) {
		IncidentFacts facts = IncidentFacts.of(SystemClass.BANK_TRANSFER, 2_000_000)
			.withInterruption(Interruption.PARTIAL)
			.withBankTransferDown(Duration.ofSeconds(seconds));
		assertThat(grader.grade(facts).level()).isEqualTo(expected);
	}

	@ParameterizedTest(name = "branch on-site {0}s -> {1}")
	@CsvSource({ "7140, GENERAL", "7199, GENERAL", "7200, LARGER" })
	void branchThresholds(long seconds, Severity expected) {
		IncidentFacts facts = IncidentFacts.of(SystemClass.BRANCH, 50_000)
			.withInterruption(Interruption.FULL)
			.withBranchOnSiteDown(Duration.ofSeconds(seconds));
		assertThat(grader.grade(facts).level()).isEqualTo(expected);
	}

	@ParameterizedTest(name = "{0} investors damaged -> {1}")
	@CsvSource({ "1, LARGER", "99999, LARGER", "100000, MAJOR", "999999, MAJOR", "1000000, EXTRAORDINARY" })
	void dataDamageThresholds(long investors, Severity expected) {
		IncidentFacts facts = IncidentFacts.of(SystemClass.WEBSITE, 10).withDataDamaged(investors);
		assertThat(grader.grade(facts).level()).isEqualTo(expected);
	}

	@ParameterizedTest(name = "{0} investors leaked -> {1}")
	@CsvSource({ "1, LARGER", "99999, LARGER", "100000, MAJOR", "999999, MAJOR", "1000000, EXTRAORDINARY" })
	void dataLeakThresholds(long investors, Severity expected) {
		IncidentFacts facts = IncidentFacts.of(SystemClass.NETWORK, 10).withDataLeaked(investors);
		Grade grade = grader.grade(facts);
		assertThat(grade.level()).isEqualTo(expected);
		assertThat(grade.reasons().get(0).text()).contains("泄露");
	}

	@ParameterizedTest(name = "{0} with {1} customers -> {2}")
	@CsvSource({ "NOT_FINISHED_BEFORE_OPEN, 99999, LARGER", "NOT_FINISHED_BEFORE_OPEN, 100000, MAJOR",
			"NOT_FINISHED_BEFORE_OPEN, 999999, MAJOR", "NOT_FINISHED_BEFORE_OPEN, 1000000, EXTRAORDINARY",
			"MAJOR_DATA_ERROR, 100000, MAJOR", "MAJOR_DATA_ERROR, 1000000, EXTRAORDINARY", "DATA_ERROR, 99999, LARGER",
			// the gap: 10万+ customers, a settlement error that
			// is not 重大 grades up to 较大 (Decisions 6)
			"DATA_ERROR, 100000, LARGER", "DATA_ERROR, 5000000, LARGER" })
	void settlementThresholds(Settlement settlement, long customers, Severity expected) {
		IncidentFacts facts = IncidentFacts.of(SystemClass.CENTRAL_TRADING, customers).withSettlement(settlement);
		assertThat(grader.grade(facts).level()).isEqualTo(expected);
	}

	@Test
	void settlementGapCitesTheUpwardRule() {
		Grade grade = grader
			.grade(IncidentFacts.of(SystemClass.CENTRAL_TRADING, 300_000).withSettlement(Settlement.DATA_ERROR));
		assertThat(grade.reasons()).singleElement()
			.satisfies((reason) -> assertThat(reason.rule()).isEqualTo("2.8.1 第九条"));
	}

	@ParameterizedTest(name = "{0}, investors affected {1} -> {2}")
	@CsvSource({ "QUOTES, true, GENERAL", "QUOTES, false, MINOR", "WEBSITE, true, GENERAL", "WEBSITE, false, MINOR",
			"NETWORK, true, GENERAL", "NETWORK, false, MINOR", "CENTRAL_TRADING, false, MINOR" })
	void classesWithoutThresholdsGradeByInvestorImpact(SystemClass systemClass, boolean affected, Severity expected) {
		IncidentFacts facts = IncidentFacts.of(systemClass, 3_000_000).withInvestorsAffected(affected);
		Grade grade = grader.grade(facts);
		assertThat(grade.level()).isEqualTo(expected);
		assertThat(grade.reasons().get(0).rule()).isEqualTo(affected ? "4.2 第四章二（一）4" : "2.8.1 第十条（一）");
	}

	@Test
	void theHighestMatchingRuleWinsAndAllOfItsLevelAreListed() {
		IncidentFacts facts = central(Interruption.FULL, Duration.ofMinutes(40), 200_000).withDataLeaked(150_000);
		Grade grade = grader.grade(facts);
		assertThat(grade.level()).isEqualTo(Severity.MAJOR);
		assertThat(grade.reasons()).extracting(Grade.Reason::rule).containsExactly("4.2 第四章二（三）1", "4.2 第四章二（三）4");
	}

	@Test
	void tellsWhenTheNextLevelIsReached() {
		Instant asOf = Instant.parse("2026-11-23T05:58:00Z");
		IncidentFacts facts = central(Interruption.FULL, Duration.ofMinutes(2), 1_200_000);
		assertThat(grader.untilNextLevel(facts)).contains(Duration.ofMinutes(3));
		assertThat(grader.nextLevelAt(facts, asOf)).contains(Instant.parse("2026-11-23T06:01:00Z"));
		assertThat(grader.untilNextLevel(facts.withTradingInterrupted(Duration.ofMinutes(5))))
			.contains(Duration.ofMinutes(25));
		assertThat(grader.untilNextLevel(facts.withTradingInterrupted(Duration.ofMinutes(30))))
			.contains(Duration.ofMinutes(90));
		assertThat(grader.untilNextLevel(facts.withTradingInterrupted(Duration.ofHours(2)))).isEmpty();
	}

	@Test
	void noNextLevelWhereTheClockCannotRaiseIt() {
		// fewer than 10万 customers: from 5 minutes on a central fault stays 较大
		assertThat(grader.untilNextLevel(central(Interruption.FULL, Duration.ofMinutes(6), 99_999))).isEmpty();
		// a partial interruption never passes 较大
		assertThat(grader.untilNextLevel(central(Interruption.PARTIAL, Duration.ofMinutes(6), 5_000_000))).isEmpty();
		assertThat(grader.untilNextLevel(central(Interruption.FULL, Duration.ofMinutes(1), 100).withOngoing(false)))
			.isEmpty();
		IncidentFacts bank = IncidentFacts.of(SystemClass.BANK_TRANSFER, 1)
			.withInterruption(Interruption.FULL)
			.withOngoing(true)
			.withBankTransferDown(Duration.ofMinutes(29));
		assertThat(grader.untilNextLevel(bank)).contains(Duration.ofMinutes(1));
		assertThat(grader.untilNextLevel(
				IncidentFacts.of(SystemClass.WEBSITE, 1).withOngoing(true).withInterruption(Interruption.FULL)))
			.isEmpty();
	}

}
