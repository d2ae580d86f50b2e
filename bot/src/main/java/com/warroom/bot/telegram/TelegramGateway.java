package com.warroom.bot.telegram;

import java.io.ByteArrayInputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import com.warroom.bot.engine.Actor;
import com.warroom.bot.engine.Button;
import com.warroom.bot.engine.ChatRef;
import com.warroom.bot.engine.ConversationEngine;
import com.warroom.bot.engine.Inbound;
import com.warroom.bot.engine.MessageSlots;
import com.warroom.bot.engine.Outbound;
import com.warroom.bot.engine.OutboundRouter;
import com.warroom.bot.engine.TopicOpener;
import com.warroom.bot.incident.Effects;
import com.warroom.reports.Archive;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.telegram.telegrambots.meta.api.methods.AnswerCallbackQuery;
import org.telegram.telegrambots.meta.api.methods.GetMe;
import org.telegram.telegrambots.meta.api.methods.forum.CreateForumTopic;
import org.telegram.telegrambots.meta.api.methods.send.SendDocument;
import org.telegram.telegrambots.meta.api.methods.send.SendMessage;
import org.telegram.telegrambots.meta.api.methods.updatingmessages.EditMessageText;
import org.telegram.telegrambots.meta.api.objects.CallbackQuery;
import org.telegram.telegrambots.meta.api.objects.InputFile;
import org.telegram.telegrambots.meta.api.objects.Update;
import org.telegram.telegrambots.meta.api.objects.User;
import org.telegram.telegrambots.meta.api.objects.chat.Chat;
import org.telegram.telegrambots.meta.api.objects.forum.ForumTopic;
import org.telegram.telegrambots.meta.api.objects.message.Message;
import org.telegram.telegrambots.meta.api.objects.replykeyboard.InlineKeyboardMarkup;
import org.telegram.telegrambots.meta.api.objects.replykeyboard.buttons.InlineKeyboardButton;
import org.telegram.telegrambots.meta.api.objects.replykeyboard.buttons.InlineKeyboardRow;
import org.telegram.telegrambots.meta.exceptions.TelegramApiException;
import org.telegram.telegrambots.meta.generics.TelegramClient;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.exceptions.JedisException;
import redis.clients.jedis.params.SetParams;

/**
 * Translates Telegram updates into engine events and the engine's actions into Bot API
 * calls on the send queue. Each update takes effect once, even when delivered twice or
 * delivered again after its handling was cut short.
 * Thread-safe.
 */
public class TelegramGateway implements TopicOpener, com.warroom.bot.engine.OutboundSink {

	private static final Logger log = LoggerFactory.getLogger(TelegramGateway.class);

	/** Telegram's limit for one message. */
	static final int MAX_TEXT = 4096;

	static final String CHANNEL = "tg";

	private final TelegramClient client;

	private final ConversationEngine engine;

	private final SendQueue queue;

	private final MessageSlots slots;

	private final UnifiedJedis redis;

	private final Archive archive;

	private final OutboundRouter router;

	private volatile @Nullable String username;

	/**
	 * @param router where the actions of an update go (an action for a web chat goes to the
	 * web, never to a Telegram chat of the same id); it reaches this gateway for Telegram chats
	 */
	public TelegramGateway(TelegramClient client, ConversationEngine engine, SendQueue queue, MessageSlots slots,
			UnifiedJedis redis, Archive archive, OutboundRouter router) {
		this.router = router;
		this.client = client;
		this.engine = engine;
		this.queue = queue;
		this.slots = slots;
		this.redis = redis;
		this.archive = archive;
	}

	/** How often polling tries an update whose handling threw before it gives up on it. */
	static final int ATTEMPTS = 3;

	/** What became of one update. */
	public enum Outcome {

		/** Handled now (or answered with the storage notice when Redis is unreachable). */
		HANDLED,

		/** Handled before: nothing done. */
		DUPLICATE,

		/** Not a well-formed update: refused, nothing changed. */
		MALFORMED

	}

