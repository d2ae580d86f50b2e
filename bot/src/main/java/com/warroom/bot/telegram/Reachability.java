package com.warroom.bot.telegram;

import java.time.Duration;
import java.util.Optional;

import redis.clients.jedis.UnifiedJedis;

/**
 * Whether the bot can write to a person directly: Telegram lets a bot message only people
 * who opened a private chat with it and did not block it. Learnt from what happens (a
 * private message from them, a direct message delivered or refused) and kept in Redis (it
 * can be learnt again).
 */
final class Reachability {

	private static final Duration TTL = Duration.ofDays(365);

	private Reachability() {
	}

	private static String key(String userId) {
		return "wr:tg:reach:" + userId;
	}

	static void reachable(UnifiedJedis redis, String userId) {
		redis.setex(key(userId), TTL.toSeconds(), "ok");
	}

	/**
	 * @param why what Telegram said, in Chinese ({@link TelegramRefusals#explain})
	 */
	static void unreachable(UnifiedJedis redis, String userId, String why) {
		redis.setex(key(userId), TTL.toSeconds(), "no:" + why);
	}

	/** Empty: nothing known yet; "ok"; or the reason it failed. */
	static Optional<String> of(UnifiedJedis redis, String userId) {
		return Optional.ofNullable(redis.get(key(userId)));
	}

}
