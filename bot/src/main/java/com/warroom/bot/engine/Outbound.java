package com.warroom.bot.engine;

import java.util.List;

import com.warroom.bot.chat.ChatRef;
import org.jspecify.annotations.Nullable;

/**
 * What the engine asks a channel to do. Texts are HTML with every user-supplied string
 * escaped ({@link Html}); channels render the same small subset (b, i, code, pre).
 */
public sealed interface Outbound {

	/**
	 * Send a message.
	 *
	 * @param slot names the message for later edits (e.g. {@code INC-20261122-001:card}),
	 * or null
	 * @param incidentId the incident the message belongs to (a reply to it becomes a
	 * note), or null
	 */
	record Send(ChatRef chat, String html, List<List<Button>> buttons, @Nullable String slot,
			@Nullable String incidentId) implements Outbound {

		public Send {
			buttons = buttons.stream().map(List::copyOf).toList();
		}

	}

	/**
	 * Replace the text and buttons of the message sent under {@code slot}; send it if
	 * there is none.
	 */
	record Edit(ChatRef chat, String slot, String html, List<List<Button>> buttons,
			@Nullable String incidentId) implements Outbound {

		public Edit {
			buttons = buttons.stream().map(List::copyOf).toList();
		}

	}

	/**
	 * Send a document kept in the incident's archive
	 * ({@code com.warroom.reports.Archive}), e.g. a report book as PDF; the web chat
	 * links to it instead.
	 *
	 * @param name the document's name in the archive
	 * @param caption a short HTML caption
	 */
	record Document(ChatRef chat, String incidentId, String name, String caption) implements Outbound {
	}

	/** Answer a button press with a short notice. */
	record Answer(String pressId, String text, boolean alert) implements Outbound {
	}

	/** The incident an action is about, or null (answers, and messages about none). */
	static @Nullable String incidentOf(Outbound action) {
		if (action instanceof Send send) {
			return send.incidentId();
		}
		if (action instanceof Edit edit) {
			return edit.incidentId();
		}
		if (action instanceof Document document) {
			return document.incidentId();
		}
		return null;
	}

}
