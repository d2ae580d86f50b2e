package com.warroom.bot.engine;

import java.security.SecureRandom;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

import com.warroom.bot.incident.Effects;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.params.SetParams;

/**
 * Opaque button tokens: a button carries only a random 12-character token (well under
 * Telegram's 64-byte {@code callback_data}); what it means lives in Redis. A tampered or
 * expired token resolves to nothing. Thread-safe.
 */
public class ButtonTokens {

	private static final String ALPHABET = "abcdefghijkmnopqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";

	private static final Duration TTL = Duration.ofDays(30);

	private final UnifiedJedis redis;

	private final SecureRandom random = new SecureRandom();

	public ButtonTokens(UnifiedJedis redis) {
		this.redis = redis;
	}

	/** A button whose press means {@code meaning}. */
	public Button button(String label, Map<String, String> meaning) {
		return new Button(label, issue(meaning));
	}

	/**
	 * A button of {@code kind} whose press carries {@code fields} (not {@code a}: that is
	 * the kind's code).
	 */
	public Button button(String label, Flow.ButtonKind kind, Map<String, String> fields) {
		if (fields.containsKey("a")) {
			throw new IllegalArgumentException("the field a is the button's kind");
		}
		Map<String, String> meaning = new java.util.LinkedHashMap<>(fields);
		meaning.put("a", kind.code());
		return button(label, meaning);
	}

	public String issue(Map<String, String> meaning) {
		String token = token();
		String key = key(token);
		redis.hset(key, meaning);
		redis.expire(key, TTL.toSeconds());
		return token;
	}

	/** What a pressed token means; empty for unknown, expired or malformed tokens. */
	public Optional<Map<String, String>> resolve(String token) {
		if (token.length() != 12 || !token.chars().allMatch((c) -> ALPHABET.indexOf(c) >= 0)) {
			return Optional.empty();
		}
		Map<String, String> meaning = redis.hgetAll(key(token));
		return (meaning == null || meaning.isEmpty()) ? Optional.empty() : Optional.of(meaning);
	}

	/**
	 * What a pressed token means, typed by the kinds the flows declared; empty for
	 * unknown, expired or malformed tokens and for a kind no flow handles (any more): a
	 * stale button.
	 */
	public Optional<ButtonMeaning> resolve(String token, Map<String, Flow.ButtonKind> kinds) {
		return resolve(token).flatMap((meaning) -> Optional.ofNullable(kinds.get(meaning.getOrDefault("a", "")))
			.map((kind) -> new ButtonMeaning(kind, meaning)));
	}

	/**
	 * Marks a one-shot token used; false when it was used before — by another event: the
	 * same event handled again after a crash (see {@link Effects}) may use it again.
	 */
	public boolean consume(String token) {
		String event = Effects.eventId();
		String by = event.isEmpty() ? "1" : event;
		if ("OK".equals(redis.set(key(token) + ":used", by, SetParams.setParams().nx().ex(TTL.toSeconds())))) {
			return true;
		}
		return !event.isEmpty() && event.equals(redis.get(key(token) + ":used"));
	}

	private String token() {
		StringBuilder token = new StringBuilder(12);
		for (int i = 0; i < 12; i++) {
			token.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
		}
		return token.toString();
	}

	private static String key(String token) {
		return "wr:cb:" + token;
	}

}
