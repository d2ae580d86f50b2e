package com.warroom.bot.engine;

import java.util.ArrayList;
import java.util.List;

import org.jspecify.annotations.Nullable;

/** Collects the outbound actions of one inbound event. Not thread-safe; one per event. */
final class Reply {

	private final Inbound inbound;

	private final List<Outbound> actions = new ArrayList<>();

	private boolean answered;

	Reply(Inbound inbound) {
		this.inbound = inbound;
	}

	/** Sends a message to the chat (and topic) the event came from. */
	Reply say(String html) {
		return say(html, List.of());
	}

	Reply say(String html, List<List<Button>> buttons) {
		actions.add(new Outbound.Send(inbound.chat(), html, buttons, null, null));
		return this;
	}

	Reply add(Outbound action) {
		actions.add(action);
		return this;
	}

	/** Answers the button press (once); a no-op for commands and texts. */
	Reply answer(String text, boolean alert) {
		if (inbound instanceof Inbound.Press press && !answered) {
			actions.add(0, new Outbound.Answer(press.pressId(), text, alert));
			answered = true;
		}
		return this;
	}

	/** For presses: a short notice; otherwise a message. */
	Reply notice(String text) {
		if (inbound instanceof Inbound.Press) {
			return answer(text, true);
		}
		return say(Html.escape(text));
	}

	Inbound inbound() {
		return inbound;
	}

	@Nullable String messageId() {
		return (inbound instanceof Inbound.Press press) ? press.messageId() : null;
	}

	List<Outbound> actions() {
		if (inbound instanceof Inbound.Press press && !answered) {
			actions.add(0, new Outbound.Answer(press.pressId(), "", false));
			answered = true;
		}
		return List.copyOf(actions);
	}

}
