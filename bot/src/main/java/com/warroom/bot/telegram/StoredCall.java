package com.warroom.bot.telegram;

import java.util.List;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.warroom.bot.chat.ChatRef;
import com.warroom.bot.engine.Button;
import org.jspecify.annotations.Nullable;

/**
 * One Bot API call as it is kept in the outbox: enough to make it again after a restart.
 * Stored as JSON.
 *
 * @param kind {@code SEND}, {@code EDIT}, {@code DOCUMENT} or {@code ANSWER}
 * @param channel the chat's channel ({@code tg}); with chatId, threadId and forum the
 * chat
 * @param html the message text (a send, an edit) or the answer's text
 * @param buttons the inline keyboard
 * @param slot the slot the message fills (edited in place later), or null
 * @param incidentId the incident of the message, or null
 * @param name the archive name of a document
 * @param caption a document's caption
 * @param pressId the callback query an answer answers
 * @param alert whether an answer shows as an alert
 */
record StoredCall(String kind, String channel, String chatId, @Nullable String threadId, boolean forum, String html,
		List<List<Button>> buttons, @Nullable String slot, @Nullable String incidentId, @Nullable String name,
		@Nullable String caption, @Nullable String pressId, boolean alert) {

	static final String SEND = "SEND";

	static final String EDIT = "EDIT";

	static final String DOCUMENT = "DOCUMENT";

	static final String ANSWER = "ANSWER";

	private static final ObjectMapper JSON = new ObjectMapper()
		.configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

	StoredCall {
		buttons = (buttons == null) ? List.of() : buttons.stream().map(List::copyOf).toList();
		html = (html == null) ? "" : html;
	}

	static StoredCall send(ChatRef chat, String html, List<List<Button>> buttons, @Nullable String slot,
			@Nullable String incidentId) {
		return new StoredCall(SEND, chat.channel(), chat.chatId(), chat.threadId(), chat.forum(), html, buttons, slot,
				incidentId, null, null, null, false);
	}

	static StoredCall edit(ChatRef chat, String slot, String html, List<List<Button>> buttons,
			@Nullable String incidentId) {
		return new StoredCall(EDIT, chat.channel(), chat.chatId(), chat.threadId(), chat.forum(), html, buttons, slot,
				incidentId, null, null, null, false);
	}

	static StoredCall document(ChatRef chat, String incidentId, String name, String caption) {
		return new StoredCall(DOCUMENT, chat.channel(), chat.chatId(), chat.threadId(), chat.forum(), "", List.of(),
				null, incidentId, name, caption, null, false);
	}

	static StoredCall answer(ChatRef origin, String pressId, String text, boolean alert) {
		return new StoredCall(ANSWER, origin.channel(), origin.chatId(), origin.threadId(), origin.forum(), text,
				List.of(), null, null, null, null, pressId, alert);
	}

	ChatRef chat() {
		return new ChatRef(channel, chatId, threadId, forum);
	}

	boolean group() {
		return chatId.startsWith("-");
	}

	/** The key under which edits of one message are coalesced, or null. */
	@Nullable String coalesceKey() {
		return (slot != null && (kind.equals(SEND) || kind.equals(EDIT))) ? chat().topicKey() + "|" + slot : null;
	}

	/** This call with the text and buttons of a later edit of the same message. */
	StoredCall withContent(String newHtml, List<List<Button>> newButtons) {
		return new StoredCall(kind, channel, chatId, threadId, forum, newHtml, newButtons, slot, incidentId, name,
				caption, pressId, alert);
	}

	String toJson() {
		try {
			return JSON.writeValueAsString(this);
		}
		catch (JsonProcessingException ex) {
			throw new IllegalStateException(ex);
		}
	}

	static StoredCall fromJson(String json) {
		try {
			return JSON.readValue(json, StoredCall.class);
		}
		catch (JsonProcessingException ex) {
			throw new IllegalArgumentException("unreadable outbox row", ex);
		}
	}

}
