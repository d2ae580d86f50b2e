package com.warroom.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;

import com.warroom.WarRoomApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * A busy war room over Telegram: ten roster people drive one central-trading incident in
 * a supergroup against {@link LimitedBotApi}, a stub Bot API that enforces Telegram's
 * limits (20 messages a minute per group, 1 a second per private chat, 30 a second per
 * bot; 429 with {@code retry_after} beyond). The script: a declaration, 30 step presses
 * (受阻 with a reason, 完成, 复核确认), 3 notes, 2 reports with 签发 by the 首席风险官 and the 总经理, a
 * level change with its reason, and the declaration's escalation running through its
 * three tiers until the 总经理 acknowledges it. People act as they would: on what they see,
 * about a second after the last thing they saw.
 * <p>
 * Measured: the answer to every press (press posted → answerCallbackQuery at the stub),
 * the reply to every command (command posted → the first group message of its reply),
 * group messages per minute (sliding 60 s window, maximum), and 429s.
 * <p>
 * Usage: {@code BusyGroupBenchmark [ackTimeoutSeconds=40]}. Loopback only; bounded (15
 * min).
 */
public final class BusyGroupBenchmark {

	static final String TOKEN = "1:busy-group-bench";

	static final long GROUP = -1009000000001L;

	static final String SECRET = "bench-secret";

	// the example roster (warroom/roster.example.yaml)
	static final long GM = 900000001L, CRO = 900000003L, IT_HEAD = 900000004L, TECH = 900000005L, DBA = 900000006L,
			SYS = 900000007L, NET = 900000008L, LIAISON = 900000009L, DRILL = 900000010L, DEPUTY = 900000002L;

	private static final long[] RESPONDERS = { DBA, SYS, NET, TECH, LIAISON, IT_HEAD, DRILL };

	private final HttpClient http = HttpClient.newHttpClient();

	private final AtomicInteger updateIds = new AtomicInteger(1000);

	private final List<Long> pressMillis = Collections.synchronizedList(new ArrayList<>());

	private final Map<String, Long> pressesPosted = new ConcurrentHashMap<>();

	private final Map<String, String> pressLabels = new ConcurrentHashMap<>();

	private final List<String> slowPresses = Collections.synchronizedList(new ArrayList<>());

	private final List<String[]> commandRows = new ArrayList<>();

	private final List<Long> commandMillis = new ArrayList<>();

	private final java.util.Set<String> blockedSteps = new java.util.HashSet<>();

	private final List<Long> blockPresses = new ArrayList<>();

	/**
	 * Signing cards pressed: message id, report number, the version signed, times signed
	 * again.
	 */
	private final List<String[]> signing = new ArrayList<>();

	private int resigns;

	private String ackedWhat = "—";

	private LimitedBotApi api;

	private int webPort;

	private int stepPresses;

	private int turn;

	public static void main(String[] args) throws Exception {
		int ack = (args.length > 0) ? Integer.parseInt(args[0]) : 40;
		int code = new BusyGroupBenchmark().run(ack);
		System.exit(code);
	}

	int run(int ackSeconds) throws Exception {
		api = new LimitedBotApi(TOKEN, 20, this::answered);
		Path data = Files.createTempDirectory("busy-group");
		ConfigurableApplicationContext app = new SpringApplicationBuilder(WarRoomApplication.class).run(
				"--server.port=0", "--warroom.data-dir=" + data, "--warroom.archive-dir=" + data.resolve("archive"),
				"--warroom.telegram.token=" + TOKEN, "--warroom.telegram.api-url=" + api.url(),
				"--warroom.telegram.mode=webhook", "--warroom.telegram.webhook-secret=" + SECRET,
				"--warroom.ack-timeout=PT" + ackSeconds + "S", "--logging.level.root=WARN");
		webPort = Integer.parseInt(app.getEnvironment().getProperty("local.server.port"));
		long start = System.nanoTime();
		try {
			script();
			// let the queue drain, so the budget figures
			// cover everything the script caused
			api.awaitQuiet(TimeUnit.SECONDS.toNanos(20), TimeUnit.MINUTES.toNanos(6));
		}
		catch (RuntimeException ex) {
			System.out.println("script stopped: " + ex.getMessage());
		}
		finally {
			double seconds = (System.nanoTime() - start) / 1e9;
			report(seconds);
			app.close();
			api.dump(System.getProperty("bench.calls"));
			api.close();
		}
		return 0;
	}

