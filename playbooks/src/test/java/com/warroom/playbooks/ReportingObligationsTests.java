package com.warroom.playbooks;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/** The reporting cycles of 4.2 第五章 / 4.3 第十一条 as settled in PRODUCT.md "Decisions". */
class ReportingObligationsTests {

	private static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");

	private final ReportingObligations rules = new ReportingObligations(ReportingPolicy.bundled(),
			WorkingDayCalendar.bundled());

	private static Instant at(String localDateTime) {
		return LocalDateTime.parse(localDateTime).atZone(SHANGHAI).toInstant();
	}

	@Test
	void aCentralTradingScenarioReportsAtOnceAndEveryThirtyMinutesAfterEachReport() {
		ReportingFacts facts = ReportingFacts.of(ReportingMode.AT_ONCE, SystemClass.CENTRAL_TRADING,
				at("2026-11-23T13:58:00"));
		List<Obligation> owed = rules.owed(facts, List.of(), at("2026-11-23T13:58:00"));
		assertThat(owed).singleElement().satisfies((first) -> {
			assertThat(first.kind()).isEqualTo(ObligationKind.CYCLE);
			assertThat(first.sequence()).isEqualTo(1);
			assertThat(first.dueAt()).isEqualTo(at("2026-11-23T13:58:00"));
			assertThat(first.overdue()).isFalse();
			assertThat(first.recipients()).containsExactly("当地证监局期货处", "中国期货业协会", "上海期货交易所", "大连商品交易所", "郑州商品交易所",
					"中国金融期货交易所", "董事会（股东）");
			assertThat(first.approvers()).containsExactly("cro", "gm");
			assertThat(first.rule()).contains("预案处置流程第 4 步");
		});
		List<ReportMade> history = List.of(new ReportMade(ObligationKind.CYCLE, at("2026-11-23T14:05:00")));
		Obligation second = rules.owed(facts, history, at("2026-11-23T14:36:00")).get(0);
		assertThat(second.sequence()).isEqualTo(2);
		assertThat(second.dueAt()).isEqualTo(at("2026-11-23T14:35:00"));
		assertThat(second.overdue()).isTrue();
		assertThat(rules.owed(facts, history, at("2026-11-23T14:35:00")).get(0).overdue()).isFalse();
	}

	@Test
	void theCycleFollowsTheConfiguredUnit() {
		ReportingObligations shortCycle = new ReportingObligations(
				ReportingPolicy.bundled().withCycle(Duration.ofMinutes(1)), WorkingDayCalendar.bundled());
		ReportingFacts facts = ReportingFacts.of(ReportingMode.AT_ONCE, SystemClass.WEBSITE, at("2026-11-23T10:00:00"));
		List<ReportMade> history = List.of(new ReportMade(ObligationKind.CYCLE, at("2026-11-23T10:00:30")));
		assertThat(shortCycle.owed(facts, history, at("2026-11-23T10:00:40")).get(0).dueAt())
			.isEqualTo(at("2026-11-23T10:01:30"));
	}

	@Test
	void aNonCentralFaultReportsOnlyWhenUnresolvedForThirtyMinutes() {
		ReportingFacts facts = ReportingFacts.of(ReportingMode.BY_CLASS, SystemClass.ONLINE_TRADING,
				at("2026-11-23T10:00:00"));
		Obligation first = rules.owed(facts, List.of(), at("2026-11-23T10:10:00")).get(0);
		assertThat(first.dueAt()).isEqualTo(at("2026-11-23T10:30:00"));
		assertThat(first.approvers()).isEmpty();
		assertThat(first.rule()).isEqualTo("4.2 第五章二（四）");

		// recovered within the 30 minutes: no external report, but the post-recovery
		// reports are owed all the same (GH-10: 4.2 L10659-10671, 4.3 第十二条 L15131-15136)
		ReportingFacts recoveredEarly = facts.withRecoveredAt(at("2026-11-23T10:29:59"));
		assertThat(rules.owed(recoveredEarly, List.of(), at("2026-11-23T10:40:00"))).extracting(Obligation::kind)
			.containsExactly(ObligationKind.ANALYSIS, ObligationKind.SUMMARY, ObligationKind.SUPPLEMENTARY);

		ReportingFacts recoveredLate = facts.withRecoveredAt(at("2026-11-23T10:30:00"));
		assertThat(rules.owed(recoveredLate, List.of(), at("2026-11-23T10:40:00"))).extracting(Obligation::kind)
			.containsExactly(ObligationKind.FINAL, ObligationKind.ANALYSIS, ObligationKind.SUMMARY,
					ObligationKind.SUPPLEMENTARY);
	}

