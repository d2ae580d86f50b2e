package com.warroom.bot.telegram;

import java.time.Duration;
import java.util.List;

import com.warroom.bot.chat.ChatRef;
import com.warroom.bot.engine.EngineHarness;
import com.warroom.bot.engine.Outbound;
import com.warroom.bot.engine.TestRedis;
import com.warroom.bot.incident.Effects;
import com.warroom.bot.incident.Incident;
import com.warroom.bot.incident.TimelineType;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.telegram.telegrambots.meta.api.objects.Update;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * GH-11, the fault run's last unmarked duplicate: an event handled again after a crash
 * (an update whose reply was stored, or sent, before the process died and before the
 * update was marked handled; a reminder fired again) produces its messages a second time,
 * with a new button token, so the outbox's own resend rules cannot tell them apart. Every
 * such call is named by its cause in the outbox (unique), so the second run stores none.
 * The crash is made here by starting a second life of the node on the same database and
 * Redis, with the update not marked handled — what a kill between the two leaves.
 */
class ReplayedEventOutboxTests {

	static final FakeBotApi api = new FakeBotApi();

	static final long DBA = 900000006L;

	private static final ChatRef GROUP = new ChatRef("tg", String.valueOf(Updates.GROUP), null, false);

	private final SendQueueTests.MovableClock clock = new SendQueueTests.MovableClock();

	private JdbcDataSource database;

	private EngineHarness harness;

	private Life life;

	@AfterAll
	static void stop() {
		api.close();
	}

	@BeforeEach
	void setUp() {
		api.reset();
		database = new JdbcDataSource();
		database.setURL("jdbc:h2:mem:replay-" + System.nanoTime() + ";DB_CLOSE_DELAY=-1");
		com.warroom.notify.JobStoreSchema.migrate(database);
		harness = new EngineHarness(TestRedis.fresh());
		life = new Life();
	}

	@AfterEach
	void tearDown() {
		life.close();
	}

	/**
	 * One life of the node: its outbox (same database, same node name), sender, queue and
	 * gateway.
	 */
	private final class Life extends TelegramNode {

		Life() {
			super(api, harness, database, clock, "embedded");
		}

		void settle() {
			settle(Duration.ofSeconds(10));
		}

	}

	/** The node is killed and starts again on the same database and Redis. */
	private void restart() {
		life.close();
		clock.advance(Duration.ofSeconds(5));
		life = new Life();
		life.sender.resume();
	}

	private static Update update(String json) throws Exception {
		return TelegramPolling.mapper().readValue(json, Update.class);
	}

	private Incident declare() throws Exception {
		life.gateway.handle(update(Updates.message(Updates.nextId(), DBA, "/declare 数据库主机")));
		life.gateway.handle(update(Updates.press(Updates.nextId(), DBA, api.button("数据库主机硬件故障"), 1)));
		life.gateway.handle(update(Updates.press(Updates.nextId(), DBA, api.button("确认宣布"), 1)));
		life.settle();
		return harness.incidents.open().get(0);
	}

	private static List<String> groupTexts(String containing) {
		return api.calls("sendMessage")
			.stream()
			.filter((b) -> b.path("chat_id").asText().equals(String.valueOf(Updates.GROUP)))
			.map((b) -> b.path("text").asText())
			.filter((t) -> t.contains(containing))
			.toList();
	}

	@Test // GH-11: seed 12 of the fault run, a note confirmed twice (new token) after a
			// kill
	void aNoteRedeliveredAfterACrashThatCameAfterItsReplyWasSentIsConfirmedOnce() throws Exception {
		Incident incident = declare();
		int id = Updates.nextId();
		String note = Updates.message(id, DBA, "/note 厂商已到场");
		assertThat(life.gateway.handle(update(note))).isEqualTo(TelegramGateway.Outcome.HANDLED);
		life.settle();
		assertThat(groupTexts("已记入")).hasSize(1);
		// killed after the reply was stored and sent,
		// before the update was marked handled
		TestRedis.client().del("wr:upd:tg:" + id);
		restart();

		assertThat(life.gateway.handle(update(note))).isEqualTo(TelegramGateway.Outcome.HANDLED);
		life.settle();

		assertThat(harness.incidents.timeline(incident.id()).stream().filter((e) -> e.type() == TimelineType.NOTE))
			.hasSize(1);
		assertThat(groupTexts("已记入")).hasSize(1);
		assertThat(life.sender.stats().repeated()).isEqualTo(1);
	}

