package com.warroom.playbooks;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * GH-10: obligations that were missed — a trigger recorded late is still "at once", the
 * police are owed their own report, the post-recovery reports are owed whether or not the
 * incident was reported externally, the exchanges get the analysis when remote access is
 * involved, the supplementary report only while the cause is unknown, and an incident
 * that touches several systems reports by the strictest of them. Seed lines are those of
 * {@code 000_a2617cc3342f8e1a.txt}.
 */
class LateObligationsTests {

	private static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");

	private final ReportingObligations rules = new ReportingObligations(ReportingPolicy.bundled(),
			WorkingDayCalendar.bundled());

	private static Instant at(String localDateTime) {
		return LocalDateTime.parse(localDateTime).atZone(SHANGHAI).toInstant();
	}

	private static List<ObligationKind> kinds(List<Obligation> owed) {
		return owed.stream().map(Obligation::kind).toList();
	}

	@Test
	void dataLeakedMidCycleIsOwedAtTheMomentItIsRecordedNotAtTheNextSlot() {
		// 4.3 第十一条（二）3 (L15107-15111) and "如有重要情况立即进行报告" (L15095-15097)
		ReportingFacts facts = ReportingFacts
			.of(ReportingMode.AT_ONCE, SystemClass.CENTRAL_TRADING, at("2026-11-23T13:58:00"))
			.withDataIncidentAt(at("2026-11-23T14:10:00"));
		List<ReportMade> history = List.of(new ReportMade(ObligationKind.CYCLE, at("2026-11-23T14:00:00")));
		Obligation next = rules.owed(facts, history, at("2026-11-23T14:10:00")).get(0);
		assertThat(next.kind()).isEqualTo(ObligationKind.CYCLE);
		assertThat(next.sequence()).isEqualTo(2);
		assertThat(next.dueAt()).isEqualTo(at("2026-11-23T14:10:00"));
		assertThat(next.rule()).isEqualTo("4.3 第十一条（二）3");

		// once that report is made the cycle runs from it again
		List<ReportMade> answered = List.of(history.get(0),
				new ReportMade(ObligationKind.CYCLE, at("2026-11-23T14:12:00")));
		Obligation third = rules.owed(facts, answered, at("2026-11-23T14:13:00")).get(0);
		assertThat(third.sequence()).isEqualTo(3);
		assertThat(third.dueAt()).isEqualTo(at("2026-11-23T14:42:00"));
	}

	@Test
	void moreInvestorsDataLeakedAfterAReportIsAnImportantDevelopmentOwedAtOnce() {
		// "在事件解决前，如有重要情况立即进行报告" (L15109-15111)
		ReportingFacts facts = ReportingFacts.of(ReportingMode.BY_CLASS, SystemClass.NETWORK, at("2026-11-23T10:00:00"))
			.withDataIncidentAt(at("2026-11-23T10:00:00"));
		List<ReportMade> history = List.of(new ReportMade(ObligationKind.CYCLE, at("2026-11-23T10:01:00")));
		assertThat(rules.owed(facts, history, at("2026-11-23T10:20:00")).get(0).dueAt())
			.isEqualTo(at("2026-11-23T10:31:00"));
		Obligation next = rules
			.owed(facts.withDataChangedAt(at("2026-11-23T10:20:00")), history, at("2026-11-23T10:20:00"))
			.get(0);
		assertThat(next.sequence()).isEqualTo(2);
		assertThat(next.dueAt()).isEqualTo(at("2026-11-23T10:20:00"));
	}

