package com.warroom.bot.telegram;

import java.net.URI;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import com.warroom.bot.engine.ConversationEngine;
import com.warroom.bot.engine.EngineHarness;
import com.warroom.bot.engine.Inbound;
import com.warroom.bot.engine.Outbound;
import com.warroom.bot.engine.TestRedis;
import com.warroom.bot.incident.Incident;
import com.warroom.bot.incident.TimelineType;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.telegram.telegrambots.client.okhttp.OkHttpTelegramClient;
import org.telegram.telegrambots.meta.api.objects.Update;
import redis.clients.jedis.RedisClient;
import redis.clients.jedis.UnifiedJedis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Issue 11, "an update that crashes mid-request is lost for good": the gateway on the
 * real engine and Redis, with the handling of an update cut short by an exception before
 * or after the engine's writes, then the update delivered again (the webhook's 500 makes
 * Telegram redeliver; polling retries it itself). Each takes effect once.
 */
class UpdateRedeliveryTests {

	static final FakeBotApi api = new FakeBotApi();

	static final long DBA = 900000006L;

	private EngineHarness harness;

	private SendQueue queue;

	/** Where the next call of the engine fails: never, before its effect, or after it. */
	private enum Fault {

		NONE, BEFORE, AFTER

	}

	private volatile Fault fault = Fault.NONE;

	private final AtomicInteger runs = new AtomicInteger();

	private TelegramGateway gateway;

	@AfterAll
	static void stop() {
		api.close();
	}

	@BeforeEach
	void setUp() {
		api.reset();
		// the gateway opens forum topics for the engine, as in the application
		harness = new EngineHarness(TestRedis.fresh(), (chat, name) -> gateway.open(chat, name));
		queue = new SendQueue(Clock.systemUTC(), 1000, 1000, 60000);
		gateway = gateway(TestRedis.client());
	}

	@AfterEach
	void tearDown() {
		queue.close();
	}

	private TelegramGateway gateway(UnifiedJedis redis) {
		ConversationEngine faulty = new ConversationEngine(harness.services) {
			@Override
			public List<Outbound> handle(Inbound inbound) {
				runs.incrementAndGet();
				Fault now = fault;
				fault = Fault.NONE;
				if (now == Fault.BEFORE) {
					throw new IllegalStateException("injected before the effect");
				}
				List<Outbound> actions = harness.engine.handle(inbound);
				if (now == Fault.AFTER) {
					throw new IllegalStateException("injected after the effect");
				}
				return actions;
			}
		};
		java.util.List<com.warroom.bot.delivery.OutboundSink> sinks = new java.util.ArrayList<>();
		TelegramGateway gateway = new TelegramGateway(
				new OkHttpTelegramClient(FakeBotApi.TOKEN, TelegramConfiguration.telegramUrl(URI.create(api.url()))),
				new com.warroom.bot.delivery.EventHandling(faulty, com.warroom.bot.delivery.Delivery.over(() -> sinks),
						com.warroom.bot.delivery.Settling.inline()),
				queue, harness.slots, redis, harness.archive);
		sinks.add(gateway);
		return gateway;
	}

	private static Update update(String json) throws Exception {
		return TelegramPolling.mapper().readValue(json, Update.class);
	}

	/**
	 * Declares an incident in the group through the gateway, as Telegram would deliver
	 * it.
	 */
	private Incident declare() throws Exception {
		gateway.handle(update(Updates.message(Updates.nextId(), DBA, "/declare 数据库主机")));
		gateway.handle(update(Updates.press(Updates.nextId(), DBA, api.button("数据库主机硬件故障"), 1)));
		gateway.handle(update(Updates.press(Updates.nextId(), DBA, api.button("确认宣布"), 1)));
		List<Incident> open = harness.incidents.open();
		assertThat(open).hasSize(1);
		return open.get(0);
	}

	private long notes(Incident incident) {
		return harness.incidents.timeline(incident.id()).stream().filter((e) -> e.type() == TimelineType.NOTE).count();
	}

	@Test
	void anUpdateThatFailedBeforeItsEffectTakesEffectWhenTelegramSendsItAgain() throws Exception {
		Incident incident = declare();
		Update note = update(Updates.message(Updates.nextId(), DBA, "/note 厂商已到场"));
		fault = Fault.BEFORE;
		assertThatThrownBy(() -> gateway.handle(note)).hasMessageContaining("before the effect");
		assertThat(notes(incident)).isZero();
		assertThat(gateway.handle(note)).isEqualTo(TelegramGateway.Outcome.HANDLED);
		assertThat(notes(incident)).isEqualTo(1);
		api.await("sendMessage", (b) -> b.path("text").asText().contains("已记入"));
		// handled now: a third delivery does nothing
		assertThat(gateway.handle(note)).isEqualTo(TelegramGateway.Outcome.DUPLICATE);
		assertThat(notes(incident)).isEqualTo(1);
	}

