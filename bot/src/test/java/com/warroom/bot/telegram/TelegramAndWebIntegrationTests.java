package com.warroom.bot.telegram;

import java.net.CookieManager;
import java.net.CookiePolicy;
import java.net.HttpCookie;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import com.fasterxml.jackson.databind.JsonNode;
import com.warroom.WarRoomApplication;
import com.warroom.bot.engine.TestRedis;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * With a token, Telegram and the web work side by side on the same incidents: an incident
 * declared in Telegram is on the leaders' board, which (a token meaning deployed use)
 * needs signing in; the web chat answers beside it.
 */
@SpringBootTest(classes = WarRoomApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class TelegramAndWebIntegrationTests {

	static final FakeBotApi api = new FakeBotApi();

	static final String SECRET = "another-webhook-secret";

	static final long DBA = 900000006L;

	@LocalServerPort
	int port;

	private final CookieManager cookies = new CookieManager(null, CookiePolicy.ACCEPT_ALL);

	private final HttpClient http = HttpClient.newBuilder().cookieHandler(cookies).build();

	@DynamicPropertySource
	static void properties(DynamicPropertyRegistry registry) {
		registry.add("warroom.telegram.token", () -> FakeBotApi.TOKEN);
		registry.add("warroom.telegram.api-url", api::url);
		registry.add("warroom.telegram.mode", () -> "webhook");
		registry.add("warroom.telegram.webhook-secret", () -> SECRET);
		registry.add("warroom.telegram.chat-per-second", () -> "1000");
		registry.add("warroom.telegram.group-per-minute", () -> "60000");
		registry.add("warroom.telegram.per-second", () -> "1000");
		registry.add("warroom.web.passwords-file", () -> "src/test/resources/com/warroom/bot/web/web-passwords.txt");
		registry.add("warroom.redis-url", () -> TestRedis.server().url());
		registry.add("warroom.data-dir", () -> "target/test-data/telegram-web");
		registry.add("server.address", () -> "127.0.0.1");
	}

	@AfterAll
	static void stop() {
		api.close();
	}

	@org.springframework.beans.factory.annotation.Autowired
	org.springframework.context.ApplicationContext context;

	@BeforeEach
	void clean() {
		// what the last test set off (settlings, notifications, queued edits) goes before
		// the slate is wiped
		Quiet.await(context);
		TestRedis.fresh();
		api.reset();
	}

	@Test // GH-6
	void anIncidentDeclaredInTelegramIsOnTheBoardOfPeopleSignedInOnTheWeb() throws Exception {
		webhook(Updates.message(Updates.nextId(), DBA, "/declare 数据库主机"));
		api.await("sendMessage", (b) -> b.path("text").asText().contains("最接近的预案"));
		webhook(Updates.press(Updates.nextId(), DBA, api.button("数据库主机硬件故障"), 1));
		api.await("editMessageText", (b) -> b.path("text").asText().contains("确认宣布事件"));
		webhook(Updates.press(Updates.nextId(), DBA, api.button("确认宣布"), 1));
		JsonNode card = api.await("sendMessage", (b) -> b.path("text").asText().contains("场景：数据库主机硬件故障"));
		Matcher id = Pattern.compile("INC-\\d{8}-\\d{3}").matcher(card.path("text").asText());
		assertThat(id.find()).isTrue();

		// a token means deployed use: no chooser, sign-in first
		assertThat(get("/who").statusCode()).isEqualTo(404);
		assertThat(get("/board").statusCode()).isEqualTo(302);
		get("/login");
		assertThat(post("/login",
				Map.of("_csrf", cookie("WARROOM_FORM"), "person", "wu-dba", "password", "Wu-dba-pw-2026"))
			.statusCode()).isEqualTo(303);

		assertThat(get("/board").body()).contains(id.group()).contains("数据库主机硬件故障");
		String page = get("/board/incidents/" + id.group()).body();
		assertThat(page).contains("宣布人：吴数据库管理员").doesNotContain("到聊天中处理");

		// the web chat answers beside Telegram, and nothing of it goes to Telegram
		Matcher csrf = Pattern.compile("<meta name=\"csrf\" content=\"([^\"]+)\">").matcher(get("/chat/room").body());
		assertThat(csrf.find()).isTrue();
		assertThat(post("/chat/room/messages", Map.of("_csrf", csrf.group(1), "text", "/help")).statusCode())
			.isEqualTo(200);
		assertThat(get("/chat/room").body()).contains("吴数据库管理员，您好。");
		assertThat(api.calls("sendMessage"))
			.noneSatisfy((call) -> assertThat(call.path("text").asText()).contains("您好"));
	}

	private void webhook(String update) throws Exception {
		HttpRequest request = HttpRequest.newBuilder(uri("/telegram/webhook"))
			.header("Content-Type", "application/json")
			.header("X-Telegram-Bot-Api-Secret-Token", SECRET)
			.POST(HttpRequest.BodyPublishers.ofString(update))
			.build();
		assertThat(HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.discarding()).statusCode())
			.isEqualTo(200);
	}

	private HttpResponse<String> get(String path) throws Exception {
		return http.send(HttpRequest.newBuilder(uri(path)).header("Accept", "text/html").build(),
				HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
	}

	private HttpResponse<String> post(String path, Map<String, String> form) throws Exception {
		String body = form.entrySet()
			.stream()
			.map((e) -> e.getKey() + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
			.collect(Collectors.joining("&"));
		return http.send(HttpRequest.newBuilder(uri(path))
			.header("Content-Type", "application/x-www-form-urlencoded")
			.header("Accept", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString(body))
			.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
	}

	private String cookie(String name) {
		return cookies.getCookieStore()
			.getCookies()
			.stream()
			.filter((c) -> c.getName().equals(name))
			.map(HttpCookie::getValue)
			.findFirst()
			.orElse("");
	}

	private URI uri(String path) {
		return URI.create("http://127.0.0.1:" + port + path);
	}

}
