package com.warroom.playbooks;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Drill plans (4.4): the seed's plan ships and loads, every field traced to its lines;
 * mistakes are reported as {@code file:line: field: message} like the playbooks' (GH-16).
 */
class DrillPlanLoaderTests {

	private static final PlaybookLibrary LIBRARY = PlaybookLoader.loadBundled().orElseThrow();

	private static final String SEED_PLAN = "seed.4-4-gateway-database";

	/** A small valid plan: one declare, one complication, one fact change. */
	static final String VALID = """
			id: small
			title: 小演练
			objective: 验证备份措施
			environment: test
			window: "09:00-10:00"
			participants:
			  - role: 总体协调指挥
			    people: [chen-drill]
			scenarios:
			  - id: db
			    title: 主数据库切换
			    playbook: central.db-host-hardware
			    description: 模拟主数据库故障
			injects:
			  - id: fault
			    kind: declare
			    at: PT1M
			    scenario: db
			  - id: spread
			    kind: fact
			    at: PT3M
			    incident: fault
			    fact: system
			    value: bank-transfer:add
			  - id: node2
			    kind: complication
			    at: PT2M
			    incident: fault
			    text: 节点 2 未能接管
			criteria:
			  - id: hot
			    text: 15 分钟内切换至热备数据库
			    from: fault
			    reach: step
			    step: m3
			    within: PT15M
			restoration:
			  - text: 恢复清理环境
			""";

	@Test
	void theSeedsPlanLoadsWithEveryPartOf44() {
		DrillPlans plans = DrillPlanLoader.load(null, LIBRARY);
		assertThat(plans.errors()).isEmpty();
		DrillPlan plan = plans.find(SEED_PLAN).orElseThrow();
		List<String> seed = SeedFiles.lines("000_a2617cc3342f8e1a.txt");
		// L15191: 测试时间为 9:00-15:00; L15201: 正式期货业务环境
		assertThat(line(seed, 15191)).contains("9:00-15:00");
		assertThat(plan.windowStart()).isEqualTo(LocalTime.of(9, 0));
		assertThat(plan.window()).isEqualTo(Duration.ofHours(6));
		assertThat(line(seed, 15201)).contains("正式期货业务环境");
		assertThat(plan.environment()).isEqualTo(DrillPlan.Environment.PRODUCTION);
		assertThat(plan.date()).as("the seed's date is 20XX年XX月XX日").isNull();
		// L15183-15187 purpose
		assertThat(line(seed, 15183)).contains("应急处置能");
		assertThat(plan.objective()).contains("验证各备份措施是否有效");
		// 五 L15295-15305: the six roles, in the seed's order, each on its line
		assertThat(plan.participants()).extracting(DrillPlan.Participant::role)
			.containsExactly(DrillPlan.Role.values());
		for (DrillPlan.Participant participant : plan.participants()) {
			int lineNo = Integer.parseInt(participant.source().substring(1));
			assertThat(line(seed, lineNo)).contains(participant.role().label());
			assertThat(participant.people()).isNotEmpty();
		}
		// 四 (二) and (三): the scenarios on their playbooks, the descriptions as written
		assertThat(plan.scenarios()).extracting(DrillPlan.Scenario::playbookId)
			.containsExactly("central.order-gateway-server", "central.db-host-hardware");
		assertThat(line(seed, 15226)).contains(plan.scenario("gateway").orElseThrow().description().replace("。", ""));
		assertThat(line(seed, 15254)).contains(plan.scenario("database").orElseThrow().description().replace("。", ""));
		// injects in firing order: the environment check
		// (四(一)), the gateway drill, the database drill
		assertThat(plan.injects()).extracting(DrillInject::id)
			.containsExactly("env-check", "gateway-fault", "gateway-params", "database-fault", "database-spreads");
		assertThat(plan.inject("database-spreads").orElseThrow()).isInstanceOfSatisfying(DrillInject.FactChange.class,
				(change) -> assertThat(change.value()).isEqualTo("bank-transfer:add"));
		// 4.1 第三十一条 (L10079) and 四 (四), (五)
		assertThat(line(seed, 10079)).contains("恢复清理环境");
		assertThat(plan.restoration()).extracting(DrillPlan.Restoration::source)
			.anySatisfy((source) -> assertThat(source).contains("L10079"))
			.anySatisfy((source) -> assertThat(source).contains("L15283"))
			.anySatisfy((source) -> assertThat(source).contains("L15287"));
		assertThat(line(seed, 15285)).contains("系统恢复");
		DrillPlan.Criterion hot = plan.criteria()
			.stream()
			.filter((c) -> c.id().equals("database-hot-standby"))
			.findFirst()
			.orElseThrow();
		assertThat(hot.milestone()).isEqualTo(DrillPlan.Milestone.STEP);
		assertThat(hot.within()).isEqualTo(Duration.ofMinutes(15));
		assertThat(LIBRARY.find("central.db-host-hardware").orElseThrow().step(hot.stepId()).orElseThrow().text())
			.contains("启用与备份数据库连接");
	}

