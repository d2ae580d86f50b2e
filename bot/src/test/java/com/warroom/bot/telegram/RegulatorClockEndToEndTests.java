package com.warroom.bot.telegram;

import java.nio.file.Path;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.warroom.WarRoomApplication;
import com.warroom.bot.store.EmbeddedRedis;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The regulator clock end to end, in real time with a 10-second cycle, through the
 * Telegram webhook against a fake Bot API: a central-trading outage is declared, the
 * report owed at once is reminded and escalated when late, the escalation climbs a tier
 * when nobody acknowledges, a signed {@code /reported} restarts the cycle, and
 * {@code /recovered} stops it. The one real-time smoke test of the clock (GH-14): the
 * other end-to-end clock tests move a clock or assert on what is planned; this one waits
 * for Quartz, but only for what must come, and reads the planned reminders and the
 * outboxes to know that nothing more will.
 */
class RegulatorClockEndToEndTests {

	static final FakeBotApi api = new FakeBotApi();

	static final long GM = 900000001L;

	static final long CRO = 900000003L;

	static final long IT_HEAD = 900000004L;

	static final long TECH_MANAGER = 900000005L;

	static final long DBA = 900000006L;

	static final long LIAISON = 900000009L;

	@AfterAll
	static void stop() {
		api.close();
	}

	@Test
	void aCentralTradingOutageRunsThroughTheWholeReportingCycle(@TempDir Path data) throws Exception {
		try (EmbeddedRedis redis = EmbeddedRedis.start(data.resolve("redis"), 0);
				ConfigurableApplicationContext app = start(data, redis)) {
			run(app);
		}
	}

	private void run(ConfigurableApplicationContext app) throws Exception {
		// escalation direct messages go through the durable outbox
		com.warroom.notify.Outbox outbox = app.getBean(com.warroom.notify.Outbox.class);
		assertThat(outbox.supports("telegram")).isTrue();
		post(app, Updates.message(Updates.nextId(), LIAISON, "/declare 数据库主机"));
		post(app, Updates.press(Updates.nextId(), LIAISON, api.button("数据库主机硬件故障"), 1));
		post(app, Updates.press(Updates.nextId(), LIAISON, api.button("确认宣布"), 1));

		// the declaration is escalated to the first tier; its acknowledgement stops it
		await(TECH_MANAGER, "宣布事件");
		post(app, Updates.message(Updates.nextId(), TECH_MANAGER, "/ack"));
		await(Updates.GROUP, "已确认收到");

		// central trading reports at once: due now, then late and escalated to 技术部负责人
		assertThat(await(Updates.GROUP, "现在到期")).contains("定期报告 第 1 次");
		assertThat(await(Updates.GROUP, "已超时（应于")).contains("定期报告 第 1 次");
		assertThat(await(TECH_MANAGER, "已超时（应于")).contains("3 秒内无人确认将通知下一级");
		// nobody acknowledges: after ACK_TIMEOUT the next
		// tier (应急工作小组组长) is told, who acknowledges
		assertThat(await(IT_HEAD, "已超时（应于")).contains("定期报告 第 1 次").contains("请您（应急工作小组组长）确认收到");
		// the room keeps one message per escalation, edited from tier to tier (GH-13)
		api.await("editMessageText",
				(b) -> b.path("chat_id").asLong() == Updates.GROUP && b.path("text").asText().contains("已通知应急工作小组组长"));
		// the commander heard of the declaration at once (GH-12), but was never chased
		// for it: tier 1 acknowledged
		assertThat(texts(IT_HEAD)).filteredOn((t) -> t.contains("宣布事件"))
			.singleElement()
			.satisfies((t) -> assertThat(t).contains("特此告知").doesNotContain("请您"));
		post(app, Updates.press(Updates.nextId(), IT_HEAD, lastButton(IT_HEAD, "确认收到"), 1));
		await(Updates.GROUP, "李信息技术部总经理 已确认收到");
		// the acknowledgement took the escalation's timer away and all it said was sent:
		// nothing chases the 总经理
		String id = app.getBean(com.warroom.bot.incident.IncidentStore.class).open().get(0).id();
		Planned.awaitSettled(app, id, (r) -> r.key().startsWith("ESC:"));
		assertThat(texts(GM)).noneMatch((t) -> t.contains("已超时（应于"));

		// the liaison records the report; it counts once both signers have signed
		post(app, Updates.message(Updates.nextId(), LIAISON, "/reported"));
		post(app, Updates.press(Updates.nextId(), LIAISON, buttonStartingWith("定期报告 第 1 次"), 1));
		post(app, Updates.press(Updates.nextId(), LIAISON, api.button("电话"), 1));
		post(app, Updates.press(Updates.nextId(), LIAISON, api.button("现在"), 1));
		await(Updates.GROUP, "待签发");
		post(app, Updates.press(Updates.nextId(), CRO, api.button("签发"), 1));
		post(app, Updates.press(Updates.nextId(), GM, api.button("签发"), 1));
		assertThat(await(Updates.GROUP, "报告周期自此重新计时")).contains("定期报告 第 1 次").contains("以电话方式报告");
		assertThat(api.calls("answerCallbackQuery")).anyMatch((b) -> b.path("text").asText().contains("已签发，报告已记录"));

		// the cycle restarts from the report: the second report is announced, then due
		assertThat(await(Updates.GROUP, "第 2 次将于")).contains("定期报告");
		assertThat(await(Updates.GROUP, "第 2 次现在到期")).contains("定期报告");

		// recovery stops the cycle: no third periodic
		// report, the report after recovery is owed
		post(app, Updates.message(Updates.nextId(), DBA, "/recovered"));
		post(app, Updates.press(Updates.nextId(), DBA, api.button("确认已恢复（现在）"), 1));
		await(Updates.GROUP, "恢复。请继续完成事后处理步骤");
		// numbering goes on: one periodic report was made, so the report after recovery
		// is the second
		await(Updates.GROUP, "恢复后报告 第 2 次现在到期");
		// no periodic report is planned any more and
		// what was due was sent: there is no third
		Planned.awaitSettled(app, id, (r) -> r.key().startsWith("CYCLE:"));
		assertThat(texts(Updates.GROUP)).noneMatch((t) -> t.contains("定期报告 第 3 次"));
		assertThat(((com.warroom.notify.internal.JdbcOutbox) outbox)
			.status("INC-" + incidentDay() + "-001:esc:1:1:0:zhou-tech")).isEqualTo("SENT");
	}

