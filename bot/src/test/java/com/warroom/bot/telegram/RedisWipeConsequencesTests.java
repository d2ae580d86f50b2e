package com.warroom.bot.telegram;

import java.time.Clock;
import java.util.List;

import com.warroom.bot.engine.EngineHarness;
import com.warroom.bot.engine.TestRedis;
import com.warroom.bot.incident.Incident;
import com.warroom.bot.incident.TimelineEntry;
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
 * GH-15, the audit of what lives only in Redis: the message slots (which Telegram message
 * shows an incident's card, so it is edited in place), the button tokens and the update
 * ids already handled are safe to lose — rebuilt, or expiring — and this is what their
 * loss costs, the record (incidents, timelines, in the database) being untouched: after a
 * wipe an older button answers 此按钮已失效 and changes nothing, {@code /status} posts the card
 * afresh, a new note is recorded and confirmed once, and an update delivered again after
 * the wipe (its handled-mark gone) records nothing twice. (The reminders' sent marks
 * moved to the record: {@code ReminderRestartIntegrationTests}.)
 */
class RedisWipeConsequencesTests {

	static final FakeBotApi api = new FakeBotApi();

	static final long DBA = 900000006L;

	private HikariDataSource outboxes;

	private EngineHarness harness;

	private SendQueue queue;

	private TelegramOutbox outbox;

	private TelegramSender sender;

	private TelegramGateway gateway;

	@AfterAll
	static void stop() {
		api.close();
	}

	@BeforeEach
	void setUp() {
		api.reset();
		outboxes = TestDatabase.h2();
		harness = new EngineHarness(TestRedis.fresh());
		TelegramNode node = new TelegramNode(api, harness, outboxes, Clock.systemUTC(), "embedded");
		queue = node.queue;
		outbox = node.outbox;
		sender = node.sender;
		gateway = node.gateway;
	}

	@AfterEach
	void tearDown() {
		sender.close();
		queue.close();
		outboxes.close();
	}

	private void settle() {
		long deadline = System.currentTimeMillis() + 20_000;
		while ((queue.pending() > 0 || outbox.open() > 0) && System.currentTimeMillis() < deadline) {
			FakeBotApi.sleep(20);
		}
		assertThat(outbox.open()).isZero();
	}

	private TelegramGateway.Outcome handle(String json) throws Exception {
		Update update = TelegramPolling.mapper().readValue(json, Update.class);
		TelegramGateway.Outcome outcome = gateway.handle(update);
		settle();
		return outcome;
	}

	private static long group(String method, String containing) {
		return api.calls(method)
			.stream()
			.filter((m) -> m.path("chat_id").asText().equals(String.valueOf(Updates.GROUP)))
			.filter((m) -> m.path("text").asText().contains(containing))
			.count();
	}

	private long notes(Incident incident) {
		return harness.incidents.timeline(incident.id()).stream().filter((e) -> e.type() == TimelineType.NOTE).count();
	}

	@Test
	void aWipedRedisCostsButtonsAndTheCardInPlaceNeverTheRecord() throws Exception {
		handle(Updates.message(Updates.nextId(), DBA, "/declare 数据库主机"));
		handle(Updates.press(Updates.nextId(), DBA, api.button("数据库主机硬件故障"), 1));
		String confirm = api.button("确认宣布");
		handle(Updates.press(Updates.nextId(), DBA, confirm, 1));
		Incident incident = harness.incidents.open().get(0);
		String note = Updates.message(Updates.nextId(), DBA, "/note 擦除前的记录");
		handle(note);
		List<TimelineEntry> before = harness.incidents.timeline(incident.id());
		long cards = group("sendMessage", incident.id());

		// wiped: Redis only (the record is in the database)
		TestRedis.client().flushAll();

		// the incident and its timeline are whole
		assertThat(harness.incidents.open()).extracting(Incident::id).containsExactly(incident.id());
		assertThat(harness.incidents.timeline(incident.id())).isEqualTo(before);
		// an older button answers that it is no longer valid, and changes nothing
		handle(Updates.press(Updates.nextId(), DBA, api.button("确认宣布"), 1));
		assertThat(api.calls("answerCallbackQuery")).last()
			.satisfies((answer) -> assertThat(answer.path("text").asText()).contains("此按钮已失效"));
		assertThat(harness.incidents.timeline(incident.id())).isEqualTo(before);
		assertThat(harness.incidents.open()).hasSize(1);
		// the card is shown again (posted afresh: which message showed it was in Redis)
		handle(Updates.message(Updates.nextId(), DBA, "/status"));
		assertThat(group("sendMessage", incident.id())).isGreaterThan(cards);
		// the conversation goes on: a new note is recorded and confirmed once
		long confirmed = group("sendMessage", "已记入");
		handle(Updates.message(Updates.nextId(), DBA, "/note 擦除后的记录"));
		assertThat(notes(incident)).isEqualTo(2);
		assertThat(group("sendMessage", "已记入")).isEqualTo(confirmed + 1);
		// the update of the note before the wipe, delivered again (its handled-mark was
		// in Redis): its write is named by the update in
		// the record, so the note is not recorded twice
		assertThat(handle(note)).isEqualTo(TelegramGateway.Outcome.HANDLED);
		assertThat(notes(incident)).isEqualTo(2);
		assertThat(harness.incidents.timeline(incident.id())
			.stream()
			.filter((e) -> e.type() == TimelineType.NOTE)
			.filter((e) -> e.details().values().stream().anyMatch((v) -> v.contains("擦除前的记录")))).hasSize(1);
	}

}
