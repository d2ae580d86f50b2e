package com.warroom.bench;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import com.warroom.bot.assessment.Assessment;
import com.warroom.bot.assessment.Assessments;
import com.warroom.bot.chat.ChatRef;
import com.warroom.bot.engine.ButtonTokens;
import com.warroom.bot.engine.ConversationEngine;
import com.warroom.bot.engine.ConversationState;
import com.warroom.bot.engine.IncidentViews;
import com.warroom.bot.engine.MessageSlots;
import com.warroom.bot.engine.ScenarioSearch;
import com.warroom.bot.engine.Texts;
import com.warroom.bot.engine.TopicOpener;
import com.warroom.bot.incident.IncidentKind;
import com.warroom.bot.incident.IncidentStore;
import com.warroom.bot.incident.TimelineType;
import com.warroom.bot.roster.ContactBook;
import com.warroom.bot.roster.Roster;
import com.warroom.bot.store.EmbeddedRedis;
import com.warroom.bot.store.RedisIncidentStore;
import com.warroom.bot.telegram.SendQueue;
import com.warroom.bot.telegram.TelegramGateway;
import com.warroom.playbooks.PlaybookLibrary;
import com.warroom.playbooks.PlaybookLoader;
import com.warroom.playbooks.ReportingObligations;
import com.warroom.playbooks.ReportingPolicy;
import com.warroom.playbooks.SeverityGrader;
import com.warroom.playbooks.WorkingDayCalendar;
import com.warroom.reports.Archive;
import org.telegram.telegrambots.client.okhttp.OkHttpTelegramClient;
import org.telegram.telegrambots.meta.TelegramUrl;
import org.telegram.telegrambots.meta.api.methods.send.SendMessage;
import org.telegram.telegrambots.meta.api.objects.Update;
import redis.clients.jedis.UnifiedJedis;

/**
 * Drives updates through the whole Telegram pipeline (update → dedupe in Redis → engine →
 * Redis timeline → send queue → Bot API over HTTP) against a local stub Bot API and a
 * real redis-server, and, on the same stub, through a bare TelegramBots echo bot. Latency
 * is measured from handing the update over to the stub receiving the reply for that chat.
 * Loopback only; bounded in time.
 * <p>
 * Usage: {@code PipelineBenchmark [chats=100] [seconds=10] [always|everysec]}.
 */
public final class PipelineBenchmark {

	private static final String TOKEN = "1:bench";

	private static final long USER = 900000006L; // wu-dba in the example roster

