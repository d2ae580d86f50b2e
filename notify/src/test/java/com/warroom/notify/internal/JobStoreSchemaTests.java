package com.warroom.notify.internal;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

import com.warroom.notify.JobStoreSchema;
import com.warroom.notify.Leases;
import com.warroom.notify.spi.Notification;
import com.zaxxer.hikari.HikariDataSource;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 15, "one schema, created and migrated by a real migration tool, never dropped at
 * start": a database made by the initializers of before (QuartzSchemaInitializer, the
 * outbox's own CREATE TABLE, the leases' CREATE TABLE) is taken over by Flyway without
 * losing a row, and a new one is made by Flyway alone.
 */
class JobStoreSchemaTests {

	private static HikariDataSource h2(Path dir) {
		HikariDataSource dataSource = new HikariDataSource();
		dataSource.setJdbcUrl("jdbc:h2:file:" + dir.resolve("quartz").toAbsolutePath() + ";WRITE_DELAY=0");
		dataSource.setUsername("sa");
		return dataSource;
	}

	/**
	 * What {@link com.warroom.notify.Leases} ran at each start before V4 made the table.
	 */
	private static final String LEASES_BY_CODE = """
			CREATE TABLE IF NOT EXISTS WR_LEASES (NAME VARCHAR(200) PRIMARY KEY, HOLDER VARCHAR(200) NOT NULL,
			  EPOCH BIGINT NOT NULL, EXPIRES_AT TIMESTAMP NOT NULL)
			""";

	private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-23T05:58:00Z"), ZoneOffset.UTC);

	private static JdbcOutbox outbox(HikariDataSource dataSource) {
		return new JdbcOutbox(dataSource, List.of(), (event) -> {
		}, Clock.fixed(Instant.parse("2026-11-23T05:58:00Z"), ZoneOffset.UTC), Duration.ofMinutes(30), Duration.ZERO);
	}

	@Test
	void aDatabaseMadeBeforeFlywayIsBaselinedAndKeepsItsRows(@TempDir Path dir) throws Exception {
		try (HikariDataSource before = h2(dir)) {
			QuartzSchemaInitializer.ensure(before);
			try (JdbcOutbox outbox = outbox(before)) {
				assertThat(outbox.enqueue("wecom", "INC-20261123-001",
						new Notification("n1", "http://robot", "升级通知", "内容", false)))
					.isTrue();
			}
			new JdbcTemplate(before)
				.update("INSERT INTO QRTZ_LOCKS (SCHED_NAME, LOCK_NAME) VALUES ('warroom', 'TRIGGER_ACCESS')");
			new JdbcTemplate(before).execute(LEASES_BY_CODE);
		}
		try (HikariDataSource after = h2(dir)) {
			// V1 is what was there: baselined, not run; V4 (the leases, there already)
			// runs and keeps it
			assertThat(JobStoreSchema.migrate(after)).isOne();
			JdbcTemplate jdbc = new JdbcTemplate(after);
			assertThat(jdbc.queryForList(
					"SELECT \"version\" FROM \"flyway_schema_history\" WHERE \"type\" = 'BASELINE'", String.class))
				.containsExactly("1");
			assertThat(jdbc.queryForList("SELECT \"version\" FROM \"flyway_schema_history\" WHERE \"type\" = 'SQL'",
					String.class))
				.containsExactly("4");
			assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM WR_OUTBOX WHERE ID = 'n1'", Integer.class)).isOne();
			assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM QRTZ_LOCKS", Integer.class)).isOne();
			assertThat(JobStoreSchema.migrate(after)).isZero();
		}
	}

