package com.warroom.bot.store;

import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import redis.clients.jedis.UnifiedJedis;

/**
 * Redis: the Sentinel-managed master when {@code REDIS_SENTINELS} is set, else
 * {@code REDIS_URL} when set, otherwise an embedded server on {@code ./data/redis}.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(StoreProperties.class)
class RedisConfiguration {

	@Bean(destroyMethod = "close")
	@org.springframework.boot.autoconfigure.condition.ConditionalOnExpression("'${warroom.redis-url:}'.isEmpty() and '${warroom.redis-sentinels:}'.isEmpty()")
	EmbeddedRedis embeddedRedis(StoreProperties properties) {
		return EmbeddedRedis.start(properties.dataDir().resolve("redis"), properties.embeddedRedisPort(),
				properties.redisFsync());
	}

	@Bean(destroyMethod = "close")
	UnifiedJedis redis(StoreProperties properties,
			org.springframework.beans.factory.ObjectProvider<EmbeddedRedis> embedded) {
		if (!properties.redisSentinels().isBlank()) {
			return RedisClients.sentinel(properties.redisSentinels(), properties.redisMaster());
		}
		String url = properties.redisUrl();
		@Nullable EmbeddedRedis server = embedded.getIfAvailable();
		String target = (url == null || url.isBlank()) ? server.url() : url;
		return RedisClients.create(target);
	}

}
