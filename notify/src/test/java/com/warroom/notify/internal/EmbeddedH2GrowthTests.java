package com.warroom.notify.internal;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import com.warroom.notify.JobStoreSchema;
import com.warroom.notify.Leases;
import com.zaxxer.hikari.HikariDataSource;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The embedded H2 file is written append-only (every commit adds a chunk until a clean
 * stop compacts it: {@link EmbeddedH2}), so what the bot does while idle must not write:
 * the outbox polled every second and renewed its lease each time, which grew the file by
 * about 700 MB a day with nothing happening. On that file the database is one process's,
 * so a lease is taken once and kept; what a killed earlier process held is lapsed at
 * start.
 */
class EmbeddedH2GrowthTests {

	@TempDir
	Path dir;

	private final JdbcOutboxTests.TestClock clock = new JdbcOutboxTests.TestClock();

	private HikariDataSource open() {
		HikariDataSource dataSource = EmbeddedH2.dataSource(dir.resolve("quartz"), "sa", "");
		JobStoreSchema.migrate(dataSource);
		Leases.lapseAll(dataSource);
		return dataSource;
	}

	private long size() throws Exception {
		return Files.size(dir.resolve("quartz.mv.db"));
	}

	@Test
	void anIdleOutboxPolledFiveHundredTimesLeavesTheFileAsItWas() throws Exception {
		try (HikariDataSource dataSource = open()) {
			JdbcOutbox outbox = new JdbcOutbox(dataSource, List.of(), (event) -> {
			}, clock, Duration.ofMinutes(30), Duration.ZERO, Duration.ofMinutes(1));
			assertThat(outbox.drain()).isZero(); // takes the worker's lease
			long before = size();
			for (int i = 0; i < 500; i++) {
				clock.now = clock.now.plus(Duration.ofSeconds(1));
				assertThat(outbox.drain()).isZero();
			}
			// before: each poll renewed the lease, a commit
			// of its own (about 6 KB each: 3 MB)
			assertThat(size() - before).isLessThan(64 * 1024);
		}
	}

	@Test
	void aLeaseKeptByAKilledEarlierProcessIsLapsedAtTheNextStart() {
		Leases.Lease first;
		try (HikariDataSource dataSource = open()) {
			Leases leases = new Leases(dataSource, clock);
			assertThat(leases.isSingleProcess()).isTrue();
			first = leases.acquire("telegram-poller", "a", Duration.ofSeconds(10), null).orElseThrow();
			// held: renewing it writes nothing and keeps it
			assertThat(leases.acquire("telegram-poller", "a", Duration.ofSeconds(10), first)).contains(first);
			assertThat(leases.acquire("telegram-poller", "b", Duration.ofSeconds(10), null)).isEmpty();
			// the process ends without giving it up (killed)
		}
		try (HikariDataSource dataSource = open()) {
			Leases leases = new Leases(dataSource, clock);
			Leases.Lease next = leases.acquire("telegram-poller", "b", Duration.ofSeconds(10), null).orElseThrow();
			assertThat(next.epoch()).isEqualTo(first.epoch() + 1);
			assertThat(leases.valid(first)).isFalse();
		}
	}

	@Test
	void aSharedDatabaseStillRenewsOnEveryCallAndLetsALapsedLeaseGo() {
		JdbcDataSource shared = new JdbcDataSource();
		shared.setURL("jdbc:h2:mem:shared-" + System.nanoTime() + ";DB_CLOSE_DELAY=-1");
		JobStoreSchema.migrate(shared);
		Leases leases = new Leases(shared, clock);
		assertThat(leases.isSingleProcess()).isFalse();
		List<Leases.Lease> taken = new ArrayList<>();
		taken.add(leases.acquire("telegram-poller", "a", Duration.ofSeconds(10), null).orElseThrow());
		clock.now = clock.now.plus(Duration.ofSeconds(5));
		taken.add(leases.acquire("telegram-poller", "a", Duration.ofSeconds(10), taken.get(0)).orElseThrow());
		assertThat(taken.get(1).expiresAt()).isEqualTo(taken.get(0).expiresAt().plusSeconds(5));
		clock.now = clock.now.plus(Duration.ofSeconds(11));
		assertThat(leases.acquire("telegram-poller", "b", Duration.ofSeconds(10), null)).isPresent();
	}

}
