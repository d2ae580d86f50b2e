package com.warroom.bot.telegram;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import javax.sql.DataSource;

import com.warroom.bot.chat.ChatRef;
import com.warroom.bot.engine.MutableClock;
import com.warroom.bot.store.TestPostgres;
import com.warroom.notify.Leases;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * GH-15: the fencing of the Telegram outbox's claims by the nodes' leases, on H2 and on
 * the real PostgreSQL of the test run, with a controlled clock. A node "paused" here is
 * one whose clock-driven lease lapses while it does nothing (no beat), then acts again.
 */
class TelegramOutboxFencingTests {

	private static final ChatRef GROUP = new ChatRef("tg", "-1001", null, false);

	private final MutableClock clock = new MutableClock(Instant.parse("2026-12-01T02:00:00Z"));

	private static DataSource database(String kind) {
		if (kind.equals("postgres")) {
			DataSource postgres = new DriverManagerDataSource(TestPostgres.freshDatabase());
			com.warroom.notify.JobStoreSchema.migrate(postgres);
			return postgres;
		}
		JdbcDataSource h2 = new JdbcDataSource();
		h2.setURL("jdbc:h2:mem:fencing-" + System.nanoTime() + ";DB_CLOSE_DELAY=-1");
		com.warroom.notify.JobStoreSchema.migrate(h2);
		return h2;
	}

	private static StoredCall call(String text) {
		return StoredCall.send(GROUP, text, List.of(), null, null);
	}

	@ParameterizedTest
	@ValueSource(strings = { "h2", "postgres" })
	void aNodePausedPastItsLeaseClaimsNothingThatAnotherNodeTookOver(String kind) {
		DataSource database = database(kind);
		TelegramOutbox paused = new TelegramOutbox(database, clock, "node-a");
		paused.beat();
		TelegramOutbox other = new TelegramOutbox(database, clock, "node-b");
		other.beat();
		String id = paused.store(SendQueue.Lane.COMMAND, call("暂停前已排队"));
		// node-a's lease is still running: node-b takes nothing
		assertThat(other.takeOver(false)).isEmpty();

		clock.advance(TelegramOutbox.STALE.plusSeconds(1)); // node-a paused: no beat, its
															// lease lapses
		other.beat();
		List<TelegramOutbox.Row> taken = other.takeOver(false);
		assertThat(taken).extracting(TelegramOutbox.Row::id).containsExactly(id);
		assertThat(other.sending(id)).isTrue();

		// node-a resumes with the call still in its queue: its claim is refused, before
		// and after node-b finished
		assertThat(paused.sending(id)).isFalse();
		other.finish(id, "SENT", "");
		assertThat(paused.sending(id)).isFalse();
		assertThat(other.counts()).containsEntry("SENT", 1).hasSize(1);
	}

	@ParameterizedTest
	@ValueSource(strings = { "h2", "postgres" })
	void aClaimWithAStaleEpochClaimsNothingUntilTheLeaseIsTakenAgain(String kind) {
		DataSource database = database(kind);
		Leases leases = new Leases(database, clock);
		TelegramOutbox node = new TelegramOutbox(database, clock, "node-a");
		node.beat();
		long first = leases.current("tg-node:node-a").orElseThrow().epoch();
		String id = node.store(SendQueue.Lane.COMMAND, call("租约过期"));
		clock.advance(TelegramOutbox.STALE.plusSeconds(1));
		// nobody took the row over while the lease was lapsed: the node takes its lease
		// again (a new epoch) and its own row is still its own to send
		assertThat(node.sending(id)).isTrue();
		assertThat(leases.current("tg-node:node-a").orElseThrow().epoch()).isEqualTo(first + 1);
	}

	@ParameterizedTest
	@ValueSource(strings = { "h2", "postgres" })
	void aLeaseIsHeldByOneHolderAtATimeAndEachNewHolderGetsTheNextEpoch(String kind) {
		DataSource database = database(kind);
		Leases leases = new Leases(database, clock);
		Duration ttl = Duration.ofSeconds(10);
		Leases.Lease a = leases.acquire("telegram-poller", "a", ttl, null).orElseThrow();
		assertThat(leases.acquire("telegram-poller", "b", ttl, null)).isEmpty();
		clock.advance(Duration.ofSeconds(5));
		Leases.Lease renewed = leases.acquire("telegram-poller", "a", ttl, a).orElseThrow();
		assertThat(renewed.epoch()).isEqualTo(a.epoch());
		clock.advance(Duration.ofSeconds(9)); // renewed at +5 s: still a's at +14 s
		assertThat(leases.acquire("telegram-poller", "b", ttl, null)).isEmpty();
		clock.advance(Duration.ofSeconds(2));
		Leases.Lease b = leases.acquire("telegram-poller", "b", ttl, null).orElseThrow();
		assertThat(b.epoch()).isEqualTo(a.epoch() + 1);
		// a, back from a pause, neither renews nor passes the guard with its old epoch
		assertThat(leases.valid(renewed)).isFalse();
		assertThat(leases.acquire("telegram-poller", "a", ttl, renewed)).isEmpty();
		leases.release(b);
		assertThat(leases.acquire("telegram-poller", "a", ttl, renewed).orElseThrow().epoch()).isEqualTo(b.epoch() + 1);
	}

}