	@Test
	void aNewDatabaseIsMadeByFlywayAndAStartAgainChangesNothing(@TempDir Path dir) throws Exception {
		try (HikariDataSource dataSource = h2(Files.createDirectories(dir.resolve("new")))) {
			assertThat(JobStoreSchema.migrate(dataSource)).isEqualTo(2); // V1 and V4 (V2
																			// and on are
																			// the bot's)
			JdbcTemplate jdbc = new JdbcTemplate(dataSource);
			for (String table : List.of("QRTZ_TRIGGERS", "QRTZ_LOCKS", "WR_OUTBOX", "WR_TG_OUTBOX", "WR_TG_NODES",
					"WR_LEASES")) {
				assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM " + table, Integer.class)).as(table).isZero();
			}
			try (JdbcOutbox outbox = outbox(dataSource)) {
				assertThat(outbox.enqueue("wecom", "INC-1", new Notification("n1", "http://robot", "t", "b", false)))
					.isTrue();
			}
			assertThat(JobStoreSchema.migrate(dataSource)).isZero();
			assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM WR_OUTBOX", Integer.class)).isOne();
		}
	}

	@Test // GH-15: WR_LEASES moved from Leases' own CREATE TABLE to the V4 migration
	void aDatabaseWhoseLeasesTableTheCodeMadeMigratesToV4AndKeepsItsLeases(@TempDir Path dir) throws Exception {
		try (HikariDataSource before = h2(Files.createDirectories(dir.resolve("v1")))) {
			// the version before: Flyway at V1, and the table made by Leases at its
			// start, with a lease held
			Flyway.configure(JobStoreSchemaTests.class.getClassLoader())
				.dataSource(before)
				.locations("classpath:db/migration/h2")
				.target("1")
				.load()
				.migrate();
			JdbcTemplate jdbc = new JdbcTemplate(before);
			jdbc.execute(LEASES_BY_CODE);
			jdbc.update(
					"INSERT INTO WR_LEASES (NAME, HOLDER, EPOCH, EXPIRES_AT) VALUES ('telegram-poller', 'node-a', 7, ?)",
					java.sql.Timestamp.from(CLOCK.instant().plusSeconds(10)));
		}
		try (HikariDataSource after = h2(dir.resolve("v1"))) {
			assertThat(JobStoreSchema.migrate(after)).isOne();
			JdbcTemplate jdbc = new JdbcTemplate(after);
			assertThat(jdbc.queryForList("SELECT \"version\" FROM \"flyway_schema_history\" WHERE \"type\" = 'SQL'"
					+ " AND \"success\" ORDER BY \"installed_rank\"", String.class))
				.containsExactly("1", "4");
			// the lease held before the upgrade is still held,
			// by the same holder, in the same epoch
			Leases leases = new Leases(after, CLOCK);
			Leases.Lease held = leases.current("telegram-poller").orElseThrow();
			assertThat(held.holder()).isEqualTo("node-a");
			assertThat(held.epoch()).isEqualTo(7);
			assertThat(leases.valid(held)).isTrue();
			assertThat(leases.acquire("telegram-poller", "node-b", Duration.ofSeconds(10), null)).isEmpty();
			assertThat(leases.acquire("telegram-poller", "node-a", Duration.ofSeconds(10), held)).get()
				.extracting(Leases.Lease::epoch)
				.isEqualTo(7L);
			assertThat(JobStoreSchema.migrate(after)).isZero();
		}
	}

	@Test // GH-15: without the migration there is no table: Leases no longer makes it
			// itself
	void leasesNeedTheMigratedSchema() {
		org.h2.jdbcx.JdbcDataSource bare = new org.h2.jdbcx.JdbcDataSource();
		bare.setURL("jdbc:h2:mem:bare-" + System.nanoTime() + ";DB_CLOSE_DELAY=-1");
		Leases leases = new Leases(bare, CLOCK);
		org.assertj.core.api.Assertions.assertThatThrownBy(() -> leases.current("telegram-poller"))
			.isInstanceOf(org.springframework.dao.DataAccessException.class);
		JobStoreSchema.migrate(bare);
		assertThat(leases.acquire("telegram-poller", "node-a", Duration.ofSeconds(10), null)).isPresent();
	}

}
