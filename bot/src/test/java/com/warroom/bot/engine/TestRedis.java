package com.warroom.bot.engine;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;

import com.warroom.bot.store.EmbeddedRedis;
import redis.clients.jedis.RedisClient;
import redis.clients.jedis.UnifiedJedis;

/** One real embedded redis-server for the test JVM, flushed by each test. */
public final class TestRedis {

	private static EmbeddedRedis server;

	private static UnifiedJedis client;

	private TestRedis() {
	}

	public static synchronized UnifiedJedis client() {
		if (server == null) {
			try {
				Path dir = Files.createTempDirectory("warroom-redis");
				server = EmbeddedRedis.start(dir, 0);
				client = RedisClient.create(URI.create(server.url()));
				Runtime.getRuntime().addShutdownHook(new Thread(() -> {
					client.close();
					server.close();
				}));
			}
			catch (IOException ex) {
				throw new UncheckedIOException(ex);
			}
		}
		return client;
	}

	public static synchronized EmbeddedRedis server() {
		client();
		return server;
	}

	/**
	 * Redis flushed, and the incident record of the tracked databases emptied with it
	 * (see TestDatabase).
	 */
	public static UnifiedJedis fresh() {
		UnifiedJedis redis = client();
		redis.flushAll();
		com.warroom.bot.store.TestDatabase.wipeTracked();
		return redis;
	}

}
