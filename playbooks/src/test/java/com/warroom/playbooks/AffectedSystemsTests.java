package com.warroom.playbooks;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.List;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * GH-10: an incident is graded by every system it touches (4.2 第四章二 "符合下列情形之一", L10327),
 * each with its own extent and accumulated clock; 附件六 playbooks carry the systems their
 * 影响范围 names; an at-once playbook is never 轻微. Seed lines are those of
 * {@code 000_a2617cc3342f8e1a.txt}.
 */
class AffectedSystemsTests {

	private static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");

	private static PlaybookLibrary library;

	private final SeverityGrader grader = new SeverityGrader();

	private final ReportingObligations rules = new ReportingObligations(ReportingPolicy.bundled(),
			WorkingDayCalendar.bundled());

	@BeforeAll
	static void load() {
		library = PlaybookLoader.loadBundled().orElseThrow();
	}

	private static Instant at(String localDateTime) {
		return LocalDateTime.parse(localDateTime).atZone(SHANGHAI).toInstant();
	}

	private static IncidentFacts central(Interruption extent, Duration down) {
		return IncidentFacts.of(SystemClass.CENTRAL_TRADING, 50_000)
			.withInterruption(extent)
			.withOngoing(true)
			.withClocked(down);
	}

	@Test
	void aCentralFaultThatAlsoStopsBankTransferForFortyFiveMinutesIsLarger() {
		// 4.2 第四章二（二）2 (L10335-10337): 银期转账系统……影响业务时间累计 30 分钟以上的 → 较大
		IncidentFacts facts = central(Interruption.PARTIAL, Duration.ofMinutes(3)).withAlsoAffected(
				List.of(new Impact(SystemClass.BANK_TRANSFER, Interruption.FULL, Duration.ofMinutes(45), false)));
		Grade grade = grader.grade(facts);
		assertThat(grader.grade(facts.withAlsoAffected(List.of())).level()).isEqualTo(Severity.GENERAL);
		assertThat(grade.level()).isEqualTo(Severity.LARGER);
		assertThat(grade.reasons()).extracting(Grade.Reason::rule).containsExactly("4.2 第四章二（二）2");
		// the rule the central fault fired is listed too, at its own level
		assertThat(grade.lower()).extracting(Grade.Reason::rule).containsExactly("4.2 第四章二（一）1");
		assertThat(grade.lower().get(0).text()).endsWith("（一般）");
	}

	@Test
	void theSeedsRealCaseIsRecordedWithBothOfItsImpactsAndEveryRuleListed() {
		// 4.8 (L15516-15519): 报单委托 and 银期转账 both affected while the database switched,
		// about 1 min 30 s (L15500-15501)
		IncidentFacts facts = central(Interruption.PARTIAL, Duration.ofSeconds(90)).withOngoing(false)
			.withAlsoAffected(List
				.of(new Impact(SystemClass.BANK_TRANSFER, Interruption.PARTIAL, Duration.ofSeconds(90), false)));
		Grade grade = grader.grade(facts);
		assertThat(grade.level()).isEqualTo(Severity.GENERAL);
		assertThat(grade.reasons()).extracting(Grade.Reason::rule).containsExactly("4.2 第四章二（一）1", "4.2 第四章二（一）2");
		assertThat(grade.describe()).contains("集中交易系统部分中断", "银期转账系统全部或者部分停止运行");
	}

	@Test
	void accumulatedInterruptionsOfAnotherSystemAddUpAndEveryRunningClockCanRaiseTheLevel() {
		// 累计: 20 minutes of bank transfer earlier and a new stop running now; central
		// partial for 1 minute
		IncidentFacts facts = central(Interruption.PARTIAL, Duration.ofMinutes(1)).withAlsoAffected(
				List.of(new Impact(SystemClass.BANK_TRANSFER, Interruption.PARTIAL, Duration.ofMinutes(28), true)));
		// bank transfer reaches 30 minutes in 2 minutes, before central trading reaches 5
		assertThat(grader.untilNextLevel(facts)).contains(Duration.ofMinutes(2));
		// a network incident has no clock of its own;
		// the online trading it takes down does
		IncidentFacts network = IncidentFacts.of(SystemClass.NETWORK, 50_000)
			.withInterruption(Interruption.FULL)
			.withOngoing(true)
			.withAlsoAffected(
					List.of(new Impact(SystemClass.ONLINE_TRADING, Interruption.FULL, Duration.ofMinutes(3), true)));
		assertThat(grader.untilNextLevel(network.withAlsoAffected(List.of()))).isEmpty();
		assertThat(grader.untilNextLevel(network)).contains(Duration.ofMinutes(2));
		// an ended system's clock stops
		IncidentFacts ended = network.withAlsoAffected(
				List.of(new Impact(SystemClass.ONLINE_TRADING, Interruption.FULL, Duration.ofMinutes(3), false)));
		assertThat(grader.untilNextLevel(ended)).isEmpty();
	}

