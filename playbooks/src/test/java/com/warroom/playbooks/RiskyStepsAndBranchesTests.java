package com.warroom.playbooks;

import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * GH-10: a step that changes production is an action with 双岗复核, never a notify; a choice
 * the seed leaves to a leader is a decision whose answers lead somewhere different;
 * "经领导批准后" is an approval step; police complaints are reports. Seed lines are those of
 * {@code 000_a2617cc3342f8e1a.txt}.
 */
class RiskyStepsAndBranchesTests {

	private static PlaybookLibrary library;

	@BeforeAll
	static void load() {
		library = PlaybookLoader.loadBundled().orElseThrow();
	}

	private static Step step(String playbook, String id) {
		return library.find(playbook).orElseThrow().step(id).orElseThrow();
	}

	private static String after(String playbook, String id) {
		Playbook p = library.find(playbook).orElseThrow();
		Step step = p.step(id).orElseThrow();
		Track track = List.of(Track.values())
			.stream()
			.filter((t) -> p.track(t).contains(step))
			.findFirst()
			.orElseThrow();
		return p.successor(track, step);
	}

	@Test
	void everyDecisionsAnswersLeadToDifferentPlaces() {
		for (Playbook playbook : library.all()) {
			for (Step step : playbook.allSteps()) {
				if (step.isDecision()) {
					Set<String> targets = step.answers().stream().map(Answer::next).collect(Collectors.toSet());
					assertThat(targets).as(playbook.id() + "/" + step.id()).hasSizeGreaterThan(1);
				}
			}
		}
	}

	@Test
	void everyLeadersApprovalIsAnApprovalStepGuardingTheActionAfterIt() {
		// 附件六 L12783, L12852, L12887, L12961, L13018, L13061, L13132, L13167, L13210
		List<String> approvals = library.all()
			.stream()
			.flatMap((p) -> p.allSteps()
				.stream()
				.filter((s) -> s.kind() == StepKind.APPROVAL)
				.map((s) -> p.id() + "/" + s.id()))
			.toList();
		assertThat(approvals).hasSize(9);
		for (Playbook playbook : library.all()) {
			for (Step step : playbook.allSteps()) {
				assertThat(step.kind() == StepKind.APPROVAL).as(playbook.id() + "/" + step.id())
					.isEqualTo(step.text().contains("经领导批准"));
				if (step.kind() == StepKind.APPROVAL) {
					assertThat(step.role()).isEqualTo("leader");
					Step guarded = playbook.step(after(playbook.id(), step.id())).orElseThrow();
					assertThat(guarded.kind()).isEqualTo(StepKind.ACTION);
					assertThat(guarded.text()).startsWith("进入机房通过 console 口");
				}
			}
		}
	}

	@Test
	void bypassingTheBankFirewallIsALeadersDecisionThenConfirmedActions() {
		// L12893-12899: 向领导汇报……可以将……直接互联（即跳过防火墙）；……建议……将路由器的接口 shutdown
		Step decision = step("network.bank-firewall", "m5");
		assertThat(decision.kind()).isEqualTo(StepKind.DECISION);
		assertThat(decision.role()).isEqualTo("leader");
		assertThat(decision.answers()).extracting(Answer::next).containsExactly("m5a", "m6");
		assertThat(step("network.bank-firewall", "m5a").text()).contains("接口 shutdown");
		assertThat(step("network.bank-firewall", "m5b").text()).contains("跳过防火墙");
		assertThat(List.of(step("network.bank-firewall", "m5a"), step("network.bank-firewall", "m5b")))
			.allSatisfy((s) -> assertThat(s.kind() == StepKind.ACTION && s.confirm()).isTrue());
		assertThat(after("network.bank-firewall", "m5b")).isEqualTo("m6");
	}

	@ParameterizedTest(name = "{0}/{1}")
	@CsvSource({
			// L13136-13139: 根据领导指示决定是否进行线路迁移操作
			"network.branch-access-device, m2, m2a, m3, 专线迁移到目前正常的交换机上",
			// L13214-13218: 提议立即将接入交换机上的服务器迁移到其互备交换机上
			"network.lan-access-switch, m2, m2a, m4, 迁移到其互备交换机上" })
	void aMigrationTheLeaderDecidesOnHasAStepOfItsOwn(String playbook, String decision, String yes, String no,
			String migration) {
		Step step = step(playbook, decision);
		assertThat(step.kind()).isEqualTo(StepKind.DECISION);
		assertThat(step.role()).isEqualTo("leader");
		assertThat(step.answers()).extracting(Answer::next).containsExactly(yes, no);
		Step migrate = step(playbook, yes);
		assertThat(migrate.kind()).isEqualTo(StepKind.ACTION);
		assertThat(migrate.confirm()).isTrue();
		assertThat(migrate.text()).contains(migration);
	}

