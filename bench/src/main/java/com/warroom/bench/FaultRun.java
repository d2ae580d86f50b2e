package com.warroom.bench;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.URL;
import java.net.URLClassLoader;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.Driver;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.MatchResult;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

import com.sun.net.httpserver.HttpServer;

/**
 * The fault run of issue 11: the real jar ({@code bot/target/warroom-exec.jar}) in
 * webhook mode against a fake Bot API (a JDK HTTP server), on a real {@code redis-server}
 * the run starts itself; all on loopback. The run plays Telegram: every update is posted
 * until it gets a 200 (as Telegram redelivers). It kills the bot with {@code kill -9} at
 * random moments while updates are in flight ({@code kills} times), and every fourth
 * round stops Redis across the overdue time of freshly declared incidents and starts it
 * again. At the end it starts the bot once more, lets it settle and counts:
 * <ul>
 * <li>updates lost: a {@code /note} acknowledged with 200 that is not on its incident's
 * timeline; updates applied twice: a note on it more than once;</li>
 * <li>reminders missed: an incident's at-once report reminder or its overdue reminder
 * never marked sent (the clock lost it);</li>
 * <li>messages lost: a reminder marked sent, or a note recorded, whose message never
 * reached the chat (the in-memory send queue died with the process);</li>
 * <li>duplicates in groups: the same reminder, or more note confirmations than notes, in
 * one group chat, not marked {@code （重发）}.</li>
 * </ul>
 * After the kill rounds comes the Telegram phase: the fake Bot API answers every call
 * with an HTML 502 for a stretch while notes and reminders keep coming, then hangs every
 * call (takes it and never answers) with a {@code kill -9} and restart of the bot in the
 * middle of the hang, then recovers. A message the fake API took during the hang is
 * "possibly delivered": it does not count as delivered (its answer never came back), and
 * a copy of it sent again must carry {@code （重发）} not to count as a duplicate. The
 * incident record (incidents, timelines) and the outbox are read from the bot's database
 * after its final stop: its H2 file by default, or the PostgreSQL of {@code DATABASE_URL}
 * ({@code DATABASE_USER}, {@code DATABASE_PASSWORD}) when set in the run's environment,
 * which the bot inherits; the JDBC driver is taken from the jar. Reminder marks are read
 * from Redis. JDK only, so it runs as a single-file program without installing the
 * modules:
 * {@code java bench/src/main/java/com/warroom/bench/FaultRun.java [kills=20] [seed=1] [jar]
 * [html502Seconds=20] [hangSeconds=90] [maxMinutes=40]}.
 */
public final class FaultRun {

	static final String TOKEN = "123456:FAULT-RUN";

	static final String SECRET = "fault-run-secret";

	/**
	 * What the bot puts in front of a group message it sends again after a possible
	 * delivery.
	 */
	static final String RESENT = "（重发）";

	/** The liaison of the example roster (may declare). */
	static final long LIAISON = 900000009L;

	private final Random random;

	private final Path work;

	private final Path jar;

	private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

	private final FakeApi api = new FakeApi();

	private final int botPort = freePort();

	private final int redisPort = freePort();

	/** The bot's database when not its H2 file: PostgreSQL, passed through to the bot. */
	private final String databaseUrl = System.getenv().getOrDefault("DATABASE_URL", "");

	private Process bot;

	private Process redis;

	private final AtomicInteger updateIds = new AtomicInteger(1000);

	/** Incident chats (one incident each) and the notes acknowledged in each. */
	private final Map<Long, List<String>> notes = new ConcurrentHashMap<>();

	private final AtomicLong chats = new AtomicLong(-1_009_000_000_000L);

	private final AtomicInteger posts = new AtomicInteger();

	private final AtomicInteger redeliveries = new AtomicInteger();

	/** Posts not acknowledged, by why (status or exception). */
	private final Map<String, AtomicInteger> failures = new ConcurrentHashMap<>();

	private FaultRun(long seed, Path work, Path jar) {
		this.random = new Random(seed);
		this.work = work;
		this.jar = jar;
	}

