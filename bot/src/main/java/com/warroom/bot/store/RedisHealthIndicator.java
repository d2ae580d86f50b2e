package com.warroom.bot.store;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.stereotype.Component;
import redis.clients.jedis.UnifiedJedis;

/**
 * Redis as a health contributor ({@code redis}), part of readiness: while Redis cannot be
 * reached the bot can save nothing, so {@code /readyz} answers 503 and a load balancer
 * sends no one to it. Thread-safe.
 */
@Component("redisHealthIndicator") // the contributor "redis"
class RedisHealthIndicator implements HealthIndicator {

	private final UnifiedJedis redis;

	RedisHealthIndicator(UnifiedJedis redis) {
		this.redis = redis;
	}

	@Override
	public Health health() {
		try {
			String pong = redis.ping();
			return "PONG".equalsIgnoreCase(pong) ? Health.up().build()
					: Health.down().withDetail("reply", pong).build();
		}
		catch (RuntimeException ex) {
			return Health.down().withDetail("error", ex.getClass().getSimpleName()).build();
		}
	}

}
