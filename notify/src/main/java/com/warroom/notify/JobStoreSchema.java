package com.warroom.notify;

import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;

import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.output.MigrateResult;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one schema of the job-store database (H2 or PostgreSQL): Quartz's tables, the
 * outboxes and the incident record, created and migrated by Flyway from
 * {@code classpath:db/migration/common} (scripts written for both databases, e.g. the
 * bot's incident record) and {@code classpath:db/migration/h2} or {@code .../postgresql}
 * (Quartz's own scripts differ per database). Versions are one sequence across all
 * modules: V1 is the job store as it was before Flyway. A database made before Flyway
 * (tables, no history) is baselined at V1 and only the later versions run on it; nothing
 * is ever dropped ({@code clean} is disabled).
 */
public final class JobStoreSchema {

	private static final Logger log = LoggerFactory.getLogger(JobStoreSchema.class);

	private JobStoreSchema() {
	}

	/** Brings the database to the newest version; returns how many migrations ran. */
	public static int migrate(DataSource dataSource) {
		String vendor = postgres(dataSource) ? "postgresql" : "h2";
		MigrateResult result = Flyway.configure(JobStoreSchema.class.getClassLoader())
			.dataSource(dataSource)
			.locations("classpath:db/migration/common", "classpath:db/migration/" + vendor)
			.baselineOnMigrate(true)
			.baselineVersion("1")
			.baselineDescription("job store before Flyway")
			.cleanDisabled(true)
			.load()
			.migrate();
		if (result.migrationsExecuted > 0) {
			log.info("数据库结构已升级到第 {} 版（{}，本次执行 {} 个迁移）", result.targetSchemaVersion, vendor, result.migrationsExecuted);
		}
		return result.migrationsExecuted;
	}

	/** Whether the database is PostgreSQL (otherwise H2). */
	public static boolean postgres(DataSource dataSource) {
		try (Connection connection = dataSource.getConnection()) {
			return connection.getMetaData().getDatabaseProductName().toLowerCase().contains("postgres");
		}
		catch (SQLException ex) {
			throw new IllegalStateException("无法连接数据库：" + ex.getMessage(), ex);
		}
	}

}
