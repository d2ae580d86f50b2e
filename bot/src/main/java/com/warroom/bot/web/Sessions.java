package com.warroom.bot.web;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;

import redis.clients.jedis.UnifiedJedis;

/**
 * Web sessions in Redis, so every instance knows them and a restart keeps them. The
 * cookie carries a random 256-bit token; Redis keeps only its SHA-256, with the person,
 * the CSRF token and two instants. A session ends {@code idle} after its last request or
 * {@code max} after sign-in, as the injected clock says (Redis expiry only collects the
 * garbage). Thread-safe.
 */
final class Sessions {

	/** The session cookie. */
	static final String COOKIE = "WARROOM_SESSION";

	/** Writes of "last seen" closer together than this are skipped. */
	private static final Duration TOUCH_EVERY = Duration.ofMinutes(1);

	private static final String PREFIX = "wr:web:session:";

	private final UnifiedJedis redis;

	private final Clock clock;

	private final Duration idle;

	private final Duration max;

	private final SecureRandom random = new SecureRandom();

	Sessions(UnifiedJedis redis, Clock clock, Duration idle, Duration max) {
		this.redis = redis;
		this.clock = clock;
		this.idle = idle;
		this.max = max;
	}

	/**
	 * A signed-in person's session.
	 *
	 * @param token the cookie value (never stored)
	 * @param personId the roster id
	 * @param csrf the token every form and POST of this session must carry
	 */
	record Session(String token, String personId, String csrf, Instant createdAt, Instant lastSeen) {

		@Override
		public String toString() {
			return "Session[personId=" + personId + ", createdAt=" + createdAt + "]";
		}

	}

	/** Starts a new session (a new token, so a token known before sign-in is worthless). */
	Session create(String personId) {
		Instant now = clock.instant();
		Session session = new Session(randomToken(), personId, randomToken(), now, now);
		String key = key(session.token());
		redis.hset(key, Map.of("person", personId, "csrf", session.csrf(), "created", String.valueOf(now.toEpochMilli()),
				"seen", String.valueOf(now.toEpochMilli())));
		redis.expire(key, ttl(session).toSeconds());
		return session;
	}

	/** The live session of a token; empty (and removed) when it is unknown or has expired. */
	Optional<Session> find(String token) {
		if (!token.matches("[A-Za-z0-9_-]{43}")) {
			return Optional.empty();
		}
		String key = key(token);
		Map<String, String> fields = redis.hgetAll(key);
		if (fields == null || !fields.containsKey("person") || !fields.containsKey("csrf")) {
			return Optional.empty();
		}
		Session session = new Session(token, fields.get("person"), fields.get("csrf"), instant(fields.get("created")),
				instant(fields.get("seen")));
		if (expired(session)) {
			redis.del(key);
			return Optional.empty();
		}
		return Optional.of(session);
	}

	/** Whether a session has ended by the clock: idle too long, or older than the maximum. */
	boolean expired(Session session) {
		Instant now = clock.instant();
		return !now.isBefore(session.lastSeen().plus(idle)) || !now.isBefore(session.createdAt().plus(max));
	}

	/** Records a request: the idle time starts again. */
	void touch(Session session) {
		Instant now = clock.instant();
		if (now.isBefore(session.lastSeen().plus(TOUCH_EVERY))) {
			return;
		}
		String key = key(session.token());
		redis.hset(key, "seen", String.valueOf(now.toEpochMilli()));
		redis.expire(key, ttl(new Session(session.token(), session.personId(), session.csrf(), session.createdAt(), now))
			.toSeconds());
	}

	/** Ends a session (sign-out). */
	void end(String token) {
		if (token.matches("[A-Za-z0-9_-]{43}")) {
			redis.del(key(token));
		}
	}

	/** A random 256-bit token, URL-safe Base64 without padding (43 characters). */
	String randomToken() {
		byte[] bytes = new byte[32];
		random.nextBytes(bytes);
		return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
	}

	/** Redis keeps the session until it would end anyway (plus a minute), then drops it. */
	private Duration ttl(Session session) {
		Instant end = session.lastSeen().plus(idle);
		Instant hardEnd = session.createdAt().plus(max);
		Instant until = end.isBefore(hardEnd) ? end : hardEnd;
		Duration left = Duration.between(clock.instant(), until);
		return (left.isNegative() ? Duration.ZERO : left).plusMinutes(1);
	}

	private static Instant instant(String millis) {
		try {
			return Instant.ofEpochMilli(Long.parseLong(millis));
		}
		catch (NumberFormatException ex) {
			return Instant.EPOCH;
		}
	}

	private static String key(String token) {
		try {
			byte[] digest = MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.US_ASCII));
			return PREFIX + HexFormat.of().formatHex(digest);
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
