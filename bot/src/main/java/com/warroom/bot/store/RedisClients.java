package com.warroom.bot.store;

import java.net.URI;
import java.time.Duration;

import redis.clients.jedis.ConnectionPoolConfig;
import redis.clients.jedis.RedisClient;
import redis.clients.jedis.UnifiedJedis;

/**
 * Redis clients with a pool sized for concurrent chats (Jedis's default of 8 throttles
 * them): of one server ({@code REDIS_URL}), or of a Sentinel-managed master
 * ({@code REDIS_SENTINELS}, {@code REDIS_MASTER}).
 */
public final class RedisClients {

	private RedisClients() {
	}

	public static UnifiedJedis create(String url) {
		return RedisClient.builder().fromURI(URI.create(url)).poolConfig(pool()).build();
	}

	/**
	 * A client of the master that the Sentinels name {@code master}: it asks them where
	 * the master is, follows their announcements of a failover, and so keeps working
	 * (after a few seconds of errors) when a replica is promoted, without a restart.
	 * @param sentinels {@code host:port,host:port,…}
	 */
	public static UnifiedJedis sentinel(String sentinels, String master) {
		java.util.Set<redis.clients.jedis.HostAndPort> nodes = new java.util.LinkedHashSet<>();
		for (String node : sentinels.split(",")) {
			String trimmed = node.strip();
			if (!trimmed.isEmpty()) {
				nodes.add(redis.clients.jedis.HostAndPort.from(trimmed));
			}
		}
		if (nodes.isEmpty()) {
			throw new IllegalArgumentException("REDIS_SENTINELS 应为 host:port,host:port…，实际为：" + sentinels);
		}
		return redis.clients.jedis.RedisSentinelClient.builder()
			.masterName(master)
			.sentinels(nodes)
			.poolConfig(pool())
			.build();
	}

	private static ConnectionPoolConfig pool() {
		ConnectionPoolConfig pool = new ConnectionPoolConfig();
		pool.setMaxTotal(64);
		pool.setMaxIdle(64);
		pool.setMinIdle(2);
		pool.setMaxWait(Duration.ofSeconds(2));
		// a connection is checked before use: after Redis restarted (or a Sentinel
		// failover) the idle connections are dead, and each
		// would fail one command (a user's update)
		pool.setTestOnBorrow(true);
		return pool;
	}

}
