package com.warroom.bot.web;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;

import com.warroom.bot.engine.MessageSlots;
import com.warroom.bot.engine.MutableClock;
import com.warroom.bot.engine.Outbound;
import com.warroom.bot.engine.TestRedis;
import com.warroom.bot.engine.Texts;
import com.warroom.bot.store.EmbeddedRedis;
import com.warroom.bot.store.RedisClients;
import com.warroom.bot.store.RedisFanout;
import com.warroom.bot.store.TestDatabase;
import com.zaxxer.hikari.HikariDataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;
import redis.clients.jedis.UnifiedJedis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.request;

/**
 * GH-15: two web stacks (two instances' WebEvents, WebChatLog, Sessions and channel) over
 * one database and one Redis. A message delivered through instance a reaches a page open
 * on instance b at once through Redis pub/sub (the database poll is set to an hour, so
 * only the fan-out can bring it); with Redis stopped it still arrives, by b's database
 * poll; when Redis is back both subscribe again without a restart and pub/sub carries the
 * next one. The streams are real SSE responses (MockMvc's async dispatch).
 */
class WebFanoutTests {

	private static final Duration HOUR = Duration.ofHours(1);

	private final MutableClock clock = new MutableClock(Instant.parse("2026-11-23T05:58:00Z"));

	private final HikariDataSource database = TestDatabase.fresh();

	private final List<AutoCloseable> opened = new ArrayList<>();

	private final String channel = "wr:web:events:test:" + System.nanoTime();

	/** The board as the shared database says (both instances read it). */
	private final java.util.concurrent.atomic.AtomicReference<String> board = new java.util.concurrent.atomic.AtomicReference<>(
			"v1");

	/** How often an instance read the board's signature. */
	private final java.util.concurrent.atomic.AtomicInteger boardReads = new java.util.concurrent.atomic.AtomicInteger();

	/**
	 * The board's signature: what it shows, and the minute (its times move with the
	 * clock), as {@code Board}'s.
	 */
	private String signature() {
		return board.get() + "|" + clock.millis() / 60_000;
	}

	@TempDir
	Path data;

	/** One instance's web stack. */
	private final class Instance {

		final WebChatLog log = new WebChatLog(database);

		final WebEvents events;

		final WebChannel web;

		final MockMvc mvc;

		Instance(UnifiedJedis redis, Duration poll) {
			Sessions sessions = new Sessions(redis, clock, Duration.ofHours(2), Duration.ofHours(12));
			events = new WebEvents(log, sessions, (message, chat, viewer) -> message.post().html(), () -> {
				boardReads.incrementAndGet();
				return signature();
			}, new RedisFanout(redis, channel, Duration.ofMillis(100)), clock, poll, HOUR);
			web = new WebChannel(log, new MessageSlots(redis), events, Texts.chinese(), clock);
			// UTF-8 text, as Spring Boot configures the application's converters
			mvc = MockMvcBuilders.standaloneSetup(new Streams(events))
				.setMessageConverters(
						new org.springframework.http.converter.StringHttpMessageConverter(StandardCharsets.UTF_8))
				.defaultResponseCharacterEncoding(StandardCharsets.UTF_8)
				.build();
			opened.add(events);
		}

		/** A page open on this instance: its event stream of {@code room}. */
		MvcResult open() throws Exception {
			return mvc.perform(get("/chat/room/events")).andExpect(request().asyncStarted()).andReturn();
		}

		/**
		 * A board page open on this instance, rendered when the board looked like
		 * {@code seen}.
		 */
		MvcResult openBoard(String seen) throws Exception {
			return mvc.perform(get("/board/events").param("seen", seen))
				.andExpect(request().asyncStarted())
				.andReturn();
		}

	}

	/** What ChatController does for a chat's event stream, without the page around it. */
	@RestController
	static final class Streams {

		private final WebEvents events;

		Streams(WebEvents events) {
			this.events = events;
		}

