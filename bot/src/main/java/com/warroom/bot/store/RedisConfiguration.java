package com.warroom.bot.store;

import java.nio.file.Path;

import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import redis.clients.jedis.UnifiedJedis;

/**
 * Redis: the Sentinel-managed master when {@code REDIS_SENTINELS} is set, else
 * {@code REDIS_URL} when set, otherwise an embedded server on {@code ./data/redis}.
 */
@Configuration(proxyBeanMethods = false)
class RedisConfiguration {

	@Bean(destroyMethod = "close")
	@org.springframework.boot.autoconfigure.condition.ConditionalOnExpression("'${warroom.redis-url:}'.isEmpty() and '${warroom.redis-sentinels:}'.isEmpty()")
	EmbeddedRedis embeddedRedis(@Value("${warroom.data-dir:./data}") Path dataDir,
			@Value("${warroom.embedded-redis-port:0}") int port, @Value("${warroom.redis-fsync:always}") String fsync) {
		return EmbeddedRedis.start(dataDir.resolve("redis"), port, fsync);
	}

	@Bean(destroyMethod = "close")
	UnifiedJedis redis(@Value("${warroom.redis-url:}") String url,
			@Value("${warroom.redis-sentinels:}") String sentinels, @Value("${warroom.redis-master:mymaster}") String master,
			org.springframework.beans.factory.ObjectProvider<EmbeddedRedis> embedded) {
		if (!sentinels.isBlank()) {
			return RedisClients.sentinel(sentinels, master);
		}
		@Nullable EmbeddedRedis server = embedded.getIfAvailable();
		String target = (url == null || url.isBlank()) ? server.url() : url;
		return RedisClients.create(target);
	}

}
