package com.warroom.bot.web;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.warroom.bot.PasswordHashCli;
import com.warroom.bot.engine.Texts;
import com.warroom.bot.roster.Roster;
import org.jspecify.annotations.Nullable;
import org.springframework.security.crypto.bcrypt.BCrypt;
import redis.clients.jedis.UnifiedJedis;

/**
 * The web accounts: roster people with a BCrypt password hash, read from
 * {@code WEB_PASSWORDS_FILE} (lines {@code roster-id:hash}, the htpasswd format;
 * {@code #} starts a comment). A plain password, a weak hash or an id not on the roster
 * stops the start with the file's line. Failed sign-ins are counted in Redis per roster
 * id and source (the peer address): after {@link #MAX_FAILURES} within {@link #LOCK} that
 * source is locked out of that id until the window ends — only that source, so nobody can
 * keep a leader off the board by failing on purpose from elsewhere. A source failing on
 * {@link #MAX_SOURCE_FAILURES} attempts over any ids is locked out of all of them. The
 * right password from another source still works. When a source is locked out of an id,
 * the id's owner is told (see {@link #onLock}). Thread-safe.
 */
final class PasswordAccounts {

	static final int MAX_FAILURES = 5;

	static final Duration LOCK = Duration.ofMinutes(15);

	/** Failures from one source over all ids after which it is locked out of every id. */
	static final int MAX_SOURCE_FAILURES = 20;

	/** BCrypt, cost 10 or more (htpasswd -B writes $2y$). */
	private static final Pattern HASH = Pattern.compile("\\$2[aby]\\$(\\d{2})\\$[./A-Za-z0-9]{53}");

	/** Compared against when the id has no account, so both cases take as long. */
	private static final String DUMMY = BCrypt.hashpw("warroom-no-such-account", BCrypt.gensalt(12));

	/**
	 * INCR and, on a key without expiry, EXPIRE, in one step (no lock that never ends
	 * after a crash).
	 */
	private static final String COUNT_ATTEMPT = "local n = redis.call('INCR', KEYS[1]) "
			+ "if redis.call('TTL', KEYS[1]) < 0 then redis.call('EXPIRE', KEYS[1], ARGV[1]) end return n";

	private final Map<String, String> hashes;

	private final UnifiedJedis redis;

	private volatile java.util.function.BiConsumer<String, String> onLock = (id, source) -> {
	};

	private PasswordAccounts(Map<String, String> hashes, UnifiedJedis redis) {
		this.hashes = Map.copyOf(hashes);
		this.redis = redis;
	}

	/**
	 * Called with the roster id and the source when a source has just been locked out of
	 * that id (once per lock), so its owner can be told.
	 */
	void onLock(java.util.function.BiConsumer<String, String> listener) {
		this.onLock = listener;
	}

	/** The result of a sign-in attempt. */
	enum Outcome {

		/** The right password. */
		OK,

		/** A wrong password (or no such account). */
		WRONG,

		/**
		 * Refused without checking: this source is locked out of the id (or of every id).
		 */
		LOCKED

	}

	/**
	 * Reads the accounts file; none when {@code file} is null.
	 * @throws IllegalArgumentException naming the file and line that is wrong
	 */
	static PasswordAccounts load(@Nullable Path file, Roster roster, UnifiedJedis redis) {
		if (file == null) {
			return new PasswordAccounts(Map.of(), redis);
		}
		try {
			return new PasswordAccounts(
					parse(file.toString(), Files.readAllLines(file, StandardCharsets.UTF_8), roster), redis);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(Texts.chinese().get("web.passwords.unreadable", String.valueOf(file)), ex);
		}
	}

	static Map<String, String> parse(String name, List<String> lines, Roster roster) {
		Texts texts = Texts.chinese();
		Map<String, String> hashes = new LinkedHashMap<>();
		for (int i = 0; i < lines.size(); i++) {
			String line = lines.get(i).strip();
			if (line.isEmpty() || line.startsWith("#")) {
				continue;
			}
			String where = name + ":" + (i + 1) + ": ";
			int colon = line.indexOf(':');
			if (colon <= 0) {
				throw new IllegalArgumentException(texts.get("web.passwords.line", where));
			}
			String id = line.substring(0, colon).strip();
			String hash = line.substring(colon + 1).strip();
			Matcher matcher = HASH.matcher(hash);
			if (!matcher.matches()) {
				throw new IllegalArgumentException(texts.get("web.passwords.plain", where, id));
			}
			if (Integer.parseInt(matcher.group(1)) < 10) {
				throw new IllegalArgumentException(texts.get("web.passwords.weak", where, id));
			}
			if (roster.byId(id).isEmpty()) {
				throw new IllegalArgumentException(texts.get("web.passwords.unknown", where, id));
			}
			if (hashes.put(id, hash) != null) {
				throw new IllegalArgumentException(texts.get("web.passwords.duplicate", where, id));
			}
		}
		return hashes;
	}

	/** How many people may sign in. */
	int size() {
		return hashes.size();
	}

	/** Checks a password from an unnamed source (one source for all such calls). */
	Outcome check(String personId, String password) {
		return check(personId, password, "");
	}

	/**
	 * Checks a password from {@code source} (the peer address); counts a failure, and
	 * refuses to check at all while this source is locked out of the id or of every id.
	 * @throws Sessions.Unavailable when Redis, which counts the failures, is unreachable
	 * (no password is checked uncounted)
	 */
	Outcome check(String personId, String password, String source) {
		try {
			return counted(personId, password, source);
		}
		catch (redis.clients.jedis.exceptions.JedisException ex) {
			throw new Sessions.Unavailable(ex);
		}
	}

	private Outcome counted(String personId, String password, String source) {
		String id = (personId.length() <= 64) ? personId : personId.substring(0, 64);
		String from = (source.length() <= 64) ? source : source.substring(0, 64);
		String key = "wr:web:fail:" + id + (from.isEmpty() ? "" : "@" + from);
		String window = String.valueOf(LOCK.toSeconds());
		// count the attempt before checking: parallel
		// guesses cannot all pass a read-then-write
		Object attempt = redis.eval(COUNT_ATTEMPT, List.of(key), List.of(window));
		if (attempt instanceof Long count && count > MAX_FAILURES) {
			return Outcome.LOCKED;
		}
		String sourceKey = "wr:web:failsrc:" + from;
		String sourceFailures = redis.get(sourceKey);
		if (sourceFailures != null && Long.parseLong(sourceFailures) >= MAX_SOURCE_FAILURES) {
			return Outcome.LOCKED;
		}
		String hash = hashes.get(personId);
		// BCrypt reads at most 72 bytes (and refuses
		// more): a longer password is simply wrong
		boolean matches = PasswordHashCli.fits(password) && BCrypt.checkpw(password, (hash != null) ? hash : DUMMY)
				&& hash != null;
		if (matches) {
			redis.del(key);
			return Outcome.OK;
		}
		redis.eval(COUNT_ATTEMPT, List.of(sourceKey), List.of(window));
		if (attempt instanceof Long count && count == MAX_FAILURES && hash != null) {
			try {
				onLock.accept(personId, from);
			}
			catch (RuntimeException ex) {
				// telling the owner must never change the answer
			}
		}
		return Outcome.WRONG;
	}

}