	private void script() throws Exception {
		command(DBA, "/declare 数据库主机", "sendMessage", (t) -> t.contains("最接近的预案"));
		press(DBA, "数据库主机硬件故障");
		press(DBA, "确认宣布");
		api.awaitButton(GROUP, "完成", 120);
		command(IT_HEAD, "/status", "sendMessage", (t) -> t.contains("级别："));
		int notes = 0;
		int reports = 0;
		boolean level = false;
		boolean acked = false;
		boolean recovered = false;
		long idleSince = System.nanoTime();
		long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(9);
		while (!(stepPresses >= 30 && notes >= 3 && reports >= 2 && level && acked) && System.nanoTime() < deadline) {
			// the 总经理 acknowledges where the third tier reaches him: his own chat (the
			// declaration's escalation first), else the room's one message per escalation
			// once it names that tier
			String tier3 = api.lastButtonMessage(GM, "确认收到", "请您（应急领导小组组长");
			long tier3Chat = GM;
			if (tier3 == null) {
				tier3 = api.lastButtonMessage(GROUP, "确认收到", "已通知应急领导小组组长");
				tier3Chat = GROUP;
			}
			if (!acked && tier3 != null) {
				ackedWhat = ((tier3Chat == GM) ? "在本人私聊：" : "在群里：") + api.text(tier3).split("\n")[0];
				lastLabel = "确认收到";
				pressData(GM, tier3Chat, tier3, api.button(tier3, "确认收到"));
				acked = true;
			}
			else if (resign()) {
				continue;
			}
			else if (stepPresses >= 4 && notes < 1 || stepPresses >= 12 && notes < 2
					|| stepPresses >= 20 && notes < 3) {
				notes++;
				command(RESPONDERS[notes], "/note 第 " + notes + " 条现场记录：厂商工程师已到场", "sendMessage",
						(t) -> t.contains("已记入"));
			}
			else if (stepPresses >= 6 && reports < 1 || stepPresses >= 16 && reports < 2) {
				reports++;
				report(reports);
			}
			else if (stepPresses >= 10 && !level) {
				level = true;
				command(IT_HEAD, "/level", "sendMessage", (t) -> t.contains("当前计算级别"));
				press(IT_HEAD, "重大");
				command(IT_HEAD, "交易中断影响扩大，按重大处置", "sendMessage", (t) -> t.contains("级别已调整为"));
			}
			else if (stepPresses < 30 && step()) {
				idleSince = System.nanoTime();
			}
			else if (stepPresses < 30 && !recovered
					&& System.nanoTime() - idleSince > TimeUnit.SECONDS.toNanos((stepPresses >= 20) ? 15 : 90)) {
				recovered = true;
				command(DBA, "/recovered", "sendMessage", (t) -> t.contains("已恢复服务"));
				press(DBA, "确认已恢复（现在）");
			}
			else {
				FakeClock.sleep(500);
			}
		}
		System.out.printf("script: %d step presses, %d notes, %d reports, level %s, escalation acknowledged %s%n",
				stepPresses, notes, reports, level, acked);
		System.out.printf("  acknowledged: %s%n", ackedWhat);
	}

	/** One step press: 复核确认 by someone else, else 受阻 (first time) or 完成. */
	private boolean step() throws Exception {
		String confirm = api.lastButtonMessage(GROUP, "复核确认", null);
		if (confirm != null) {
			press(RESPONDERS[(turn + 1) % RESPONDERS.length], confirm, "复核确认");
			stepPresses++;
			return true;
		}
		String done = api.lastButtonMessage(GROUP, "完成", null);
		if (done == null) {
			return false;
		}
		long who = RESPONDERS[turn++ % RESPONDERS.length];
		String text = api.text(done);
		// the step's card is posted again at the bottom after 受阻, with 受阻 still on it:
		// once a step
		String step = text.split("\n")[0] + " " + text.replaceAll("(?s).*?(第 \\d+/\\d+ 步).*", "$1");
		if (stepPresses < 22 && api.hasButton(done, "受阻") && !text.contains("双岗复核") && blockedSteps.add(step)) {
			blockPresses.add(System.nanoTime());
			press(who, done, "受阻");
			command(who, "等待厂商备件", null, (t) -> t.contains("受阻"));
			stepPresses++;
			return true;
		}
		press(who, done, "完成");
		stepPresses++;
		return true;
	}

