package com.warroom.bot.web;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.warroom.bot.engine.Outbound;
import com.warroom.bot.engine.TestRedis;
import com.warroom.reports.Archive;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The web as deployed ({@code WEB_AUTH=password}): nothing without signing in, passwords
 * checked, CSRF tokens required, everything escaped. Real HTTP on a random port, the
 * embedded Redis.
 */
class WebSignInIntegrationTests extends SignedInWebTests {

	@Autowired
	Archive archive;

	@Autowired
	WebChannel channel;

	WebClient web;

	@BeforeEach
	void fresh() {
		TestRedis.fresh();
		web = new WebClient(port);
	}

	@Test // GH-6
	void refusesPagesDocumentsStreamsAndPostsWithoutSigningIn() {
		HttpResponse<String> board = web.get("/board");
		assertThat(board.statusCode()).isEqualTo(302);
		assertThat(board.headers().firstValue("Location"))
			.hasValueSatisfying((to) -> assertThat(to).endsWith("/login"));
		assertThat(web.get("/board/incidents/INC-20261123-001").statusCode()).isEqualTo(302);
		HttpResponse<String> document = web.get("/documents/INC-20261123-001/%E6%8A%A5%E5%91%8A%E4%B9%A6.pdf", "*/*");
		assertThat(document.statusCode()).isEqualTo(401);
		assertThat(document.body()).isEqualTo("请先登录。");
		assertThat(web.get("/chat/room/events", "text/event-stream").statusCode()).isEqualTo(401);
		assertThat(web.get("/board/events", "text/event-stream").statusCode()).isEqualTo(401);
		assertThat(web.post("/chat/room/messages", Map.of("text", "/help")).statusCode()).isEqualTo(401);
		// the probes stay open for the orchestrator
		assertThat(web.get("/livez", "*/*").statusCode()).isEqualTo(200);
	}

	@Test
	void offersNoIdentityChooser() {
		assertThat(web.get("/who").statusCode()).isEqualTo(404);
	}

	@Test // GH-6
	void signsInRosterPeopleWithTheRightPasswordOnly() {
		HttpResponse<String> wrong = web.signIn("wu-dba", "Wu-dba-pw-2025");
		assertThat(wrong.statusCode()).isEqualTo(401);
		assertThat(wrong.body()).contains("名册编号或密码不正确，请重试。");
		assertThat(web.cookie(Sessions.COOKIE)).isEmpty();
		assertThat(web.signIn("mallory", "Wu-dba-pw-2026").statusCode()).isEqualTo(401);

		web.setCookie(Sessions.COOKIE, "planted-by-someone-else-000000000000000000");
		HttpResponse<String> right = web.signIn("wu-dba", "Wu-dba-pw-2026");
		assertThat(right.statusCode()).isEqualTo(303);
		assertThat(right.headers().firstValue("Location")).hasValue("/chat/room");
		// a new session of its own, whatever cookie the browser had before
		assertThat(right.headers().firstValue("Set-Cookie"))
			.hasValueSatisfying((cookie) -> assertThat(cookie).startsWith(Sessions.COOKIE + "=")
				.doesNotContain("planted-by-someone-else")
				.contains("HttpOnly")
				.contains("SameSite=Lax"));
		HttpResponse<String> board = web.get("/board");
		assertThat(board.statusCode()).isEqualTo(200);
		assertThat(board.body()).contains("吴数据库管理员").contains("领导看板");
	}

	@Test
	void locksAnIdAfterRepeatedFailures() {
		for (int i = 0; i < PasswordAccounts.MAX_FAILURES; i++) {
			assertThat(web.signIn("zheng-sys", "guess-" + i).statusCode()).isEqualTo(401);
		}
		HttpResponse<String> locked = web.signIn("zheng-sys", "Zheng-sys-pw-2026");
		assertThat(locked.statusCode()).isEqualTo(429);
		assertThat(locked.body()).contains("登录失败次数过多，请 15 分钟后再试。");
	}

	@Autowired
	WebChatLog chats;

