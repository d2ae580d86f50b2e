package com.warroom.bot.engine;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import com.warroom.bot.delivery.OutboundSink;

/**
 * An engine that answers every event with the same scripted actions, for testing what a
 * channel does with them (where each goes) without the conversation behind.
 */
public final class ScriptedEngine extends ConversationEngine {

	private final List<Outbound> script;

	/** The events handed in, in order. */
	public final List<Inbound> handled = new CopyOnWriteArrayList<>();

	public ScriptedEngine(List<Outbound> script) {
		// no flows: nothing behind the script (and no texts for a menu)
		super(new Services(null, null, null, null, null, null, null, null, null, null, null, null, null, null, null),
				List.of());
		this.script = List.copyOf(script);
	}

	@Override
	public List<Outbound> handle(Inbound inbound) {
		handled.add(inbound);
		List<Outbound> actions = new ArrayList<>(script);
		if (inbound instanceof Inbound.Press press) {
			actions.add(0, new Outbound.Answer(press.pressId(), "", false));
		}
		return actions;
	}

	@Override
	public void settled(List<Outbound> actions) {
	}

	/** A channel that keeps what it was given. */
	public static final class RecordingSink implements OutboundSink {

		private final String channel;

		public final List<Outbound> delivered = new CopyOnWriteArrayList<>();

		public RecordingSink(String channel) {
			this.channel = channel;
		}

		@Override
		public String channel() {
			return channel;
		}

		@Override
		public void deliver(Outbound action) {
			delivered.add(action);
		}

	}

}