	@Test
	void aCrimeSuspectedAfterRecoveryIsStillOwedAtOnceToTheRegulatorsAndThePolice() {
		// 4.3 第十一条（二）4 (L15113-15117): 立即向当地公安机关、当地证监局……报告
		ReportingFacts facts = ReportingFacts.of(ReportingMode.BY_CLASS, SystemClass.NETWORK, at("2026-11-23T10:00:00"))
			.withRecoveredAt(at("2026-11-23T11:00:00"))
			.withCauseKnown(true)
			.withCrimeSuspectedAt(at("2026-11-23T15:00:00"));
		List<Obligation> owed = rules.owed(facts, List.of(), at("2026-11-23T15:00:00"));
		assertThat(owed.stream().filter((o) -> o.dueAt().equals(at("2026-11-23T15:00:00"))).map(Obligation::kind))
			.containsExactlyInAnyOrder(ObligationKind.CYCLE, ObligationKind.POLICE);
		Obligation police = owed.stream().filter((o) -> o.kind() == ObligationKind.POLICE).findFirst().orElseThrow();
		assertThat(police.recipients()).containsExactly("当地公安机关网监部门");
		// reporting started only after recovery: no
		// separate report after recovery is owed
		assertThat(kinds(owed)).doesNotContain(ObligationKind.FINAL);

		List<ReportMade> told = List.of(new ReportMade(ObligationKind.POLICE, at("2026-11-23T15:05:00")),
				new ReportMade(ObligationKind.CYCLE, at("2026-11-23T15:06:00")));
		assertThat(kinds(rules.owed(facts, told, at("2026-11-23T15:10:00")))).doesNotContain(ObligationKind.POLICE,
				ObligationKind.CYCLE);
	}

	@Test
	void dataDamagedAfterRecoveryOfAReportedIncidentOwesAReportBesidesTheOneAfterRecovery() {
		ReportingFacts facts = ReportingFacts
			.of(ReportingMode.AT_ONCE, SystemClass.ONLINE_TRADING, at("2026-11-23T10:00:00"))
			.withRecoveredAt(at("2026-11-23T11:00:00"))
			.withDataIncidentAt(at("2026-11-23T12:00:00"));
		List<ReportMade> history = List.of(new ReportMade(ObligationKind.CYCLE, at("2026-11-23T10:01:00")),
				new ReportMade(ObligationKind.FINAL, at("2026-11-23T11:05:00")));
		Obligation late = rules.owed(facts, history, at("2026-11-23T12:00:00"))
			.stream()
			.filter((o) -> o.kind() == ObligationKind.CYCLE)
			.findFirst()
			.orElseThrow();
		assertThat(late.dueAt()).isEqualTo(at("2026-11-23T12:00:00"));
		assertThat(late.rule()).isEqualTo("4.3 第十一条（二）3");
		assertThat(late.recipients()).contains("当地证监局期货处", "中国期货业协会");
	}

	@Test
	void theAnalysisAndTheSummaryAreOwedAfterRecoveryWithoutAnyExternalReport() {
		// 4.2 第五章二（六） L10659-10671 and 4.3 第十二条 L15131-15136 carry no condition
		ReportingFacts facts = ReportingFacts.of(ReportingMode.BY_CLASS, SystemClass.NETWORK, at("2026-11-23T10:00:00"))
			.withRecoveredAt(at("2026-11-23T10:20:00"))
			.withCauseKnown(true);
		List<Obligation> owed = rules.owed(facts, List.of(), at("2026-11-23T10:21:00"));
		assertThat(kinds(owed)).containsExactly(ObligationKind.ANALYSIS, ObligationKind.SUMMARY);
		assertThat(owed.get(0).dueAt()).isEqualTo(at("2026-11-23T22:20:00"));
		assertThat(owed.get(1).dueAt()).isEqualTo(at("2026-11-30T23:59:00"));
	}

