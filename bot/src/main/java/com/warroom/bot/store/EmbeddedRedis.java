package com.warroom.bot.store;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import redis.embedded.RedisServer;

/**
 * A real redis-server child process (from the embedded-redis package) for the embedded
 * default: data under {@code dataDir}, append-only file with fsync on every write, bound
 * to localhost. A server left behind by a JVM killed with -9 is found by its pid file and
 * stopped before a new one starts on the same data.
 */
public final class EmbeddedRedis implements AutoCloseable {

	private static final Logger log = LoggerFactory.getLogger(EmbeddedRedis.class);

	private final int port;

	private final RedisServer server;

	private EmbeddedRedis(int port, RedisServer server) {
		this.port = port;
		this.server = server;
	}

	/**
	 * Starts a server on {@code dataDir} that syncs every write to disk before answering.
	 */
	public static EmbeddedRedis start(Path dataDir, int port) {
		return start(dataDir, port, "always");
	}

	/**
	 * Starts a server on {@code dataDir}.
	 * @param port the port, or 0 for a free one
	 * @param fsync {@code always} (every write on disk before the reply: nothing lost
	 * even if the machine dies) or {@code everysec} (written to the OS before the reply,
	 * on disk within a second: a crash of redis or the bot loses nothing, a power cut up
	 * to a second)
	 */
	public static EmbeddedRedis start(Path dataDir, int port, String fsync) {
		if (!fsync.equals("always") && !fsync.equals("everysec")) {
			throw new IllegalArgumentException("warroom.redis-fsync must be always or everysec, was " + fsync);
		}
		try {
			Files.createDirectories(dataDir);
			Path pidFile = dataDir.resolve("redis.pid");
			stopLeftover(pidFile);
			int chosen = (port > 0) ? port : freePort();
			RedisServer server = RedisServer.newRedisServer()
				.port(chosen)
				.bind("127.0.0.1")
				.setting("dir " + dataDir.toAbsolutePath())
				.setting("pidfile " + pidFile.toAbsolutePath())
				.setting("appendonly yes")
				.setting("appendfsync " + fsync)
				.setting("save \"\"")
				.setting("daemonize no")
				.onShutdownForceStop(true)
				.build();
			server.start();
			log.info("内置 Redis 已启动：127.0.0.1:{}，数据目录 {}", chosen, dataDir.toAbsolutePath());
			return new EmbeddedRedis(chosen, server);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("无法启动内置 Redis（数据目录 " + dataDir + "）", ex);
		}
	}

	public String url() {
		return "redis://127.0.0.1:" + port;
	}

	/** Stops the server; its data stays on disk. */
	@Override
	public void close() {
		try {
			server.stop();
		}
		catch (IOException ex) {
			log.warn("停止内置 Redis 失败：{}", ex.getMessage());
		}
	}

	private static void stopLeftover(Path pidFile) throws IOException {
		if (!Files.isRegularFile(pidFile)) {
			return;
		}
		String text = Files.readString(pidFile).strip();
		Files.deleteIfExists(pidFile);
		if (!text.matches("\\d+")) {
			return;
		}
		Optional<ProcessHandle> leftover = ProcessHandle.of(Long.parseLong(text))
			.filter((process) -> process.info()
				.command()
				.map((command) -> command.contains("redis-server"))
				.orElse(false));
		if (leftover.isPresent()) {
			log.warn("发现上次遗留的内置 Redis 进程 {}，先停止它", text);
			leftover.get().destroy();
			try {
				leftover.get()
					.onExit()
					.get(Duration.ofSeconds(10).toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
			}
			catch (Exception ex) {
				leftover.get().destroyForcibly();
			}
		}
	}

	private static int freePort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0)) {
			socket.setReuseAddress(true);
			return socket.getLocalPort();
		}
	}

}