	/**
	 * {@code /reported}: one message of the liaison's, edited at each step (which report
	 * → channel → 现在); then the signing card in the room, 签发 by the 首席风险官 and then by the
	 * 总经理 (two different people, the same button).
	 */
	private void report(int n) throws Exception {
		long since = api.lastMessageId();
		String option = "第 " + n + " 次";
		command(LIAISON, "/reported", "sendMessage", (t) -> t.contains("记录哪一次报告"));
		String dialog = await(() -> api.lastButtonMessage(String.valueOf(GROUP), (label) -> label.contains(option),
				(t) -> t.contains("记录哪一次报告")), "/reported with " + option);
		press(LIAISON, dialog, api.labelMatching(dialog, (label) -> label.contains(option)));
		api.awaitText(dialog, (t) -> t.contains("报告方式"), 120);
		press(LIAISON, dialog, api.firstLabel(dialog));
		api.awaitText(dialog, (t) -> t.contains("报告时间"), 120);
		press(LIAISON, dialog, "现在");
		String sign = api.awaitButtonMessage(GROUP, since, (t) -> t.contains("报告书签发"), 120);
		String data = api.button(sign, "签发");
		lastLabel = "签发";
		pressData(CRO, GROUP, sign, data);
		pressData(GM, GROUP, sign, data); // the same button, the second signer
		signing.add(new String[] { sign, String.valueOf(n), version(api.text(sign)), "0" });
	}

	/**
	 * A signing card renewed after the signatures (the book changed: "此前的签发不再有效"), still
	 * with 签发: both sign again what they now see, at most five times a report.
	 */
	private static String version(String card) {
		return card.replaceAll("(?s).*?（第 (\\d+) 版）.*", "$1");
	}

	private boolean resign() throws Exception {
		for (String[] card : signing) {
			String version = version(api.text(card[0]));
			int times = Integer.parseInt(card[3]);
			if (version.equals(card[2]) || times >= 5 || !api.hasButton(card[0], "签发")) {
				continue;
			}
			card[2] = version;
			card[3] = String.valueOf(times + 1);
			resigns++;
			String data = api.button(card[0], "签发");
			lastLabel = "签发（重签）";
			pressData(CRO, GROUP, card[0], data);
			pressData(GM, GROUP, card[0], data);
			return true;
		}
		return false;
	}

	private static String await(java.util.function.Supplier<String> probe, String what) {
		long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
		while (System.nanoTime() < deadline) {
			String found = probe.get();
			if (found != null) {
				return found;
			}
			FakeClock.sleep(20);
		}
		throw new IllegalStateException("no " + what + " within 120 s");
	}

	private void press(long user, String label) throws Exception {
		String message = api.awaitButton(GROUP, label, 120);
		press(user, message, label);
	}

	private void press(long user, String messageId, String label) throws Exception {
		lastLabel = label;
		pressData(user, GROUP, messageId, api.button(messageId, label));
	}

	private volatile String lastLabel = "签发";

	private void pressData(long user, long chat, String messageId, String data) throws Exception {
		FakeClock.sleep(800); // reading, then pressing
		int id = updateIds.incrementAndGet();
		String query = "cq" + id;
		pressLabels.put(query, lastLabel);
		pressesPosted.put(query, System.nanoTime());
		post("""
				{"update_id":%d,"callback_query":{"id":"%s","chat_instance":"1","data":"%s",
				 "from":{"id":%d,"is_bot":false,"first_name":"P%d"},
				 "message":{"message_id":%s,"date":1763790000,"chat":{"id":%d,"type":"%s"},"text":"x"}}}
				""".formatted(id, query, data, user, user, messageId, chat,
				(chat == GROUP) ? "supergroup" : "private"));
	}

	private void answered(String query, long nanos) {
		Long posted = pressesPosted.remove(query);
		if (posted != null) {
			long millis = (nanos - posted) / 1_000_000;
			pressMillis.add(millis);
			if (millis > 500) {
				slowPresses.add(pressLabels.get(query) + " " + millis + " ms");
			}
		}
	}

