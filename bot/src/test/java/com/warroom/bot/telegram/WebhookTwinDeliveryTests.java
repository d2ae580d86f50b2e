package com.warroom.bot.telegram;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import com.warroom.bot.engine.EngineHarness;
import com.warroom.bot.engine.TestRedis;
import com.warroom.bot.incident.Incident;
import com.warroom.bot.incident.TimelineType;
import com.warroom.bot.store.TestDatabase;
import com.zaxxer.hikari.HikariDataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.telegram.telegrambots.meta.api.objects.Update;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * GH-15, webhook mode with two instances: Telegram, not seeing its answer in time,
 * delivers the same update again to the other instance while the first is still handling
 * it. Two instances here are two engines (each its own store object, button tokens,
 * outbox node, sender and gateway) over one incident record (the test database), one
 * Redis and one outbox database; each update is handled by both at the same moment (a
 * barrier), twenty times over. The update-id mark is set only after the effect, so both
 * run it; the writes are named by the update in the record ({@code incident.Effects}) and
 * the replies by a cause both draw from Redis ({@code SET NX}), so it takes effect once:
 * one note on the timeline, one confirmation in the group, one incident for one
 * confirmation press.
 */
class WebhookTwinDeliveryTests {

	static final FakeBotApi api = new FakeBotApi();

	static final long DBA = 900000006L;

	private static final int ROUNDS = 20;

	private HikariDataSource outboxes;

	private Node a;

	private Node b;

	@AfterAll
	static void stop() {
		api.close();
	}

	@BeforeEach
	void setUp() {
		api.reset();
		TestRedis.fresh();
		outboxes = TestDatabase.h2();
		a = new Node("a");
		b = new Node("b");
	}

	@AfterEach
	void tearDown() {
		a.close();
		b.close();
		outboxes.close();
	}

	/**
	 * One instance: its own engine over the shared record and Redis, its own outbox node,
	 * sender, queue and gateway.
	 */
	private final class Node extends TelegramNode {

		final EngineHarness harness;

		Node(String name) {
			this(new EngineHarness(TestRedis.client()), name);
		}

		private Node(EngineHarness harness, String name) {
			super(api, harness, outboxes, Clock.systemUTC(), name);
			this.harness = harness;
		}

		void settle() {
			settle(Duration.ofSeconds(20));
		}

	}

	private static Update update(String json) throws Exception {
		return TelegramPolling.mapper().readValue(json, Update.class);
	}

	/**
	 * Both instances handle the same update at the same moment (as their webhooks would);
	 * their outcomes.
	 */
	private List<TelegramGateway.Outcome> twice(String json) throws Exception {
		Update first = update(json);
		Update second = update(json);
		CyclicBarrier together = new CyclicBarrier(2);
		ExecutorService webhooks = Executors.newFixedThreadPool(2);
		try {
			Future<TelegramGateway.Outcome> onA = webhooks.submit(() -> {
				together.await();
				return a.gateway.handle(first);
			});
			Future<TelegramGateway.Outcome> onB = webhooks.submit(() -> {
				together.await();
				return b.gateway.handle(second);
			});
			return List.of(onA.get(30, TimeUnit.SECONDS), onB.get(30, TimeUnit.SECONDS));
		}
		finally {
			webhooks.shutdownNow();
		}
	}

	private void settle() {
		a.settle();
		b.settle();
	}

	private static List<String> groupTexts(String containing) {
		return api.calls("sendMessage")
			.stream()
			.filter((m) -> m.path("chat_id").asText().equals(String.valueOf(Updates.GROUP)))
			.map((m) -> m.path("text").asText())
			.filter((t) -> t.contains(containing))
			.toList();
	}

	@Test
	void theSameUpdateReceivedByBothInstancesAtOnceTakesEffectOnce() throws Exception {
		assertThat(twice(Updates.message(Updates.nextId(), DBA, "/declare 数据库主机"))).doesNotContainNull();
		settle();
		twice(Updates.press(Updates.nextId(), DBA, api.button("数据库主机硬件故障"), 1));
		settle();
		twice(Updates.press(Updates.nextId(), DBA, api.button("确认宣布"), 1));
		settle();
		// one confirmation press, delivered to both: one incident
		List<Incident> open = a.harness.incidents.open();
		assertThat(open).hasSize(1);
		Incident incident = open.get(0);

		for (int i = 1; i <= ROUNDS; i++) {
			List<TelegramGateway.Outcome> outcomes = twice(
					Updates.message(Updates.nextId(), DBA, "/note 第" + i + "条记录。"));
			assertThat(outcomes).doesNotContain(TelegramGateway.Outcome.MALFORMED);
		}
		settle();

		List<String> notes = a.harness.incidents.timeline(incident.id())
			.stream()
			.filter((e) -> e.type() == TimelineType.NOTE)
			.map((e) -> String.join(" ", e.details().values()))
			.toList();
		long confirmations = groupTexts("已记入").size();
		System.out.println("GH-15 webhook, each update received by two instances at once: " + ROUNDS + " notes, "
				+ notes.size() + " on the timeline, " + confirmations + " confirmations in the group");
		for (int i = 1; i <= ROUNDS; i++) {
			String note = "第" + i + "条记录。";
			assertThat(notes).filteredOn((n) -> n.contains(note)).as(note).hasSize(1);
		}
		assertThat(notes).hasSize(ROUNDS);
		assertThat(confirmations).isEqualTo(ROUNDS);
		assertThat(groupTexts("（重发）")).isEmpty();
		assertThat(b.harness.incidents.open()).extracting(Incident::id).containsExactly(incident.id());
	}

}
