package com.warroom.bot.store;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import redis.clients.jedis.RedisClient;
import redis.clients.jedis.UnifiedJedis;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * GH-15: a Sentinel-managed Redis (REDIS_SENTINELS, REDIS_MASTER) with real redis-server
 * processes started here — a master, a replica and one Sentinel (quorum 1) — from
 * Debian's {@code redis-server} (which {@code .ci/run} installs). The master is killed
 * with SIGKILL; the client the app uses finds the promoted replica by itself and writes
 * go on, with what was acknowledged by the replica before still there.
 */
class RedisSentinelFailoverTests {

	private static final Path SERVER = Path.of("/usr/bin/redis-server");

	@TempDir
	Path dir;

	private final List<Process> processes = new ArrayList<>();

	@AfterEach
	void stop() {
		for (Process process : processes) {
			process.destroyForcibly();
		}
	}

	private static int freePort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
	}

	private Process start(String name, String config, boolean sentinel) throws IOException {
		Path conf = dir.resolve(name + ".conf");
		Files.createDirectories(dir.resolve(name));
		Files.writeString(conf, config + "\ndir " + dir.resolve(name) + "\ndaemonize no\nbind 127.0.0.1\nsave \"\"\n");
		List<String> command = new ArrayList<>(List.of(SERVER.toString(), conf.toString()));
		if (sentinel) {
			command.add("--sentinel");
		}
		Process process = new ProcessBuilder(command).redirectErrorStream(true)
			.redirectOutput(dir.resolve(name + ".log").toFile())
			.start();
		processes.add(process);
		return process;
	}

	private static void awaitPing(int port) {
		long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
		while (true) {
			try (UnifiedJedis redis = RedisClient.create("127.0.0.1", port)) {
				if ("PONG".equals(redis.ping())) {
					return;
				}
			}
			catch (RuntimeException ex) {
				if (System.nanoTime() > deadline) {
					throw ex;
				}
			}
			sleep(50);
		}
	}

	private static void sleep(long millis) {
		try {
			Thread.sleep(millis);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	@Test
	void writesGoOnAfterTheMasterIsKilledAndTheSentinelPromotesTheReplica() throws Exception {
		Assumptions.assumeTrue(Files.isExecutable(SERVER),
				"needs Debian's redis-server at /usr/bin/redis-server (apt-get install redis-server; .ci/run installs it)");
		int masterPort = freePort();
		int replicaPort = freePort();
		int sentinelPort = freePort();
		Process master = start("master", "port " + masterPort + "\nappendonly yes\nappendfsync always", false);
		start("replica", "port " + replicaPort + "\nreplicaof 127.0.0.1 " + masterPort + "\nappendonly yes", false);
		awaitPing(masterPort);
		awaitPing(replicaPort);
		start("sentinel",
				"port " + sentinelPort + "\nsentinel monitor warroom 127.0.0.1 " + masterPort + " 1"
						+ "\nsentinel down-after-milliseconds warroom 1000\nsentinel failover-timeout warroom 10000",
				true);
		awaitPing(sentinelPort);

		try (UnifiedJedis redis = RedisClients.sentinel("127.0.0.1:" + sentinelPort, "warroom");
				UnifiedJedis replica = RedisClient.create("127.0.0.1", replicaPort)) {
			for (int i = 0; i < 100; i++) {
				redis.set("before:" + i, "v" + i);
			}
			// acknowledged by the replica too (Redis replication is asynchronous: only
			// what a replica has can survive a failover, which
			// is why the record moves to the database)
			long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
			while (!"v99".equals(replica.get("before:99")) && System.nanoTime() < deadline) {
				sleep(20);
			}
			assertThat(replica.get("before:99")).isEqualTo("v99");
			// the Sentinel learns of the replica from the master's INFO (every 10 s): it
			// can promote only a replica it knows, so
			// the master is killed once it knows it
			try (redis.clients.jedis.Jedis sentinel = new redis.clients.jedis.Jedis("127.0.0.1", sentinelPort)) {
				deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
				while (sentinel.sentinelReplicas("warroom")
					.stream()
					.noneMatch(
							(r) -> String.valueOf(replicaPort).equals(r.get("port")) && "slave".equals(r.get("flags")))
						&& System.nanoTime() < deadline) {
					sleep(100);
				}
				assertThat(sentinel.sentinelReplicas("warroom")).extracting((r) -> r.get("port"))
					.contains(String.valueOf(replicaPort));
			}

			master.destroyForcibly().waitFor();
			long killed = System.nanoTime();
			int failed = 0;
			int written = 0;
			deadline = killed + Duration.ofSeconds(60).toNanos();
			while (written < 100 && System.nanoTime() < deadline) {
				try {
					redis.set("after:" + written, "w" + written);
					written++;
				}
				catch (RuntimeException ex) {
					failed++;
					sleep(100);
				}
			}
			Duration failover = Duration.ofNanos(System.nanoTime() - killed);
			System.out.println("GH-15 Sentinel failover: writes again after " + failover.toMillis() + " ms (" + failed
					+ " failed attempts)");
			assertThat(written).isEqualTo(100);
			assertThat(redis.get("after:99")).isEqualTo("w99");
			long kept = 0;
			for (int i = 0; i < 100; i++) {
				kept += ("v" + i).equals(redis.get("before:" + i)) ? 1 : 0;
			}
			System.out.println("GH-15 Sentinel failover: acknowledged-and-replicated keys lost: " + (100 - kept));
			assertThat(kept).isEqualTo(100);
			// the client now talks to the promoted replica (which dropped its clients
			// when its role changed)
			try (UnifiedJedis promoted = RedisClient.create("127.0.0.1", replicaPort)) {
				assertThat(promoted.get("after:99")).isEqualTo("w99");
				assertThat(promoted.info("replication")).contains("role:master");
			}
		}
	}

}
