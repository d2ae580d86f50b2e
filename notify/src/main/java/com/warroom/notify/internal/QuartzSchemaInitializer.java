package com.warroom.notify.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Creates Quartz's tables once, from the scripts in the Quartz jar, when they are not
 * there yet. Never drops anything (Boot's {@code initialize-schema=always} would drop the
 * pending reminders at every start). Since issue 15 the application's schema is Flyway's
 * ({@link com.warroom.notify.JobStoreSchema}); this is how databases were made before it,
 * kept for tests that start a bare Quartz and for the upgrade test.
 */
final class QuartzSchemaInitializer {

	private static final Logger log = LoggerFactory.getLogger(QuartzSchemaInitializer.class);

	private QuartzSchemaInitializer() {
	}

	static void ensure(DataSource dataSource) {
		try (Connection connection = dataSource.getConnection()) {
			if (exists(connection, "QRTZ_TRIGGERS") || exists(connection, "qrtz_triggers")) {
				return;
			}
			boolean postgres = connection.getMetaData().getDatabaseProductName().toLowerCase().contains("postgres");
			String script = read(postgres ? "org/quartz/impl/jdbcjobstore/tables_postgres.sql"
					: "org/quartz/impl/jdbcjobstore/tables_h2.sql");
			try (Statement statement = connection.createStatement()) {
				for (String sql : script.split(";")) {
					String clean = sql.lines()
						.filter((line) -> !line.strip().startsWith("--"))
						.reduce("", (a, b) -> a + "\n" + b)
						.strip();
					if (clean.isEmpty() || clean.toUpperCase().startsWith("DROP") || clean.equalsIgnoreCase("COMMIT")) {
						continue;
					}
					statement.execute(clean);
				}
			}
			if (!connection.getAutoCommit()) {
				connection.commit();
			}
			log.info("已创建 Quartz 数据表（{}）", postgres ? "PostgreSQL" : "H2");
		}
		catch (SQLException ex) {
			throw new IllegalStateException("无法创建 Quartz 数据表：" + ex.getMessage(), ex);
		}
	}

	static boolean postgres(DataSource dataSource) {
		try (Connection connection = dataSource.getConnection()) {
			return connection.getMetaData().getDatabaseProductName().toLowerCase().contains("postgres");
		}
		catch (SQLException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static boolean exists(Connection connection, String table) throws SQLException {
		try (ResultSet tables = connection.getMetaData().getTables(null, null, table, null)) {
			return tables.next();
		}
	}

	private static String read(String resource) {
		try (InputStream in = QuartzSchemaInitializer.class.getClassLoader().getResourceAsStream(resource)) {
			return new String(in.readAllBytes(), StandardCharsets.UTF_8);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
