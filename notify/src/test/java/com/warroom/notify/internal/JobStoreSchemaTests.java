package com.warroom.notify.internal;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

import com.warroom.notify.JobStoreSchema;
import com.warroom.notify.spi.Notification;
import com.zaxxer.hikari.HikariDataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 15, "one schema, created and migrated by a real migration tool, never dropped at
 * start": a database made by the initializers of before (QuartzSchemaInitializer, the
 * outbox's own CREATE TABLE) is taken over by Flyway without losing a row, and a new one
 * is made by Flyway alone.
 */
class JobStoreSchemaTests {

	private static HikariDataSource h2(Path dir) {
		HikariDataSource dataSource = new HikariDataSource();
		dataSource.setJdbcUrl("jdbc:h2:file:" + dir.resolve("quartz").toAbsolutePath() + ";WRITE_DELAY=0");
		dataSource.setUsername("sa");
		return dataSource;
	}

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
						new Notification("n1", "http://robot", "升级通知", "内容", false))).isTrue();
			}
			new JdbcTemplate(before).update("INSERT INTO QRTZ_LOCKS (SCHED_NAME, LOCK_NAME) VALUES ('warroom', 'TRIGGER_ACCESS')");
		}
		try (HikariDataSource after = h2(dir)) {
			assertThat(JobStoreSchema.migrate(after)).isZero(); // V1 is what was there: baselined, not run
			JdbcTemplate jdbc = new JdbcTemplate(after);
			assertThat(jdbc.queryForList("SELECT \"version\" FROM \"flyway_schema_history\" WHERE \"type\" = 'BASELINE'",
					String.class)).containsExactly("1");
			assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM \"flyway_schema_history\" WHERE \"type\" = 'SQL'",
					Integer.class)).isZero();
			assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM WR_OUTBOX WHERE ID = 'n1'", Integer.class)).isOne();
			assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM QRTZ_LOCKS", Integer.class)).isOne();
			assertThat(JobStoreSchema.migrate(after)).isZero();
		}
	}

	@Test
	void aNewDatabaseIsMadeByFlywayAndAStartAgainChangesNothing(@TempDir Path dir) throws Exception {
		try (HikariDataSource dataSource = h2(Files.createDirectories(dir.resolve("new")))) {
			assertThat(JobStoreSchema.migrate(dataSource)).isOne();
			JdbcTemplate jdbc = new JdbcTemplate(dataSource);
			for (String table : List.of("QRTZ_TRIGGERS", "QRTZ_LOCKS", "WR_OUTBOX", "WR_TG_OUTBOX", "WR_TG_NODES")) {
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

}