	@Test // GH-11
	void theOwnerOfAnIdLockedOutFromASourceIsToldInTheirOwnChat() {
		for (int i = 0; i < PasswordAccounts.MAX_FAILURES; i++) {
			assertThat(web.signIn("zheng-sys", "guess-" + i).statusCode()).isEqualTo(401);
		}
		assertThat(chats.recent("p-zheng-sys")).singleElement()
			.satisfies((message) -> assertThat(message.post().html()).contains("您的网页账户 <b>zheng-sys</b>")
				.contains("从 127.0.0.1 连续 5 次密码错误，该来源已被锁定 15 分钟"));
		// nobody else hears of it
		assertThat(chats.recent("p-wu-dba")).isEmpty();
	}

	@Test // GH-6
	void theSignInFormNeedsItsOwnCsrfToken() {
		web.get("/login");
		HttpResponse<String> forged = web.post("/login", Map.of("person", "wu-dba", "password", "Wu-dba-pw-2026"));
		assertThat(forged.statusCode()).isEqualTo(403);
		assertThat(forged.body()).contains("页面已过期");
		assertThat(web.cookie(Sessions.COOKIE)).isEmpty();
	}

	@Test // GH-6
	void everyPostNeedsTheSessionsCsrfToken() {
		web.signIn("wu-dba", "Wu-dba-pw-2026");
		assertThat(web.post("/chat/room/messages", Map.of("text", "/help")).statusCode()).isEqualTo(403);
		assertThat(web.post("/chat/room/messages", Map.of("text", "/help", "_csrf", "x".repeat(43))).statusCode())
			.isEqualTo(403);
		assertThat(web.post("/logout", Map.of()).statusCode()).isEqualTo(403);
		HttpResponse<String> said = web.say("room", "/help");
		assertThat(said.statusCode()).isEqualTo(200);
		assertThat(said.body()).contains("\"notices\"");
		assertThat(web.get("/chat/room").body()).contains("WarRoom 应急指挥机器人");
	}

	@Test
	void signingOutEndsTheSessionForGood() {
		web.signIn("wu-dba", "Wu-dba-pw-2026");
		String token = web.cookie(Sessions.COOKIE).orElseThrow();
		HttpResponse<String> out = web.post("/logout", Map.of("_csrf", web.csrf()));
		assertThat(out.statusCode()).isEqualTo(303);
		assertThat(out.headers().firstValue("Location")).hasValue("/login?out");
		web.setCookie(Sessions.COOKIE, token);
		HttpResponse<String> again = web.get("/board");
		assertThat(again.statusCode()).isEqualTo(302);
		assertThat(again.headers().firstValue("Location"))
			.hasValueSatisfying((to) -> assertThat(to).endsWith("/login?expired"));
	}

	@Test
	void nobodyEntersSomeoneElsesPrivateChat() {
		web.signIn("wu-dba", "Wu-dba-pw-2026");
		assertThat(web.get("/chat/p-wu-dba").statusCode()).isEqualTo(200);
		assertThat(web.get("/chat/p-zhao-gm").statusCode()).isEqualTo(403);
		assertThat(web.get("/chat/p-zhao-gm/events", "text/event-stream").statusCode()).isEqualTo(403);
	}

	@Test // GH-6
	void aNoteWithScriptIsShownAsTextEverywhere() {
		web.signIn("wu-dba", "Wu-dba-pw-2026");
		String id = declare(web, "数据库主机", "数据库主机硬件故障");
		assertThat(web.say("room", "/note <script>alert(1)</script>").statusCode()).isEqualTo(200);

		String chat = web.get("/chat/room").body();
		assertThat(chat).contains("/note &lt;script&gt;alert(1)&lt;/script&gt;").doesNotContain("<script>alert(1)");
		String page = web.get("/board/incidents/" + id).body();
		assertThat(page).contains("备注：&lt;script&gt;alert(1)&lt;/script&gt;").doesNotContain("<script>alert(1)");
		assertThat(page).contains("具体处置方法").contains("处置流程").contains("当前步骤");
	}