	private final ObjectMapper mapper = new ObjectMapper().configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES,
			false);

	private final Map<String, CompletableFuture<Long>> waiting = new ConcurrentHashMap<>();

	private final AtomicLong updateIds = new AtomicLong();

	private HttpServer stub;

	public static void main(String[] args) throws Exception {
		int chats = (args.length > 0) ? Integer.parseInt(args[0]) : 100;
		int seconds = (args.length > 1) ? Integer.parseInt(args[1]) : 10;
		String fsync = (args.length > 2) ? args[2] : "always";
		new PipelineBenchmark().run(chats, seconds, fsync);
		System.exit(0);
	}

	void run(int chats, int seconds, String fsync) throws Exception {
		startStub();
		TelegramUrl url = new TelegramUrl("http", "127.0.0.1", stub.getAddress().getPort(), false);
		EmbeddedRedis redisServer = EmbeddedRedis.start(Files.createTempDirectory("bench-redis"), 0, fsync);
		try (UnifiedJedis redis = com.warroom.bot.store.RedisClients.create(redisServer.url())) {
			OkHttpTelegramClient client = new OkHttpTelegramClient(TOKEN, url);
			System.out.printf(
					"WarRoom pipeline benchmark: %d chats, %d s per phase, stub Bot API and redis-server"
							+ " (appendfsync %s) on loopback, %d cores%n",
					chats, seconds, fsync, Runtime.getRuntime().availableProcessors());

			ConversationEngine engine = engine(redis, chats);
			Archive archive = new Archive(Files.createTempDirectory("bench-archive"), Clock.systemUTC());
			SendQueue unlimited = new SendQueue(Clock.systemUTC(), 1e9, 1e9, 1e12);
			TelegramGateway gateway = gateway(client, engine, unlimited, redis, archive);
			Consumer<Update> echo = (update) -> {
				try {
					client.execute(SendMessage.builder()
						.chatId(update.getMessage().getChatId())
						.text(update.getMessage().getText())
						.build());
				}
				catch (Exception ex) {
					throw new IllegalStateException(ex);
				}
			};
			// warm up both paths
			closedLoop("warm-up", gateway::handle, chats, 3, false);
			closedLoop("warm-up", echo, chats, 3, false);

			List<String> rows = new ArrayList<>();
			rows.add(closedLoop("WarRoom, as fast as possible", gateway::handle, chats, seconds, true));
			rows.add(closedLoop("echo bot, as fast as possible", echo, chats, seconds, true));
			rows.add(paced("WarRoom, 100 updates/s", gateway::handle, chats, seconds, 100));
			rows.add(paced("echo bot, 100 updates/s", echo, chats, seconds, 100));
			unlimited.close();
			SendQueue telegramRates = new SendQueue(Clock.systemUTC(), 30, 1, 20);
			TelegramGateway limited = gateway(client, engine, telegramRates, redis, archive);
			rows.add(paced("WarRoom, 25 updates/s, Telegram's rate limits on", limited::handle, chats, seconds, 25));
			telegramRates.close();
			System.out.println();
			System.out.printf("%-52s %10s %9s %9s %9s%n", "run", "updates/s", "p50 ms", "p99 ms", "max ms");
			rows.forEach(System.out::println);
		}
		finally {
			redisServer.close();
			stub.stop(0);
		}
	}

	/**
	 * Every chat sends its next update as soon as the reply to the previous one arrived.
	 */
	private String closedLoop(String name, Consumer<Update> bot, int chats, int seconds, boolean report)
			throws Exception {
		ExecutorService pool = Executors.newFixedThreadPool(chats);
		List<Long> latencies = Collections.synchronizedList(new ArrayList<>());
		long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
		long start = System.nanoTime();
		for (int i = 0; i < chats; i++) {
			long chat = chatId(i);
			pool.submit(() -> {
				while (System.nanoTime() < deadline) {
					latencies.add(roundTrip(bot, chat));
				}
				return null;
			});
		}
		pool.shutdown();
		pool.awaitTermination(seconds + 60L, TimeUnit.SECONDS);
		double elapsed = (System.nanoTime() - start) / 1e9;
		return report ? row(name, latencies, elapsed) : "";
	}

	/** Updates arrive at a fixed total rate, spread over the chats. */
	private String paced(String name, Consumer<Update> bot, int chats, int seconds, int perSecond) throws Exception {
		ExecutorService pool = Executors.newFixedThreadPool(Math.max(chats, 8));
		List<Long> latencies = Collections.synchronizedList(new ArrayList<>());
		long intervalNanos = TimeUnit.SECONDS.toNanos(1) / perSecond;
		long start = System.nanoTime();
		int total = perSecond * seconds;
		List<java.util.concurrent.Future<?>> futures = new ArrayList<>();
		for (int n = 0; n < total; n++) {
			long due = start + n * intervalNanos;
			long wait = due - System.nanoTime();
			if (wait > 0) {
				TimeUnit.NANOSECONDS.sleep(wait);
			}
			long chat = chatId(n % chats);
			futures.add(pool.submit(() -> latencies.add(roundTrip(bot, chat))));
		}
		for (java.util.concurrent.Future<?> future : futures) {
			future.get(120, TimeUnit.SECONDS);
		}
		pool.shutdown();
		double elapsed = (System.nanoTime() - start) / 1e9;
		return row(name, latencies, elapsed);
	}

	private long roundTrip(Consumer<Update> bot, long chat) throws Exception {
		String key = String.valueOf(chat);
		CompletableFuture<Long> reply = new CompletableFuture<>();
		synchronized (waiting) {
			while (waiting.putIfAbsent(key, reply) != null) {
				waiting.wait(1);
			}
		}
		long sent = System.nanoTime();
		bot.accept(update(chat, "/note 基准测试 " + updateIds.get()));
		long received = reply.get(60, TimeUnit.SECONDS);
		return received - sent;
	}

	private Update update(long chat, String text) throws IOException {
		long id = updateIds.incrementAndGet();
		String json = """
				{"update_id":%d,"message":{"message_id":%d,"date":1763790000,"chat":{"id":%d,"type":"private"},
				 "from":{"id":%d,"is_bot":false,"first_name":"基准"},"text":"%s"}}
				""".formatted(id, id, chat, USER, text);
		return mapper.readValue(json, Update.class);
	}

	private static long chatId(int index) {
		return 7_000_000L + index;
	}

	private static String row(String name, List<Long> latencies, double seconds) {
		List<Long> sorted = new ArrayList<>(latencies);
		Collections.sort(sorted);
		return String.format("%-52s %10.0f %9.2f %9.2f %9.2f", name, sorted.size() / seconds, percentile(sorted, 50),
				percentile(sorted, 99), sorted.isEmpty() ? 0 : sorted.get(sorted.size() - 1) / 1e6);
	}

	private static double percentile(List<Long> sorted, double p) {
		if (sorted.isEmpty()) {
			return 0;
		}
		int index = (int) Math.ceil(p / 100 * sorted.size()) - 1;
		return sorted.get(Math.max(0, index)) / 1e6;
	}

	/**
	 * A local Bot API: answers every method at once; a sendMessage completes the waiting
	 * round trip.
	 */
	private void startStub() throws IOException {
		// without it the JDK server's header and body
		// segments meet delayed ACKs: 40 ms a request
		System.setProperty("sun.net.httpserver.nodelay", "true");
		stub = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 512);
		stub.setExecutor(Executors.newFixedThreadPool(16));
		stub.createContext("/", (exchange) -> {
			long arrived = System.nanoTime();
			byte[] body;
			try (InputStream in = exchange.getRequestBody()) {
				body = in.readAllBytes();
			}
			String path = exchange.getRequestURI().getPath().toLowerCase(java.util.Locale.ROOT);
			String response = "{\"ok\":true,\"result\":true}";
			if (path.endsWith("/sendmessage")) {
				JsonNode request = mapper.readTree(body);
				String chat = request.path("chat_id").asText();
				response = "{\"ok\":true,\"result\":{\"message_id\":" + (arrived & 0x3fffffff)
						+ ",\"date\":1,\"chat\":{\"id\":" + chat + ",\"type\":\"private\"},\"text\":\"ok\"}}";
				CompletableFuture<Long> reply;
				synchronized (waiting) {
					reply = waiting.remove(chat);
					waiting.notifyAll();
				}
				if (reply != null) {
					reply.complete(arrived);
				}
			}
			byte[] bytes = response.getBytes(StandardCharsets.UTF_8);
			exchange.getResponseHeaders().add("Content-Type", "application/json");
			exchange.sendResponseHeaders(200, bytes.length);
			try (OutputStream out = exchange.getResponseBody()) {
				out.write(bytes);
			}
		});
		stub.start();
	}

	/** The engine as the application wires it, with one open incident per chat. */
	private ConversationEngine engine(UnifiedJedis redis, int chats) throws IOException {
		PlaybookLibrary library = PlaybookLoader.loadBundled().orElseThrow();
		ZoneId zone = ZoneId.of("Asia/Shanghai");
		Roster roster = Roster.parse(resource("warroom/roster.example.yaml"));
		ContactBook contacts = ContactBook.parse(resource("warroom/contacts.example.yaml"), library.vocabulary());
		IncidentStore incidents = new RedisIncidentStore(redis, zone);
		ButtonTokens tokens = new ButtonTokens(redis);
		Texts texts = Texts.chinese();
		ReportingObligations reporting = new ReportingObligations(ReportingPolicy.bundled(),
				WorkingDayCalendar.bundled());
		Clock clock = Clock.systemUTC();
		Assessments assessments = new Assessments(
				new Assessment.Policy(new SeverityGrader(), reporting, 200_000, java.time.Duration.ofMinutes(5)),
				incidents, clock);
		IncidentViews views = new IncidentViews(texts, roster, library.vocabulary(), tokens, clock, zone, assessments);
		for (int i = 0; i < chats; i++) {
			ChatRef chat = new ChatRef("tg", String.valueOf(chatId(i)), null, false);
			incidents.create(
					new IncidentStore.NewIncident(IncidentKind.DRILL, "central.db-host-hardware", chat, "wu-dba",
							Instant.now(), Instant.now(),
							Map.of(com.warroom.playbooks.Track.FLOW, "f1", com.warroom.playbooks.Track.STEPS, "m1")),
					new IncidentStore.Entry(TimelineType.DECLARED, "wu-dba", "吴数据库管理员", "tg", Instant.now(), Map.of()));
		}
		return new ConversationEngine(new ConversationEngine.Services(library, roster, contacts, incidents, tokens,
				new ConversationState(redis), new MessageSlots(redis), texts, views, new ScenarioSearch(library),
				TopicOpener.none(), clock, zone, com.warroom.bot.engine.IncidentListener.none(),
				paperwork(incidents, views, texts, clock, zone, roster)));
	}

	/**
	 * Every action of the pipeline is for a Telegram chat: the delivery has the gateway
	 * as its only channel.
	 */
	private static TelegramGateway gateway(OkHttpTelegramClient client, ConversationEngine engine, SendQueue queue,
			UnifiedJedis redis, Archive archive) {
		List<com.warroom.bot.delivery.OutboundSink> sinks = new ArrayList<>();
		com.warroom.bot.delivery.EventHandling handling = new com.warroom.bot.delivery.EventHandling(engine,
				com.warroom.bot.delivery.Delivery.over(() -> sinks), com.warroom.bot.delivery.Settling.inline());
		TelegramGateway gateway = new TelegramGateway(client, handling, queue, new MessageSlots(redis), redis, archive);
		sinks.add(gateway);
		return gateway;
	}

	private static com.warroom.bot.engine.Paperwork paperwork(IncidentStore incidents, IncidentViews views, Texts texts,
			Clock clock, java.time.ZoneId zone, com.warroom.bot.roster.Roster roster) throws IOException {
		com.warroom.reports.CompanyInfo company = new com.warroom.reports.CompanyInfo("示例期货有限公司", null, null, null,
				null, null, null, null, null);
		return new com.warroom.bot.documents.IncidentPaperwork(incidents, views, texts,
				new com.warroom.reports.PdfDocuments(zone),
				new Archive(Files.createTempDirectory("bench-archive"), clock), company,
				new com.warroom.bot.documents.CustomerNotices(new com.warroom.reports.NoticeTemplates(), company, clock,
						zone),
				clock, zone, roster);
	}

	private static String resource(String name) throws IOException {
		try (InputStream in = PipelineBenchmark.class.getClassLoader().getResourceAsStream(name)) {
			return new String(in.readAllBytes(), StandardCharsets.UTF_8);
		}
	}

}
