package com.warroom.bot.store;

import java.nio.file.Path;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Redis's settings (README "Configure").
 *
 * @param dataDir where the embedded Redis keeps its files, under {@code redis}
 * ({@code DATA_DIR})
 * @param embeddedRedisPort the embedded server's port, 0 for a free one
 * @param redisFsync the embedded server's {@code appendfsync}: {@code always} or
 * {@code everysec} ({@code REDIS_FSYNC})
 * @param redisUrl an external Redis, blank for the embedded one ({@code REDIS_URL})
 * @param redisSentinels {@code host:port,…} of Redis Sentinels, blank for none
 * ({@code REDIS_SENTINELS})
 * @param redisMaster the master the Sentinels name ({@code REDIS_MASTER})
 */
@ConfigurationProperties("warroom")
record StoreProperties(@DefaultValue("./data") Path dataDir, @DefaultValue("0") int embeddedRedisPort,
		@DefaultValue("always") String redisFsync, @DefaultValue("") String redisUrl,
		@DefaultValue("") String redisSentinels, @DefaultValue("mymaster") String redisMaster) {

	StoreProperties {
		redisFsync = redisFsync.strip();
		if (!redisFsync.equals("always") && !redisFsync.equals("everysec")) {
			throw new IllegalArgumentException(
					"REDIS_FSYNC（warroom.redis-fsync）只能是 always 或 everysec，实际是 " + redisFsync);
		}
		if (embeddedRedisPort < 0 || embeddedRedisPort > 65535) {
			throw new IllegalArgumentException(
					"warroom.embedded-redis-port 应为 0 到 65535 的端口号，实际是 " + embeddedRedisPort);
		}
		if (redisMaster.isBlank()) {
			throw new IllegalArgumentException("REDIS_MASTER（warroom.redis-master）不能为空");
		}
	}

	/** Records print every component; a Redis URL may carry a password. */
	@Override
	public String toString() {
		return "StoreProperties[dataDir=" + dataDir + ", redisFsync=" + redisFsync + ", redisUrl="
				+ (redisUrl.isBlank() ? "" : "****") + ", redisSentinels=" + redisSentinels + ", redisMaster="
				+ redisMaster + "]";
	}

}
