package com.warroom.bot.telegram;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import com.github.tomakehurst.wiremock.stubbing.StubMapping;
import com.warroom.WarRoomApplication;
import com.warroom.bot.store.EmbeddedRedis;
import com.warroom.bot.store.TestPostgres;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import redis.clients.jedis.RedisClient;
import redis.clients.jedis.UnifiedJedis;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * GH-15, "a paused instance (SIGSTOP past its Quartz check-in, then SIGCONT) sends
 * nothing twice", for real: two JVMs of the application (its classes started as child
 * processes, {@link Instance}) on one real PostgreSQL ({@link TestPostgres}) and one
 * Redis, in Telegram's polling mode against one fake Bot API that counts every
 * sendMessage per chat. The instance that polls is frozen with {@code kill -STOP} while
 * the reply to a note is waiting in its outbox (Telegram answered it 429) and the
 * incident's overdue reminder is about to come due; it stays frozen past its Quartz
 * check-in, the poller's lease and its outbox node's lease. The other takes over polling,
 * handles a note, fires the overdue reminder and sends the frozen instance's waiting
 * reply. Then {@code kill -CONT}: the resumed instance steps down, and its retry of the
 * reply it still holds is fenced (its row is the other's now, its lease of an old epoch),
 * so no message reaches any chat twice. Short intervals by configuration: check-in 2 s,
 * poller lease 3 s; the outbox node's lease is its fixed 30 s
 * ({@link TelegramOutbox#STALE}), so the pause is 50 s.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PausedInstanceIntegrationTests {

	private static final long LIAISON = 900000009L;

	private static final String GROUP = String.valueOf(Updates.GROUP);

	/**
	 * Longer than the Quartz check-in (2 s), the poller's lease (3 s) and the outbox
	 * node's lease (30 s).
	 */
	private static final Duration PAUSE = Duration.ofSeconds(50);

	private static final ObjectMapper JSON = new ObjectMapper();

	@TempDir
	static Path data;

	private FakeBotApi api;

	private EmbeddedRedis redis;

	private String database;

	private final List<Instance> instances = new ArrayList<>();

	@BeforeAll
	void servers() throws Exception {
		// skips the class, with the reason, without PostgreSQL
		database = TestPostgres.freshDatabase();
		api = new FakeBotApi();
		redis = EmbeddedRedis.start(data.resolve("redis"), 0);
		for (String name : List.of("a", "b")) {
			instances.add(Instance.start(name, data.resolve(name),
					List.of("--warroom.redis-url=" + redis.url(), "--warroom.database-url=" + database,
							"--warroom.database-user=postgres", "--warroom.record-store=database",
							"--warroom.telegram.node-id=" + name, "--warroom.telegram.token=" + FakeBotApi.TOKEN,
							"--warroom.telegram.api-url=" + api.url(), "--warroom.telegram.mode=polling",
							"--warroom.telegram.chat-per-second=1000", "--warroom.telegram.group-per-minute=60000",
							"--warroom.reminder-lead=PT1S", "--warroom.overdue-after=PT25S",
							"--warroom.ack-timeout=PT10M", "--warroom.cluster.checkin-interval=PT2S",
							"--warroom.cluster.poller-lease=PT3S", "--warroom.cluster.outbox-lease=PT5S")));
		}
		for (Instance instance : instances) {
			instance.awaitReady(Duration.ofSeconds(240));
		}
	}

	@AfterAll
	void stop() {
		for (Instance instance : instances) {
			instance.close();
		}
		if (redis != null) {
			redis.close();
		}
		if (api != null) {
			api.close();
		}
	}

	@Test
	void aPollerFrozenPastItsLeasesSendsNothingTwiceWhenItResumesAndStepsDown() throws Exception {
		await("an instance polls", Duration.ofSeconds(30), () -> poller() != null);
		Instance leader = instance(poller());
		Instance other = instances.get(instances.indexOf(leader) == 0 ? 1 : 0);
		long epoch = lease("EPOCH");

		// an incident, declared through the poller: its at-once report is reminded now,
		// its overdue in 25 s
		deliver(Updates.message(Updates.nextId(), LIAISON, "/declare 网页 篡改"));
		deliver(Updates.press(Updates.nextId(), LIAISON, api.button("网页内容被篡改"), 1));
		deliver(Updates.press(Updates.nextId(), LIAISON, api.button("确认宣布"), 1));
		await("the at-once reminder", Duration.ofSeconds(30), () -> delivered("现在到期") == 1);

		// the reply to a note waits in the poller's outbox
		// (Telegram answers 429) when it is frozen
		StubMapping tooMany = api.server.stubFor(post(urlPathMatching("(?i)/bot.*/sendMessage")).atPriority(1)
			.willReturn(aResponse().withStatus(429)
				.withHeader("Content-Type", "application/json")
				.withBody("{\"ok\":false,\"error_code\":429,\"description\":\"Too Many Requests: retry after 55\","
						+ "\"parameters\":{\"retry_after\":55}}")));
		deliver(Updates.message(Updates.nextId(), LIAISON, "/note 暂停前的记录"));
		await("the note's reply refused with 429", Duration.ofSeconds(30),
				() -> sends().stream().anyMatch((s) -> s.status() == 429 && s.text().contains("已记入")));
		// and the poller took the 429 in: the row is back to pending (frozen before that,
		// the call would be ambiguous, SENDING, and the
		// other instance would resend it marked （重发）)
		try (UnifiedJedis client = RedisClient.create(URI.create(redis.url()))) {
			await("the refused reply pending again", Duration.ofSeconds(10), () -> rows(
					"SELECT ID FROM WR_TG_OUTBOX WHERE PAYLOAD LIKE '%已记入%' AND ATTEMPTS > 0 AND STATUS = 'PENDING'")
				.stream()
				.anyMatch((id) -> !client.exists("wr:tg:attempt:" + id)));
		}
		leader.signal("STOP");
		Instant stopped = Instant.now();
		api.server.removeStub(tooMany);

		// the other takes over polling and the conversation ...
		await("the other polls", Duration.ofSeconds(20), () -> other.name().equals(poller()));
		Duration takeover = Duration.between(stopped, Instant.now());
		assertThat(lease("EPOCH")).isGreaterThan(epoch);
		deliver(Updates.message(Updates.nextId(), LIAISON, "/note 暂停期间的记录"));
		await("the note during the pause answered", Duration.ofSeconds(20), () -> delivered("已记入") >= 1);
		Duration continued = Duration.between(stopped, Instant.now());
		// ... and the clock: the overdue reminder,
		// due during the pause, fires on the other
		await("the overdue reminder", PAUSE, () -> delivered("前），已逐级升级通知") == 1);
		// ... and, once the frozen one's outbox lease
		// lapsed, sends the reply it left waiting
		await("the frozen instance's waiting reply", PAUSE, () -> delivered("已记入") >= 2);
		long sleep = PAUSE.minus(Duration.between(stopped, Instant.now())).toMillis();
		FakeBotApi.sleep(Math.max(0, sleep));
		Instant resumedAt = Instant.now();
		List<Send> duringPause = sends().stream()
			.filter((s) -> s.at().isAfter(stopped) && s.at().isBefore(resumedAt))
			.toList();
		leader.signal("CONT");

		// resumed: it steps down, and its retry of the
		// waiting reply (55 s after the 429) is fenced
		await("the resumed instance steps down", Duration.ofSeconds(20),
				() -> leader.log().contains("Telegram 轮询租约已由其他实例持有：本实例停止轮询"));
		await("the resumed instance's retry fenced", Duration.ofSeconds(30),
				() -> leader.log().contains("已由其他节点接手，本节点不再发送"));
		FakeBotApi.sleep(3000);
		assertThat(poller()).isEqualTo(other.name());
		deliver(Updates.message(Updates.nextId(), LIAISON, "/note 恢复后的记录"));
		await("the note after the pause answered", Duration.ofSeconds(20), () -> delivered("已记入") >= 3);
		FakeBotApi.sleep(3000);

		Map<String, Long> copies = sends().stream()
			.filter((s) -> s.status() == 200 && !s.text().startsWith("（重发）"))
			.collect(Collectors.groupingBy(Send::key, Collectors.counting()));
		long groupDuplicates = copies.entrySet()
			.stream()
			.filter((e) -> e.getKey().startsWith(GROUP + "|"))
			.mapToLong((e) -> e.getValue() - 1)
			.sum();
		long otherDuplicates = copies.entrySet()
			.stream()
			.filter((e) -> !e.getKey().startsWith(GROUP + "|"))
			.mapToLong((e) -> e.getValue() - 1)
			.sum();
		long resent = sends().stream().filter((s) -> s.status() == 200 && s.text().startsWith("（重发）")).count();
		sends().forEach((s) -> System.out
			.println("GH-15 sent " + s.at() + " " + s.status() + " " + s.chat() + " " + s.text().replace('\n', ' ')));
		System.out.println("GH-15 paused instance: takeover of polling " + takeover.toMillis() + " ms, the next update"
				+ " answered " + continued.toMillis() + " ms after the SIGSTOP; " + duringPause.size()
				+ " messages sent during the " + PAUSE.toSeconds() + " s pause (by the other instance); duplicates in"
				+ " group chats " + groupDuplicates + ", in private chats " + otherDuplicates + ", copies marked （重发） "
				+ resent);
		assertThat(groupDuplicates).isZero();
		assertThat(otherDuplicates).isZero();
		assertThat(resent).isZero();
		// every message once: the overdue reminder sent
		// during the pause, nothing twice after it
		assertThat(delivered("现在到期")).isEqualTo(1);
		assertThat(delivered("前），已逐级升级通知")).isEqualTo(1);
		assertThat(duringPause)
			.anyMatch((s) -> s.status() == 200 && s.chat().equals(GROUP) && s.text().contains("前），已逐级升级通知"));
		assertThat(delivered("已记入")).isEqualTo(3);
		// the waiting reply went out from the other instance's outbox, once, and no row
		// is left unsent
		assertThat(rows("SELECT NODE || ':' || STATUS FROM WR_TG_OUTBOX WHERE PAYLOAD LIKE '%已记入%' ORDER BY SEQ"))
			.containsOnly(other.name() + ":SENT")
			.hasSize(3);
		assertThat(rows("SELECT ID FROM WR_TG_OUTBOX WHERE STATUS IN ('PENDING', 'SENDING')")).isEmpty();
		// and every note on the timeline once
		for (String note : List.of("暂停前的记录", "暂停期间的记录", "恢复后的记录")) {
			assertThat(rows("SELECT DETAILS FROM WR_TIMELINE WHERE TYPE = 'NOTE'")).filteredOn((d) -> d.contains(note))
				.as(note)
				.hasSize(1);
		}
	}

	/**
	 * One call to sendMessage the fake Bot API took: when, its chat, text, buttons and
	 * the status it answered.
	 */
	private record Send(Instant at, String chat, String text, String buttons, int status) {

		String key() {
			return chat + "|" + text + "|" + buttons;
		}

	}

	private List<Send> sends() {
		List<Send> sends = new ArrayList<>();
		List<ServeEvent> events = new ArrayList<>(api.server.getAllServeEvents());
		java.util.Collections.reverse(events); // oldest first
		for (ServeEvent event : events) {
			if (!event.getRequest().getUrl().toLowerCase(java.util.Locale.ROOT).endsWith("/sendmessage")) {
				continue;
			}
			try {
				JsonNode body = JSON.readTree(event.getRequest().getBodyAsString());
				sends.add(new Send(event.getRequest().getLoggedDate().toInstant(), body.path("chat_id").asText(),
						body.path("text").asText(), body.path("reply_markup").toString(),
						event.getResponse().getStatus()));
			}
			catch (IOException ex) {
				throw new IllegalStateException(ex);
			}
		}
		return sends;
	}

	/**
	 * Messages to the incident's group containing {@code part} the fake API answered with
	 * 200.
	 */
	private long delivered(String part) {
		return sends().stream()
			.filter((s) -> s.status() == 200 && s.chat().equals(GROUP) && s.text().contains(part))
			.count();
	}

	/** Serves one update to the next getUpdates of whichever instance polls. */
	private void deliver(String update) {
		String scenario = "update-" + System.nanoTime();
		api.server.stubFor(post(urlPathMatching("(?i)/bot.*/getUpdates")).inScenario(scenario)
			.whenScenarioStateIs(STARTED)
			.atPriority(1)
			.willReturn(aResponse().withHeader("Content-Type", "application/json")
				.withBody("{\"ok\":true,\"result\":[" + update + "]}"))
			.willSetStateTo("delivered"));
	}

	/**
	 * The holder of the poller's lease while it is unexpired (on this JVM's clock, as the
	 * instances'), or null.
	 */
	private String poller() {
		try (Connection connection = DriverManager.getConnection(database);
				PreparedStatement statement = connection
					.prepareStatement("SELECT HOLDER, EXPIRES_AT FROM WR_LEASES WHERE NAME = 'telegram-poller'");
				ResultSet rows = statement.executeQuery()) {
			return (rows.next() && rows.getTimestamp(2).toInstant().isAfter(Instant.now())) ? rows.getString(1) : null;
		}
		catch (SQLException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private long lease(String column) {
		return Long.parseLong(rows("SELECT " + column + " FROM WR_LEASES WHERE NAME = 'telegram-poller'").get(0));
	}

	private Instance instance(String name) {
		return instances.stream().filter((i) -> i.name().equals(name)).findFirst().orElseThrow();
	}

	private List<String> rows(String sql) {
		try (Connection connection = DriverManager.getConnection(database);
				PreparedStatement statement = connection.prepareStatement(sql);
				ResultSet rows = statement.executeQuery()) {
			List<String> values = new ArrayList<>();
			while (rows.next()) {
				values.add(rows.getString(1));
			}
			return values;
		}
		catch (SQLException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static void await(String what, Duration within, BooleanSupplier condition) {
		long deadline = System.nanoTime() + within.toNanos();
		while (!condition.getAsBoolean()) {
			if (System.nanoTime() > deadline) {
				throw new AssertionError("not within " + within + ": " + what);
			}
			FakeBotApi.sleep(50);
		}
	}

	/**
	 * The application in a JVM of its own: the test's class path without the test classes
	 * (so nothing of the tests is wired in), its log in {@code DIR/instance.log}, ready
	 * when its {@code /readyz} answers 200. Stopped with SIGTERM (SIGKILL after 30 s); a
	 * frozen one is thawed first.
	 */
	record Instance(String name, Process process, Path logFile, int port) implements AutoCloseable {

		private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

		static Instance start(String name, Path dir, List<String> arguments) throws IOException {
			Files.createDirectories(dir);
			int port = freePort();
			String classPath = Arrays.stream(classPath().split(java.io.File.pathSeparator))
				.filter((entry) -> !entry.endsWith("test-classes") && !entry.endsWith("test-classes/"))
				.collect(Collectors.joining(java.io.File.pathSeparator));
			List<String> command = new ArrayList<>(List.of(ProcessHandle.current().info().command().orElse("java"),
					"-Xmx384m", "-XX:TieredStopAtLevel=1", "-cp", classPath, WarRoomApplication.class.getName(),
					"--server.port=" + port, "--server.address=127.0.0.1", "--warroom.data-dir=" + dir,
					"--logging.level.root=WARN", "--logging.level.com.warroom=INFO"));
			command.addAll(arguments);
			Path logFile = dir.resolve("instance.log");
			Process process = new ProcessBuilder(command).redirectErrorStream(true)
				.redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile()))
				.start();
			return new Instance(name, process, logFile, port);
		}

		/**
		 * The full test class path: Surefire's own property (java.class.path is its
		 * booter jar).
		 */
		private static String classPath() {
			String surefire = System.getProperty("surefire.test.class.path");
			return (surefire != null && !surefire.isBlank()) ? surefire : System.getProperty("java.class.path");
		}

		void awaitReady(Duration within) {
			long deadline = System.nanoTime() + within.toNanos();
			while (System.nanoTime() < deadline) {
				if (!process.isAlive()) {
					throw new AssertionError("instance " + name + " did not start:\n" + tail());
				}
				try {
					HttpResponse<Void> ready = HTTP.send(
							HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/readyz")).build(),
							HttpResponse.BodyHandlers.discarding());
					if (ready.statusCode() == 200) {
						return;
					}
				}
				catch (IOException ex) {
					// not up yet
				}
				catch (InterruptedException ex) {
					Thread.currentThread().interrupt();
					return;
				}
				FakeBotApi.sleep(300);
			}
			throw new AssertionError("instance " + name + " not ready within " + within + ":\n" + tail());
		}

		/** Sends {@code SIGSTOP} or {@code SIGCONT} (or another signal by name). */
		void signal(String signal) throws Exception {
			Process kill = new ProcessBuilder("kill", "-" + signal, String.valueOf(process.pid())).inheritIO().start();
			assertThat(kill.waitFor()).as("kill -" + signal).isZero();
		}

		String log() {
			try {
				return Files.readString(logFile, StandardCharsets.UTF_8);
			}
			catch (IOException ex) {
				return "";
			}
		}

		private String tail() {
			String[] lines = log().split("\n");
			return String.join("\n", Arrays.asList(lines).subList(Math.max(0, lines.length - 40), lines.length));
		}

		@Override
		public void close() {
			if (!process.isAlive()) {
				return;
			}
			try {
				signal("CONT");
				process.destroy();
				if (!process.waitFor(30, TimeUnit.SECONDS)) {
					process.destroyForcibly();
					process.waitFor(10, TimeUnit.SECONDS);
				}
			}
			catch (Exception ex) {
				process.destroyForcibly();
			}
		}

		private static int freePort() throws IOException {
			try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
				return socket.getLocalPort();
			}
		}

	}

}