	@Test
	void theTrainingPlanHasTheColumnsOf45() {
		List<String> seed = SeedFiles.lines("000_a2617cc3342f8e1a.txt");
		// L15319-15331: 应急培训编号 培训内容 培训时间 培训负责人 记录人 备注
		assertThat(String.join("", seed.subList(15318, 15331)).replace(" ", "")).contains("培训内容", "培训时间", "培训负责人",
				"记录人", "备注");
		DrillPlans plans = DrillPlanLoader.load(null, LIBRARY);
		assertThat(plans.trainings()).singleElement().satisfies((training) -> {
			assertThat(training.trainer()).isEqualTo("li-it");
			assertThat(training.recorder()).isEqualTo("feng-liaison");
			assertThat(training.date()).hasToString("2027-03-13");
		});
	}

	@Test
	void injectsAreOrderedByOffsetAndKeepTheirKinds() {
		DrillPlans plans = load(VALID);
		assertThat(plans.errors()).isEmpty();
		DrillPlan plan = plans.find("small").orElseThrow();
		assertThat(plan.injects()).extracting(DrillInject::id).containsExactly("fault", "node2", "spread");
		assertThat(plan.injects().get(0)).isInstanceOf(DrillInject.Declare.class);
		assertThat(plan.injects().get(1)).isInstanceOf(DrillInject.Complication.class);
		assertThat(plan.injects().get(2)).isInstanceOf(DrillInject.FactChange.class);
	}

	@Test
	void aCriterionIsMetWithinItsDurationOfTheInject() {
		DrillPlan.Criterion hot = load(VALID).find("small").orElseThrow().criteria().get(0);
		Instant fired = Instant.parse("2027-03-20T01:00:00Z");
		assertThat(hot.met(fired, fired.plus(Duration.ofMinutes(15)))).isTrue();
		assertThat(hot.met(fired, fired.plus(Duration.ofMinutes(15)).plusSeconds(1))).isFalse();
		assertThat(hot.met(fired, null)).isFalse();
	}

	@Test
	void mistakesAreReportedWithFileLineAndField() {
		String bad = VALID.replace("    kind: complication\n", "    kind: surprise\n")
			.replace("value: bank-transfer:add", "value: bank:add")
			.replace("    scenario: db\n", "    scenario: web\n")
			.replace("    step: m3\n", "    step: m99\n")
			.replace("window: \"09:00-10:00\"", "window: \"10:00-09:00\"")
			.replace("environment: test", "environment: staging\nenvironmnet: test");
		DrillPlans plans = load(bad);
		assertThat(plans.plans()).isEmpty();
		assertThat(plans.errors()).extracting(ValidationError::toString)
			.contains("small.yaml:4: environment: 应为 production（生产环境）或 test（测试环境）")
			.anySatisfy((error) -> assertThat(error).startsWith("small.yaml:5: environmnet: 未知字段"))
			.contains("small.yaml:6: window: 结束时间应晚于开始时间")
			.contains("small.yaml:19: injects[0].scenario: 计划中没有场景 \"web\"")
			.anySatisfy((error) -> assertThat(error).startsWith("small.yaml:25: injects[1].value: 应为 系统:操作"))
			.anySatisfy((error) -> assertThat(error).startsWith("small.yaml:27: injects[2].kind: 应为 declare"));
	}

