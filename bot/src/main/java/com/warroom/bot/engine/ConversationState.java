package com.warroom.bot.engine;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;

import com.warroom.bot.chat.Actor;
import com.warroom.bot.chat.ChatRef;
import com.warroom.bot.incident.Effects;
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

	/**
	 * Waits for this person's answer to a question of {@code kind} carrying
	 * {@code fields} (not {@code q}).
	 */
	public void await(ChatRef chat, Actor actor, Flow.QuestionKind kind, Map<String, String> fields) {
		if (fields.containsKey("q")) {
			throw new IllegalArgumentException("the field q is the question's kind");
		}
		Map<String, String> question = new java.util.LinkedHashMap<>(fields);
		question.put("q", kind.code());
		await(chat, actor, question);
	}

	/**
	 * A stored question typed by the kinds the flows declared; empty for a kind no flow
	 * handles (any more).
	 */
	public static Optional<Question> decode(Map<String, String> question, Map<String, Flow.QuestionKind> kinds) {
		return Optional.ofNullable(kinds.get(question.getOrDefault("q", "")))
			.map((kind) -> new Question(kind, question));
	}

	/**
	 * The question waiting for this person's answer. An event handled again after a crash
	 * (see {@link Effects}) sees the question it answered the first time, not the next
	 * one its first run may already have asked.
	 */
	public Optional<Map<String, String>> pending(ChatRef chat, Actor actor) {
		String event = Effects.eventId();
		if (!event.isEmpty()) {
			Map<String, String> answered = redis.hgetAll(answeredKey(chat, actor, event));
			if (answered != null && !answered.isEmpty()) {
				return Optional.of(answered);
			}
		}
		Map<String, String> question = redis.hgetAll(key(chat, actor));
		return (question == null || question.isEmpty()) ? Optional.empty() : Optional.of(question);
	}

	/**
	 * Takes the question away. Inside an event the question is kept aside under the
	 * event's id for a while, so the same event handled again after a crash answers it
	 * once more (its writes are idempotent) rather than losing the answer.
	 */
	public void clear(ChatRef chat, Actor actor) {
		String event = Effects.eventId();
		if (event.isEmpty()) {
			redis.del(key(chat, actor));
			return;
		}
		String answered = answeredKey(chat, actor, event);
		if (redis.exists(answered)) {
			return;
		}
		Map<String, String> question = redis.hgetAll(key(chat, actor));
		if (question != null && !question.isEmpty()) {
			redis.hset(answered, question);
			redis.expire(answered, TTL.toSeconds());
		}
		redis.del(key(chat, actor));
	}

	private static String answeredKey(ChatRef chat, Actor actor, String event) {
		return key(chat, actor) + ":answered:" + event;
	}

	private static String key(ChatRef chat, Actor actor) {
		return "wr:conv:" + chat.topicKey() + ":" + actor.userId();
	}

}