		@GetMapping("/chat/{chat}/events")
		SseEmitter chat(@PathVariable String chat) {
			return events.chat(user(), chat, 0);
		}

		@GetMapping("/board/events")
		SseEmitter board(@org.springframework.web.bind.annotation.RequestParam String seen) {
			return events.board(user(), seen);
		}

		private static WebUser user() {
			return new WebUser(PasswordAccountsTests.ROSTER.byId("wu-dba").orElseThrow(),
					new Sessions.Session("t", "wu-dba", "csrf", Instant.EPOCH, Instant.EPOCH));
		}

	}

	@AfterEach
	void close() throws Exception {
		for (int i = opened.size() - 1; i >= 0; i--) {
			opened.get(i).close();
		}
		database.close();
	}

	@Test
	void aMessageDeliveredOnOneInstanceReachesAPageOnTheOtherWithinASecondThroughPubSub() throws Exception {
		UnifiedJedis redis = TestRedis.client();
		Instance a = new Instance(redis, HOUR);
		Instance b = new Instance(redis, HOUR);
		awaitTrue("both subscribed", Duration.ofSeconds(10), () -> a.events.live() && b.events.live());
		MvcResult page = b.open();
		// the first message of the JVM loads the classes
		// of the whole path: not what is measured
		a.web.deliver(new Outbound.Send(WebChannel.chat("room"), "预热", List.of(), null, null));
		awaitTrue("the first message", Duration.ofSeconds(10), () -> body(page).contains("预热"));

		long sent = System.nanoTime();
		a.web.deliver(new Outbound.Send(WebChannel.chat("room"), "📣 第 1 次报告已记录", List.of(), null, "INC-20261123-001"));

		awaitTrue("b's page shows a's message", Duration.ofSeconds(1), () -> body(page).contains("📣 第 1 次报告已记录"));
		long millis = Duration.ofNanos(System.nanoTime() - sent).toMillis();
		System.out.println("GH-15 fan-out: a's message on b's page after " + millis + " ms");
		assertThat(body(page)).contains("event:message").contains("id:2");
	}

	@Test
	void aBoardChangeOnOneInstanceRefreshesTheBoardOnTheOtherThroughPubSub() throws Exception {
		UnifiedJedis redis = TestRedis.client();
		Instance a = new Instance(redis, HOUR);
		Instance b = new Instance(redis, HOUR);
		awaitTrue("both subscribed", Duration.ofSeconds(10), () -> a.events.live() && b.events.live());
		MvcResult page = b.openBoard(signature());

		// an incident changed through a (its card was
		// delivered there): the database has it
		board.set("v2");
		long changed = System.nanoTime();
		a.events.boardChanged();

		awaitTrue("b's board is told to refresh", Duration.ofSeconds(1), () -> body(page).contains("event:refresh"));
		System.out.println("GH-15 board fan-out: " + Duration.ofNanos(System.nanoTime() - changed).toMillis() + " ms");
		assertThat(body(page).split("event:refresh", -1)).hasSize(2);
	}

	@Test
	void whileSubscribedTheBoardIsReadOnlyWhenItsMinuteTurns() throws Exception {
		UnifiedJedis redis = TestRedis.client();
		Instance b = new Instance(redis, Duration.ofMillis(100));
		awaitTrue("subscribed", Duration.ofSeconds(10), b.events::live);
		MvcResult page = b.openBoard(signature());
		Thread.sleep(300);
		int before = boardReads.get();

		Thread.sleep(1000);
		// ten poll ticks: no database poll while the subscription is up
		assertThat(boardReads.get() - before).isZero();
		assertThat(body(page)).doesNotContain("event:refresh");

		// a report falls due with the clock alone: nobody publishes that, the minute
		// turning shows it
		clock.advance(Duration.ofMinutes(1));
		awaitTrue("the board refreshes when its minute turns", Duration.ofSeconds(1),
				() -> body(page).contains("event:refresh"));
		assertThat(boardReads.get() - before).isEqualTo(1);
	}

