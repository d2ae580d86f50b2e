package com.warroom.bot.delivery;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

import com.warroom.bot.chat.ChatRef;
import com.warroom.bot.engine.Inbound;
import com.warroom.bot.engine.Outbound;
import com.warroom.notify.Outbox;
import com.warroom.notify.spi.Notification;
import com.warroom.notify.spi.NotificationChannel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one way out: every outbound action of the bot — replies to events, reminders,
 * escalations, sensitive-period reminders, notices — passes through here, and so does
 * every notification the bot stores in the outbox ({@link #outbox}). Each action first
 * goes through the {@link DeliveryPolicy policies} in order (the drill marking first; the
 * drill guard of GH-16 plugs in after it), then to the channel of the chat it names. An
 * action for a web chat never reaches Telegram and the reverse, whichever channel the
 * event that caused it came from. The answer to a press names no chat: it goes to the
 * channel the press came from. A channel that is not configured (no
 * {@code TELEGRAM_BOT_TOKEN}) is said once at start ({@link #missingChannels}); its
 * actions are dropped quietly. Thread-safe when its sinks and policies are.
 */
public final class Delivery {

	private static final Logger log = LoggerFactory.getLogger(Delivery.class);

	private final Supplier<List<OutboundSink>> sinks;

	private final List<DeliveryPolicy> policies;

	/**
	 * @param sinks the channels, asked at each delivery (so a channel created after this
	 * component, such as the Telegram gateway that itself delivers through it, is found)
	 * @param policies applied to every action before it is routed, in this order
	 */
	public Delivery(Supplier<List<OutboundSink>> sinks, List<DeliveryPolicy> policies) {
		this.sinks = sinks;
		this.policies = List.copyOf(policies);
	}

	/** The standard policies: the drill marking only. */
	public static List<DeliveryPolicy> standardPolicies() {
		return List.of(new DrillMarking());
	}

	/** A delivery over a fixed list of channels, with the standard policies. */
	public static Delivery of(List<OutboundSink> sinks) {
		List<OutboundSink> copy = List.copyOf(sinks);
		return new Delivery(() -> copy, standardPolicies());
	}

	/** A delivery over channels asked at each delivery, with the standard policies. */
	public static Delivery over(Supplier<List<OutboundSink>> sinks) {
		return new Delivery(sinks, standardPolicies());
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
	 * Delivers an action that answers no event (a reminder, an escalation) to the channel
	 * of its chat, after the policies.
	 * @return whether a channel took all it became (false for answers, for channels not
	 * configured and for an action a policy dropped)
	 */
	public boolean deliver(Outbound original) {
		List<Outbound> actions = applyPolicies(original);
		boolean taken = !actions.isEmpty();
		for (Outbound action : actions) {
			Optional<OutboundSink> sink = chatOf(action).flatMap((chat) -> sink(chat.channel()));
			if (sink.isPresent()) {
				sink.get().deliver(action);
			}
			else {
				taken = false;
			}
		}
		return taken;
	}

	/** Delivers each action that names a chat. */
	public void deliverAll(List<Outbound> actions) {
		actions.forEach(this::deliver);
	}

	/**
	 * Delivers the reply to an event, in order, after the policies: each action to the
	 * channel of its chat; the answer to a press to the channel the press came from.
	 * @return the actions as delivered (after the policies)
	 */
	public List<Outbound> reply(Inbound event, List<Outbound> actions) {
		List<Outbound> applied = new ArrayList<>();
		actions.forEach((action) -> applied.addAll(applyPolicies(action)));
		// the press's answer first: it stops the pressing client's spinner, and a channel
		// that stores each call before making it (Telegram's outbox) would otherwise make
		// it after the edits that came before it in the reply
		List<Outbound> reply = java.util.stream.Stream
			.concat(applied.stream().filter(Outbound.Answer.class::isInstance),
					applied.stream().filter((action) -> !(action instanceof Outbound.Answer)))
			.toList();
		for (int i = 0; i < reply.size(); i++) {
			Outbound action = reply.get(i);
			String channel = chatOf(action).map(ChatRef::channel).orElse(event.chat().channel());
			Optional<OutboundSink> sink = sink(channel);
			if (sink.isPresent()) {
				sink.get().deliver(action, new Answering(event, reply, i));
			}
		}
		return reply;
	}

	/**
	 * The outbox as the bot's senders see it: every notification passes the policies
	 * ({@link DeliveryPolicy#applyQueued}) before {@code outbox} stores it.
	 */
	public Outbox outbox(Outbox outbox) {
		return new Outbox() {

			@Override
			public boolean enqueue(String channelType, String incidentId, Notification notification) {
				boolean stored = false;
				for (Queued queued : applyPolicies(new Queued(channelType, incidentId, notification))) {
					stored |= outbox.enqueue(queued.channelType(), queued.incidentId(), queued.notification());
				}
				return stored;
			}

			@Override
			public int pending() {
				return outbox.pending();
			}

			@Override
			public void register(NotificationChannel channel) {
				outbox.register(channel);
			}

			@Override
			public boolean supports(String channelType) {
				return outbox.supports(channelType);
			}

		};
	}

	/** Of {@code expected}, the channels no sink serves (said once at start). */
	public List<String> missingChannels(List<String> expected) {
		List<OutboundSink> present = sinks.get();
		return expected.stream()
			.filter((channel) -> present.stream().noneMatch((sink) -> sink.channel().equals(channel)))
			.toList();
	}

	private List<Outbound> applyPolicies(Outbound action) {
		List<Outbound> actions = List.of(action);
		for (DeliveryPolicy policy : policies) {
			List<Outbound> next = new ArrayList<>();
			actions.forEach((each) -> next.addAll(policy.apply(each)));
			actions = next;
		}
		return actions;
	}

	private List<Queued> applyPolicies(Queued queued) {
		List<Queued> all = List.of(queued);
		for (DeliveryPolicy policy : policies) {
			List<Queued> next = new ArrayList<>();
			all.forEach((each) -> next.addAll(policy.applyQueued(each)));
			all = next;
		}
		return all;
	}

	private Optional<OutboundSink> sink(String channel) {
		for (OutboundSink sink : sinks.get()) {
			if (sink.channel().equals(channel)) {
				return Optional.of(sink);
			}
		}
		log.debug("没有可用的 {} 渠道，消息未发出", channel);
		return Optional.empty();
	}

}
