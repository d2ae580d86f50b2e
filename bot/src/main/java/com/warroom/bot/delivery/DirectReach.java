package com.warroom.bot.delivery;

import java.util.Optional;

import com.warroom.bot.roster.Person;
import org.jspecify.annotations.Nullable;

/**
 * What a channel contributes to the person {@link Directory}: how to reach a person
 * directly on this channel (their own chat with the bot), from the accounts the roster
 * gives them ({@link Person#account}). Each channel implements it once; escalations and
 * reminders ask the directory, never a channel by name.
 */
public interface DirectReach {

	/** The channel, as in {@link com.warroom.bot.chat.ChatRef#channel()}. */
	String channel();

	/**
	 * The durable outbox channel type ({@code com.warroom.notify.Outbox}) that carries
	 * this channel's direct messages which must not be lost, or null (see
	 * {@link Reach#outbox}).
	 */
	default @Nullable String outbox() {
		return null;
	}

	/** The person's own chat on this channel, or empty when they have no account here. */
	Optional<Reach> reach(Person person);

}
