package com.warroom.bot.engine;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import com.warroom.bot.incident.Incident;
import com.warroom.bot.incident.IncidentStatus;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static com.warroom.bot.engine.EngineHarness.DBA;
import static com.warroom.bot.engine.EngineHarness.LIAISON;
import static com.warroom.bot.engine.EngineHarness.button;
import static com.warroom.bot.engine.EngineHarness.texts;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code /recovered} with confirmation and the time service actually resumed, and how
 * times and durations are typed and read (GH-12). The seed's own case, 4.8 L15477-15479:
 * the fault at 13:58:16, recovered at 13:59:45, entered after the fact.
 */
class RecoveryTimesTests {

	private EngineHarness chat;

	@BeforeEach
	void setUp() {
		chat = new EngineHarness(TestRedis.fresh());
	}

	private Incident only() {
		return chat.incidents.openIn(chat.chat).get(0);
	}

	private static Instant shanghai(String dateTime) {
		return java.time.LocalDateTime.parse(dateTime).atZone(EngineHarness.SHANGHAI).toInstant();
	}

	/** Declares the database host fault discovered at {@code discovery} (typed). */
	private List<Outbound> declareDiscoveredAt(String discovery) {
		List<Outbound> matches = chat.command(DBA, "/declare 数据库主机");
		List<Outbound> confirm = chat.press(DBA, button(matches, "数据库主机硬件故障"));
		chat.press(DBA, button(confirm, "填写更早的发现时间"));
		List<Outbound> again = chat.text(DBA, discovery);
		chat.press(DBA, button(again, "确认宣布"));
		return again;
	}

	@Test
	void recoveredAsksForConfirmationAndSaysWhichStepsAreStillOpen() {
		chat.declare(DBA, "数据库主机", "数据库主机硬件故障");
		List<Outbound> ask = chat.command(DBA, "/recovered");
		assertThat(texts(ask)).contains("确认 <b>INC-20261123-001</b> 的系统已恢复服务？")
			.contains("以下步骤尚未完成：")
			.contains("• 处置流程 第 1/")
			.contains("• 具体处置方法 第 1/");
		assertThat(only().status()).isEqualTo(IncidentStatus.OPEN);
		chat.press(DBA, button(ask, "取消"));
		assertThat(only().status()).isEqualTo(IncidentStatus.OPEN);
		// an observer cannot record it
		assertThat(texts(chat.press(EngineHarness.OBSERVER, button(ask, "确认已恢复（现在）")))).contains("无权");
		chat.clock.advance(Duration.ofMinutes(3));
		assertThat(texts(chat.press(DBA, button(ask, "确认已恢复（现在）")))).contains("已记录 INC-20261123-001 于 11-23 14:01 恢复");
		assertThat(texts(chat.press(DBA, button(ask, "确认已恢复（现在）")))).contains("已记录恢复或已关闭");
	}

	@Test
	void anIncidentEnteredAfterTheFactTakesTheTimesWithSeconds() {
		chat.clock.advance(Duration.ofMinutes(32)); // 14:30: the incident is entered
													// afterwards
		List<Outbound> confirm = declareDiscoveredAt("13:58:16");
		assertThat(texts(confirm)).contains("发现时间：11-23 13:58:16");
		assertThat(only().startedAt()).isEqualTo(shanghai("2026-11-23T13:58:16"));
		List<Outbound> ask = chat.command(DBA, "/recovered");
		chat.press(DBA, button(ask, "填写恢复时间"));
		assertThat(texts(chat.text(DBA, "13:50"))).contains("早于事件开始（11-23 13:58:16）");
		assertThat(texts(chat.text(DBA, "25:00"))).contains("无法识别该时间");
		List<Outbound> done = chat.text(DBA, "13:59:45");
		assertThat(texts(done)).contains("已记录 INC-20261123-001 于 11-23 13:59:45 恢复");
		Incident recovered = chat.incidents.find("INC-20261123-001").orElseThrow();
		assertThat(recovered.recoveredAt()).isEqualTo(shanghai("2026-11-23T13:59:45"));
		// 1 min 29 s of interruption: still 一般, not graded
		// on the half hour it took to enter it
		assertThat(texts(chat.command(DBA, "/status"))).contains("级别：<b>一般</b>").contains("已恢复").contains("1 分钟");
	}

	@Test
	void aTimeMoreThanADayBackAsksAreYouSure() {
		chat.clock.advance(Duration.ofDays(2)); // 11-25 13:58
		List<Outbound> confirm = declareDiscoveredAt("2026-11-23 13:58:16");
		assertThat(texts(confirm)).contains("发现时间：11-23 13:58:16").contains("该时间（11-23 13:58:16）在一天以前，确定无误吗？");
		List<Outbound> ask = chat.command(DBA, "/recovered");
		chat.press(DBA, button(ask, "填写恢复时间"));
		List<Outbound> sure = chat.text(DBA, "2026-11-23 13:59:45");
		assertThat(texts(sure)).contains("该时间（11-23 13:59:45）在一天以前，确定无误吗？");
		assertThat(only().status()).isEqualTo(IncidentStatus.OPEN);
		// 重新填写 asks again; 确定 records it
		assertThat(texts(chat.press(DBA, button(sure, "重新填写")))).contains("请回复服务实际恢复的时间");
		chat.text(DBA, "2026-11-23 13:59:45");
		assertThat(texts(chat.press(DBA, button(sure, "确定：11-23 13:59:45")))).contains("于 11-23 13:59:45 恢复");
		// the report time too
		List<Outbound> which = chat.command(LIAISON, "/reported");
		List<Outbound> time = chat.press(LIAISON,
				button(chat.press(LIAISON, button(which, "恢复后报告 第 1 次（11-23 13:59 前）")), "电话"));
		chat.press(LIAISON, button(time, "填写时间"));
		List<Outbound> far = chat.text(LIAISON, "2026-11-23 14:10:05");
		assertThat(texts(far)).contains("该时间（11-23 14:10:05）在一天以前，确定无误吗？");
		List<Outbound> made = chat.press(LIAISON, button(far, "确定：11-23 14:10:05"));
		assertThat(texts(made)).contains("待签发"); // central trading: the signers follow
	}

	@Test
	void datesOfAnotherYearShowTheirYearAndLongDurationsReadInDaysHoursAndMinutes() {
		IncidentViews views = chat.views;
		assertThat(views.time(shanghai("2025-12-31T23:05:00"))).isEqualTo("2025-12-31 23:05");
		assertThat(views.time(shanghai("2027-01-04T23:59:00"))).isEqualTo("2027-01-04 23:59");
		assertThat(views.time(shanghai("2026-11-22T23:05:00"))).isEqualTo("11-22 23:05");
		assertThat(views.preciseTime(shanghai("2025-12-31T23:05:07"))).isEqualTo("2025-12-31 23:05:07");
		assertThat(views.duration(Duration.ofMinutes(45))).isEqualTo("45 分钟");
		assertThat(views.duration(Duration.ofMinutes(65))).isEqualTo("1 小时 5 分钟");
		assertThat(views.duration(Duration.ofMinutes(2 * 24 * 60 + 3 * 60))).isEqualTo("2 天 3 小时 0 分钟");
		// an incident open for more than a day says so on its card
		chat.declare(DBA, "数据库主机", "数据库主机硬件故障");
		chat.clock.advance(Duration.ofHours(26).plusMinutes(7));
		assertThat(texts(chat.command(DBA, "/status"))).contains("1 天 2 小时 7 分钟");
	}

}