	@Test
	void afterRecoveryTheCycleStopsAndThePostEventDeadlinesRunOnWorkingDays() {
		ReportingFacts facts = ReportingFacts
			.of(ReportingMode.AT_ONCE, SystemClass.CENTRAL_TRADING, at("2026-09-30T09:00:00"))
			.withRecoveredAt(at("2026-09-30T15:00:00"))
			.withCauseKnown(true);
		List<ReportMade> history = List.of(new ReportMade(ObligationKind.CYCLE, at("2026-09-30T09:05:00")),
				new ReportMade(ObligationKind.CYCLE, at("2026-09-30T09:35:00")));
		List<Obligation> owed = rules.owed(facts, history, at("2026-09-30T15:01:00"));
		assertThat(owed).extracting(Obligation::kind)
			.containsExactly(ObligationKind.FINAL, ObligationKind.ANALYSIS, ObligationKind.SUMMARY);
		assertThat(owed.get(0).sequence()).isEqualTo(3);
		assertThat(owed.get(0).overdue()).isTrue();
		assertThat(owed.get(1).dueAt()).isEqualTo(at("2026-10-01T03:00:00"));
		assertThat(owed.get(1).recipients()).containsExactly("当地证监局期货处", "中国期货业协会", "董事会（股东）");
		// 5 working days: 10-01..07 off, 10-10 (Sat) is a make-up working day
		assertThat(owed.get(2).dueAt()).isEqualTo(at("2026-10-13T23:59:00"));

		List<ReportMade> done = List.of(new ReportMade(ObligationKind.FINAL, at("2026-09-30T15:10:00")),
				new ReportMade(ObligationKind.ANALYSIS, at("2026-09-30T20:00:00")));
		assertThat(rules.owed(facts, done, at("2026-10-02T00:00:00"))).extracting(Obligation::kind)
			.containsExactly(ObligationKind.SUMMARY);
	}

	@Test
	void anUnknownCauseOwesTheSupplementaryReportInThirtyWorkingDays() {
		ReportingFacts facts = ReportingFacts.of(ReportingMode.AT_ONCE, SystemClass.BRANCH, at("2026-11-02T10:00:00"))
			.withRecoveredAt(at("2026-11-02T11:00:00"));
		Obligation supplementary = rules.owed(facts, List.of(), at("2026-11-02T11:00:00"))
			.stream()
			.filter((obligation) -> obligation.kind() == ObligationKind.SUPPLEMENTARY)
			.findFirst()
			.orElseThrow();
		// November 2026 to mid-December: no holidays, 30
		// weekdays after Mon 11-02 end on Mon 12-14
		assertThat(supplementary.dueAt()).isEqualTo(at("2026-12-14T23:59:00"));
	}

	@Test
	void aCentralFaultWithoutHaltOwesOnlyTheInternalReportUntilAHaltIsRecorded() {
		ReportingFacts facts = ReportingFacts.of(ReportingMode.BY_CLASS, SystemClass.CENTRAL_TRADING,
				at("2026-11-23T10:00:00"));
		assertThat(rules.owed(facts, List.of(), at("2026-11-23T10:30:00"))).isEmpty();
		List<Obligation> internal = rules.owed(facts.withRecoveredAt(at("2026-11-23T10:40:00")), List.of(),
				at("2026-11-23T10:41:00"));
		assertThat(internal).extracting(Obligation::kind).doesNotContain(ObligationKind.CYCLE, ObligationKind.FINAL);
		// the post-recovery reports are owed besides
		// (GH-10), the internal report comes first
		assertThat(internal.get(0)).satisfies((obligation) -> {
			assertThat(obligation.kind()).isEqualTo(ObligationKind.INTERNAL);
			assertThat(obligation.dueAt()).isEqualTo(at("2026-11-23T10:55:00"));
		});

		ReportingFacts halted = facts.withHaltAt(at("2026-11-23T10:12:00"));
		Obligation first = rules.owed(halted, List.of(), at("2026-11-23T10:12:00")).get(0);
		assertThat(first.kind()).isEqualTo(ObligationKind.CYCLE);
		assertThat(first.dueAt()).isEqualTo(at("2026-11-23T10:12:00"));
		assertThat(first.rule()).contains("4.3 第十一条（二）1");
		assertThat(rules.owed(halted.withRecoveredAt(at("2026-11-23T11:00:00")), List.of(), at("2026-11-23T11:00:00")))
			.extracting(Obligation::kind)
			.doesNotContain(ObligationKind.INTERNAL);
	}

