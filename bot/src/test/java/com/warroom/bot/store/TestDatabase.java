package com.warroom.bot.store;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import com.warroom.notify.JobStoreSchema;
import com.zaxxer.hikari.HikariDataSource;

/**
 * A fresh, migrated job-store database for one test: an in-memory H2 by default, or a
 * schema of its own on the PostgreSQL named by {@code WARROOM_TEST_PG_URL} (a JDBC URL
 * with the user, e.g. {@code jdbc:postgresql://127.0.0.1:55432/warroom?user=postgres}).
 *
 * <p>
 * The incident record moved from Redis to the database (issue 15), so the tests that
 * start from a flushed Redis ({@link com.warroom.bot.engine.TestRedis#fresh}) also start
 * from an empty record: the databases {@linkplain #track tracked} here (the shared one of
 * the engine tests, and every application context's, see {@link TrackDataSources}) lose
 * their incidents (and web chat logs, also in the database since issue 15) when Redis is
 * flushed.
 */
public final class TestDatabase {

	/** The PostgreSQL of the environment, or null: H2. */
	public static final String POSTGRES_URL = System.getenv("WARROOM_TEST_PG_URL");

	private static final AtomicInteger COUNT = new AtomicInteger();

	private static final List<javax.sql.DataSource> TRACKED = new CopyOnWriteArrayList<>();

	private static HikariDataSource shared;

	private TestDatabase() {
	}

	/** A fresh H2 (always, whatever the environment says), migrated. */
	public static HikariDataSource h2() {
		HikariDataSource dataSource = pool(
				"jdbc:h2:mem:wr-" + System.nanoTime() + "-" + COUNT.incrementAndGet() + ";DB_CLOSE_DELAY=-1");
		JobStoreSchema.migrate(dataSource);
		return dataSource;
	}

	/** A fresh PostgreSQL schema, migrated; only when {@link #POSTGRES_URL} is set. */
	public static HikariDataSource postgres() {
		if (POSTGRES_URL == null) {
			throw new IllegalStateException("WARROOM_TEST_PG_URL is not set");
		}
		String schema = "t" + Long.toHexString(System.nanoTime()) + COUNT.incrementAndGet();
		try (HikariDataSource admin = pool(POSTGRES_URL);
				Connection connection = admin.getConnection();
				Statement statement = connection.createStatement()) {
			statement.execute("CREATE SCHEMA " + schema);
		}
		catch (SQLException ex) {
			throw new IllegalStateException(ex);
		}
		HikariDataSource dataSource = pool(
				POSTGRES_URL + (POSTGRES_URL.contains("?") ? "&" : "?") + "currentSchema=" + schema);
		JobStoreSchema.migrate(dataSource);
		return dataSource;
	}

	/** PostgreSQL when the environment names one, else H2. */
	public static HikariDataSource fresh() {
		return (POSTGRES_URL != null) ? postgres() : h2();
	}

	/** One database for the test JVM (the engine tests'), emptied with Redis. */
	public static synchronized HikariDataSource shared() {
		if (shared == null) {
			shared = fresh();
			track(shared);
		}
		return shared;
	}

	/** Empties the incident record of {@code dataSource} whenever Redis is flushed. */
	public static void track(javax.sql.DataSource dataSource) {
		TRACKED.add(dataSource);
	}

	/** Empties the incident record of every tracked database still open. */
	public static void wipeTracked() {
		for (javax.sql.DataSource dataSource : TRACKED) {
			if (dataSource instanceof HikariDataSource hikari && hikari.isClosed()) {
				TRACKED.remove(dataSource);
				continue;
			}
			try (Connection connection = dataSource.getConnection();
					Statement statement = connection.createStatement()) {
				for (String table : List.of("WR_TIMELINE", "WR_INCIDENT_FIELD", "WR_INCIDENT_THREAD", "WR_INCIDENT_SEQ",
						"WR_EFFECT", "WR_INCIDENT")) {
					statement.execute("DELETE FROM " + table);
				}
				wipeWebChats(statement);
			}
			catch (SQLException ex) {
				throw new IllegalStateException("cannot empty a test database: " + ex.getMessage(), ex);
			}
		}
	}

	/**
	 * The web chat logs: an application still running may append a message to a chat
	 * between the two deletes (its row then has a message again), so they are repeated.
	 */
	private static void wipeWebChats(Statement statement) throws SQLException {
		for (int attempt = 1;; attempt++) {
			try {
				statement.execute("DELETE FROM WR_WEB_MESSAGE");
				statement.execute("DELETE FROM WR_WEB_CHAT");
				return;
			}
			catch (SQLException ex) {
				if (attempt == 5) {
					throw ex;
				}
			}
		}
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
