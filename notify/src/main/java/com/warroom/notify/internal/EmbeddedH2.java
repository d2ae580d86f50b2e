package com.warroom.notify.internal;

import java.nio.file.Path;

import com.zaxxer.hikari.HikariDataSource;

/**
 * The embedded default of the job-store database: an H2 file under the data directory,
 * behind the pool the application uses. One place for its URL and settings, so the
 * application and the kill test ({@code EmbeddedH2KillTests}) open it alike.
 * <p>
 * Not thread-safe to configure; the returned pool is.
 */
final class EmbeddedH2 {

	private EmbeddedH2() {
	}

	/**
	 * The JDBC URL of the H2 file {@code file} (absolute: H2 refuses implicit relative
	 * paths; the name without H2's {@code .mv.db}).
	 */
	static String url(Path file) {
		return "jdbc:h2:file:" + file.toAbsolutePath() + ";WRITE_DELAY=0;REUSE_SPACE=FALSE;DEFRAG_ALWAYS=TRUE";
	}

	/**
	 * A pool of up to 8 connections on the H2 file {@code file} as {@code user} (H2's
	 * default {@code sa}, empty password), not yet migrated.
	 */
	static HikariDataSource dataSource(Path file, String user, String password) {
		HikariDataSource dataSource = new HikariDataSource();
		dataSource.setJdbcUrl(url(file));
		dataSource.setUsername(user);
		dataSource.setPassword(password);
		dataSource.setPoolName("warroom-quartz");
		dataSource.setMaximumPoolSize(8);
		return dataSource;
	}

}
