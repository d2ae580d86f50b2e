package com.warroom.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicLong;

import com.zaxxer.hikari.HikariDataSource;

/**
 * Commits per second on an H2 file behind the application's pool (8 connections): each of
 * {@code threads} writers commits one row (about 1 KB, an incident note's size) per
 * transaction for {@code seconds}, once with each URL option set, on a fresh file each;
 * prints commits per second and the file's size at the end. Usage:
 * {@code H2CommitBenchmark [seconds=10] [threads=8] [options…]}, options such as
 * {@code WRITE_DELAY=0} (the URL of before) and
 * {@code WRITE_DELAY=0;REUSE_SPACE=FALSE;DEFRAG_ALWAYS=TRUE} (the embedded default now,
 * {@code notify.internal.EmbeddedH2}).
 */
public final class H2CommitBenchmark {

	public static void main(String[] args) throws Exception {
		int seconds = (args.length > 0) ? Integer.parseInt(args[0]) : 10;
		int threads = (args.length > 1) ? Integer.parseInt(args[1]) : 8;
		String[] options = (args.length > 2) ? java.util.Arrays.copyOfRange(args, 2, args.length)
				: new String[] { "WRITE_DELAY=0", "WRITE_DELAY=0;REUSE_SPACE=FALSE;DEFRAG_ALWAYS=TRUE" };
		for (String option : options) {
			Path dir = Files.createTempDirectory("h2-commits");
			try {
				run(dir, option, seconds, threads);
			}
			finally {
				try (var files = Files.walk(dir)) {
					files.sorted(java.util.Comparator.reverseOrder()).forEach((path) -> path.toFile().delete());
				}
			}
		}
	}

	private static void run(Path dir, String option, int seconds, int threads) throws Exception {
		Path file = dir.resolve("quartz");
		long commits;
		long size;
		try (HikariDataSource dataSource = new HikariDataSource()) {
			dataSource.setJdbcUrl("jdbc:h2:file:" + file.toAbsolutePath() + ";" + option);
			dataSource.setUsername("sa");
			dataSource.setPassword("");
			dataSource.setMaximumPoolSize(8);
			try (Connection connection = dataSource.getConnection();
					Statement statement = connection.createStatement()) {
				statement.execute("CREATE TABLE NOTE (ID BIGINT PRIMARY KEY, BODY VARCHAR(1000))");
			}
			AtomicLong next = new AtomicLong();
			long end = System.nanoTime() + seconds * 1_000_000_000L;
			String body = "事件记录".repeat(80);
			Thread[] writers = new Thread[threads];
			for (int t = 0; t < threads; t++) {
				writers[t] = new Thread(() -> {
					while (System.nanoTime() < end) {
						try (Connection connection = dataSource.getConnection();
								PreparedStatement insert = connection
									.prepareStatement("INSERT INTO NOTE (ID, BODY) VALUES (?, ?)")) {
							connection.setAutoCommit(false);
							insert.setLong(1, next.incrementAndGet());
							insert.setString(2, body);
							insert.executeUpdate();
							connection.commit();
						}
						catch (java.sql.SQLException ex) {
							throw new IllegalStateException(ex);
						}
					}
				});
				writers[t].start();
			}
			for (Thread writer : writers) {
				writer.join();
			}
			commits = next.get();
			size = Files.size(dir.resolve("quartz.mv.db"));
		}
		long closed = Files.size(dir.resolve("quartz.mv.db"));
		System.out.printf("%s: %d threads, %d s: %,d commits, %.0f per second; file %,d bytes, %,d after the close%n",
				option, threads, seconds, commits, commits / (double) seconds, size, closed);
	}

}
