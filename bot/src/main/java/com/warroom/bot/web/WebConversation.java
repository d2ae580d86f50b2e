package com.warroom.bot.web;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

import com.warroom.bot.chat.ChatRef;
import com.warroom.bot.delivery.EventHandling;
import com.warroom.bot.engine.ConversationEngine;
import com.warroom.bot.engine.Inbound;
import com.warroom.bot.engine.Outbound;
import com.warroom.bot.engine.Texts;
import org.jspecify.annotations.Nullable;

/**
 * What a person does in a web chat, handed to the same engine as Telegram: a line that
 * starts with {@code /} is a command, anything else text (a reply when it answers a
 * message); a press carries the button's token. The event is handled, delivered and
 * settled by the one {@link EventHandling} every channel uses (an action about a Telegram
 * chat goes to Telegram); the answer to a press comes back as a notice for the one who
 * pressed. Thread-safe.
 */
final class WebConversation {

	/**
	 * Longest message accepted (Telegram's limit; the engine refuses notes over 4000).
	 */
	static final int MAX_TEXT = 4096;

	private final EventHandling handling;

	private final WebChannel web;

	private final Texts texts;

	WebConversation(EventHandling handling, WebChannel web, Texts texts) {
		this.handling = handling;
		this.web = web;
		this.texts = texts;
	}

	/**
	 * A short notice for the person who acted (the toast of a press, or why nothing was
	 * sent).
	 */
	record Notice(String text, boolean alert) {
	}

	/** A line typed in a chat the person may enter. */
	List<Notice> say(WebUser user, String chatId, String line, @Nullable String replyTo) {
		String text = line.strip();
		if (text.isEmpty()) {
			return List.of(new Notice(texts.get("web.chat.empty.text"), false));
		}
		if (text.length() > MAX_TEXT) {
			return List.of(new Notice(texts.get("web.chat.too.long", String.valueOf(text.length())), true));
		}
		web.said(chatId, user.person(), text);
		ChatRef chat = WebChannel.chat(chatId);
		String reply = (replyTo != null && replyTo.matches("\\d{1,18}")) ? replyTo : null;
		return run(parse(chat, user, text, reply), null);
	}

	/** A button pressed on a message of a chat the person may enter. */
	List<Notice> press(WebUser user, String chatId, String token, @Nullable String messageId) {
		String pressId = "web-" + UUID.randomUUID();
		String message = (messageId != null && messageId.matches("\\d{1,18}")) ? messageId : null;
		return run(new Inbound.Press(WebChannel.chat(chatId), user.actor(), pressId, token, message), pressId);
	}

	static Inbound parse(ChatRef chat, WebUser user, String text, @Nullable String replyTo) {
		if (!text.startsWith("/")) {
			return new Inbound.Text(chat, user.actor(), text, replyTo);
		}
		int space = indexOfSpace(text);
		String name = text.substring(1, (space < 0) ? text.length() : space);
		int at = name.indexOf('@');
		if (at >= 0) {
			name = name.substring(0, at);
		}
		String args = (space < 0) ? "" : text.substring(space + 1);
		return new Inbound.Command(chat, user.actor(), name.toLowerCase(Locale.ROOT), args, replyTo);
	}

	private List<Notice> run(Inbound inbound, @Nullable String pressId) {
		List<Outbound> actions = handling.handle(inbound);
		List<Notice> notices = new ArrayList<>();
		for (Outbound action : actions) {
			if (action instanceof Outbound.Answer answer && answer.pressId().equals(pressId)
					&& !answer.text().isEmpty()) {
				notices.add(new Notice(answer.text(), answer.alert()));
			}
		}
		return notices;
	}

	private static int indexOfSpace(String text) {
		for (int i = 0; i < text.length(); i++) {
			if (Character.isWhitespace(text.charAt(i))) {
				return i;
			}
		}
		return -1;
	}

}