	@Test
	void aMinorIncidentGoesToTheMonthlyReportByTheSeedsDefaultAndOwesTheReportsWhenThePolicySaysNo() {
		// 2.8.1 第十条（一） L7983-7987: 将事件情况汇总至每月运维报告
		ReportingFacts facts = ReportingFacts.of(ReportingMode.BY_CLASS, SystemClass.NETWORK, at("2026-11-23T10:00:00"))
			.withRecoveredAt(at("2026-11-23T10:20:00"))
			.withMinor(true);
		assertThat(ReportingPolicy.bundled().minorToMonthlyReport()).isTrue();
		assertThat(rules.owed(facts, List.of(), at("2026-11-23T10:21:00"))).isEmpty();

		String yaml = new String(readBundledPolicy(), java.nio.charset.StandardCharsets.UTF_8)
			.replace("monthly_report: true", "monthly_report: false");
		ReportingObligations strict = new ReportingObligations(ReportingPolicy.parse(yaml),
				WorkingDayCalendar.bundled());
		assertThat(kinds(strict.owed(facts, List.of(), at("2026-11-23T10:21:00"))))
			.containsExactly(ObligationKind.ANALYSIS, ObligationKind.SUMMARY, ObligationKind.SUPPLEMENTARY);
	}

	@Test
	void aPolicyFileWithoutTheMinorSettingKeepsTheSeedsDefault() {
		String yaml = new String(readBundledPolicy(), java.nio.charset.StandardCharsets.UTF_8);
		yaml = yaml.substring(0, yaml.indexOf("\nminor:"));
		assertThat(ReportingPolicy.parse(yaml).minorToMonthlyReport()).isTrue();
	}

	@Test
	void theSupplementaryReportIsOwedOnlyWhileTheCauseIsUnknown() {
		// 4.2 第八章三（一） L10792-10798: 暂时无法确定事件原因……30 个工作日内提交补充报告
		ReportingFacts facts = ReportingFacts.of(ReportingMode.AT_ONCE, SystemClass.WEBSITE, at("2026-11-23T10:00:00"))
			.withRecoveredAt(at("2026-11-23T11:00:00"));
		assertThat(kinds(rules.owed(facts, List.of(), at("2026-11-23T11:00:00"))))
			.contains(ObligationKind.SUPPLEMENTARY);
		assertThat(kinds(rules.owed(facts.withCauseKnown(true), List.of(), at("2026-11-23T11:00:00"))))
			.doesNotContain(ObligationKind.SUPPLEMENTARY);
	}

	@Test
	void anIncidentTouchingSeveralSystemsReportsByTheStrictestOfThem() {
		// a network fault (no external cycle of its own, 附件六) that takes down online
		// trading reports as online trading: after 30 minutes
		// unresolved (4.2 第五章二（四） L10554-10567)
		ReportingFacts facts = ReportingFacts.of(ReportingMode.BY_CLASS, SystemClass.NETWORK,
				at("2026-11-23T10:00:00"));
		assertThat(rules.owed(facts, List.of(), at("2026-11-23T10:31:00"))).isEmpty();
		Obligation first = rules
			.owed(facts.withAlsoAffected(List.of(SystemClass.ONLINE_TRADING)), List.of(), at("2026-11-23T10:31:00"))
			.get(0);
		assertThat(first.kind()).isEqualTo(ObligationKind.CYCLE);
		assertThat(first.dueAt()).isEqualTo(at("2026-11-23T10:30:00"));
		assertThat(first.rule()).isEqualTo("4.2 第五章二（四）");

		// central trading with a halt and bank transfer: the halt reports at once, signed
		// by cro and gm
		ReportingFacts both = ReportingFacts
			.of(ReportingMode.BY_CLASS, SystemClass.CENTRAL_TRADING, at("2026-11-23T10:00:00"))
			.withAlsoAffected(List.of(SystemClass.BANK_TRANSFER))
			.withHaltAt(at("2026-11-23T10:05:00"));
		Obligation central = rules.owed(both, List.of(), at("2026-11-23T10:05:00")).get(0);
		assertThat(central.dueAt()).isEqualTo(at("2026-11-23T10:05:00"));
		assertThat(central.approvers()).containsExactly("cro", "gm");
	}

	private static byte[] readBundledPolicy() {
		try (java.io.InputStream in = LateObligationsTests.class.getClassLoader()
			.getResourceAsStream("warroom/reporting-policy.yaml")) {
			return in.readAllBytes();
		}
		catch (java.io.IOException ex) {
			throw new java.io.UncheckedIOException(ex);
		}
	}

}