	@Test
	void withRedisStoppedTheOtherInstancesPageStillGetsTheMessageFromTheDatabaseAndPubSubResumesAfter()
			throws Exception {
		int port = freePort();
		EmbeddedRedis server = EmbeddedRedis.start(data.resolve("redis"), port);
		UnifiedJedis redis = RedisClients.create(server.url());
		opened.add(redis);
		Instance a = new Instance(redis, Duration.ofMillis(200));
		Instance b = new Instance(redis, Duration.ofMillis(200));
		awaitTrue("both subscribed", Duration.ofSeconds(10), () -> a.events.live() && b.events.live());
		MvcResult page = b.open();

		server.close();
		awaitTrue("both see the subscription lost", Duration.ofSeconds(10), () -> !a.events.live() && !b.events.live());
		// a reminder to a web chat while Redis is down:
		// stored in the database, nothing lost
		a.web.deliver(
				new Outbound.Send(WebChannel.chat("room"), "⏰ 报告提醒（Redis 停止期间）", List.of(), null, "INC-20261123-001"));
		assertThat(a.log.recent("room")).extracting((message) -> message.post().html())
			.containsExactly("⏰ 报告提醒（Redis 停止期间）");
		// an edit whose slot (in Redis) cannot be read
		// is posted as a new message, not lost
		a.web.deliver(new Outbound.Edit(WebChannel.chat("room"), "INC-20261123-001:card", "卡片（Redis 停止期间）", List.of(),
				"INC-20261123-001"));
		assertThat(a.log.recent("room")).extracting((message) -> message.post().html())
			.containsExactly("⏰ 报告提醒（Redis 停止期间）", "卡片（Redis 停止期间）");
		awaitTrue("b's page gets it by polling the database", Duration.ofSeconds(2),
				() -> body(page).contains("⏰ 报告提醒（Redis 停止期间）"));
		// and the board: its signature is polled too
		MvcResult boardPage = b.openBoard(signature());
		board.set("v2");
		a.events.boardChanged();
		awaitTrue("b's board refreshes by polling the database", Duration.ofSeconds(2),
				() -> body(boardPage).contains("event:refresh"));

		EmbeddedRedis again = EmbeddedRedis.start(data.resolve("redis"), port);
		opened.add(0, again);
		awaitTrue("both subscribed again, without a restart", Duration.ofSeconds(15),
				() -> a.events.live() && b.events.live());
		long sent = System.nanoTime();
		a.web.deliver(new Outbound.Send(WebChannel.chat("room"), "Redis 恢复后的消息", List.of(), null, null));
		awaitTrue("b's page gets the next one through pub/sub", Duration.ofSeconds(1),
				() -> body(page).contains("Redis 恢复后的消息"));
		System.out.println("GH-15 fan-out after Redis came back: "
				+ Duration.ofNanos(System.nanoTime() - sent).toMillis() + " ms");
		// each message once on the page, in order
		String shown = body(page);
		assertThat(shown.indexOf("⏰ 报告提醒")).isLessThan(shown.indexOf("Redis 恢复后的消息"));
		assertThat(shown.split("⏰ 报告提醒", -1)).hasSize(2);
		assertThat(shown.split("Redis 恢复后的消息", -1)).hasSize(2);
	}

	private static String body(MvcResult result) {
		try {
			return result.getResponse().getContentAsString(StandardCharsets.UTF_8);
		}
		catch (java.io.UnsupportedEncodingException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static void awaitTrue(String what, Duration limit, BooleanSupplier condition) throws InterruptedException {
		long end = System.nanoTime() + limit.toNanos();
		while (!condition.getAsBoolean()) {
			if (System.nanoTime() > end) {
				throw new AssertionError(what + ": not within " + limit);
			}
			Thread.sleep(20);
		}
	}

	private static int freePort() throws java.io.IOException {
		try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
			return socket.getLocalPort();
		}
	}

}
