package com.warroom.bot.engine;

import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

import com.warroom.bot.chat.ChatRef;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one place that decides which channel delivers an action: the channel of the chat
 * the action names. An action for a web chat never reaches Telegram and the reverse,
 * whichever channel the event that caused it came from. Answers to presses name no chat;
 * they belong to the channel of the press and are never routed here. A channel that is
 * not configured (no {@code TELEGRAM_BOT_TOKEN}) is said once at start
 * ({@link #missingChannels}); its actions are dropped quietly. A drill's messages are
 * marked on the way ({@link DrillMark}). Thread-safe.
 */
public final class OutboundRouter {

	private static final Logger log = LoggerFactory.getLogger(OutboundRouter.class);

	private final Supplier<List<OutboundSink>> sinks;

	/**
	 * @param sinks the channels, asked at each delivery (so a channel created after the
	 * router, such as the Telegram gateway that itself routes through it, is found)
	 */
	public OutboundRouter(Supplier<List<OutboundSink>> sinks) {
		this.sinks = sinks;
	}

	/** A router over a fixed list of channels. */
	public static OutboundRouter of(List<OutboundSink> sinks) {
		List<OutboundSink> copy = List.copyOf(sinks);
		return new OutboundRouter(() -> copy);
	}

	/** The chat an action is for; empty for an answer to a press. */
	public static Optional<ChatRef> chatOf(Outbound action) {
		if (action instanceof Outbound.Send send) {
			return Optional.of(send.chat());
		}
		if (action instanceof Outbound.Edit edit) {
			return Optional.of(edit.chat());
		}
		if (action instanceof Outbound.Document document) {
			return Optional.of(document.chat());
		}
		return Optional.empty();
	}

	/**
	 * Hands the action to the channel of its chat.
	 * @return whether a channel took it (false for answers and for channels not configured)
	 */
	public boolean route(Outbound original) {
		Outbound action = DrillMark.apply(original);
		Optional<ChatRef> chat = chatOf(action);
		if (chat.isEmpty()) {
			return false;
		}
		String channel = chat.get().channel();
		for (OutboundSink sink : sinks.get()) {
			if (sink.channel().equals(channel)) {
				sink.deliver(action);
				return true;
			}
		}
		log.debug("没有可用的 {} 渠道，消息未发出", channel);
		return false;
	}

	/** Routes every action that names a chat. */
	public void routeAll(List<Outbound> actions) {
		actions.forEach(this::route);
	}

	/** Of {@code expected}, the channels no sink serves (said once at start). */
	public List<String> missingChannels(List<String> expected) {
		List<OutboundSink> present = sinks.get();
		return expected.stream()
			.filter((channel) -> present.stream().noneMatch((sink) -> sink.channel().equals(channel)))
			.toList();
	}

}
