package com.warroom.bot.store;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;

import com.warroom.notify.JobStoreSchema;
import com.warroom.notify.Leases;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * GH-15: WR_LEASES moved from {@link Leases}' own CREATE TABLE to the Flyway migration
 * V4. A PostgreSQL the version before ran on (Flyway at V2, the table made by that code,
 * a lease held) migrates to V4 cleanly and keeps the lease, its holder and its epoch (the
 * fencing token). The same on H2: {@code notify}'s JobStoreSchemaTests.
 */
class LeasesMigrationPostgresTests {

	private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-12-01T02:00:00Z"), ZoneOffset.UTC);

	@Test
	void aPostgresWhoseLeasesTableTheCodeMadeMigratesToV4AndKeepsItsLeases() {
		DriverManagerDataSource database = new DriverManagerDataSource(TestPostgres.freshDatabase());
		// the version before: V1 and V2 by Flyway, WR_LEASES by Leases at start
		Flyway.configure(LeasesMigrationPostgresTests.class.getClassLoader())
			.dataSource(database)
			.locations("classpath:db/migration/common", "classpath:db/migration/postgresql")
			.target("2")
			.load()
			.migrate();
		JdbcTemplate jdbc = new JdbcTemplate(database);
		jdbc.execute(
				"CREATE TABLE IF NOT EXISTS WR_LEASES (NAME VARCHAR(200) PRIMARY KEY, HOLDER VARCHAR(200) NOT NULL,"
						+ " EPOCH BIGINT NOT NULL, EXPIRES_AT TIMESTAMP NOT NULL)");
		jdbc.update(
				"INSERT INTO WR_LEASES (NAME, HOLDER, EPOCH, EXPIRES_AT) VALUES ('telegram-poller', 'node-a', 7, ?)",
				Timestamp.from(CLOCK.instant().plusSeconds(10)));

		assertThat(JobStoreSchema.migrate(database)).isGreaterThanOrEqualTo(1);
		assertThat(jdbc.queryForList(
				"SELECT \"version\" FROM \"flyway_schema_history\" WHERE \"type\" = 'SQL' AND \"success\"",
				String.class))
			.contains("1", "2", "4");

		Leases leases = new Leases(database, CLOCK);
		Leases.Lease held = leases.current("telegram-poller").orElseThrow();
		assertThat(held.holder()).isEqualTo("node-a");
		assertThat(held.epoch()).isEqualTo(7);
		assertThat(leases.acquire("telegram-poller", "node-b", Duration.ofSeconds(10), null)).isEmpty();
		assertThat(leases.acquire("telegram-poller", "node-a", Duration.ofSeconds(10), held)).get()
			.extracting(Leases.Lease::epoch)
			.isEqualTo(7L);
		assertThat(JobStoreSchema.migrate(database)).isZero();
	}

}
