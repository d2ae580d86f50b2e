package com.warroom.bot.store;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.UUID;

import org.junit.jupiter.api.Assumptions;

/**
 * The real PostgreSQL server of the test run: {@code .ci/run} starts one and exports its
 * JDBC URL (with the user) as {@code WARROOM_TEST_PG_URL}. Without it a test that asks
 * for it is skipped with a message saying so (and CI fails on any skip, so in CI these
 * tests run). For a run by hand start a server the same way (README, "Tests").
 */
public final class TestPostgres {

	public static final String VARIABLE = "WARROOM_TEST_PG_URL";

	private TestPostgres() {
	}

	/** The JDBC URL of the shared test database; skips the calling test when unset. */
	public static String url() {
		String url = System.getenv(VARIABLE);
		if (url == null || url.isBlank()) {
			url = System.getProperty(VARIABLE);
		}
		Assumptions.assumeTrue(url != null && !url.isBlank(),
				VARIABLE + " is not set: these tests need a real PostgreSQL (.ci/run starts one; see README, Tests)");
		Assumptions.assumeTrue(url.startsWith("jdbc:postgresql:"),
				VARIABLE + " is not a jdbc:postgresql: URL: " + url.replaceAll("password=[^&]*", "password=***"));
		return url;
	}

	/**
	 * A new, empty database on the test server, for a test that wants tables of its own
	 * (Quartz, locks, outbox) without meeting another test's rows; returns its JDBC URL.
	 */
	public static String freshDatabase() {
		String url = url();
		String name = "t_" + UUID.randomUUID().toString().replace("-", "").substring(0, 16).toLowerCase(Locale.ROOT);
		try (Connection connection = DriverManager.getConnection(url);
				Statement statement = connection.createStatement()) {
			statement.execute("CREATE DATABASE " + name);
		}
		catch (SQLException ex) {
			throw new IllegalStateException("could not create a test database on " + VARIABLE, ex);
		}
		return withDatabase(url, name);
	}

	static String withDatabase(String url, String name) {
		int query = url.indexOf('?');
		String base = (query < 0) ? url : url.substring(0, query);
		String parameters = (query < 0) ? "" : url.substring(query);
		int slash = base.lastIndexOf('/');
		return base.substring(0, slash + 1) + name + parameters;
	}

}