	@Test // GH-6
	void aReplyToAnIncidentsMessageBecomesANote() {
		web.signIn("wu-dba", "Wu-dba-pw-2026");
		String id = declare(web, "数据库主机", "数据库主机硬件故障");
		Matcher card = Pattern
			.compile("<li class=\"msg bot\" id=\"m-(\\d+)\"[^>]*>\\n<div class=\"meta\">.*?data-label=\"" + id)
			.matcher(web.get("/chat/room").body());
		assertThat(card.find()).isTrue();
		HttpResponse<String> reply = web.post("/chat/room/messages",
				Map.of("_csrf", web.csrf(), "text", "备用库已拉起", "replyTo", card.group(1)));
		assertThat(reply.statusCode()).isEqualTo(200);
		assertThat(web.get("/chat/room").body()).contains("已记入 " + id + " 的时间线。");
		assertThat(web.get("/board/incidents/" + id).body()).contains("备注：备用库已拉起");
	}

	@Test // GH-6
	void theBoardShowsOpenIncidentsWithDrillsApart() {
		web.signIn("wu-dba", "Wu-dba-pw-2026");
		String real = declare(web, "数据库主机", "数据库主机硬件故障");
		web.say("room", "/drill 数据库主机");
		String drill = press(web, "room", "确认宣布", pressFirst(web, "room", "数据库主机硬件故障"));
		assertThat(drill).startsWith("DRL-");
		String board = web.get("/board").body();
		int drills = board.indexOf("进行中的演练");
		assertThat(board.indexOf(real)).isBetween(board.indexOf("进行中的事件"), drills);
		assertThat(board.indexOf(drill)).isGreaterThan(drills);
		assertThat(board).contains("应立即报告：定期报告 第 1 次").contains("已报告").contains("吴数据库管理员");
	}

	@Test // GH-12
	void theBoardKeepsClosedIncidentsWithReportsOutstanding() {
		web.signIn("zhou-tech", "Zhou-tech-pw-2026");
		String id = declare(web, "网页 篡改", "网页内容被篡改");
		web.say("room", "/recovered");
		press(web, "room", "确认已恢复（现在）", null);
		web.say("room", "/close");
		press(web, "room", "确认关闭", null);
		String board = web.get("/board").body();
		int owing = board.indexOf("已关闭、仍有报告待完成");
		assertThat(owing).isPositive();
		assertThat(board.indexOf("data-id=\"" + id + "\"")).isGreaterThan(owing);
		assertThat(board.substring(owing)).contains("恢复后报告 第 1 次").doesNotContain("第 1/7 步");
	}

	@org.springframework.beans.factory.annotation.Autowired
	com.warroom.bot.engine.IncidentViews views;

	@Test // GH-13
	void theBoardShowsAnOverdueReportRedAtOnceWithHowLateAndTheIncidentsCourse() {
		web.signIn("feng-liaison", "Feng-liaison-pw-2026");
		String id = declare(web, "网页 篡改", "网页内容被篡改"); // reports at once (4.2 第五章)
		web.say("room", "/note " + id + " 已联系网站管理人员");
		assertThat(card(web.get("/board").body(), id)).contains("应立即报告：定期报告 第 1 次").contains("due-now");
		clock.advance(java.time.Duration.ofMinutes(7)); // past OVERDUE_AFTER (5 minutes):
														// the chat says 已超时
		String late = card(web.get("/board").body(), id);
		assertThat(late).contains("due-late").contains("已超时：定期报告 第 1 次").contains("已晚 7 分钟");
		// 处置人员: who declared and worked steps, not who only wrote a note
		assertThat(late).contains("冯技术服务岗");
		// the course at a glance: declared so far
		assertThat(late).contains("<ol class=\"strip\"").contains("m-DECLARED");

		// a blocked step is flagged; who worked it is
		// among the 处置人员; an override is explained
		WebClient sys = new WebClient(port);
		sys.signIn("zheng-sys", "Zheng-sys-pw-2026");
		press(sys, "room", "受阻", null);
		sys.say("room", "等待网站服务商回复");
		WebClient gm = new WebClient(port);
		gm.signIn("zhao-gm", "Zhao-gm-pw-2026");
		gm.say("room", "/level " + id);
		press(gm, "room", "较大", null);
		gm.say("room", "涉及公司门户，从严定级");
		web.say("room", "/reported " + id);
		press(web, "room", "电话", pressFirst(web, "room",
				"定期报告 第 1 次（" + views.time(clock.instant().minus(java.time.Duration.ofMinutes(7))) + " 前）"));
		press(web, "room", "现在", null);
		String later = card(web.get("/board").body(), id);
		assertThat(later).contains("blocked-flag").contains("⛔ 受阻");
		assertThat(later).contains("郑系统管理员").contains("冯技术服务岗");
		assertThat(later).contains("较大*").contains("* 人工调整，理由：涉及公司门户，从严定级（按规则计算为 一般）");
		assertThat(later).contains("m-LEVEL_SET").contains("调整为较大").contains("m-REPORTED").contains("定期报告 第 1 次");
	}

