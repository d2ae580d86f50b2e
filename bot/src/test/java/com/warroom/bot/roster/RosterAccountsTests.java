package com.warroom.bot.roster;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * GH-14: a person has accounts per channel; the older {@code telegram_id:} field keeps
 * working.
 */
class RosterAccountsTests {

	private static Roster roster(String fields) {
		return Roster.parse("""
				people:
				  - id: zhou-tech
				    name: 周技术部经理
				    roles: [commander]
				%s
				""".formatted(fields.indent(4)));
	}

	@Test // GH-14
	void accountsArePerChannelAndTheTelegramAccountFindsThePerson() {
		Roster roster = roster("""
				accounts:
				  telegram: "900000005"
				  wecom: zhouwei
				  feishu: ou_123
				phone: "13800000005"
				""");
		Person zhou = roster.byId("zhou-tech").orElseThrow();

		assertThat(zhou.accounts()).containsEntry(Person.TELEGRAM, "900000005")
			.containsEntry(Person.WECOM, "zhouwei")
			.containsEntry(Person.FEISHU, "ou_123")
			.containsEntry(Person.PHONE, "13800000005");
		assertThat(zhou.telegramId()).isEqualTo("900000005");
		assertThat(zhou.account(Person.DINGTALK)).isEmpty();
		assertThat(roster.find("tg", "900000005")).contains(zhou);
		// a new channel named like its account kind finds its users with no change here
		assertThat(roster.find(Person.WECOM, "zhouwei")).contains(zhou);
		assertThat(roster.find(Person.WECOM, "900000005")).isEmpty();
	}

	@Test // GH-14
	void theOlderFieldsStillWorkAndAreAccountsToo() {
		Person zhou = roster("""
				telegram_id: "900000005"
				email: zhou@example.com
				""").byId("zhou-tech").orElseThrow();

		assertThat(zhou.account(Person.TELEGRAM)).contains("900000005");
		assertThat(zhou.account(Person.EMAIL)).contains("zhou@example.com");
		assertThat(
				new Person("a", "甲", null, null, null, java.util.Set.of(RosterRole.OBSERVER), java.util.List.of(), null)
					.accounts())
			.isEmpty();
	}

	@Test // GH-14
	void aFieldThatContradictsItsAccountOrABlankAccountIsRefusedByName() {
		assertThatIllegalArgumentException().isThrownBy(() -> roster("""
				telegram_id: "900000005"
				accounts: { telegram: "900000099" }
				"""))
			.withMessage(
					"应急名册有 1 处错误：\nroster.yaml:5: people[0].telegram_id: 与 accounts.telegram 不一致（900000005 与 900000099）");
		assertThatIllegalArgumentException().isThrownBy(() -> roster("""
				accounts: { wecom: " " }
				""")).withMessage("应急名册有 1 处错误：\nroster.yaml:5: people[0].accounts.wecom: 不能为空");
		assertThatIllegalArgumentException().isThrownBy(() -> roster("""
				accounts: [telegram]
				""")).withMessage("应急名册有 1 处错误：\nroster.yaml:5: people[0].accounts: 应为“渠道: 账号”的键值对，实际是列表");
	}

}
