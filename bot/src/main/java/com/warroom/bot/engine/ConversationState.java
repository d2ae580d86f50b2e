package com.warroom.bot.engine;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;

import redis.clients.jedis.UnifiedJedis;

/**
 * What the bot waits for from one person in one chat (a skip reason, what blocks a step,
 * a discovery time, a level reason). Expires after a while so a forgotten question does
 * not capture a later message. Thread-safe.
 */
public class ConversationState {

	private static final Duration TTL = Duration.ofMinutes(15);

	private final UnifiedJedis redis;

	public ConversationState(UnifiedJedis redis) {
		this.redis = redis;
	}

	public void await(ChatRef chat, Actor actor, Map<String, String> question) {
		String key = key(chat, actor);
		redis.del(key);
		redis.hset(key, question);
		redis.expire(key, TTL.toSeconds());
	}

	public Optional<Map<String, String>> pending(ChatRef chat, Actor actor) {
		Map<String, String> question = redis.hgetAll(key(chat, actor));
		return (question == null || question.isEmpty()) ? Optional.empty() : Optional.of(question);
	}

	public void clear(ChatRef chat, Actor actor) {
		redis.del(key(chat, actor));
	}

	private static String key(ChatRef chat, Actor actor) {
		return "wr:conv:" + chat.topicKey() + ":" + actor.userId();
	}

}