	@Test
	void anUpdateThatFailedAfterItsEffectIsNotAppliedTwiceWhenTelegramSendsItAgain() throws Exception {
		Incident incident = declare();
		Update note = update(Updates.message(Updates.nextId(), DBA, "/note 厂商已到场"));
		fault = Fault.AFTER;
		assertThatThrownBy(() -> gateway.handle(note)).hasMessageContaining("after the effect");
		assertThat(notes(incident)).isEqualTo(1);
		assertThat(gateway.handle(note)).isEqualTo(TelegramGateway.Outcome.HANDLED);
		assertThat(notes(incident)).isEqualTo(1);
		// the redelivery answers as the first run would have: the note is recorded
		api.await("sendMessage", (b) -> b.path("text").asText().contains("已记入"));
	}

	@Test
	void aDeclarationThatFailedAfterItsEffectOpensOneIncidentWhenSentAgain() throws Exception {
		gateway.handle(update(Updates.message(Updates.nextId(), DBA, "/declare 数据库主机")));
		gateway.handle(update(Updates.press(Updates.nextId(), DBA, api.button("数据库主机硬件故障"), 1)));
		Update confirm = update(Updates.press(Updates.nextId(), DBA, api.button("确认宣布"), 1));
		fault = Fault.AFTER;
		assertThatThrownBy(() -> gateway.handle(confirm)).isInstanceOf(IllegalStateException.class);
		gateway.handle(confirm);
		assertThat(harness.incidents.open()).hasSize(1);
		String id = harness.incidents.open().get(0).id();
		assertThat(harness.incidents.timeline(id).stream().filter((e) -> e.type() == TimelineType.DECLARED)).hasSize(1);
		api.await("answerCallbackQuery", (b) -> b.path("text").asText().equals("已宣布 " + id));
	}

	@Test
	void aDeclarationInAForumRedeliveredOpensOneTopic() throws Exception {
		String forum = "\"type\":\"supergroup\",\"is_forum\":true";
		gateway.handle(update(
				Updates.message(Updates.nextId(), DBA, "/declare 数据库主机").replace("\"type\":\"supergroup\"", forum)));
		gateway.handle(update(Updates.press(Updates.nextId(), DBA, api.button("数据库主机硬件故障"), 1)
			.replace("\"type\":\"supergroup\"", forum)));
		Update confirm = update(
				Updates.press(Updates.nextId(), DBA, api.button("确认宣布"), 1).replace("\"type\":\"supergroup\"", forum));
		fault = Fault.AFTER;
		assertThatThrownBy(() -> gateway.handle(confirm)).isInstanceOf(IllegalStateException.class);
		gateway.handle(confirm);
		assertThat(harness.incidents.open()).singleElement()
			.satisfies((incident) -> assertThat(incident.chat().threadId()).isEqualTo("77"));
		assertThat(api.calls("createForumTopic")).hasSize(1);
	}

	@Test
	void pollingTriesAnUpdateThatFailedAgainAndItTakesEffectOnce() throws Exception {
		Incident incident = declare();
		Update before = update(Updates.message(Updates.nextId(), DBA, "/note 第一条"));
		Update after = update(Updates.message(Updates.nextId(), DBA, "/note 第二条"));
		fault = Fault.BEFORE;
		gateway.consume(List.of(before));
		fault = Fault.AFTER;
		gateway.consume(List.of(after));
		assertThat(harness.incidents.timeline(incident.id())
			.stream()
			.filter((e) -> e.type() == TimelineType.NOTE)
			.map((e) -> e.detail("text"))).containsExactly("第一条", "第二条");
	}

	@Test
	void malformedUpdatesAreRefusedAndChangeNothing() throws Exception {
		Incident incident = declare();
		int before = runs.get();
		String noChat = """
				{"update_id":%d,"message":{"message_id":1,"date":1,"from":{"id":%d,"is_bot":false,"first_name":"测试"},
				 "text":"/note 无 chat"}}""".formatted(Updates.nextId(), DBA);
		String noFrom = """
				{"update_id":%d,"callback_query":{"id":"cq1","chat_instance":"1","data":"AbCdEfGhJkMn",
				 "message":{"message_id":1,"date":1,"chat":{"id":%d,"type":"supergroup"},"text":"x"}}}"""
			.formatted(Updates.nextId(), Updates.GROUP);
		assertThat(gateway.handle(null)).isEqualTo(TelegramGateway.Outcome.MALFORMED);
		assertThat(gateway.handle(update(noChat))).isEqualTo(TelegramGateway.Outcome.MALFORMED);
		assertThat(gateway.handle(update(noFrom))).isEqualTo(TelegramGateway.Outcome.MALFORMED);
		assertThat(runs.get()).isEqualTo(before);
		assertThat(notes(incident)).isZero();
	}

	@Test
	void withRedisUnreachableTheSenderIsToldToTryAgainAndNothingChanges() throws Exception {
		Incident incident = declare();
		try (UnifiedJedis dead = RedisClient.create(URI.create("redis://127.0.0.1:1"))) {
			TelegramGateway outage = gateway(dead);
			api.reset();
			assertThat(outage.handle(update(Updates.message(Updates.nextId(), DBA, "/note 停电中"))))
				.isEqualTo(TelegramGateway.Outcome.HANDLED);
		}
		api.await("sendMessage", (b) -> b.path("text").asText().contains("系统暂时无法保存，请稍后重试"));
		assertThat(notes(incident)).isZero();
	}

}
