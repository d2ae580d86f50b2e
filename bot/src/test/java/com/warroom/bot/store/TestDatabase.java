package com.warroom.bot.store;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicInteger;

import com.warroom.notify.JobStoreSchema;
import com.zaxxer.hikari.HikariDataSource;

/**
 * A fresh, migrated job-store database for one test: an in-memory H2 by default, or a
 * schema of its own on the PostgreSQL named by {@code WARROOM_TEST_PG_URL} (a JDBC URL with
 * the user, e.g. {@code jdbc:postgresql://127.0.0.1:55432/warroom?user=postgres}).
 */
public final class TestDatabase {

	/** The PostgreSQL of the environment, or null: H2. */
	public static final String POSTGRES_URL = System.getenv("WARROOM_TEST_PG_URL");

	private static final AtomicInteger COUNT = new AtomicInteger();

	private TestDatabase() {
	}

	/** A fresh H2 (always, whatever the environment says), migrated. */
	public static HikariDataSource h2() {
		HikariDataSource dataSource = pool("jdbc:h2:mem:wr-" + System.nanoTime() + "-" + COUNT.incrementAndGet()
				+ ";DB_CLOSE_DELAY=-1");
		JobStoreSchema.migrate(dataSource);
		return dataSource;
	}

	/** A fresh PostgreSQL schema, migrated; only when {@link #POSTGRES_URL} is set. */
	public static HikariDataSource postgres() {
		if (POSTGRES_URL == null) {
			throw new IllegalStateException("WARROOM_TEST_PG_URL is not set");
		}
		String schema = "t" + Long.toHexString(System.nanoTime()) + COUNT.incrementAndGet();
		try (HikariDataSource admin = pool(POSTGRES_URL); Connection connection = admin.getConnection();
				Statement statement = connection.createStatement()) {
			statement.execute("CREATE SCHEMA " + schema);
		}
		catch (SQLException ex) {
			throw new IllegalStateException(ex);
		}
		HikariDataSource dataSource = pool(POSTGRES_URL + (POSTGRES_URL.contains("?") ? "&" : "?") + "currentSchema=" + schema);
		JobStoreSchema.migrate(dataSource);
		return dataSource;
	}

	/** PostgreSQL when the environment names one, else H2. */
	public static HikariDataSource fresh() {
		return (POSTGRES_URL != null) ? postgres() : h2();
	}

	static HikariDataSource pool(String url) {
		HikariDataSource dataSource = new HikariDataSource();
		dataSource.setJdbcUrl(url);
		if (url.startsWith("jdbc:h2:")) {
			dataSource.setUsername("sa");
		}
		dataSource.setMaximumPoolSize(16);
		return dataSource;
	}

}
