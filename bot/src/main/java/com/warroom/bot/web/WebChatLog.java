package com.warroom.bot.web;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.resps.Tuple;
import tools.jackson.databind.json.JsonMapper;

/**
 * The messages of each web chat, in Redis, so a restart or another instance shows the
 * same conversation. Each change (a new message or an edit) takes the chat's next
 * revision in one Lua script, so revisions are in commit order and a listener that has
 * seen revision N misses nothing by asking for everything after N. The newest
 * {@link #KEEP} changed messages are kept. Thread-safe.
 */
final class WebChatLog {

	static final int KEEP = 500;

	/** Page loads show at most this many of the newest messages. */
	static final int PAGE = 200;

	private static final String APPEND = """
			local rev = redis.call('INCR', KEYS[1])
			redis.call('HSET', KEYS[2], rev, ARGV[1])
			redis.call('ZADD', KEYS[3], rev, rev)
			local extra = redis.call('ZCARD', KEYS[3]) - tonumber(ARGV[2])
			if extra > 0 then
				local old = redis.call('ZRANGE', KEYS[3], 0, extra - 1)
				for _, id in ipairs(old) do
					redis.call('HDEL', KEYS[2], id)
					redis.call('ZREM', KEYS[3], id)
				end
			end
			return rev
			""";

	private static final String EDIT = """
			if redis.call('HEXISTS', KEYS[2], ARGV[1]) == 0 then return 0 end
			local rev = redis.call('INCR', KEYS[1])
			redis.call('HSET', KEYS[2], ARGV[1], ARGV[2])
			redis.call('ZADD', KEYS[3], rev, ARGV[1])
			return rev
			""";

	private final UnifiedJedis redis;

	private final JsonMapper json = JsonMapper.builder().build();

	WebChatLog(UnifiedJedis redis) {
		this.redis = redis;
	}

	/** Adds a message; returns it with its id. */
	WebMessage append(String chatId, WebMessage.Post post) {
		long rev = (Long) redis.eval(APPEND, keys(chatId), List.of(json.writeValueAsString(post), String.valueOf(KEEP)));
		return new WebMessage(rev, rev, post);
	}

	/** Replaces message {@code id}; empty when the chat no longer has it. */
	Optional<WebMessage> replace(String chatId, long id, WebMessage.Post post) {
		long rev = (Long) redis.eval(EDIT, keys(chatId), List.of(String.valueOf(id), json.writeValueAsString(post)));
		return (rev == 0) ? Optional.empty() : Optional.of(new WebMessage(id, rev, post));
	}

	Optional<WebMessage> find(String chatId, long id) {
		String body = redis.hget(key(chatId, "msg"), String.valueOf(id));
		Double rev = redis.zscore(key(chatId, "revs"), String.valueOf(id));
		return (body == null || rev == null) ? Optional.empty()
				: Optional.of(new WebMessage(id, rev.longValue(), json.readValue(body, WebMessage.Post.class)));
	}

	/** The newest messages (at most {@link #PAGE}), oldest first. */
	List<WebMessage> recent(String chatId) {
		List<WebMessage> all = load(chatId, redis.zrangeWithScores(key(chatId, "revs"), 0, -1));
		return all.subList(Math.max(0, all.size() - PAGE), all.size());
	}

	/** Messages added or edited after revision {@code rev}, in message order. */
	List<WebMessage> since(String chatId, long rev) {
		return load(chatId, redis.zrangeByScoreWithScores(key(chatId, "revs"), "(" + rev, "+inf"));
	}

	/** The chat's latest revision (0 when empty). */
	long revision(String chatId) {
		String rev = redis.get(key(chatId, "rev"));
		return (rev == null) ? 0 : Long.parseLong(rev);
	}

	private List<WebMessage> load(String chatId, List<Tuple> revs) {
		if (revs.isEmpty()) {
			return List.of();
		}
		String[] ids = revs.stream().map(Tuple::getElement).toArray(String[]::new);
		List<String> bodies = redis.hmget(key(chatId, "msg"), ids);
		List<WebMessage> messages = new ArrayList<>(ids.length);
		for (int i = 0; i < ids.length; i++) {
			if (bodies.get(i) != null) {
				messages.add(new WebMessage(Long.parseLong(ids[i]), (long) revs.get(i).getScore(),
						json.readValue(bodies.get(i), WebMessage.Post.class)));
			}
		}
		messages.sort(Comparator.comparingLong(WebMessage::id));
		return messages;
	}

	private static List<String> keys(String chatId) {
		return List.of(key(chatId, "rev"), key(chatId, "msg"), key(chatId, "revs"));
	}

	private static String key(String chatId, String part) {
		return "wr:web:chat:" + chatId + ":" + part;
	}

}