	@Test // GH-11
	void aNoteRedeliveredAfterACrashBeforeItsReplyWasSentIsConfirmedOnceByTheRestartedNode() throws Exception {
		Incident incident = declare();
		int id = Updates.nextId();
		String note = Updates.message(id, DBA, "/note 已切换备机");
		// the reply is stored, but the process dies before
		// the call is made and before the mark
		life.queue.close();
		life.gateway.handle(update(note));
		TestRedis.client().del("wr:upd:tg:" + id);
		restart();

		life.gateway.handle(update(note));
		life.settle();

		assertThat(harness.incidents.timeline(incident.id()).stream().filter((e) -> e.type() == TimelineType.NOTE))
			.hasSize(1);
		// the stored reply is resumed (never made before: not marked); the redelivery's
		// own is not stored again
		assertThat(groupTexts("已记入")).singleElement().satisfies((t) -> assertThat(t).doesNotContain("（重发）"));
	}

	@Test // GH-11: seeds 11 and 12, a call made again unmarked after a kill although
			// Telegram had taken it
	void aCallWhoseSendingTheDatabaseLostAtTheCrashIsResentMarkedInAGroup() {
		life.sender.deliver(new Outbound.Send(GROUP, "群里的回复", List.of(), null, null), GROUP, SendQueue.Lane.COMMAND);
		life.settle();
		// H2 lost the last writes before the kill -9:
		// the row is back as stored, never attempted
		new org.springframework.jdbc.core.JdbcTemplate(database)
			.update("UPDATE WR_TG_OUTBOX SET STATUS = 'PENDING', ATTEMPTS = 0, DETAIL = NULL");
		restart();
		life.settle();

		assertThat(groupTexts("群里的回复")).containsExactly("群里的回复", "（重发）群里的回复");
	}

	@Test // GH-11: seed 11, an at-once reminder produced again after a kill
	void theSameCauseStoresItsMessageOnceAndAnotherCauseItsOwn() {
		Outbound.Send reminder = new Outbound.Send(GROUP, "提醒：现在到期", List.of(), null, "INC-1");
		life.queue.close(); // stored, then the process dies before the call
		Effects.within("rem:INC-1:REPORT:1:DUE", () -> {
			life.sender.deliver(reminder, GROUP, SendQueue.Lane.BULK);
			return null;
		});
		restart();
		Effects.within("rem:INC-1:REPORT:1:DUE", () -> {
			life.sender.deliver(reminder, GROUP, SendQueue.Lane.BULK);
			return null;
		});
		Effects.within("rem:INC-2:REPORT:1:DUE", () -> {
			life.sender.deliver(new Outbound.Send(GROUP, "另一个事件的提醒", List.of(), null, "INC-2"), GROUP,
					SendQueue.Lane.BULK);
			return null;
		});
		life.settle();

		assertThat(groupTexts("提醒")).containsExactlyInAnyOrder("提醒：现在到期", "另一个事件的提醒");
		// outside any event (nothing names it) every call is its own
		life.sender.deliver(new Outbound.Send(GROUP, "提醒：无来由", List.of(), null, null), GROUP, SendQueue.Lane.BULK);
		life.sender.deliver(new Outbound.Send(GROUP, "提醒：无来由", List.of(), null, null), GROUP, SendQueue.Lane.BULK);
		life.settle();
		assertThat(groupTexts("无来由")).hasSize(2);
	}

}
