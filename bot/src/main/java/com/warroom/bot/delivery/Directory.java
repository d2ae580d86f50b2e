package com.warroom.bot.delivery;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

import com.warroom.bot.roster.Person;

/**
 * The person directory: how each person is reached directly, asked of every configured
 * channel ({@link DirectReach}) in their order (the web chat first, then Telegram, as the
 * messages always went). A person the roster gives no account on any configured channel
 * has no reach; escalations then say so and move on. Thread-safe when its channels are.
 */
public final class Directory {

	private final Supplier<List<DirectReach>> channels;

	public Directory(Supplier<List<DirectReach>> channels) {
		this.channels = channels;
	}

	/** A directory over a fixed list of channels. */
	public static Directory of(List<DirectReach> channels) {
		List<DirectReach> copy = List.copyOf(channels);
		return new Directory(() -> copy);
	}

	/**
	 * Every way to reach {@code person} directly, in channel order; empty when there is
	 * none.
	 */
	public List<Reach> reach(Person person) {
		List<Reach> reaches = new ArrayList<>();
		for (DirectReach channel : channels.get()) {
			channel.reach(person).ifPresent(reaches::add);
		}
		return List.copyOf(reaches);
	}

	/**
	 * Whether {@code outbox} (an outbox channel type) carries a channel's direct messages
	 * to people.
	 */
	public boolean isDirect(String outbox) {
		return channelOf(outbox).isPresent();
	}

	/** The channel whose direct messages {@code outbox} carries, if any. */
	public Optional<String> channelOf(String outbox) {
		return channels.get()
			.stream()
			.filter((channel) -> outbox.equals(channel.outbox()))
			.map(DirectReach::channel)
			.findFirst();
	}

}
