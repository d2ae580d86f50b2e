package com.warroom.bot.engine;

import java.time.Duration;
import java.util.Optional;

import com.warroom.bot.chat.ChatRef;
import org.jspecify.annotations.Nullable;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.params.SetParams;

/**
 * Which channel message holds a named slot (an incident card, a track's current step), so
 * messages are edited in place; and which incident a message belongs to, so a reply to it
 * becomes a note. Channels record message ids after sending. Thread-safe.
 */
public class MessageSlots {

	private static final Duration TTL = Duration.ofDays(90);

	private final UnifiedJedis redis;

	public MessageSlots(UnifiedJedis redis) {
		this.redis = redis;
	}

	public void record(ChatRef chat, @Nullable String slot, String messageId, @Nullable String incidentId) {
		if (slot != null) {
			redis.setex("wr:slot:" + chat.topicKey() + ":" + slot, TTL.toSeconds(), messageId);
		}
		if (incidentId != null) {
			redis.setex("wr:msg:" + chat.key() + ":" + messageId, TTL.toSeconds(), incidentId);
		}
	}

	public Optional<String> messageOf(ChatRef chat, String slot) {
		return Optional.ofNullable(redis.get("wr:slot:" + chat.topicKey() + ":" + slot));
	}

	/**
	 * True the first time {@code what} is said in this chat (within the TTL), false
	 * after: for notices said once.
	 */
	public boolean once(ChatRef chat, String what) {
		return "OK".equals(
				redis.set("wr:once:" + chat.key() + ":" + what, "1", SetParams.setParams().nx().ex(TTL.toSeconds())));
	}

	public Optional<String> incidentOf(ChatRef chat, String messageId) {
		return Optional.ofNullable(redis.get("wr:msg:" + chat.key() + ":" + messageId));
	}

}
