package com.warroom.bot.telegram;

import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;

import com.warroom.WarRoomApplication;
import com.warroom.bot.incident.Incident;
import com.warroom.bot.incident.IncidentStore;
import com.warroom.bot.incident.TimelineEntry;
import com.warroom.bot.store.EmbeddedRedis;
import com.warroom.bot.store.TestPostgres;
import com.warroom.notify.Reminder;
import com.warroom.notify.ReminderDue;
import com.warroom.notify.ReminderScheduler;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ApplicationEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.PayloadApplicationEvent;
import redis.clients.jedis.RedisClient;
import redis.clients.jedis.UnifiedJedis;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * GH-15: two instances (two application contexts with their own Quartz schedulers,
 * pollers and outboxes) on one real PostgreSQL ({@link TestPostgres}), one Redis and one
 * fake Bot API, in Telegram's polling mode. Updates are served to whichever instance
 * polls, once each, like Telegram does. Instance b's clock runs 2 s ahead of a's
 * throughout. The same two instances serve both tests, in order (starting contexts is
 * most of the time): the reminders first, then a, the poller, is stopped.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class TwoInstancesIntegrationTests {

	private static final long LIAISON = 900000009L;

	@TempDir
	static Path data;

	private final FakeBotApi api = new FakeBotApi();

	private EmbeddedRedis redis;

	private String database;

	private final List<ConfigurableApplicationContext> started = new ArrayList<>();

	/** Every reminder fired, by instance: "a|name". */
	private final Queue<String> fired = new ConcurrentLinkedQueue<>();

	private ConfigurableApplicationContext a;

	private ConfigurableApplicationContext b;

	@BeforeAll
	void servers() throws Exception {
		database = TestPostgres.freshDatabase();
		redis = EmbeddedRedis.start(data.resolve("redis"), 0);
		a = start("a", Duration.ZERO);
		await("a polls", Duration.ofSeconds(10), () -> polling(a));
		b = start("b", Duration.ofSeconds(2));
	}

	@AfterAll
	void stop() {
		for (int i = started.size() - 1; i >= 0; i--) {
			started.get(i).close();
		}
		// without PostgreSQL the class is skipped before anything was started
		if (redis != null) {
			redis.close();
		}
		if (api != null) {
			api.close();
		}
	}

	private ConfigurableApplicationContext start(String name, Duration clockOffset) {
		ApplicationListener<ApplicationEvent> reminders = (event) -> {
			if (event instanceof PayloadApplicationEvent<?> payload && payload.getPayload() instanceof ReminderDue due
					&& due.incidentId().startsWith("LOAD-")) {
				fired.add(name + "|" + due.incidentId() + "|" + due.key() + "|" + due.stage() + "|"
						+ due.dueAt().toEpochMilli());
			}
		};
		ConfigurableApplicationContext context = new SpringApplicationBuilder(WarRoomApplication.class)
			.listeners(reminders)
			.initializers((ctx) -> ctx.getBeanFactory().addBeanPostProcessor(new BeanPostProcessor() {

				@Override
				public Object postProcessAfterInitialization(Object bean, String beanName) {
					return (bean instanceof Clock clock && !clockOffset.isZero()) ? Clock.offset(clock, clockOffset)
							: bean;
				}

			}))
			.run("--server.port=0", "--warroom.data-dir=" + data.resolve(name), "--warroom.redis-url=" + redis.url(),
					"--warroom.database-url=" + database, "--warroom.database-user=postgres",
					"--warroom.telegram.token=" + FakeBotApi.TOKEN, "--warroom.telegram.api-url=" + api.url(),
					"--warroom.telegram.mode=polling", "--warroom.telegram.chat-per-second=1000",
					"--warroom.telegram.group-per-minute=60000", "--warroom.reminder-lead=PT1S",
					"--warroom.overdue-after=PT10S", "--warroom.cluster.checkin-interval=PT2S");
		started.add(context);
		return context;
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

	private static boolean polling(ConfigurableApplicationContext context) {
		return context.getBean(TelegramPolling.class).polling();
	}

	private static void await(String what, Duration within, BooleanSupplier condition) {
		long deadline = System.nanoTime() + within.toNanos();
		while (!condition.getAsBoolean()) {
			if (System.nanoTime() > deadline) {
				throw new AssertionError("not within " + within + ": " + what);
			}
			FakeBotApi.sleep(20);
		}
	}

	private long sent(String part) {
		return api.calls("sendMessage").stream().filter((b) -> b.path("text").asText().contains(part)).count();
	}

	@Test
	@Order(1)
	void aThousandRemindersAcrossBothInstancesFireExactlyOnceWithOneClockTwoSecondsOff() {
		List<ReminderScheduler> schedulers = List.of(a.getBean(ReminderScheduler.class),
				b.getBean(ReminderScheduler.class));
		List<Clock> clocks = List.of(a.getBean(Clock.class), b.getBean(Clock.class));
		assertThat(Duration.between(clocks.get(0).instant(), clocks.get(1).instant()))
			.isBetween(Duration.ofMillis(1900), Duration.ofMillis(2100));
		int incidents = 100;
		for (int i = 0; i < incidents; i++) {
			// half planned by each instance, on its own clock: 4 to 6 s from its now
			Instant now = clocks.get(i % 2).instant();
			List<Reminder> reminders = new ArrayList<>();
			for (int r = 0; r < 10; r++) {
				Instant at = now.plusMillis(4000 + 200L * r + 10L * i);
				reminders.add(new Reminder("LOAD-" + i, "CYCLE:" + r, Reminder.Stage.DUE, at, at));
			}
			schedulers.get(i % 2).replace("LOAD-" + i, reminders);
		}
		await("1,000 reminders fired", Duration.ofSeconds(60), () -> fired.size() >= 1000);
		FakeBotApi.sleep(3000); // a second firing would come now
		Map<String, Long> byReminder = fired.stream()
			.collect(Collectors.groupingBy((f) -> f.substring(f.indexOf('|') + 1), Collectors.counting()));
		Map<String, Long> byInstance = fired.stream()
			.collect(Collectors.groupingBy((f) -> f.substring(0, f.indexOf('|')), Collectors.counting()));
		System.out.println("GH-15 exactly-once: " + fired.size() + " firings of " + byReminder.size()
				+ " reminders; by instance " + byInstance);
		assertThat(byReminder).hasSize(1000);
		assertThat(byReminder.values()).allMatch((count) -> count == 1);
		assertThat(fired).hasSize(1000);
		// both schedulers took part: the cluster shares the work
		assertThat(byInstance).containsKeys("a", "b");
	}

	@Test
	@Order(2)
	void theOtherInstanceTakesOverPollingWithinFifteenSecondsAndContinuesTheIncidentAndItsClock() {
		// b has run for more than a renewal interval: it stays a follower
		assertThat(polling(a)).isTrue();
		assertThat(polling(b)).isFalse();

		// the conversation starts on a (the poller) ...
		deliver(Updates.message(Updates.nextId(), LIAISON, "/declare 网页 篡改"));
		deliver(Updates.press(Updates.nextId(), LIAISON, api.button("网页内容被篡改"), 1));
		String confirm = api.button("确认宣布");
		IncidentStore store = b.getBean(IncidentStore.class);

		// ... the poller stops mid-conversation
		Instant stopped = Instant.now();
		a.close();
		await("b polls", Duration.ofSeconds(15), () -> polling(b));
		Duration takeover = Duration.between(stopped, Instant.now());
		System.out.println("GH-15 takeover: " + takeover.toMillis() + " ms");
		assertThat(takeover).isLessThan(Duration.ofSeconds(15));

		// b continues it: the press on a's message declares the incident, and b's clock
		// runs its reminders
		deliver(Updates.press(Updates.nextId(), LIAISON, confirm, 1));
		await("the incident declared", Duration.ofSeconds(20), () -> !store.open().isEmpty());
		api.await("sendMessage", (m) -> m.path("text").asText().contains("现在到期"));
		Incident incident = store.open().get(0);
		List<TimelineEntry> before = store.timeline(incident.id());
		assertThat(before).isNotEmpty();
		api.await("sendMessage", (m) -> m.path("text").asText().contains("已超时（应于"));
		FakeBotApi.sleep(2000);
		assertThat(sent("现在到期")).isEqualTo(1);
		// once in the incident's chat, and the escalation: to the first tier directly and
		// noted in the chat (as with one instance, ReminderRestartIntegrationTests)
		assertThat(sent("已超时")).isEqualTo(3);
		assertThat(sent("前），已逐级升级通知")).isEqualTo(1);
		List<String> messages = api.calls("sendMessage")
			.stream()
			.map((m) -> m.path("chat_id").asText() + " " + m.path("text").asText())
			.toList();
		assertThat(messages).doesNotHaveDuplicates();
		// no acknowledged timeline entry lost: everything
		// recorded before is still there, in order
		List<TimelineEntry> after = store.timeline(incident.id());
		assertThat(after.subList(0, before.size())).isEqualTo(before);
		System.out.println("GH-15 timeline entries lost across the takeover: "
				+ before.stream().filter((entry) -> !after.contains(entry)).count() + " of " + before.size());

		// Telegram says someone else polls (409 Conflict): b steps down at once
		var conflict = api.server.stubFor(post(urlPathMatching("(?i)/bot.*/getUpdates")).atPriority(2)
			.willReturn(aResponse().withStatus(409)
				.withHeader("Content-Type", "application/json")
				.withBody(
						"{\"ok\":false,\"error_code\":409,\"description\":\"Conflict: terminated by other getUpdates request\"}")));
		await("b steps down on 409", Duration.ofSeconds(10), () -> !polling(b));
		// the other poller is gone: after one lease time b polls again
		api.server.removeStub(conflict);
		await("b polls again", Duration.ofSeconds(20), () -> polling(b));
	}

	@Test
	@Order(3)
	void redisKilledRestartedAndWipedMidIncidentLosesNoIncidentTimelineEntryOrReminder() {
		IncidentStore store = b.getBean(IncidentStore.class);
		ReminderScheduler reminders = b.getBean(ReminderScheduler.class);
		Incident incident = store.open().get(0);
		List<TimelineEntry> timeline = store.timeline(incident.id());
		List<Reminder> pending = reminders.pending(incident.id());
		assertThat(pending).isNotEmpty();
		int port = Integer.parseInt(redis.url().substring(redis.url().lastIndexOf(':') + 1));

		// killed, and started again on its files
		redis.close();
		assertThat(store.open()).extracting(Incident::id).containsExactly(incident.id());
		redis = EmbeddedRedis.start(data.resolve("redis"), port);
		report("killed and restarted", store, reminders, incident, timeline, pending);

		// wiped
		try (UnifiedJedis client = RedisClient.create(URI.create(redis.url()))) {
			client.flushAll();
		}
		report("wiped", store, reminders, incident, timeline, pending);

		// and the conversation goes on, on the surviving instance
		long helps = sent("可用命令");
		deliver(Updates.message(Updates.nextId(), LIAISON, "/help"));
		await("an answer after the wipe", Duration.ofSeconds(20), () -> sent("可用命令") > helps);
	}

	private static void report(String fault, IncidentStore store, ReminderScheduler reminders, Incident incident,
			List<TimelineEntry> timeline, List<Reminder> pending) {
		List<TimelineEntry> after = store.timeline(incident.id());
		long lost = timeline.stream().filter((entry) -> !after.contains(entry)).count();
		List<Reminder> still = reminders.pending(incident.id());
		long remindersLost = pending.stream().filter((reminder) -> !still.contains(reminder)).count();
		System.out.println("GH-15 Redis " + fault + ": incidents " + store.open().size() + ", timeline entries lost "
				+ lost + " of " + timeline.size() + ", reminders lost " + remindersLost + " of " + pending.size());
		assertThat(store.open()).extracting(Incident::id).containsExactly(incident.id());
		assertThat(lost).isZero();
		assertThat(after.subList(0, timeline.size())).isEqualTo(timeline);
		assertThat(remindersLost).isZero();
	}

}