	@ParameterizedTest(name = "{0}")
	@CsvSource({ "at-once website, AT_ONCE, GENERAL", "by-class website, BY_CLASS, MINOR" })
	void anAtOncePlaybookIsAtLeastGeneral(String name, ReportingMode mode, Severity expected) {
		// 附件四 五/六: a card cannot say 轻微 (内部记录，纳入每月运维报告) while demanding an at-once report
		IncidentFacts facts = IncidentFacts.of(SystemClass.WEBSITE, 50_000)
			.withAtOnceReporting(mode == ReportingMode.AT_ONCE);
		Grade grade = grader.grade(facts);
		assertThat(grade.level()).isEqualTo(expected);
		if (expected == Severity.GENERAL) {
			assertThat(grade.reasons().get(0).rule()).isEqualTo(SeverityGrader.AT_ONCE_RULE);
		}
	}

	@Test
	void everyAtOncePlaybookOfTheLibraryGradesAtLeastGeneralOnDeclaration() {
		for (Playbook playbook : library.all()) {
			IncidentFacts facts = IncidentFacts.of(playbook.systemClass(), 50_000)
				.withAtOnceReporting(playbook.reporting() == ReportingMode.AT_ONCE);
			if (playbook.reporting() == ReportingMode.AT_ONCE) {
				assertThat(grader.grade(facts).level()).as(playbook.id()).isNotEqualTo(Severity.MINOR);
			}
		}
	}

	@ParameterizedTest(name = "{0}")
	@CsvSource(delimiter = '|', value = {
			// id | affected systems from the 影响范围 line | grade after 10 min (own class
			// alone) | with its systems | first report
			"network.carrier-all-lines-down | quotes:PARTIAL,online-trading:PARTIAL,branch:PARTIAL,website:FULL | MINOR | LARGER | 2026-11-23T10:30",
			"network.internet-server-intrusion | website:FULL,online-trading:PARTIAL | MINOR | LARGER | 2026-11-23T10:30",
			"network.internet-broadband-line | online-trading:PARTIAL,website:PARTIAL | MINOR | LARGER | 2026-11-23T10:30",
			"network.internet-access-switch | online-trading:PARTIAL,website:PARTIAL | MINOR | LARGER | 2026-11-23T10:30",
			"network.internet-firewall | online-trading:FULL | MINOR | LARGER | 2026-11-23T10:30" })
	void theFiveNetworkPlaybooksCarryTheSystemsTheirImpactLineNames(String id, String systems, Severity before,
			Severity after, String firstReport) {
		// 附件六 L13384, L13324, L12983, L13010, L13051-13053: online-trading sites go down
		Playbook playbook = library.find(id).orElseThrow();
		assertThat(playbook.systemClass()).isEqualTo(SystemClass.NETWORK);
		assertThat(playbook.affects()).extracting((impact) -> impact.system().key() + ":" + impact.extent())
			.containsExactly(systems.split(","));
		Duration elapsed = Duration.ofMinutes(10);
		IncidentFacts own = IncidentFacts.of(SystemClass.NETWORK, 50_000)
			.withInterruption(Interruption.UNKNOWN)
			.withOngoing(true);
		IncidentFacts facts = own
			.withAlsoAffected(playbook.affects().stream().map((impact) -> impact.advancedBy(elapsed)).toList());
		assertThat(grader.grade(own).level()).isEqualTo(before);
		assertThat(grader.grade(facts).level()).isEqualTo(after);
		assertThat(grader.grade(facts).reasons()).extracting(Grade.Reason::rule).contains("4.2 第四章二（二）1");

		Instant start = at("2026-11-23T10:00:00");
		ReportingFacts reporting = ReportingFacts.of(playbook.reporting(), playbook.systemClass(), start);
		assertThat(rules.owed(reporting, List.of(), start.plus(elapsed))).isEmpty();
		Obligation first = rules
			.owed(reporting.withAlsoAffected(playbook.affects().stream().map(Impact::system).toList()), List.of(),
					start.plus(elapsed))
			.get(0);
		assertThat(first.kind()).isEqualTo(ObligationKind.CYCLE);
		assertThat(first.dueAt()).isEqualTo(at(firstReport + ":00"));
	}

	@Test
	void onlyTheExchangePlaybooksInvolveRemoteAccessToExchangeSystems() {
		// 4.2 L10669-10671: 涉及远程接入交易所系统的故障，应同时上报相关的期货交易所
		assertThat(library.all().stream().filter(Playbook::remoteExchangeAccess).map(Playbook::id))
			.containsExactlyInAnyOrder("central.exchange-line", "central.exchange-dr-switchover",
					"network.exchange-router", "network.exchange-sdh-line");
	}

	@Test
	void aPlaybookNamingAnUnknownSystemOrExtentIsRejectedWithTheLine() {
		String yaml = """
				id: network.x
				title: "x"
				category: network
				system_class: network
				affects:
				  - online-trading: sometimes
				  - mainframe
				  - network
				description: "x"
				flow:
				  - id: f1
				    kind: notify
				    phase: 发现
				    role: tech-manager
				    text: "立即向公司应急小组、公司领导报告。"
				""";
		LoadResult result = PlaybookLoader.load(
				List.of(new PlaybookFile("network.x.yaml", yaml.getBytes(java.nio.charset.StandardCharsets.UTF_8))),
				List.of(), null);
		assertThat(result.errors()).extracting(ValidationError::field)
			.containsExactly("affects[0]", "affects[1]", "affects[2]");
		assertThat(result.errors()).extracting(ValidationError::line).containsExactly(6, 7, 8);
	}

}
