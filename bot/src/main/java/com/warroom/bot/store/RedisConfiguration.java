package com.warroom.bot.store;

import java.nio.file.Path;

import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import redis.clients.jedis.UnifiedJedis;

/** Redis: {@code REDIS_URL} when set, otherwise an embedded server on {@code ./data/redis}. */
@Configuration(proxyBeanMethods = false)
class RedisConfiguration {

	@Bean(destroyMethod = "close")
	@org.springframework.boot.autoconfigure.condition.ConditionalOnExpression("'${warroom.redis-url:}'.isEmpty()")
	EmbeddedRedis embeddedRedis(@Value("${warroom.data-dir:./data}") Path dataDir,
			@Value("${warroom.embedded-redis-port:0}") int port, @Value("${warroom.redis-fsync:always}") String fsync) {
		return EmbeddedRedis.start(dataDir.resolve("redis"), port, fsync);
	}

	@Bean(destroyMethod = "close")
	UnifiedJedis redis(@Value("${warroom.redis-url:}") String url,
			org.springframework.beans.factory.ObjectProvider<EmbeddedRedis> embedded) {
		@Nullable EmbeddedRedis server = embedded.getIfAvailable();
		String target = (url == null || url.isBlank()) ? server.url() : url;
		return RedisClients.create(target);
	}

}