	/** The board's card of one incident. */
	private static String card(String board, String id) {
		int at = board.indexOf("data-id=\"" + id + "\"");
		assertThat(at).as("card of " + id).isPositive();
		int start = board.lastIndexOf("<a class=\"incident", at);
		return board.substring(start, board.indexOf("</a>", at));
	}

	@Test // GH-6
	void documentsDownloadOnceSignedIn() {
		web.signIn("wu-dba", "Wu-dba-pw-2026");
		String id = declare(web, "数据库主机", "数据库主机硬件故障");
		byte[] pdf = "%PDF-1.7 report book".getBytes(StandardCharsets.UTF_8);
		// other tests may have archived this id's name
		// already (ids restart with each fresh Redis)
		String name = archive.store(id, "报告书-第1次.pdf", pdf).name();
		String page = web.get("/board/incidents/" + id).body();
		String link = "/documents/" + id + "/" + WebHtml.segment(name);
		assertThat(page).contains("href=\"" + link + "\"");
		HttpResponse<String> document = web.get(link, "*/*");
		assertThat(document.statusCode()).isEqualTo(200);
		assertThat(document.headers().firstValue("Content-Type")).hasValue("application/pdf");
		assertThat(document.headers().firstValue("Content-Disposition")).hasValueSatisfying(
				(disposition) -> assertThat(disposition).startsWith("attachment;").contains("UTF-8''%E6%8A%A5"));
		assertThat(document.body()).isEqualTo("%PDF-1.7 report book");
		// a document the engine sends to the chat is a link there too
		channel.deliver(new Outbound.Document(WebChannel.chat("room"), id, name, "<b>报告书</b> 第 1 次"));
		assertThat(web.get("/chat/room").body()).contains("<a class=\"file\" href=\"" + link + "\" download>");
		assertThat(web.get("/documents/" + id + "/..%2F..%2Fmanifest.json", "*/*").statusCode()).isIn(400, 404);
		assertThat(web.get("/documents/" + id + "/%2E%2E", "*/*").statusCode()).isIn(400, 404);
		assertThat(web.get("/documents/" + id + "/missing.pdf", "*/*").statusCode()).isEqualTo(404);
	}

	@Test // GH-6
	void closedIncidentsArchivesAreForLeadersAndTheCommanderOnly() {
		String id = "INC-20261119-001";
		if (archive.sealed(id).isEmpty()) {
			archive.store(id, "信息系统事件记录表.pdf", "%PDF-1.7 record".getBytes(StandardCharsets.UTF_8));
			archive.seal(id, "{\"incident\": \"" + id + "\", \"entries\": []}");
		}
		web.signIn("wu-dba", "Wu-dba-pw-2026");
		assertThat(web.get("/board").body()).doesNotContain("href=\"/board/archive\"");
		assertThat(web.get("/board/archive").statusCode()).isEqualTo(403);
		assertThat(web.get("/board/incidents/" + id).statusCode()).isEqualTo(403);
		assertThat(web.get("/documents/" + id + "/timeline.json", "*/*").statusCode()).isEqualTo(403);
		WebClient commander = new WebClient(port);
		commander.signIn("zhou-tech", "Zhou-tech-pw-2026");
		assertThat(commander.get("/board/archive").body()).contains(id);
		assertThat(commander.get("/documents/" + id + "/timeline.json", "*/*").statusCode()).isEqualTo(200);
	}

