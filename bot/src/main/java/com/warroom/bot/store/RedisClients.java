package com.warroom.bot.store;

import java.net.URI;
import java.time.Duration;

import redis.clients.jedis.ConnectionPoolConfig;
import redis.clients.jedis.RedisClient;
import redis.clients.jedis.UnifiedJedis;

/** Redis clients with a pool sized for concurrent chats (Jedis's default of 8 throttles them). */
public final class RedisClients {

	private RedisClients() {
	}

	public static UnifiedJedis create(String url) {
		ConnectionPoolConfig pool = new ConnectionPoolConfig();
		pool.setMaxTotal(64);
		pool.setMaxIdle(64);
		pool.setMinIdle(2);
		pool.setMaxWait(Duration.ofSeconds(2));
		return RedisClient.builder().fromURI(URI.create(url)).poolConfig(pool).build();
	}

}