	public static void main(String[] args) throws Exception {
		int kills = (args.length > 0) ? Integer.parseInt(args[0]) : 20;
		long seed = (args.length > 1) ? Long.parseLong(args[1]) : 1;
		Path jar = Path.of((args.length > 2) ? args[2] : "bot/target/warroom-exec.jar");
		Duration html502 = Duration.ofSeconds((args.length > 3) ? Long.parseLong(args[3]) : 20);
		Duration hang = Duration.ofSeconds((args.length > 4) ? Long.parseLong(args[4]) : 90);
		Duration max = Duration.ofMinutes((args.length > 5) ? Long.parseLong(args[5]) : 40);
		if (!Files.isRegularFile(jar)) {
			throw new IllegalStateException(jar + " missing: ./mvnw -q -pl bot -am package -DskipTests");
		}
		Path work = Files.createTempDirectory("warroom-fault-run");
		FaultRun run = new FaultRun(seed, work, jar);
		// the URL only up to its parameters: a password may follow
		log("database: %s", run.databaseUrl.isBlank() ? "H2 file (embedded default)"
				: "DATABASE_URL " + run.databaseUrl.replaceAll("[?;].*", ""));
		long started = System.nanoTime();
		// bounded: whatever hangs, the run stops by
		// itself (and takes its processes with it)
		Runtime.getRuntime().addShutdownHook(new Thread(() -> {
			run.stopBot(true);
			run.stopRedis();
		}));
		Thread watchdog = new Thread(() -> {
			FaultRun.sleep(max.toMillis());
			System.out.printf("[fault-run] over %d minutes: stopped, no result%n", max.toMinutes());
			System.exit(2); // the shutdown hook stops the bot and redis-server
		});
		watchdog.setDaemon(true);
		watchdog.start();
		try {
			run.run(kills, html502, hang);
		}
		finally {
			run.stopBot(false);
			run.stopRedis();
			run.api.close();
		}
		// the final stop is a SIGTERM: what the bot logs
		// while shutting down counts separately
		long errors = Files.readAllLines(work.resolve("bot.log"), StandardCharsets.UTF_8)
			.stream()
			.filter((line) -> line.contains(" ERROR "))
			.count();
		System.out.printf("ERROR lines in the log after the final stop (SIGTERM): %d%n", errors);
		System.out.printf("elapsed %.0f s, work dir %s%n", (System.nanoTime() - started) / 1e9, work);
		// the fake API's idle threads would keep the JVM a minute longer
		System.exit(0);
	}

	private void run(int kills, Duration html502, Duration hang) throws Exception {
		startRedis();
		for (int round = 1; round <= kills; round++) {
			startBot();
			boolean outage = round % 4 == 0;
			// new incidents this round: their at-once reminder fires now, their overdue
			// one 8 s later
			List<Long> declared = new ArrayList<>();
			for (int i = 0; i < 2; i++) {
				declared.add(declare());
			}
			if (outage) {
				FaultRun.sleep(2000);
				stopRedis();
				log("round %d: Redis stopped across the overdue time", round);
				FaultRun.sleep(12000);
				startRedis();
				FaultRun.sleep(4000);
			}
			traffic(Duration.ofMillis(500 + random.nextInt(3000)));
			// kill -9 while updates are in flight (a note, a declaration, a press)
			Thread writer = new Thread(() -> traffic(Duration.ofMillis(2000)));
			writer.start();
			FaultRun.sleep(random.nextInt(1200));
			stopBot(true);
			writer.join();
			log("round %d: killed (%d posts, %d redeliveries so far)", round, posts.get(), redeliveries.get());
			api.phase = "after kill " + round;
		}
		startBot();
		telegramFaults(html502, hang);
		// the backlog of the faults drains at the bot's own rate (28 calls a second):
		// wait until the fake API has had no call for
		// 15 s (at least 30 s, at most 5 minutes)
		log("settling");
		long settled = System.nanoTime();
		FaultRun.sleep(30000);
		while (System.nanoTime() - api.lastCall < Duration.ofSeconds(15).toNanos()
				&& System.nanoTime() - settled < Duration.ofMinutes(5).toNanos()) {
			FaultRun.sleep(1000);
		}
		log("settled after %d s", (System.nanoTime() - settled) / 1_000_000_000L);
		// the log up to the count; then the bot stops
		// (the H2 file is the bot's while it runs)
		List<String> log = Files.readAllLines(work.resolve("bot.log"), StandardCharsets.UTF_8);
		stopBot(false);
		report(log);
	}