	/**
	 * Handles a batch of polled updates, in order. An update whose handling throws is tried
	 * again (its writes are idempotent, see {@link Effects}), up to {@link #ATTEMPTS} times:
	 * the library has already moved its offset past it, so Telegram will not send it again.
	 */
	public void consume(List<Update> updates) {
		for (Update update : updates) {
			for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
				try {
					handle(update);
					break;
				}
				catch (RuntimeException ex) {
					if (attempt == ATTEMPTS) {
						log.error("处理 Telegram 更新 {} 失败 {} 次，放弃：{}", update.getUpdateId(), ATTEMPTS,
								ex.getClass().getSimpleName(), ex);
					}
					else {
						log.warn("处理 Telegram 更新 {} 失败（第 {} 次），重试：{}", update.getUpdateId(), attempt,
								ex.getClass().getSimpleName());
					}
				}
			}
		}
	}

	/**
	 * Handles one update unless it was handled before. The update is marked handled only
	 * after its effect (and the queueing of its replies): an update whose handling was cut
	 * short — a crash, an exception — is handled again when Telegram redelivers it, and
	 * takes effect once, because every write of the engine is named by the update
	 * ({@link Effects}) and committed with that name. An exception propagates (the webhook
	 * answers 500, so Telegram redelivers).
	 */
	public Outcome handle(@Nullable Update update) {
		Optional<String> malformed = malformed(update);
		if (malformed.isPresent()) {
			log.warn("拒绝格式错误的 Telegram 更新（{}）", malformed.get());
			return Outcome.MALFORMED;
		}
		String key = "wr:upd:tg:" + update.getUpdateId();
		Optional<Inbound> inbound = translate(update, this::username);
		try {
			if (DONE.equals(redis.get(key))) {
				return Outcome.DUPLICATE;
			}
		}
		catch (JedisException ex) {
			log.warn("Redis 不可用，Telegram 更新 {} 未执行：{}", update.getUpdateId(), ex.getClass().getSimpleName());
			inbound.ifPresent((event) -> engine.unavailable(event).forEach((action) -> send(action, event.chat())));
			return Outcome.HANDLED;
		}
		if (inbound.isPresent()) {
			List<Outbound> actions = Effects.within("tg:" + update.getUpdateId(), () -> engine.handle(inbound.get()));
			for (Outbound action : actions) {
				send(action, inbound.get().chat());
			}
			engine.settled(actions);
		}
		try {
			redis.set(key, DONE, SetParams.setParams().ex(Effects.TTL_SECONDS));
		}
		catch (JedisException ex) {
			// the effect is committed; a redelivery finds its writes named and repeats none
			log.warn("无法记录 Telegram 更新 {} 已处理：{}", update.getUpdateId(), ex.getClass().getSimpleName());
		}
		return Outcome.HANDLED;
	}

	private static final String DONE = "done";

	/** A press's answer goes back to Telegram; everything else by the channel of its chat. */
	private void send(Outbound action, ChatRef origin) {
		if (action instanceof Outbound.Answer) {
			deliver(action, origin);
		}
		else {
			router.route(action);
		}
	}

	/**
	 * Why an update cannot be handled: none, no id, a message without its chat or sender's
	 * chat, a button press without its sender or id. Empty when it is well formed.
	 */
	static Optional<String> malformed(@Nullable Update update) {
		if (update == null) {
			return Optional.of("空更新");
		}
		if (update.getUpdateId() == null) {
			return Optional.of("缺少 update_id");
		}
		if (update.hasCallbackQuery()) {
			CallbackQuery query = update.getCallbackQuery();
			if (query.getFrom() == null || query.getId() == null) {
				return Optional.of("更新 " + update.getUpdateId() + " 的按钮回调缺少 from 或 id");
			}
			if (query.getMessage() != null && query.getMessage().getChat() == null) {
				return Optional.of("更新 " + update.getUpdateId() + " 的按钮回调消息缺少 chat");
			}
		}
		Message message = update.getMessage();
		if (message != null && message.getChat() == null) {
			return Optional.of("更新 " + update.getUpdateId() + " 的消息缺少 chat");
		}
		return Optional.empty();
	}

	/** The bot's own username (asked once with getMe); null when it cannot be known. */
	private @Nullable String username() {
		String known = username;
		if (known == null) {
			try {
				User me = client.execute(new GetMe());
				known = (me != null && me.getUserName() != null) ? me.getUserName() : "";
				username = known;
			}
			catch (TelegramApiException ex) {
				log.warn("无法取得机器人用户名（{}），带 @ 的命令都当作发给本机器人", ex.getMessage());
				return null;
			}
		}
		return known.isEmpty() ? null : known;
	}

	static Optional<Inbound> translate(Update update) {
		return translate(update, () -> null);
	}

	/**
	 * The engine's event for an update; empty for what is not for the bot (bots, service
	 * messages, a command addressed to another bot such as {@code /status@other_bot}).
	 * @param botName the bot's username, asked only for a command with a suffix; null accepts any suffix
	 */
	static Optional<Inbound> translate(Update update, java.util.function.Supplier<@Nullable String> botName) {
		if (update.hasCallbackQuery()) {
			CallbackQuery query = update.getCallbackQuery();
			if (query.getMessage() == null || query.getData() == null) {
				return Optional.empty();
			}
			Chat chat = query.getMessage().getChat();
			Integer thread = (query.getMessage() instanceof Message message && Boolean.TRUE.equals(message.getIsTopicMessage()))
					? message.getMessageThreadId() : null;
			return Optional.of(new Inbound.Press(chatRef(chat, thread), actor(query.getFrom()), query.getId(), query.getData(),
					String.valueOf(query.getMessage().getMessageId())));
		}
		Message message = update.getMessage();
		if (message == null || message.getText() == null || message.getFrom() == null
				|| Boolean.TRUE.equals(message.getFrom().getIsBot())) {
			return Optional.empty();
		}
		Integer thread = Boolean.TRUE.equals(message.getIsTopicMessage()) ? message.getMessageThreadId() : null;
		ChatRef chat = chatRef(message.getChat(), thread);
		Actor actor = actor(message.getFrom());
		String replyTo = (message.getReplyToMessage() != null && !isTopicRoot(message))
				? String.valueOf(message.getReplyToMessage().getMessageId()) : null;
		String text = message.getText();
		if (text.startsWith("/")) {
			int space = indexOfSpace(text);
			String name = text.substring(1, (space < 0) ? text.length() : space);
			int at = name.indexOf('@');
			if (at >= 0) {
				String addressee = botName.get();
				if (addressee != null && !addressee.equalsIgnoreCase(name.substring(at + 1))) {
					return Optional.empty();
				}
				name = name.substring(0, at);
			}
			String args = (space < 0) ? "" : text.substring(space + 1);
			return Optional.of(new Inbound.Command(chat, actor, name.toLowerCase(java.util.Locale.ROOT), args, replyTo));
		}
		return Optional.of(new Inbound.Text(chat, actor, text, replyTo));
	}

	/** In a forum topic every message "replies" to the topic's first message; that is no reply. */
	private static boolean isTopicRoot(Message message) {
		return Boolean.TRUE.equals(message.getIsTopicMessage()) && message.getReplyToMessage() != null
				&& message.getReplyToMessage().getMessageId().equals(message.getMessageThreadId());
	}

	private static int indexOfSpace(String text) {
		for (int i = 0; i < text.length(); i++) {
			if (Character.isWhitespace(text.charAt(i))) {
				return i;
			}
		}
		return -1;
	}

	private static ChatRef chatRef(Chat chat, @Nullable Integer thread) {
		return new ChatRef(CHANNEL, String.valueOf(chat.getId()), (thread != null) ? String.valueOf(thread) : null,
				Boolean.TRUE.equals(chat.getIsForum()));
	}

	private static Actor actor(User user) {
		String name = user.getFirstName() + ((user.getLastName() != null) ? " " + user.getLastName() : "");
		return new Actor(CHANNEL, String.valueOf(user.getId()), name);
	}

	@Override
	public String channel() {
		return CHANNEL;
	}

	/** Queues an action that does not answer an inbound event (reminders, escalations). */
	@Override
	public void deliver(Outbound action) {
		ChatRef chat = (action instanceof Outbound.Send send) ? send.chat()
				: (action instanceof Outbound.Edit edit) ? edit.chat()
						: (action instanceof Outbound.Document document) ? document.chat() : null;
		if (chat != null) {
			deliver(action, chat);
		}
	}

	/** Queues the Bot API calls for one engine action; an action for another channel's chat is refused. */
	void deliver(Outbound action, ChatRef origin) {
		Optional<ChatRef> target = OutboundRouter.chatOf(action);
		if (target.isPresent() && !CHANNEL.equals(target.get().channel())) {
			log.warn("Telegram 渠道收到 {} 渠道的消息，已忽略", target.get().channel());
			return;
		}
		if (action instanceof Outbound.Answer answer) {
			queue.submit(origin.key(), isGroup(origin), false, () -> client.execute(AnswerCallbackQuery.builder()
				.callbackQueryId(answer.pressId())
				.text(answer.text().isEmpty() ? null : truncate(answer.text(), 200))
				.showAlert(answer.alert())
				.build()));
		}
		else if (action instanceof Outbound.Send send) {
			send(send.chat(), send.html(), send.buttons(), send.slot(), send.incidentId());
		}
		else if (action instanceof Outbound.Edit edit) {
			queue.submit(edit.chat().key(), isGroup(edit.chat()), true, () -> {
				Optional<String> messageId = slots.messageOf(edit.chat(), edit.slot());
				if (messageId.isEmpty()) {
					sendNow(edit.chat(), edit.html(), edit.buttons(), edit.slot(), edit.incidentId());
					return;
				}
				client.execute(EditMessageText.builder()
					.chatId(edit.chat().chatId())
					.messageId(Integer.valueOf(messageId.get()))
					.text(truncate(edit.html(), MAX_TEXT))
					.parseMode("HTML")
					.replyMarkup(keyboard(edit.buttons()))
					.build());
			});
		}
		else if (action instanceof Outbound.Document document) {
			queue.submit(document.chat().key(), isGroup(document.chat()), true, () -> sendDocument(document));
		}
	}

	private void sendDocument(Outbound.Document document) throws TelegramApiException {
		Optional<byte[]> content = archive.read(document.incidentId(), document.name());
		if (content.isEmpty()) {
			log.warn("文件 {}/{} 不在归档中，未发送", document.incidentId(), document.name());
			return;
		}
		ChatRef chat = document.chat();
		client.execute(SendDocument.builder()
			.chatId(chat.chatId())
			.messageThreadId((chat.threadId() != null) ? Integer.valueOf(chat.threadId()) : null)
			.document(new InputFile(new ByteArrayInputStream(content.get()), document.name()))
			.caption(truncate(document.caption(), 1024))
			.parseMode("HTML")
			.build());
	}

	private void send(ChatRef chat, String html, List<List<Button>> buttons, @Nullable String slot,
			@Nullable String incidentId) {
		List<String> parts = split(html);
		for (int i = 0; i < parts.size(); i++) {
			boolean last = i == parts.size() - 1;
			String part = parts.get(i);
			queue.submit(chat.key(), isGroup(chat), true,
					() -> sendNow(chat, part, last ? buttons : List.of(), last ? slot : null, incidentId));
		}
	}

	private void sendNow(ChatRef chat, String html, List<List<Button>> buttons, @Nullable String slot,
			@Nullable String incidentId) throws TelegramApiException {
		SendMessage.SendMessageBuilder<?, ?> builder = SendMessage.builder()
			.chatId(chat.chatId())
			.text(truncate(html, MAX_TEXT))
			.parseMode("HTML");
		if (chat.threadId() != null) {
			builder.messageThreadId(Integer.valueOf(chat.threadId()));
		}
		if (!buttons.isEmpty()) {
			builder.replyMarkup(keyboard(buttons));
		}
		Message sent = client.execute(builder.build());
		if (sent != null) {
			slots.record(chat, slot, String.valueOf(sent.getMessageId()), incidentId);
		}
	}

	@Override
	public Optional<ChatRef> open(ChatRef chat, String name) {
		if (!CHANNEL.equals(chat.channel()) || !chat.forum()) {
			return Optional.empty();
		}
		// an update handled again after a crash reuses the topic its first run opened
		String event = Effects.eventId();
		String opened = event.isEmpty() ? "" : "wr:op:" + event + ":topic:" + chat.key();
		if (!opened.isEmpty()) {
			String thread = redis.get(opened);
			if (thread != null) {
				return Optional.of(chat.inThread(thread));
			}
		}
		try {
			ForumTopic topic = client.execute(CreateForumTopic.builder().chatId(chat.chatId()).name(name).build());
			if (!opened.isEmpty()) {
				redis.set(opened, String.valueOf(topic.getMessageThreadId()), SetParams.setParams().ex(Effects.TTL_SECONDS));
			}
			return Optional.of(chat.inThread(String.valueOf(topic.getMessageThreadId())));
		}
		catch (TelegramApiException ex) {
			log.warn("无法创建论坛话题（{}），事件消息发在当前话题", ex.getMessage());
			return Optional.empty();
		}
	}

	static @Nullable InlineKeyboardMarkup keyboard(List<List<Button>> buttons) {
		if (buttons.isEmpty()) {
			return null;
		}
		List<InlineKeyboardRow> rows = new ArrayList<>();
		for (List<Button> row : buttons) {
			InlineKeyboardRow keyboardRow = new InlineKeyboardRow();
			for (Button button : row) {
				keyboardRow.add(InlineKeyboardButton.builder().text(button.label()).callbackData(button.token()).build());
			}
			rows.add(keyboardRow);
		}
		return new InlineKeyboardMarkup(rows);
	}

	private static boolean isGroup(ChatRef chat) {
		return chat.chatId().startsWith("-");
	}

	/** Splits text into parts of at most 4096 characters at line ends, never inside an entity. */
	static List<String> split(String html) {
		List<String> parts = new ArrayList<>();
		String rest = html;
		while (rest.length() > MAX_TEXT) {
			int cut = rest.lastIndexOf('\n', MAX_TEXT);
			if (cut <= 0) {
				cut = MAX_TEXT;
				int amp = rest.lastIndexOf('&', cut);
				if (amp >= 0 && rest.indexOf(';', amp) >= cut && amp > cut - 8) {
					cut = amp;
				}
			}
			parts.add(rest.substring(0, cut));
			rest = rest.substring(cut).stripLeading();
		}
		parts.add(rest);
		return parts;
	}

	static String truncate(String text, int max) {
		return (text.length() <= max) ? text : text.substring(0, max - 1) + "…";
	}

}