	/**
	 * Posts a message and waits for the first group call of {@code method} after it whose
	 * text matches.
	 */
	private void command(long user, String text, String method, Predicate<String> reply) throws Exception {
		FakeClock.sleep(800);
		int id = updateIds.incrementAndGet();
		long posted = System.nanoTime();
		int seen = api.callCount();
		post("""
				{"update_id":%d,"message":{"message_id":%d,"date":1763790000,
				 "chat":{"id":%d,"type":"supergroup","title":"应急群"},
				 "from":{"id":%d,"is_bot":false,"first_name":"P%d"},"text":"%s"}}
				""".formatted(id, id, GROUP, user, user, text));
		long arrived = api.awaitCall(seen, GROUP, method, reply, 180);
		long millis = (arrived - posted) / 1_000_000;
		commandMillis.add(millis);
		commandRows.add(new String[] { text.split(" ")[0], String.valueOf(millis) });
	}

	private void post(String json) throws Exception {
		HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + webPort + "/telegram/webhook"))
			.header("Content-Type", "application/json")
			.header("X-Telegram-Bot-Api-Secret-Token", SECRET)
			.POST(HttpRequest.BodyPublishers.ofString(json))
			.build();
		int status = http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
		if (status != 200) {
			throw new IllegalStateException("webhook answered " + status);
		}
	}

	private void report(double seconds) {
		System.out.printf("%nBusy group benchmark: %.0f s, %d cores%n", seconds,
				Runtime.getRuntime().availableProcessors());
		System.out.printf("presses answered: %d (step presses %d, unanswered %d)%n", pressMillis.size(), stepPresses,
				pressesPosted.size());
		System.out.printf("  press → answer   p50 %s ms, p99 %s ms, max %s ms%n", pct(pressMillis, 50),
				pct(pressMillis, 99), pct(pressMillis, 100));
		System.out.printf("  presses over 500 ms: %s%n", slowPresses);
		System.out.printf("commands: %d%n", commandMillis.size());
		System.out.printf("  command → reply  p50 %s ms, p95 %s ms, max %s ms%n", pct(commandMillis, 50),
				pct(commandMillis, 95), pct(commandMillis, 100));
		for (String[] row : commandRows) {
			System.out.printf("    %-12s %6s ms%n", row[0], row[1]);
		}
		System.out.printf("group messages: %d; most in any 60 s: %d%n", api.groupMessages(GROUP),
				api.maxPerMinute(GROUP));
		// informational: what the presser sees in the
		// room after 受阻 (the question to answer)
		List<Long> prompts = api.callTimes(GROUP, (t) -> t.contains("受阻的原因"));
		List<Long> promptMillis = new ArrayList<>();
		for (int i = 0; i < Math.min(prompts.size(), blockPresses.size()); i++) {
			promptMillis.add((prompts.get(i) - blockPresses.get(i)) / 1_000_000);
		}
		System.out.printf("受阻 presses %d; press → its question in the group (%d): p50 %s ms, max %s ms; %s%n",
				blockPresses.size(), promptMillis.size(), pct(promptMillis, 50), pct(promptMillis, 100), promptMillis);
		for (String[] card : signing) {
			boolean done = api.callTimes(GROUP, (t) -> t.contains("第 " + card[1] + " 次，") && t.contains("方式报告"))
				.size() > 0;
			System.out.printf("report %s: 签发 %s, signed again %s times, card now: %s%n", card[1],
					done ? "recorded" : "NOT recorded", card[3], api.text(card[0]).replace("\n", " ⏎ "));
		}
		System.out.printf(
				"429 answers: %d (to the group %d); 'message is not modified': %d; duplicate texts in the group: %d%n",
				api.tooMany(), api.tooMany(GROUP), api.notModified(), api.duplicateSends(GROUP));
	}

	private static String pct(List<Long> values, int p) {
		if (values.isEmpty()) {
			return "—";
		}
		List<Long> sorted = new ArrayList<>(values);
		Collections.sort(sorted);
		int index = (int) Math.ceil(p / 100.0 * sorted.size()) - 1;
		return String.valueOf(sorted.get(Math.max(0, Math.min(sorted.size() - 1, index))));
	}

	/** Sleeps of the people in the script (real time: the bot paces real time too). */
	static final class FakeClock {

		static void sleep(long millis) {
			try {
				Thread.sleep(millis);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				throw new IllegalStateException(ex);
			}
		}

	}

}