	/**
	 * The Telegram phase: HTML 502 on every call for {@code html502} while notes and the
	 * reminders of two incidents declared just before keep coming; then every call hangs
	 * for {@code hang} (two more incidents' reminders and notes inside it), with a
	 * {@code kill -9} and a restart of the bot in the middle; then Telegram answers
	 * again.
	 */
	private void telegramFaults(Duration html502, Duration hang) throws Exception {
		for (int i = 0; i < 2; i++) {
			declare();
		}
		api.mode = Mode.HTML_502;
		api.phase = "502";
		log("Telegram: HTML 502 on every call for %d s", html502.toSeconds());
		traffic(html502);
		api.mode = Mode.NORMAL;
		api.phase = "after 502";
		for (int i = 0; i < 2; i++) {
			declare();
		}
		api.mode = Mode.HANG;
		api.phase = "hang";
		long hangStarted = System.nanoTime();
		log("Telegram: every call hangs for %d s", hang.toSeconds());
		Thread writer = new Thread(() -> traffic(hang));
		writer.start();
		FaultRun.sleep(hang.toMillis() / 2);
		stopBot(true);
		api.phase = "hang, restarted";
		log("Telegram: killed in the middle of the hang (%d calls hanging)", api.hung.get());
		startBot();
		log("Telegram: restarted %d s into the hang", (System.nanoTime() - hangStarted) / 1_000_000_000L);
		writer.join();
		FaultRun.sleep(Math.max(0, hang.toMillis() - (System.nanoTime() - hangStarted) / 1_000_000L));
		api.mode = Mode.NORMAL;
		api.phase = "after the hang";
		log("Telegram: answers again (%d × 502, %d calls hung)", api.html502.get(), api.hung.get());
		redeliverPending();
	}

	/** How the fake Bot API answers. */
	enum Mode {

		/** As Telegram does. */
		NORMAL,

		/**
		 * {@code 502} with an HTML body (a proxy in front of Telegram), the call not
		 * made.
		 */
		HTML_502,

		/**
		 * Takes the call and never answers (the connection closed when the hang is over).
		 */
		HANG

	}

	/**
	 * Posts notes to random incidents for {@code length}; each is delivered until it gets
	 * 200.
	 */
	private void traffic(Duration length) {
		long until = System.nanoTime() + length.toNanos();
		List<Long> open = new ArrayList<>(notes.keySet());
		while (System.nanoTime() < until && !open.isEmpty()) {
			long chat = open.get(random.nextInt(open.size()));
			// unique and self-delimiting: "note-12." is not inside "note-123."
			String note = "note-" + noteIds.incrementAndGet() + ".";
			String update = message(updateIds.incrementAndGet(), chat, "/note " + note);
			if (deliverSoon(update)) {
				notes.get(chat).add(note);
			}
			else {
				// not acknowledged before the kill: Telegram keeps it and delivers it
				// after the restart
				pending.add(new String[] { update, String.valueOf(chat), note });
			}
			FaultRun.sleep(PACE.toMillis());
		}
	}

	/** Between two updates of the run: 20 a second, a busy incident room, not a flood. */
	private static final Duration PACE = Duration.ofMillis(50);

	private final AtomicInteger noteIds = new AtomicInteger();

	/**
	 * Updates not yet acknowledged when the bot died: delivered again after the restart.
	 */
	private final List<String[]> pending = new CopyOnWriteArrayList<>();

	private long declare() throws Exception {
		long chat = chats.decrementAndGet();
		deliver(message(updateIds.incrementAndGet(), chat, "/declare 网页 篡改"));
		String pick = api.button(chat, "网页内容被篡改");
		deliver(press(updateIds.incrementAndGet(), chat, pick));
		String confirm = api.button(chat, "确认宣布");
		deliver(press(updateIds.incrementAndGet(), chat, confirm));
		notes.put(chat, new CopyOnWriteArrayList<>());
		return chat;
	}

	/** Posts once; true on 200. */
	private boolean deliverSoon(String update) {
		posts.incrementAndGet();
		try {
			HttpRequest request = HttpRequest
				.newBuilder(URI.create("http://127.0.0.1:" + botPort + "/telegram/webhook"))
				.header("Content-Type", "application/json")
				.header("X-Telegram-Bot-Api-Secret-Token", SECRET)
				.timeout(Duration.ofSeconds(10))
				.POST(HttpRequest.BodyPublishers.ofString(update))
				.build();
			int status = http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
			if (status != 200) {
				failures.computeIfAbsent("HTTP " + status, (k) -> new AtomicInteger()).incrementAndGet();
			}
			return status == 200;
		}
		catch (IOException ex) {
			failures.computeIfAbsent(ex.getClass().getSimpleName(), (k) -> new AtomicInteger()).incrementAndGet();
			return false;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return false;
		}
	}

	/** Posts until 200, as Telegram does (bounded: 60 s). */
	private void deliver(String update) {
		long until = System.nanoTime() + Duration.ofSeconds(60).toNanos();
		while (!deliverSoon(update)) {
			redeliveries.incrementAndGet();
			if (System.nanoTime() > until) {
				throw new IllegalStateException("the bot never acknowledged an update");
			}
			FaultRun.sleep(500);
		}
	}

