package com.warroom.bot.roster;

import java.nio.charset.StandardCharsets;
import java.time.Duration;

import com.warroom.bot.clock.Escalations;
import com.warroom.playbooks.InvalidDataFileException;
import com.warroom.playbooks.PlaybookLoader;
import com.warroom.playbooks.ValidationError;
import com.warroom.playbooks.Vocabulary;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * GH-14: the roster, the contact book, the synonyms and the escalation policy are read
 * with the playbooks' line-aware reader: every problem of a file at once, as
 * {@code file:line: field: message}, nothing half-loaded.
 */
class DataFileErrorsTests {

	private static final Vocabulary VOCABULARY = PlaybookLoader.bundledVocabulary();

	private static byte[] bytes(String yaml) {
		return yaml.getBytes(StandardCharsets.UTF_8);
	}

	private static InvalidDataFileException errors(ThrowingCallable read) {
		InvalidDataFileException ex = catchThrowableOfType(InvalidDataFileException.class, read);
		assertThat(ex).as("the file is refused").isNotNull();
		return ex;
	}

	private static String[] lines(InvalidDataFileException ex) {
		return ex.errors().stream().map(ValidationError::toString).toArray(String[]::new);
	}

	@Test // GH-14
	void aBrokenRosterListsEveryEntryWithItsLine() {
		InvalidDataFileException ex = errors(() -> Roster.read("roster.yml", bytes("""
				people:
				  - id: zhao-gm
				    name: 赵总经理
				    telegram_id: "900000001"
				    roles: [leader]
				    deputy: nobody
				  - id: qian-deputy
				    roles: [leader, boss]
				  - id: sun-cro
				    name: 孙首席风险官
				    roles: []
				    telegarm_id: "900000003"
				  - id: li-it
				    name: 李信息技术部总经理
				    roles: [commander]
				    telegram_id: li.it
				  - id: zhao-gm
				    name: 赵二
				    roles: [observer]
				""")));

		assertThat(ex.subject()).isEqualTo("应急名册");
		assertThat(lines(ex)).containsExactly("roster.yml:6: people[0].deputy: 名册中没有 nobody",
				"roster.yml:7: people[1].name: 缺少必填字段",
				"roster.yml:8: people[1].roles[1]: 未知角色 boss（可用 leader、commander、responder、liaison、drill-coordinator、observer）",
				"roster.yml:11: people[2].roles: 至少需要一个角色",
				"roster.yml:12: people[2].telegarm_id: 未知字段；允许的字段：accounts、deputy、duties、email、id、name、phone、roles、telegram_id",
				"roster.yml:16: people[3].telegram_id: 必须是数字（Telegram 用户编号）",
				"roster.yml:17: people[4].id: 人员编号 zhao-gm 重复（第一次出现在第 2 行）");
		assertThat(ex).hasMessageStartingWith("应急名册有 7 处错误：\nroster.yml:6: people[0].deputy: 名册中没有 nobody\n");
	}

	@Test // GH-14
	void aRosterThatIsNotYamlOrHasNoPeopleSaysSo() {
		assertThat(lines(errors(() -> Roster.read("roster.yml", bytes("people:\n  - id: [x\n"))))).singleElement()
			.asString()
			.startsWith("roster.yml:3: YAML 格式错误：");
		assertThat(lines(errors(() -> Roster.read("roster.yml", bytes("staff: []\n")))))
			.containsExactly("roster.yml:1: staff: 未知字段；允许的字段：people", "roster.yml:1: people: 名册文件应有非空的 people 列表");
		assertThat(lines(errors(() -> Roster.read("roster.yml", new byte[] { 'a', ':', ' ', (byte) 0xC3 }))))
			.containsExactly("roster.yml:1: 文件不是 UTF-8 编码，请以 UTF-8 保存");
	}

	@Test // GH-14
	void theBundledFilesStillRead() {
		assertThat(Roster.parse(resource("warroom/roster.example.yaml")).people()).hasSizeGreaterThan(5);
		assertThat(ContactBook.parse(resource("warroom/contacts.example.yaml"), VOCABULARY).all())
			.hasSizeGreaterThan(10);
		assertThat(Synonyms.bundled().expand("上期所")).isEqualTo("上海期货交易所");
	}

	@Test // GH-14
	void aBrokenContactBookListsEveryEntryWithItsLine() {
		InvalidDataFileException ex = errors(() -> ContactBook.read("contacts.yml", bytes("""
				contacts:
				  - { category: regulator, unit: XX证监局期货监管处, phone: "021-00000010" }
				  - { category: ministry, unit: 某部 }
				  - { category: exchange, person: 技术值班 }
				  - { category: bank, unit: XX银行, fax: "021-1" }
				  - 上海期货交易所
				"""), VOCABULARY));

		assertThat(ex.subject()).isEqualTo("联络手册");
		assertThat(lines(ex)).containsExactly(
				"contacts.yml:3: contacts[1].category: 未知的联络类别 ministry（可用 "
						+ String.join("、", new java.util.TreeSet<>(VOCABULARY.contactCategories().keySet())) + "）",
				"contacts.yml:4: contacts[2].unit: 缺少必填字段",
				"contacts.yml:5: contacts[3].fax: 未知字段；允许的字段：category、mobile、person、phone、unit",
				"contacts.yml:6: contacts[4]: 应为键值对（映射），实际是文字");
	}

	@Test // GH-14
	void aBrokenSynonymsFileListsEveryEntryWithItsLine() {
		InvalidDataFileException ex = errors(() -> Synonyms.read("synonyms.yml", bytes("""
				synonyms:
				  上期所: 上海期货交易所
				  大商所:
				  郑商所: { name: 郑州商品交易所 }
				  上期所: 上海期货
				""")));

		assertThat(ex.subject()).isEqualTo("同义词表");
		assertThat(lines(ex)).containsExactly("synonyms.yml:3: synonyms.大商所: 应为文字，实际是空值",
				"synonyms.yml:4: synonyms.郑商所: 应为文字，实际是键值对", "synonyms.yml:5: synonyms.上期所: 键重复");
	}

	@Test // GH-14
	void aBrokenEscalationPolicyListsEveryEntryWithItsLine() {
		InvalidDataFileException ex = errors(() -> Escalations.Policy.read("escalation.yml", bytes("""
				rounds: twice
				tiers:
				  - name: 技术部负责人
				    duties: [tech-manager]
				    channels:
				      - { type: wecom }
				  - duties: [it-head]
				  - name: 应急领导小组
				"""), Duration.ofMinutes(5)));

		assertThat(ex.subject()).isEqualTo("升级策略");
		assertThat(lines(ex)).containsExactly("escalation.yml:1: rounds: 应为正整数",
				"escalation.yml:6: tiers[0].channels[0].target: 缺少必填字段", "escalation.yml:7: tiers[1].name: 缺少必填字段",
				"escalation.yml:8: tiers[2].duties: 缺少必填字段");
		assertThat(lines(
				errors(() -> Escalations.Policy.read("escalation.yml", bytes("tiers: []\n"), Duration.ofMinutes(5)))))
			.containsExactly("escalation.yml:1: tiers: 升级策略应有非空的 tiers 列表");
	}

	private static String resource(String name) {
		try (var in = DataFileErrorsTests.class.getClassLoader().getResourceAsStream(name)) {
			return new String(in.readAllBytes(), StandardCharsets.UTF_8);
		}
		catch (java.io.IOException ex) {
			throw new java.io.UncheckedIOException(ex);
		}
	}

}