	@Test // GH-6
	void theChatStreamCarriesNewMessagesToTheBrowser() throws Exception {
		web.signIn("wu-dba", "Wu-dba-pw-2026");
		String token = web.cookie(Sessions.COOKIE).orElseThrow();
		HttpRequest request = HttpRequest
			.newBuilder(URI.create("http://127.0.0.1:" + port + "/chat/room/events?since=0"))
			.header("Accept", "text/event-stream")
			.header("Cookie", Sessions.COOKIE + "=" + token)
			.build();
		HttpResponse<InputStream> stream = HttpClient.newHttpClient()
			.send(request, HttpResponse.BodyHandlers.ofInputStream());
		assertThat(stream.statusCode()).isEqualTo(200);
		assertThat(stream.headers().firstValue("Content-Type"))
			.hasValueSatisfying((type) -> assertThat(type).startsWith("text/event-stream"));
		web.say("room", "/help");
		CompletableFuture<String> help = CompletableFuture.supplyAsync(() -> readUntil(stream.body(), "应急指挥机器人"));
		assertThat(help.get(10, TimeUnit.SECONDS)).contains("event:message");
		stream.body().close();
	}

	/** Declares by words and title in the room; returns the incident id. */
	private static final Pattern INCIDENT_ID = Pattern.compile("(INC|DRL)-\\d{8}-\\d{3}");

	static String declare(WebClient web, String words, String title) {
		web.say("room", "/declare " + words);
		return press(web, "room", "确认宣布", pressFirst(web, "room", title));
	}

	static String pressFirst(WebClient web, String chat, String label) {
		press(web, chat, label, null);
		return label;
	}

	/**
	 * Presses the newest button labelled {@code label}; returns the incident id that the
	 * press brought into the chat (the newest one then, if it named none new: reminders
	 * of other incidents may arrive in the meantime).
	 */
	static String press(WebClient web, String chat, String label, String previous) {
		String page = web.get("/chat/" + chat).body();
		java.util.Set<String> before = new java.util.HashSet<>();
		Matcher known = INCIDENT_ID.matcher(page);
		while (known.find()) {
			before.add(known.group());
		}
		Pattern button = Pattern
			.compile("name=\"token\" value=\"([^\"]+)\"><input type=\"hidden\" name=\"message\" value=\"(\\d+)\">"
					+ "<button type=\"submit\">" + Pattern.quote(label) + "</button>");
		Matcher matcher = button.matcher(page);
		String token = null;
		String message = null;
		while (matcher.find()) {
			token = matcher.group(1);
			message = matcher.group(2);
		}
		assertThat(token).as("button " + label).isNotNull();
		HttpResponse<String> pressed = web.post("/chat/" + chat + "/press",
				Map.of("_csrf", web.csrf(), "token", token, "message", message));
		assertThat(pressed.statusCode()).isEqualTo(200);
		Matcher id = INCIDENT_ID.matcher(web.get("/chat/" + chat).body());
		String last = null;
		String newest = null;
		while (id.find()) {
			last = id.group();
			if (!before.contains(last)) {
				newest = last;
			}
		}
		return (newest != null) ? newest : last;
	}

	private static String readUntil(InputStream in, String text) {
		StringBuilder seen = new StringBuilder();
		try {
			BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
			String line;
			while ((line = reader.readLine()) != null) {
				seen.append(line).append('\n');
				if (line.contains(text)) {
					return seen.toString();
				}
			}
		}
		catch (IOException ex) {
			throw new java.io.UncheckedIOException(ex);
		}
		return seen.toString();
	}

}