	@Test
	void referencesMustPointAtEarlierDeclaresAndRealSteps() {
		String bad = VALID.replace("    incident: fault\n    text:", "    incident: nothing\n    text:")
			.replace("    step: m3\n", "    step: m99\n");
		DrillPlans plans = load(bad);
		assertThat(plans.errors()).extracting(ValidationError::toString)
			.anySatisfy((error) -> assertThat(error).startsWith("small.yaml:28: injects[2].incident: 应为在它之前写出的宣布注入"))
			.contains("small.yaml:35: criteria[0].step: 预案 central.db-host-hardware 中没有步骤 \"m99\"");
	}

	@Test
	void aPlanInTheDirectoryOverridesTheBundledOneAndABadFileHidesOnlyItself(@TempDir Path dir) throws Exception {
		Files.writeString(dir.resolve("small.yaml"), VALID, StandardCharsets.UTF_8);
		Files.writeString(dir.resolve("broken.yaml"), "id: broken\ntitle: [\n", StandardCharsets.UTF_8);
		Files.writeString(dir.resolve(SEED_PLAN + ".yaml"),
				VALID.replace("id: small", "id: " + SEED_PLAN).replace("title: 小演练", "title: 公司自己的 4.4 计划"),
				StandardCharsets.UTF_8);
		DrillPlans plans = DrillPlanLoader.load(dir, LIBRARY);
		assertThat(plans.plans()).extracting(DrillPlan::id).containsExactlyInAnyOrder(SEED_PLAN, "small");
		assertThat(plans.find(SEED_PLAN).orElseThrow().title()).isEqualTo("公司自己的 4.4 计划");
		assertThat(plans.errors()).singleElement()
			.satisfies((error) -> assertThat(error.file()).endsWith("broken.yaml"));
	}

	@Test
	void aMissingDirectoryIsAnError(@TempDir Path dir) {
		DrillPlans plans = DrillPlanLoader.load(dir.resolve("nope"), LIBRARY);
		assertThat(plans.errors()).singleElement()
			.satisfies((error) -> assertThat(error.message()).isEqualTo("目录不存在或不是目录"));
		assertThat(plans.find(SEED_PLAN)).as("the bundled plans still load").isPresent();
	}

	@Test
	void aTrainingWithoutItsRecorderIsRefused() {
		DrillPlans plans = DrillPlanLoader.load(List.of(),
				List.of(new PlaybookFile("trainings.yaml",
						"trainings:\n  - id: t1\n    content: 培训\n    date: 2027-01-05\n    trainer: li-it\n"
							.getBytes(StandardCharsets.UTF_8))),
				LIBRARY);
		assertThat(plans.errors()).extracting(ValidationError::toString)
			.containsExactly("trainings.yaml:2: trainings[0].recorder: 缺少必填字段");
		assertThat(plans.trainings()).isEmpty();
	}

	private static DrillPlans load(String yaml) {
		return DrillPlanLoader.load(List.of(),
				List.of(new PlaybookFile("small.yaml", yaml.getBytes(StandardCharsets.UTF_8))), LIBRARY);
	}

	/** The seed's line {@code n} (1-based, as RULES.md counts). */
	private static String line(List<String> seed, int n) {
		return seed.get(n - 1);
	}

}
