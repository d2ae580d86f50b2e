package com.warroom.bot.telegram;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import com.warroom.WarRoomApplication;
import com.warroom.bot.engine.TestRedis;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The whole Telegram pipeline in webhook mode: updates posted to our endpoint, the engine
 * on the embedded Redis, and WireMock as the Bot API whose calls are asserted.
 */
@SpringBootTest(classes = WarRoomApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ExtendWith(OutputCaptureExtension.class)
class TelegramIntegrationTests {

	static final FakeBotApi api = new FakeBotApi();

	static final String SECRET = "s3cret-webhook-token";

	static final long DBA = 900000006L;

	static final long SYSADMIN = 900000007L;

	static final long COMMANDER = 900000004L;

	@LocalServerPort
	int port;

	private final HttpClient http = HttpClient.newHttpClient();

	@DynamicPropertySource
	static void telegram(DynamicPropertyRegistry registry) {
		registry.add("warroom.telegram.token", () -> FakeBotApi.TOKEN);
		registry.add("warroom.telegram.api-url", api::url);
		registry.add("warroom.telegram.mode", () -> "webhook");
		registry.add("warroom.telegram.webhook-secret", () -> SECRET);
		registry.add("warroom.redis-url", () -> TestRedis.server().url());
		registry.add("warroom.data-dir", () -> "target/test-data/telegram");
		registry.add("warroom.archive-dir", () -> temporaryArchive());
		// the pipeline is tested here, not Telegram's pacing (SendQueueTests covers that)
		registry.add("warroom.telegram.chat-per-second", () -> "1000");
		registry.add("warroom.telegram.group-per-minute", () -> "60000");
		registry.add("warroom.telegram.per-second", () -> "1000");
	}

	@AfterAll
	static void stop() {
		api.close();
	}

	@org.springframework.beans.factory.annotation.Autowired
	SendQueue queue;

	@org.springframework.beans.factory.annotation.Autowired
	org.springframework.context.ApplicationContext context;

	@BeforeEach
	void clean() {
		// what the last test set off (settlings, notifications, queued bulk edits) goes
		// before the slate is wiped
		Quiet.await(context);
		TestRedis.fresh();
		api.reset();
	}

	private int post(String json, String secret) throws Exception {
		HttpRequest.Builder request = HttpRequest
			.newBuilder(URI.create("http://localhost:" + port + "/telegram/webhook"))
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString(json));
		if (secret != null) {
			request.header("X-Telegram-Bot-Api-Secret-Token", secret);
		}
		return http.send(request.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
	}

	private void say(long user, String text) throws Exception {
		assertThat(post(Updates.message(Updates.nextId(), user, text), SECRET)).isEqualTo(200);
	}

	private void press(long user, String label) throws Exception {
		assertThat(post(Updates.press(Updates.nextId(), user, api.button(label), 1), SECRET)).isEqualTo(200);
	}

	private static boolean text(JsonNode body, String part) {
		return body.path("text").asText().contains(part);
	}

	@Test
	void aWholeIncidentFromDeclareToClose(CapturedOutput output) throws Exception {
		say(DBA, "/declare@WarRoomBot 数据库主机");
		JsonNode matches = api.await("sendMessage", (b) -> text(b, "最接近的预案"));
		assertThat(matches.path("parse_mode").asText()).isEqualTo("HTML");
		assertThat(matches.path("chat_id").asText()).isEqualTo(String.valueOf(Updates.GROUP));

		press(DBA, "数据库主机硬件故障");
		api.await("editMessageText", (b) -> text(b, "确认宣布事件"));
		String declare = api.button("确认宣布");
		api.reset();
		assertThat(post(Updates.press(Updates.nextId(), DBA, declare, 1), SECRET)).isEqualTo(200);
		JsonNode card = api.await("sendMessage", (b) -> text(b, "INC-") && text(b, "场景：数据库主机硬件故障"));
		api.await("sendMessage", (b) -> text(b, "<b>具体处置方法</b>"));
		assertThat(card.path("text").asText()).contains("级别：").contains("应立即报告：定期报告 第 1 次");
		// the exact calls of a declaration: answer the press, close the picker, post the
		// card and both tracks
		// (direct messages of the declaration's escalation go to other chats in parallel)
		assertThat(api.methodsFor(String.valueOf(Updates.GROUP)).subList(0, 5)).containsExactly("answercallbackquery",
				"editmessagetext", "sendmessage", "sendmessage", "sendmessage");
		// then the clock: the report this playbook owes at once
		api.await("sendMessage", (b) -> text(b, "定期报告 第 1 次现在到期"));
		assertThat(api.calls("answerCallbackQuery").get(0).path("text").asText()).startsWith("已宣布 INC-");

		press(DBA, "完成"); // the technical track's first step: power off the host (双岗复核)
		// GH-13: the step goes to the bottom of the
		// chat, its old message reduced to one line
		api.await("editMessageText", (b) -> text(b, "待第二人复核") && !text(b, "\n"));
		api.await("sendMessage", (b) -> text(b, "等待另一名人员复核确认"));
		press(SYSADMIN, "复核确认");
		api.await("editMessageText", (b) -> text(b, "第 1 步 经 郑系统管理员 复核 ✓"));
		api.await("sendMessage", (b) -> text(b, "启用备份数据库系统"));

		say(SYSADMIN, "/note 厂商 <工程师> 已到场 & 开始检测");
		api.await("sendMessage", (b) -> text(b, "已记入"));

		// /report sends the report book as a PDF document
		say(COMMANDER, "/report");
		LoggedRequest upload = awaitUpload();
		assertThat(upload.getPart("chat_id").getBody().asString()).isEqualTo(String.valueOf(Updates.GROUP));
		// the file travels as its own part, which the document field refers to
		assertThat(upload.getPart("document").getBody().asString()).isEqualTo("attach://事件情况报告书-第1次-草稿.pdf");
		String body = new String(upload.getBody(), StandardCharsets.UTF_8);
		assertThat(body).contains("filename=\"事件情况报告书-第1次-草稿.pdf\"").contains("%PDF-");

		say(DBA, "/recovered");
		press(DBA, "确认已恢复（现在）");
		api.await("sendMessage", (b) -> text(b, "恢复。请继续完成事后处理步骤"));
		say(COMMANDER, "/timeline");
		JsonNode timeline = api.await("sendMessage", (b) -> text(b, "时间线（第"));
		assertThat(timeline.path("text").asText()).contains("厂商 &lt;工程师&gt; 已到场 &amp; 开始检测")
			.contains("复核确认「操作人员和相关技术支持人员进一步确认故障并操作电源按钮关闭数…」")
			.contains("记录系统已恢复");

		say(COMMANDER, "/close");
		press(COMMANDER, "确认关闭");
		api.await("sendMessage", (b) -> text(b, "已关闭"));
		api.await("sendMessage", (b) -> text(b, "已归档：时间线、2 份文件及校验清单"));
		assertThat(output.getAll()).doesNotContain(FakeBotApi.TOKEN).doesNotContain("TEST-token");
	}

	private static String temporaryArchive() {
		try {
			return java.nio.file.Files.createTempDirectory("telegram-archive").toString();
		}
		catch (java.io.IOException ex) {
			throw new java.io.UncheckedIOException(ex);
		}
	}

	private static LoggedRequest awaitUpload() {
		for (int i = 0; i < 500 && api.uploads("sendDocument").isEmpty(); i++) {
			FakeBotApi.sleep(20);
		}
		assertThat(api.uploads("sendDocument")).as("a sendDocument call").isNotEmpty();
		return api.uploads("sendDocument").get(0);
	}

	@Test
	void rejectsWebhookCallsWithoutTheSecret() throws Exception {
		String update = Updates.message(Updates.nextId(), DBA, "/help");
		assertThat(post(update, null)).isEqualTo(403);
		assertThat(post(update, "wrong")).isEqualTo(403);
		assertThat(post("not json", SECRET)).isEqualTo(400);
		FakeBotApi.sleep(300);
		assertThat(api.calls("sendMessage")).isEmpty();
	}

	@Test
	void anUpdateDeliveredTwiceIsHandledOnce() throws Exception {
		String update = Updates.message(Updates.nextId(), DBA, "/help");
		assertThat(post(update, SECRET)).isEqualTo(200);
		assertThat(post(update, SECRET)).isEqualTo(200);
		api.await("sendMessage", (b) -> text(b, "可用命令"));
		FakeBotApi.sleep(500);
		assertThat(api.calls("sendMessage")).hasSize(1);
	}

	@Test
	void strangersAreRefusedPolitely() throws Exception {
		say(42L, "/declare 数据库");
		JsonNode refusal = api.await("sendMessage", (b) -> text(b, "不在应急名册中"));
		assertThat(refusal.path("text").asText()).doesNotContain("数据库");
	}

	/**
	 * A body of {@code size} bytes made as it is read, counting what the client actually
	 * pulled.
	 */
	private static java.io.InputStream endless(long size, java.util.concurrent.atomic.AtomicLong pulled) {
		return new java.io.InputStream() {

			@Override
			public int read() {
				return (pulled.get() < size && pulled.incrementAndGet() > 0) ? '{' : -1;
			}

			@Override
			public int read(byte[] buffer, int offset, int length) {
				long left = size - pulled.get();
				if (left <= 0) {
					return -1;
				}
				int n = (int) Math.min(length, left);
				java.util.Arrays.fill(buffer, offset, offset + n, (byte) '{');
				pulled.addAndGet(n);
				return n;
			}

		};
	}

	private int postLarge(long size, String secret, boolean withLength, java.util.concurrent.atomic.AtomicLong pulled) {
		HttpRequest.BodyPublisher body = HttpRequest.BodyPublishers.ofInputStream(() -> endless(size, pulled));
		if (withLength) {
			body = HttpRequest.BodyPublishers.fromPublisher(body, size);
		}
		HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/telegram/webhook"))
			.header("Content-Type", "application/json")
			.header("X-Telegram-Bot-Api-Secret-Token", secret)
			.timeout(java.time.Duration.ofSeconds(20))
			.POST(body)
			.build();
		try {
			return HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
		}
		catch (java.io.IOException ex) {
			return -1; // the server answered and closed the connection before the client
						// finished sending
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return -1;
		}
	}

	@Test // GH-11: the secret is checked before the body is read, and the body is capped
			// at 1 MB
	void aHundredMegabytesWithTheWrongSecretAreNeitherReadNorKept() throws Exception {
		long hundred = 100L * 1024 * 1024;
		java.util.concurrent.atomic.AtomicLong pulled = new java.util.concurrent.atomic.AtomicLong();
		int status = postLarge(hundred, "wrong", false, pulled);
		assertThat(status).isIn(403, -1);
		// the server stopped reading at once: the client could push only a few MB into
		// the socket buffers
		assertThat(pulled.get()).isLessThan(16L * 1024 * 1024);
		java.util.concurrent.atomic.AtomicLong declared = new java.util.concurrent.atomic.AtomicLong();
		assertThat(postLarge(hundred, "wrong", true, declared)).isIn(403, -1);
		assertThat(declared.get()).isLessThan(16L * 1024 * 1024);
		// with the right secret, more than 1 MB is refused: by its declared length, or
		// once 1 MB was read
		assertThat(postLarge(2L * 1024 * 1024, SECRET, true, new java.util.concurrent.atomic.AtomicLong())).isIn(413,
				-1);
		java.util.concurrent.atomic.AtomicLong chunked = new java.util.concurrent.atomic.AtomicLong();
		assertThat(postLarge(hundred, SECRET, false, chunked)).isIn(413, -1);
		assertThat(chunked.get()).isLessThan(16L * 1024 * 1024);
		// and the endpoint still works
		assertThat(post(Updates.message(Updates.nextId(), DBA, "/help"), SECRET)).isEqualTo(200);
		api.await("sendMessage", (b) -> text(b, "可用命令"));
	}

	@Test // GH-11
	void malformedUpdatesAreRefusedWith400AndChangeNothing(CapturedOutput output) throws Exception {
		String noChat = """
				{"update_id":%d,"message":{"message_id":1,"date":1,"from":{"id":%d,"is_bot":false,"first_name":"测试"},
				 "text":"/declare 数据库"}}""".formatted(Updates.nextId(), DBA);
		String noFrom = """
				{"update_id":%d,"callback_query":{"id":"cq1","chat_instance":"1","data":"AbCdEfGhJkMn",
				 "message":{"message_id":1,"date":1,"chat":{"id":%d,"type":"supergroup"},"text":"x"}}}"""
			.formatted(Updates.nextId(), Updates.GROUP);
		assertThat(post("null", SECRET)).isEqualTo(400);
		assertThat(post(noChat, SECRET)).isEqualTo(400);
		assertThat(post(noFrom, SECRET)).isEqualTo(400);
		FakeBotApi.sleep(300);
		assertThat(api.calls("sendMessage")).isEmpty();
		assertThat(api.calls("answerCallbackQuery")).isEmpty();
		// each logged once, in one line, without a stack trace
		assertThat(output.getAll().lines().filter((line) -> line.contains("拒绝格式错误的 Telegram 更新"))).hasSize(3);
		assertThat(output.getAll()).doesNotContain("NullPointerException");
	}

}