	@Test
	void networkFaultsStayInternalUnlessDataIsDamagedOrACrimeSuspected() {
		ReportingFacts facts = ReportingFacts.of(ReportingMode.BY_CLASS, SystemClass.NETWORK,
				at("2026-11-23T10:00:00"));
		assertThat(rules.owed(facts, List.of(), at("2026-11-23T12:00:00"))).isEmpty();
		assertThat(rules.externalTrigger(facts)).isEmpty();

		Obligation leak = rules
			.owed(facts.withDataIncidentAt(at("2026-11-23T10:20:00")), List.of(), at("2026-11-23T10:20:00"))
			.get(0);
		assertThat(leak.dueAt()).isEqualTo(at("2026-11-23T10:20:00"));
		assertThat(leak.rule()).isEqualTo("4.3 第十一条（二）3");

		List<Obligation> crime = rules.owed(facts.withCrimeSuspectedAt(at("2026-11-23T10:25:00")), List.of(),
				at("2026-11-23T10:25:00"));
		// 4.3 第十一条（二）4 (L15113-15117): the police and the regulators, at once; the police
		// on an obligation of their own (GH-10)
		assertThat(crime).extracting(Obligation::kind).containsExactly(ObligationKind.CYCLE, ObligationKind.POLICE);
		assertThat(crime.get(0).recipients()).contains("当地证监局期货处");
		assertThat(crime.get(1).recipients()).containsExactly("当地公安机关网监部门");
		assertThat(crime).allSatisfy((obligation) -> {
			assertThat(obligation.dueAt()).isEqualTo(at("2026-11-23T10:25:00"));
			assertThat(obligation.rule()).isEqualTo("4.3 第十一条（二）4");
		});
	}

	@Test
	void theAnalysisGoesToTheExchangesOnlyWhenRemoteAccessIsInvolved() {
		ReportingFacts facts = ReportingFacts
			.of(ReportingMode.AT_ONCE, SystemClass.CENTRAL_TRADING, at("2026-11-23T10:00:00"))
			.withRecoveredAt(at("2026-11-23T11:00:00"))
			.withRemoteExchangeAccess(true);
		Obligation analysis = rules.owed(facts, List.of(), at("2026-11-23T11:00:00"))
			.stream()
			.filter((obligation) -> obligation.kind() == ObligationKind.ANALYSIS)
			.findFirst()
			.orElseThrow();
		assertThat(analysis.recipients()).contains("上海期货交易所", "中国金融期货交易所", "董事会（股东）");
	}

	@Test
	void aBrokenPolicyIsRejectedNamingTheField() {
		String policy = new String(readBundledPolicy(), java.nio.charset.StandardCharsets.UTF_8);
		assertThatIllegalArgumentException()
			.isThrownBy(() -> ReportingPolicy.parse(policy.replace("[csrc, cfa, board]", "[csrc, sec]")))
			.withMessageContaining("analysis.recipients")
			.withMessageContaining("sec");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> ReportingPolicy.parse(policy.replace("first: on-halt", "first: whenever")))
			.withMessageContaining("classes.central-trading.first");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> ReportingPolicy.parse(policy.replace("cycle: PT30M", "cycle: 30min")))
			.withMessageContaining("cycle");
	}

	private static byte[] readBundledPolicy() {
		try (var in = ReportingPolicy.class.getClassLoader().getResourceAsStream("warroom/reporting-policy.yaml")) {
			return in.readAllBytes();
		}
		catch (java.io.IOException ex) {
			throw new java.io.UncheckedIOException(ex);
		}
	}

}
