package com.warroom.bot.web;

import java.util.List;

import com.warroom.bot.engine.Button;
import org.jspecify.annotations.Nullable;

/**
 * One message of a web chat.
 *
 * @param id its number in the chat (messages show in this order)
 * @param rev the chat's revision when it last changed (an edit gives it a new one)
 * @param post what it says
 */
record WebMessage(long id, long rev, Post post) {

	/** Who wrote a message. */
	enum Kind {

		/** The bot (the engine's HTML subset, already escaped). */
		BOT,
		/** A person (plain text as typed). */
		PERSON,
		/** A document of the archive, with a caption in the engine's HTML. */
		DOCUMENT

	}

	/**
	 * The stored part of a message.
	 *
	 * @param kind who wrote it
	 * @param html the bot's HTML, a person's plain text, or a document's caption
	 * @param buttons rows of inline buttons (bot messages)
	 * @param personId the roster id of a person's message, or null
	 * @param author the name shown
	 * @param at when it was first sent, epoch milliseconds
	 * @param edited whether it was replaced since
	 * @param incidentId the incident it belongs to (replies to it become notes), or null
	 * @param document the document's name in the incident's archive, or null
	 */
	record Post(Kind kind, String html, List<List<Button>> buttons, @Nullable String personId, String author, long at,
			boolean edited, @Nullable String incidentId, @Nullable String document) {

		Post {
			buttons = buttons.stream().map(List::copyOf).toList();
		}

		Post asEdit(String newHtml, List<List<Button>> newButtons, @Nullable String newIncidentId) {
			return new Post(kind, newHtml, newButtons, personId, author, at, true,
					(newIncidentId != null) ? newIncidentId : incidentId, document);
		}

	}

}
