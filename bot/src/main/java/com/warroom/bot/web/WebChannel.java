package com.warroom.bot.web;

import java.time.Clock;
import java.util.List;
import java.util.Optional;

import com.warroom.bot.chat.ChatRef;
import com.warroom.bot.delivery.DirectReach;
import com.warroom.bot.delivery.OutboundSink;
import com.warroom.bot.delivery.Reach;
import com.warroom.bot.engine.MessageSlots;
import com.warroom.bot.engine.Outbound;
import com.warroom.bot.engine.Texts;
import com.warroom.bot.roster.Person;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The web as one of the engine's channels: what the engine (or the regulator clock) says
 * to a web chat is kept in that chat's {@link WebChatLog} (the database, so also while
 * Redis is down: an edit whose slot cannot be read then comes as a new message); an edit
 * replaces the message sent under the same slot ({@link MessageSlots}, as on Telegram); a
 * document becomes a download link. Connected browsers are told at once through
 * {@link WebEvents}. Answers to presses are not messages: {@link WebConversation} shows
 * them to the one who pressed. Every roster member has their own web chat
 * ({@code p-<roster id>}), the way in where no other channel reaches them
 * ({@link DirectReach}). Thread-safe.
 */
final class WebChannel implements OutboundSink, DirectReach {

	private static final Logger log = LoggerFactory.getLogger(WebChannel.class);

	/** The channel name in {@link ChatRef} and {@code Actor}. */
	static final String CHANNEL = "web";

	private final WebChatLog chats;

	private final MessageSlots slots;

	private final WebEvents events;

	private final Texts texts;

	private final Clock clock;

	WebChannel(WebChatLog chats, MessageSlots slots, WebEvents events, Texts texts, Clock clock) {
		this.chats = chats;
		this.slots = slots;
		this.events = events;
		this.texts = texts;
		this.clock = clock;
	}

	/** The chat of a web chat id, e.g. {@code room} or {@code p-zhao-gm}. */
	static ChatRef chat(String chatId) {
		return new ChatRef(CHANNEL, chatId, null, false);
	}

	@Override
	public String channel() {
		return CHANNEL;
	}

	/**
	 * Everyone on the roster signs in to the web chat by their roster id: their own chat
	 * there.
	 */
	@Override
	public Optional<Reach> reach(Person person) {
		return Optional.of(new Reach(ChatRef.webPrivate(person.id()), null, true));
	}

	@Override
	public void deliver(Outbound action) {
		if (action instanceof Outbound.Send send) {
			post(send.chat(), bot(send.html(), send.buttons(), send.incidentId(), null), send.slot());
		}
		else if (action instanceof Outbound.Edit edit) {
			edit(edit);
		}
		else if (action instanceof Outbound.Document document) {
			post(document.chat(), new WebMessage.Post(WebMessage.Kind.DOCUMENT, document.caption(), List.of(), null,
					bot(), clock.millis(), false, document.incidentId(), document.name()), null);
		}
	}

	/** Keeps what a person typed, as they see it in the chat. */
	WebMessage said(String chatId, Person person, String text) {
		WebMessage message = chats.append(chatId, new WebMessage.Post(WebMessage.Kind.PERSON, text, List.of(),
				person.id(), person.name(), clock.millis(), false, null, null));
		events.changed(chatId);
		return message;
	}

	private void edit(Outbound.Edit edit) {
		String chatId = edit.chat().chatId();
		Optional<String> slotted;
		try {
			slotted = slots.messageOf(edit.chat(), edit.slot());
		}
		catch (redis.clients.jedis.exceptions.JedisException ex) {
			// Redis (the slots) is away: the new text is posted rather than lost
			log.debug("网页消息槽位不可读（Redis 不可用），改为新消息");
			slotted = Optional.empty();
		}
		Optional<WebMessage> previous = slotted.flatMap((id) -> parse(id)).flatMap((id) -> chats.find(chatId, id));
		if (previous.isEmpty()) {
			post(edit.chat(), bot(edit.html(), edit.buttons(), edit.incidentId(), null), edit.slot());
			return;
		}
		WebMessage.Post post = previous.get().post().asEdit(edit.html(), edit.buttons(), edit.incidentId());
		if (chats.replace(chatId, previous.get().id(), post).isEmpty()) {
			post(edit.chat(), post, edit.slot());
			return;
		}
		events.changed(chatId);
	}

	private void post(ChatRef chat, WebMessage.Post post, @Nullable String slot) {
		if (!CHANNEL.equals(chat.channel())) {
			log.warn("网页渠道收到 {} 渠道的消息，已忽略", chat.channel());
			return;
		}
		WebMessage message = chats.append(chat.chatId(), post);
		try {
			slots.record(chat, slot, String.valueOf(message.id()), post.incidentId());
		}
		catch (redis.clients.jedis.exceptions.JedisException ex) {
			// the message is kept (the database); only a later edit of its slot or a
			// reply to it
			// will not find it, and posts anew
			log.debug("网页消息槽位未记录（Redis 不可用）");
		}
		events.changed(chat.chatId());
	}

	private WebMessage.Post bot(String html, List<List<com.warroom.bot.engine.Button>> buttons,
			@Nullable String incidentId, @Nullable String document) {
		return new WebMessage.Post(WebMessage.Kind.BOT, html, buttons, null, bot(), clock.millis(), false, incidentId,
				document);
	}

	private String bot() {
		return texts.get("web.chat.bot");
	}

	private static Optional<Long> parse(String id) {
		try {
			return Optional.of(Long.parseLong(id));
		}
		catch (NumberFormatException ex) {
			return Optional.empty();
		}
	}

}