	@Test
	void theBranchQuoteServerBranchesOnHardwareBeforeAnyRestart() {
		// L14380-14386: 如果是硬件故障则启动备份行情服务器，如果硬件正常则重启行情程序或重启机器
		Step hardware = step("branch.quote-server", "d0");
		assertThat(hardware.answers()).extracting(Answer::label, Answer::next)
			.containsExactly(org.assertj.core.groups.Tuple.tuple("硬件故障", "m1h"),
					org.assertj.core.groups.Tuple.tuple("硬件正常", "m1s"));
		assertThat(step("branch.quote-server", "m1h").text()).isEqualTo("如果是硬件故障则启动备份行情服务器");
		// the backup server started, no question about a restart that never happened
		assertThat(after("branch.quote-server", "m1h")).isEqualTo("m3");
		assertThat(after("branch.quote-server", "m1s")).isEqualTo("d1");
	}

	@ParameterizedTest(name = "{0}")
	@CsvSource({ "online.quote-site-unreachable, m3, m4", "online.trading-site-unreachable, m3, m4",
			"online.bank-transfer-platform, m3, m4", "website.app-software, m1, d1" })
	void restartThenBackupIsADecisionBetweenThem(String playbook, String restart, String recovered) {
		// "重启……，如未恢复，关闭故障……服务器，启动备份……" (L12115, L12377, L12504, L13816)
		assertThat(step(playbook, restart).text()).contains("重启").doesNotContain("备份");
		Step decision = step(playbook, restart + "d");
		assertThat(decision.kind()).isEqualTo(StepKind.DECISION);
		assertThat(decision.answers()).extracting(Answer::next).containsExactly(recovered, restart + "b");
		Step backup = step(playbook, restart + "b");
		assertThat(backup.text()).contains("备");
		assertThat(backup.kind() == StepKind.ACTION && backup.confirm()).isTrue();
	}

	@ParameterizedTest(name = "{0}/{1}")
	@CsvSource({ "online.trading-site-attack, m2", "online.quote-site-attack, m2",
			"network.internet-server-intrusion, m1", "network.ddos-website-online-trading, m3", "website.ddos, m1a",
			"branch.malicious-intrusion, m5" })
	void cuttingAnAttackedServerOffIsAConfirmedActionOfATechnicalRole(String playbook, String id) {
		Step cut = step(playbook, id);
		assertThat(cut.text()).containsAnyOf("断网", "从网络中隔离");
		assertThat(cut.kind()).isEqualTo(StepKind.ACTION);
		assertThat(cut.confirm()).isTrue();
		assertThat(cut.role()).isIn("sysadmin", "network-admin", "security-admin", "branch-tech");
	}

	@ParameterizedTest(name = "{0}/{1}")
	@CsvSource({ "online.quote-site-attack, m4, L12248", "online.trading-site-attack, m4, L12313",
			"network.ddos-website-online-trading, m2, L13245" })
	void policeComplaintsAreReports(String playbook, String id, String source) {
		Step complaint = step(playbook, id);
		assertThat(complaint.kind()).isEqualTo(StepKind.REPORT);
		assertThat(complaint.source()).isEqualTo(source);
		assertThat(complaint.text()).contains("网监").doesNotContain("杭州");
	}

	@ParameterizedTest(name = "{0}")
	@CsvSource({ "online.trading-site-attack, 同时报送当地公安网监部门。", "online.quote-site-attack, 同时报送当地公安网监部门。",
			"website.ddos, 同时报送当地公安网监部门。", "website.defacement, 同时报送当地公安网监部门。",
			"website.illegal-content-upload, 同时报送当地公安网监部门。", "website.impersonation, 同时报送当地公安网监部门。",
			"branch.malicious-intrusion, 同时报送当地公安网监部门。", "website.virus, 同时报送当地公安网监部门。",
			"network.internet-server-intrusion, 向公安机关及时报警", "network.ddos-website-online-trading, 向公安机关及时报警" })
	void attackScenariosAskTheFirstResponderWhetherACrimeIsSuspected(String playbook, String report) {
		// the flow's "涉及到网络犯罪的事件，同时报送当地公安网监部门" (附件五/七/八 step 4 or 3); for
		// 附件六, whose flow lacks it, 4.2 第五章一（三） L10419 "攻击破坏事件……向公安机关及时报警"
		Playbook p = library.find(playbook).orElseThrow();
		Step question = p.steps().get(0);
		assertThat(question.kind()).isEqualTo(StepKind.DECISION);
		assertThat(question.answers()).extracting(Answer::fact).containsExactly(Answer.CRIME, null);
		Step police = p.step(question.answers().get(0).next()).orElseThrow();
		assertThat(police.kind()).isEqualTo(StepKind.REPORT);
		assertThat(police.text()).isEqualTo(report);
		assertThat(question.answers().get(1).next()).isEqualTo(p.successor(Track.STEPS, police));
	}

	@Test
	void theImpersonationPlaybookCallsTheRegulatorAndThePolice() {
		// L14143: 向上级监管部门报告，情况严重的及时向公安机关报案
		assertThat(library.find("website.impersonation").orElseThrow().contacts()).containsExactly("regulator",
				"security-authority");
	}

}
