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
import java.util.concurrent.ConcurrentHashMap;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.exceptions.JedisException;

/**
 * Web sessions in Redis, so every instance knows them and a restart keeps them. The
 * cookie carries a random 256-bit token; Redis keeps only its SHA-256, with the person,
 * the CSRF token and two instants. A session ends {@code idle} after its last request or
 * {@code max} after sign-in, as the injected clock says (Redis expiry only collects the
 * garbage).
 *
 * <p>
 * While Redis cannot be reached, a session this instance found in Redis (or created)
 * within the last {@code grace} is still accepted from a local cache, so the pages
 * already open keep working through a short outage; idle and maximum age still apply. A
 * session ended here during the outage is remembered and ended in Redis too once it is
 * back. What the cache cannot answer (a sign-in, a session never seen here) raises
 * {@link Unavailable}. Thread-safe.
 */
final class Sessions {

	private static final Logger log = LoggerFactory.getLogger(Sessions.class);

	/** The session cookie. */
	static final String COOKIE = "WARROOM_SESSION";

	/** Writes of "last seen" closer together than this are skipped. */
	private static final Duration TOUCH_EVERY = Duration.ofMinutes(1);

	private static final String PREFIX = "wr:web:session:";

	private final UnifiedJedis redis;

	private final Clock clock;

	private final Duration idle;

	private final Duration max;

	private final Duration grace;

	private final SecureRandom random = new SecureRandom();

	/** Sessions found in Redis (by key), with the instant they were last found there. */
	private final Map<String, Validated> validated = new ConcurrentHashMap<>();

	/**
	 * Sessions ended while Redis was unreachable (by key), until they would have ended
	 * anyway.
	 */
	private final Map<String, Instant> endedLocally = new ConcurrentHashMap<>();

	private record Validated(Session session, Instant at) {
	}

	/**
	 * Redis, where sessions live, cannot be reached now (and the local cache cannot
	 * answer).
	 */
	static final class Unavailable extends RuntimeException {

		Unavailable(Throwable cause) {
			super("web sessions unavailable: " + cause.getClass().getSimpleName(), null, false, false);
		}

	}

	Sessions(UnifiedJedis redis, Clock clock, Duration idle, Duration max) {
		this(redis, clock, idle, max, Duration.ZERO);
	}

	/**
	 * @param grace how long after a session was last found in Redis it is still accepted
	 * from this instance's cache while Redis is unreachable ({@code WEB_SESSION_GRACE};
	 * zero: never)
	 */
	Sessions(UnifiedJedis redis, Clock clock, Duration idle, Duration max, Duration grace) {
		this.redis = redis;
		this.clock = clock;
		this.idle = idle;
		this.max = max;
		this.grace = grace;
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

	/**
	 * Starts a new session (a new token, so a token known before sign-in is worthless).
	 */
	Session create(String personId) {
		Instant now = clock.instant();
		Session session = new Session(randomToken(), personId, randomToken(), now, now);
		String key = key(session.token());
		try {
			redis.hset(key, Map.of("person", personId, "csrf", session.csrf(), "created",
					String.valueOf(now.toEpochMilli()), "seen", String.valueOf(now.toEpochMilli())));
			redis.expire(key, ttl(session).toSeconds());
		}
		catch (JedisException ex) {
			// a session only this instance knows would
			// fail on every other one: no sign-in now
			throw new Unavailable(ex);
		}
		remember(key, session);
		return session;
	}

	/**
	 * The live session of a token; empty (and removed) when it is unknown or has expired.
	 */
	Optional<Session> find(String token) {
		if (!token.matches("[A-Za-z0-9_-]{43}")) {
			return Optional.empty();
		}
		String key = key(token);
		Map<String, String> fields;
		try {
			if (!endedLocally.isEmpty()) {
				endInRedis();
			}
			fields = redis.hgetAll(key);
		}
		catch (JedisException ex) {
			return cached(key, ex);
		}
		if (fields == null || !fields.containsKey("person") || !fields.containsKey("csrf")) {
			validated.remove(key);
			return Optional.empty();
		}
		Session session = new Session(token, fields.get("person"), fields.get("csrf"), instant(fields.get("created")),
				instant(fields.get("seen")));
		if (expired(session)) {
			validated.remove(key);
			redis.del(key);
			return Optional.empty();
		}
		remember(key, session);
		return Optional.of(session);
	}

	/**
	 * Redis is unreachable: the session as last found here, if that was within the grace
	 * period.
	 */
	private Optional<Session> cached(String key, JedisException ex) {
		Instant now = clock.instant();
		validated.values().removeIf((entry) -> !now.isBefore(entry.at().plus(grace)) || expired(entry.session()));
		Validated entry = validated.get(key);
		if (entry == null) {
			throw new Unavailable(ex);
		}
		log.debug("Redis 不可用，会话按本机缓存放行（{} 前验证过）", Duration.between(entry.at(), now));
		return Optional.of(entry.session());
	}

	private void remember(String key, Session session) {
		if (!grace.isZero()) {
			validated.put(key, new Validated(session, clock.instant()));
		}
	}

	/**
	 * Ends in Redis the sessions ended here while it was unreachable (those not yet gone
	 * by themselves).
	 */
	private void endInRedis() {
		Instant now = clock.instant();
		for (Map.Entry<String, Instant> ended : Map.copyOf(endedLocally).entrySet()) {
			if (now.isBefore(ended.getValue())) {
				redis.del(ended.getKey());
			}
			endedLocally.remove(ended.getKey());
		}
	}

	/**
	 * Whether a session has ended by the clock: idle too long, or older than the maximum.
	 */
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
		Session touched = new Session(session.token(), session.personId(), session.csrf(), session.createdAt(), now);
		try {
			redis.hset(key, "seen", String.valueOf(now.toEpochMilli()));
			redis.expire(key, ttl(touched).toSeconds());
		}
		catch (JedisException ex) {
			// Redis is away: the request goes on (the grace
			// period), the idle time is counted here
			validated.computeIfPresent(key, (k, entry) -> new Validated(touched, entry.at()));
		}
	}

	/**
	 * Ends a session (sign-out); while Redis is unreachable, here at once and in Redis
	 * once it is back.
	 */
	void end(String token) {
		if (token.matches("[A-Za-z0-9_-]{43}")) {
			String key = key(token);
			Validated known = validated.remove(key);
			try {
				redis.del(key);
			}
			catch (JedisException ex) {
				Instant until = (known != null) ? clock.instant().plus(ttl(known.session()))
						: clock.instant().plus(max).plus(Duration.ofMinutes(1));
				endedLocally.put(key, until);
			}
		}
	}

	/** A random 256-bit token, URL-safe Base64 without padding (43 characters). */
	String randomToken() {
		byte[] bytes = new byte[32];
		random.nextBytes(bytes);
		return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
	}

	/**
	 * Redis keeps the session until it would end anyway (plus a minute), then drops it.
	 */
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
