package com.warroom.bot.engine;

import java.time.Duration;
import java.util.List;

import com.warroom.bot.incident.Incident;
import com.warroom.bot.incident.TimelineEntry;
import com.warroom.bot.incident.TimelineType;
import com.warroom.playbooks.ObligationKind;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static com.warroom.bot.engine.EngineHarness.DBA;
import static com.warroom.bot.engine.EngineHarness.OBSERVER;
import static com.warroom.bot.engine.EngineHarness.button;
import static com.warroom.bot.engine.EngineHarness.findButton;
import static com.warroom.bot.engine.EngineHarness.texts;
import static org.assertj.core.api.Assertions.assertThat;

/** Facts updated from /level drive the level and the reporting obligations. */
class FactFlowTests {

	private EngineHarness chat;

	@BeforeEach
	void setUp() {
		chat = new EngineHarness(TestRedis.fresh());
	}

	private Incident only() {
		return chat.incidents.openIn(chat.chat).get(0);
	}

	@Test
	void aHaltRecordedOnACentralFaultStartsTheExternalCycle() {
		chat.declare(DBA, "至交易所 SDH 专线", "至交易所网络故障 / 至交易所某条 SDH 专线故障");
		assertThat(
				chat.assessments.assess(only(), EngineHarness.LIBRARY.find(only().playbookId()).orElseThrow()).owed())
			.isEmpty();
		chat.clock.advance(Duration.ofMinutes(3));
		List<Outbound> level = chat.command(DBA, "/level");
		assertThat(texts(level)).contains("事实：中断范围不明").contains("未记录全公司交易中断");
		List<Outbound> halted = chat.press(DBA, button(level, "全公司交易中断或严重缓慢"));
		assertThat(texts(halted)).contains("已更新 INC-20261123-001：全公司交易中断或严重缓慢")
			.contains("应立即报告：定期报告 第 1 次（4.2 第五章二（三）；4.3 第十一条（二）1）");
		assertThat(
				chat.assessments.assess(only(), EngineHarness.LIBRARY.find(only().playbookId()).orElseThrow()).owed())
			.extracting((o) -> o.kind())
			.containsExactly(ObligationKind.CYCLE);
		assertThat(findButton(chat.command(DBA, "/level"), "全公司交易中断或严重缓慢")).isEmpty();
	}

	@Test
	void dataCountsAndExtentChangeTheLevel() {
		chat.declare(DBA, "数据库主机", "数据库主机硬件故障");
		chat.press(DBA, button(chat.command(DBA, "/level"), "部分中断"));
		chat.clock.advance(Duration.ofMinutes(40));
		assertThat(texts(chat.command(DBA, "/level"))).contains("当前计算级别：<b>较大</b>");
		chat.press(DBA, button(chat.command(DBA, "/level"), "数据泄露人数"));
		assertThat(texts(chat.text(DBA, "很多"))).contains("请回复一个整数");
		List<Outbound> leaked = chat.text(DBA, "150,000");
		assertThat(texts(leaked)).contains("数据泄露 150000 人").contains("当前计算级别：重大");
		TimelineEntry fact = chat.incidents.timeline(only().id())
			.stream()
			.filter((e) -> e.type() == TimelineType.FACT_SET)
			.reduce((a, b) -> b)
			.orElseThrow();
		// GH-14: the entry stores the fact and its value; the timeline renders the words
		assertThat(fact.details()).containsEntry("fact", "leaked")
			.containsEntry("value", "150000")
			.doesNotContainKey("text");
		assertThat(chat.views.timelineText().text(fact)).isEqualTo("数据泄露 150000 人");
	}

	@Test
	void observersSeeTheFactsButCannotChangeThem() {
		chat.declare(DBA, "数据库主机", "数据库主机硬件故障");
		List<Outbound> level = chat.command(OBSERVER, "/level");
		assertThat(texts(level)).contains("事实：");
		assertThat(findButton(level, "全部中断")).isEmpty();
		List<Outbound> dbaLevel = chat.command(DBA, "/level");
		assertThat(texts(chat.press(OBSERVER, button(dbaLevel, "全部中断")))).contains("无权");
	}

	@Test // GH-13
	void theLevelButtonsAndTheFactsAreApartTheCurrentFactsMarkedAndRefreshedAfterAPress() {
		chat.declare(DBA, "数据库主机", "数据库主机硬件故障");
		List<Outbound> level = chat.command(EngineHarness.COMMANDER, "/level");
		List<Outbound.Send> messages = level.stream()
			.filter(Outbound.Send.class::isInstance)
			.map(Outbound.Send.class::cast)
			.toList();
		assertThat(messages).hasSize(2);
		// first the level and its buttons, then the facts and theirs
		assertThat(messages.get(0).buttons()).singleElement()
			.satisfies((row) -> assertThat(row).extracting(Button::label).contains("一般", "较大", "重大"));
		assertThat(messages.get(1).html()).contains("事实：").contains("更新事实");
		assertThat(messages.get(1).buttons()).flatExtracting((row) -> row)
			.extracting(Button::label)
			.contains("✓ 范围不明", "部分中断", "✓ 结算正常")
			.doesNotContain("较大");
		List<Outbound> pressed = chat.press(EngineHarness.COMMANDER, button(level, "部分中断"));
		// the card and the facts message are refreshed, the new fact marked
		assertThat(pressed).filteredOn((a) -> a instanceof Outbound.Edit edit && edit.slot().endsWith(":card"))
			.hasSize(1);
		assertThat(pressed)
			.filteredOn((a) -> a instanceof Outbound.Edit edit && edit.slot().equals(messages.get(1).slot()))
			.singleElement()
			.satisfies((a) -> {
				assertThat(((Outbound.Edit) a).html()).contains("中断部分中断");
				assertThat(EngineHarness.buttons(a)).flatExtracting((row) -> row)
					.extracting(Button::label)
					.contains("✓ 部分中断", "范围不明");
			});
	}

}