	private void startBot() throws Exception {
		List<String> command = new ArrayList<>(List.of(ProcessHandle.current().info().command().orElse("java"),
				"-Xmx384m", "-XX:TieredStopAtLevel=1", "-jar", jar.toString(), "--server.port=" + botPort,
				"--server.address=127.0.0.1", "--warroom.data-dir=" + work.resolve("data"),
				"--warroom.redis-url=redis://127.0.0.1:" + redisPort, "--warroom.telegram.token=" + TOKEN,
				"--warroom.telegram.api-url=" + api.url(), "--warroom.telegram.mode=webhook",
				"--warroom.telegram.webhook-secret=" + SECRET, "--warroom.reminder-lead=PT1S",
				"--warroom.overdue-after=PT8S", "--warroom.ack-timeout=PT10M", "--warroom.reminder-retry-max=PT2S",
				"--warroom.telegram.chat-per-second=1000", "--warroom.telegram.group-per-minute=60000",
				"--logging.level.root=WARN"));
		// the environment is inherited: DATABASE_URL, DATABASE_USER
		// and DATABASE_PASSWORD when set
		bot = new ProcessBuilder(command).redirectErrorStream(true)
			.redirectOutput(ProcessBuilder.Redirect.appendTo(work.resolve("bot.log").toFile()))
			.start();
		long until = System.nanoTime() + Duration.ofSeconds(180).toNanos();
		while (System.nanoTime() < until) {
			try {
				HttpResponse<Void> ready = http.send(
						HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + botPort + "/readyz")).build(),
						HttpResponse.BodyHandlers.discarding());
				if (ready.statusCode() == 200) {
					redeliverPending();
					return;
				}
			}
			catch (IOException ex) {
				// not up yet
			}
			if (!bot.isAlive()) {
				throw new IllegalStateException("the bot did not start; see " + work.resolve("bot.log"));
			}
			FaultRun.sleep(300);
		}
		throw new IllegalStateException("the bot was not ready within 180 s");
	}

	/**
	 * Telegram delivers again what was not acknowledged (before a kill, or a post that
	 * failed).
	 */
	private void redeliverPending() {
		for (String[] update : pending) {
			redeliveries.incrementAndGet();
			deliver(update[0]);
			notes.get(Long.parseLong(update[1])).add(update[2]);
			pending.remove(update);
		}
	}

	private void stopBot(boolean kill) {
		if (bot != null && bot.isAlive()) {
			if (kill) {
				bot.destroyForcibly(); // SIGKILL
			}
			else {
				bot.destroy();
			}
			try {
				if (!bot.waitFor(30, java.util.concurrent.TimeUnit.SECONDS)) {
					bot.destroyForcibly();
					bot.waitFor();
				}
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		}
	}

	private void startRedis() throws Exception {
		Path dir = Files.createDirectories(work.resolve("redis"));
		redis = new ProcessBuilder("redis-server", "--port", String.valueOf(redisPort), "--bind", "127.0.0.1", "--dir",
				dir.toString(), "--appendonly", "yes", "--appendfsync", "always", "--save", "")
			.redirectErrorStream(true)
			.redirectOutput(ProcessBuilder.Redirect.appendTo(work.resolve("redis.log").toFile()))
			.start();
		long until = System.nanoTime() + Duration.ofSeconds(20).toNanos();
		while (System.nanoTime() < until) {
			try (Resp resp = new Resp(redisPort)) {
				if ("PONG".equals(resp.call("PING"))) {
					return;
				}
			}
			catch (IOException ex) {
				FaultRun.sleep(100);
			}
		}
		throw new IllegalStateException("redis-server did not start");
	}

	private void stopRedis() {
		if (redis != null && redis.isAlive()) {
			redis.destroyForcibly();
			try {
				redis.waitFor();
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		}
	}

	/**
	 * The bot's database (after its final stop), by the driver in the jar: the PostgreSQL
	 * of {@code DATABASE_URL} or the H2 file the bot keeps in its data directory.
	 */
	private Connection database() throws Exception {
		boolean h2 = databaseUrl.isBlank();
		String url = h2 ? "jdbc:h2:file:" + work.resolve("data").resolve("quartz").resolve("quartz").toAbsolutePath()
				+ ";WRITE_DELAY=0" : databaseUrl;
		String prefix = h2 ? "BOOT-INF/lib/h2-" : "BOOT-INF/lib/postgresql-";
		Path driverJar;
		try (ZipFile zip = new ZipFile(jar.toFile())) {
			ZipEntry entry = zip.stream()
				.filter((e) -> e.getName().startsWith(prefix) && e.getName().endsWith(".jar"))
				.findFirst()
				.orElseThrow(() -> new IllegalStateException("no " + prefix + "*.jar in " + jar));
			driverJar = work.resolve(entry.getName().substring("BOOT-INF/lib/".length()));
			try (InputStream in = zip.getInputStream(entry)) {
				Files.copy(in, driverJar, StandardCopyOption.REPLACE_EXISTING);
			}
		}
		ClassLoader loader = new URLClassLoader(new URL[] { driverJar.toUri().toURL() },
				FaultRun.class.getClassLoader());
		Driver driver = (Driver) Class.forName(h2 ? "org.h2.Driver" : "org.postgresql.Driver", true, loader)
			.getDeclaredConstructor()
			.newInstance();
		Properties properties = new Properties();
		properties.setProperty("user", System.getenv().getOrDefault("DATABASE_USER", "sa"));
		properties.setProperty("password", System.getenv().getOrDefault("DATABASE_PASSWORD", ""));
		return driver.connect(url, properties);
	}

	/** One column of a query's rows. */
	private static List<String> column(Connection db, String sql, String arg) throws Exception {
		List<String> values = new ArrayList<>();
		try (PreparedStatement statement = db.prepareStatement(sql)) {
			statement.setString(1, arg);
			try (ResultSet rows = statement.executeQuery()) {
				while (rows.next()) {
					values.add(rows.getString(1));
				}
			}
		}
		return values;
	}

	/** Every row of the outbox, for reading after the run (outbox.tsv). */
	private void dumpOutbox(Connection db) throws Exception {
		List<String> lines = new ArrayList<>();
		try (PreparedStatement statement = db.prepareStatement("SELECT * FROM WR_TG_OUTBOX ORDER BY 1");
				ResultSet rows = statement.executeQuery()) {
			int columns = rows.getMetaData().getColumnCount();
			StringBuilder header = new StringBuilder();
			for (int i = 1; i <= columns; i++) {
				header.append((i > 1) ? "\t" : "").append(rows.getMetaData().getColumnName(i));
			}
			lines.add(header.toString());
			while (rows.next()) {
				StringBuilder line = new StringBuilder();
				for (int i = 1; i <= columns; i++) {
					String value = rows.getString(i);
					line.append((i > 1) ? "\t" : "")
						.append((value != null) ? value.replace('\n', ' ').replace('\t', ' ') : "");
				}
				lines.add(line.toString());
			}
		}
		Files.write(work.resolve("outbox.tsv"), lines, StandardCharsets.UTF_8);
		log("outbox: %d rows (outbox.tsv)", lines.size() - 1);
	}

	private void report(List<String> log) throws Exception {
		int updatesLost = 0;
		int appliedTwice = 0;
		int remindersMissed = 0;
		int messagesLost = 0;
		int duplicates = 0;
		int incidents = 0;
		int reminders = 0;
		int noteCount = 0;
		int possiblyDelivered = 0;
		int resentCopies = 0;
		try (Resp resp = new Resp(redisPort); Connection db = database()) {
			dumpOutbox(db);
			for (Map.Entry<Long, List<String>> chat : notes.entrySet()) {
				String chatKey = "tg:" + chat.getKey();
				List<String> open = column(db, "SELECT ID FROM WR_INCIDENT WHERE CHAT_KEY = ? AND STATUS <> 'CLOSED'",
						chatKey);
				if (open.size() != 1) {
					log("chat %d holds %d incidents (expected 1)", chat.getKey(), open.size());
					duplicates += Math.max(0, open.size() - 1);
					if (open.isEmpty()) {
						continue;
					}
				}
				incidents++;
				String id = String.valueOf(open.get(0));
				String timeline = String.join("\n",
						column(db, "SELECT DETAILS FROM WR_TIMELINE WHERE INCIDENT_ID = ? ORDER BY SEQ", id));
				for (String note : chat.getValue()) {
					noteCount++;
					int times = count(timeline, note);
					if (times == 0) {
						updatesLost++;
						log("%s: %s acknowledged, not on the timeline", id, note);
					}
					else if (times > 1) {
						appliedTwice++;
						log("%s: %s on the timeline %d times", id, note, times);
					}
				}
				List<Received> received = api.received(chat.getKey());
				possiblyDelivered += (int) received.stream().filter(Received::hung).count();
				resentCopies += (int) received.stream().filter((r) -> r.text().startsWith(RESENT)).count();
				// delivered: the fake API answered it; a copy taken during the hang may
				// or may not have reached
				// each confirmation carries its own 写入报告 button: that tells its copies
				// from other notes'
				long confirmations = received.stream()
					.filter((r) -> !r.hung() && r.text().contains("已记入"))
					.map(Received::key)
					.distinct()
					.count();
				Map<String, Long> byKey = received.stream()
					.filter((r) -> !r.text().startsWith(RESENT) && r.text().contains("已记入"))
					.collect(java.util.stream.Collectors.groupingBy(Received::key,
							java.util.stream.Collectors.counting()));
				long unmarked = byKey.values().stream().mapToLong((n) -> n - 1).sum();
				// every note on the timeline deserves one confirmation, acknowledged to
				// the run or not
				long recorded = NOTE.matcher(timeline).results().map(MatchResult::group).distinct().count();
				long unacknowledged = recorded
						- chat.getValue().stream().filter((note) -> count(timeline, note) > 0).count();
				if (unacknowledged > 0) {
					log("%s: %d notes recorded that the bot never acknowledged", id, unacknowledged);
				}
				messagesLost += (int) Math.max(0, recorded - confirmations);
				duplicates += (int) unmarked;
				if (recorded > confirmations) {
					log("%s: %d note confirmations delivered for %d notes recorded", id, confirmations, recorded);
				}
				if (unmarked > 0) {
					log("%s: %d note confirmations sent again unmarked (%d notes recorded)", id, unmarked, recorded);
				}
				for (String[] reminder : new String[][] { { "DUE", "现在到期" }, { "OVERDUE", "前），已逐级升级通知" } }) {
					reminders++;
					boolean sent = Long.valueOf(1)
						.equals(resp.call("EXISTS", "wr:sent:" + id + ":CYCLE:1:" + reminder[0]));
					long seen = delivered(received, reminder[1]);
					long copies = unmarked(received, reminder[1]);
					if (!sent) {
						remindersMissed++;
						log("%s: reminder CYCLE:1 %s never sent", id, reminder[0]);
					}
					else if (seen == 0) {
						messagesLost++;
						log("%s: reminder CYCLE:1 %s marked sent, its message lost", id, reminder[0]);
					}
					duplicates += (int) Math.max(0, copies - 1);
					if (copies > 1) {
						log("%s: reminder CYCLE:1 %s sent %d times unmarked", id, reminder[0], copies);
					}
				}
			}
		}
		// every group message the fake API took, for reading after the run
		List<String> dump = new ArrayList<>();
		for (Long chat : notes.keySet()) {
			for (Received r : api.received(chat)) {
				dump.add(chat + "\t" + (r.hung() ? "hung" : "answered") + "\t" + r.phase() + "\t" + r.text() + "\t"
						+ r.body());
			}
		}
		Files.write(work.resolve("received.tsv"), dump, StandardCharsets.UTF_8);
		System.out.printf("%nfault run: %d incidents, %d notes acknowledged, %d reminders expected, %d posts, "
				+ "%d redeliveries%n", incidents, noteCount, reminders, posts.get(), redeliveries.get());
		System.out.printf("posts not acknowledged: %s%n", failures);
		System.out.printf(
				"Telegram: %d × HTML 502, %d calls hung, %d group messages possibly delivered (taken during "
						+ "the hang), %d copies marked %s%n",
				api.html502.get(), api.hung.get(), possiblyDelivered, resentCopies, RESENT);
		long errors = log.stream().filter((line) -> line.contains(" ERROR ")).count();
		long quartzErrors = log.stream()
			.filter((line) -> line.contains(" ERROR ") && line.toLowerCase(java.util.Locale.ROOT).contains("quartz"))
			.count();
		System.out.printf(
				"updates lost: %d%nupdates applied twice: %d%nreminders missed: %d%nmessages lost: %d%n"
						+ "duplicates in groups: %d%nERROR lines in the log: %d (Quartz: %d)%n",
				updatesLost, appliedTwice, remindersMissed, messagesLost, duplicates, errors, quartzErrors);
	}

	/** Copies containing {@code marker} whose answer came back (marked or not). */
	private static long delivered(List<Received> received, String marker) {
		return received.stream().filter((r) -> !r.hung() && r.text().contains(marker)).count();
	}

	/**
	 * Copies containing {@code marker} not marked {@code （重发）}, answered or taken during
	 * the hang.
	 */
	private static long unmarked(List<Received> received, String marker) {
		return received.stream().filter((r) -> !r.text().startsWith(RESENT) && r.text().contains(marker)).count();
	}

	/**
	 * A message the fake API took; {@code hung}: during the hang, its answer never went
	 * back.
	 */
	record Received(String text, boolean hung, String phase, String body) {

		private static final Pattern BUTTON = Pattern.compile("\"callback_data\"\\s*:\\s*\"([A-Za-z0-9]+)\"");

		/**
		 * What tells this message from others of the same text: its first button's data,
		 * or its text.
		 */
		String key() {
			Matcher button = BUTTON.matcher(body);
			return button.find() ? button.group(1) : text.replace(RESENT, "");
		}

	}

	private static final Pattern NOTE = Pattern.compile("note-\\d+\\.");

	private static int count(String haystack, String needle) {
		int n = 0;
		for (int at = haystack.indexOf(needle); at >= 0; at = haystack.indexOf(needle, at + needle.length())) {
			n++;
		}
		return n;
	}

	private static String message(int updateId, long chat, String text) {
		return """
				{"update_id":%d,"message":{"message_id":%d,"date":1763790000,
				 "chat":{"id":%d,"type":"supergroup","title":"应急群"},
				 "from":{"id":%d,"is_bot":false,"first_name":"联络"},"text":"%s"}}
				""".formatted(updateId, updateId, chat, LIAISON, text);
	}

	private static String press(int updateId, long chat, String data) {
		return """
				{"update_id":%d,"callback_query":{"id":"cq%d","chat_instance":"1","data":"%s",
				 "from":{"id":%d,"is_bot":false,"first_name":"联络"},
				 "message":{"message_id":1,"date":1763790000,"chat":{"id":%d,"type":"supergroup"},"text":"x"}}}
				""".formatted(updateId, updateId, data, LIAISON, chat);
	}

	private static void log(String format, Object... args) {
		System.out.printf("[fault-run] " + format + "%n", args);
	}

	static void sleep(long millis) {
		try {
			Thread.sleep(millis);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	private static int freePort() {
		try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
			return socket.getLocalPort();
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/**
	 * The fake Bot API: answers every method, keeps what was sent to each chat and its
	 * buttons.
	 */
	static final class FakeApi implements AutoCloseable {

		private static final Pattern CHAT = Pattern.compile("\"chat_id\"\\s*:\\s*\"?(-?\\d+)\"?");

		private static final Pattern TEXT = Pattern.compile("\"text\"\\s*:\\s*\"((?:[^\"\\\\]|\\\\.)*)\"");

		private final HttpServer server;

		private final Map<Long, List<Received>> sent = new ConcurrentHashMap<>();

		volatile Mode mode = Mode.NORMAL;

		/** {@link System#nanoTime()} of the last call taken. */
		volatile long lastCall = System.nanoTime();

		/** Where the run is, kept with each message taken (for reading the dump). */
		volatile String phase = "start";

		final AtomicInteger html502 = new AtomicInteger();

		final AtomicInteger hung = new AtomicInteger();

		private final Map<Long, List<String>> bodies = new ConcurrentHashMap<>();

		private final AtomicInteger messageIds = new AtomicInteger(100);

		FakeApi() {
			try {
				server = HttpServer.create(new InetSocketAddress(java.net.InetAddress.getLoopbackAddress(), 0), 64);
			}
			catch (IOException ex) {
				throw new IllegalStateException(ex);
			}
			server.createContext("/", (exchange) -> {
				String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
				String path = exchange.getRequestURI().getPath();
				String method = path.substring(path.lastIndexOf('/') + 1).toLowerCase(java.util.Locale.ROOT);
				Matcher chat = CHAT.matcher(body);
				long chatId = chat.find() ? Long.parseLong(chat.group(1)) : 0;
				Mode now = mode;
				lastCall = System.nanoTime();
				if (now == Mode.HTML_502) {
					html502.incrementAndGet();
					byte[] page = "<html>502 Bad Gateway</html>".getBytes(StandardCharsets.UTF_8);
					exchange.getResponseHeaders().add("Content-Type", "text/html");
					exchange.sendResponseHeaders(502, page.length);
					try (OutputStream out = exchange.getResponseBody()) {
						out.write(page);
					}
					return;
				}
				if (now == Mode.HANG) {
					// taken, maybe delivered, never answered
					hung.incrementAndGet();
					if (method.equals("sendmessage")) {
						Matcher text = TEXT.matcher(body);
						sent.computeIfAbsent(chatId, (k) -> new CopyOnWriteArrayList<>())
							.add(new Received(text.find() ? text.group(1) : "", true, phase, body));
					}
					long until = System.nanoTime() + Duration.ofSeconds(300).toNanos();
					while (mode == Mode.HANG && System.nanoTime() < until) {
						FaultRun.sleep(200);
					}
					exchange.close();
					return;
				}
				String answer;
				if (method.equals("sendmessage") || method.equals("editmessagetext")) {
					Matcher text = TEXT.matcher(body);
					String message = text.find() ? text.group(1) : "";
					bodies.computeIfAbsent(chatId, (k) -> new CopyOnWriteArrayList<>()).add(body);
					if (method.equals("sendmessage")) {
						sent.computeIfAbsent(chatId, (k) -> new CopyOnWriteArrayList<>())
							.add(new Received(message, false, phase, body));
					}
					answer = method.equals("sendmessage") ? "{\"ok\":true,\"result\":{\"message_id\":"
							+ messageIds.incrementAndGet() + ",\"date\":1,\"chat\":{\"id\":" + chatId
							+ ",\"type\":\"supergroup\"},\"text\":\"x\"}}" : "{\"ok\":true,\"result\":true}";
				}
				else if (method.equals("senddocument")) {
					answer = "{\"ok\":true,\"result\":{\"message_id\":" + messageIds.incrementAndGet()
							+ ",\"date\":1,\"chat\":{\"id\":-1,\"type\":\"supergroup\"}}}";
				}
				else {
					answer = "{\"ok\":true,\"result\":true}";
				}
				byte[] bytes = answer.getBytes(StandardCharsets.UTF_8);
				exchange.getResponseHeaders().add("Content-Type", "application/json");
				exchange.sendResponseHeaders(200, bytes.length);
				try (OutputStream out = exchange.getResponseBody()) {
					out.write(bytes);
				}
			});
			// one thread a call: hung calls must not hold up the others
			server.setExecutor(java.util.concurrent.Executors.newCachedThreadPool());
			server.start();
		}

		String url() {
			return "http://127.0.0.1:" + server.getAddress().getPort();
		}

		List<Received> received(long chat) {
			return sent.getOrDefault(chat, List.of());
		}

		/**
		 * The callback data of the last button labelled {@code label} sent to the chat
		 * (waits up to 60 s).
		 */
		String button(long chat, String label) {
			Pattern button = Pattern.compile("\"text\"\\s*:\\s*\"" + Pattern.quote(label)
					+ "\"[^}]*?\"callback_data\"\\s*:\\s*\"([A-Za-z0-9]+)\"");
			long until = System.nanoTime() + Duration.ofSeconds(60).toNanos();
			while (System.nanoTime() < until) {
				List<String> all = bodies.getOrDefault(chat, List.of());
				for (int i = all.size() - 1; i >= 0; i--) {
					Matcher matcher = button.matcher(all.get(i));
					if (matcher.find()) {
						return matcher.group(1);
					}
				}
				FaultRun.sleep(100);
			}
			throw new IllegalStateException("no button " + label + " in chat " + chat);
		}

		@Override
		public void close() {
			server.stop(0);
		}

	}

	/** Just enough of the Redis protocol to read the results. */
	static final class Resp implements AutoCloseable {

		private final Socket socket;

		private final InputStream in;

		Resp(int port) throws IOException {
			socket = new Socket("127.0.0.1", port);
			socket.setSoTimeout(5000);
			in = new BufferedInputStream(socket.getInputStream());
		}

		Object call(String... args) throws IOException {
			StringBuilder out = new StringBuilder("*" + args.length + "\r\n");
			for (String arg : args) {
				out.append('$')
					.append(arg.getBytes(StandardCharsets.UTF_8).length)
					.append("\r\n")
					.append(arg)
					.append("\r\n");
			}
			socket.getOutputStream().write(out.toString().getBytes(StandardCharsets.UTF_8));
			return read();
		}

		private Object read() throws IOException {
			int type = in.read();
			String line = line();
			switch (type) {
				case '+':
					return line;
				case '-':
					throw new IOException(line);
				case ':':
					return Long.parseLong(line);
				case '$': {
					int length = Integer.parseInt(line);
					if (length < 0) {
						return null;
					}
					byte[] bytes = in.readNBytes(length + 2);
					return new String(bytes, 0, length, StandardCharsets.UTF_8);
				}
				case '*': {
					int length = Integer.parseInt(line);
					List<Object> items = new ArrayList<>();
					for (int i = 0; i < length; i++) {
						items.add(read());
					}
					return items;
				}
				default:
					throw new IOException("unexpected reply " + (char) type);
			}
		}

		private String line() throws IOException {
			StringBuilder line = new StringBuilder();
			for (int c = in.read(); c != '\r'; c = in.read()) {
				if (c < 0) {
					throw new IOException("closed");
				}
				line.append((char) c);
			}
			in.read();
			return line.toString();
		}

		@Override
		public void close() throws IOException {
			socket.close();
		}

	}

}