	private static String incidentDay() {
		return java.time.LocalDate.now(java.time.ZoneId.of("Asia/Shanghai"))
			.format(java.time.format.DateTimeFormatter.BASIC_ISO_DATE);
	}

	private ConfigurableApplicationContext start(Path data, EmbeddedRedis redis) {
		return new SpringApplicationBuilder(WarRoomApplication.class).run("--server.port=0",
				"--warroom.data-dir=" + data, "--warroom.redis-url=" + redis.url(),
				"--warroom.telegram.token=" + FakeBotApi.TOKEN, "--warroom.telegram.api-url=" + api.url(),
				"--warroom.telegram.mode=webhook", "--warroom.telegram.webhook-secret=s",
				"--warroom.telegram.chat-per-second=1000", "--warroom.telegram.group-per-minute=60000",
				"--warroom.report-cycle=PT10S", "--warroom.reminder-lead=PT3S", "--warroom.overdue-after=PT2S",
				"--warroom.ack-timeout=PT3S");
	}

	private void post(ConfigurableApplicationContext app, String update) throws Exception {
		Updates.postWebhook(app, update);
	}

	/** Waits for a message to {@code chat} containing {@code part}; returns its text. */
	private static String await(long chat, String part) {
		JsonNode found = api.await("sendMessage",
				(b) -> b.path("chat_id").asLong() == chat && b.path("text").asText().contains(part));
		return found.path("text").asText();
	}

	private static List<String> texts(long chat) {
		return api.calls("sendMessage")
			.stream()
			.filter((b) -> b.path("chat_id").asLong() == chat)
			.map((b) -> b.path("text").asText())
			.toList();
	}

	private static String lastButton(long chat, String label) {
		String found = null;
		for (JsonNode body : api.calls("sendMessage")) {
			for (JsonNode row : body.path("reply_markup").path("inline_keyboard")) {
				for (JsonNode button : row) {
					if (body.path("chat_id").asLong() == chat && button.path("text").asText().equals(label)) {
						found = button.path("callback_data").asText();
					}
				}
			}
		}
		assertThat(found).as("button %s in chat %d", label, chat).isNotNull();
		return found;
	}

	/** Waits for a button whose label starts with {@code prefix}; returns its token. */
	private static String buttonStartingWith(String prefix) {
		for (int attempt = 0; attempt < 1000; attempt++) {
			for (String method : List.of("editMessageText", "sendMessage")) {
				for (JsonNode body : api.calls(method)) {
					for (JsonNode row : body.path("reply_markup").path("inline_keyboard")) {
						for (JsonNode button : row) {
							if (button.path("text").asText().startsWith(prefix)) {
								return button.path("callback_data").asText();
							}
						}
					}
				}
			}
			FakeBotApi.sleep(20);
		}
		throw new AssertionError("no button starting with " + prefix);
	}

}
