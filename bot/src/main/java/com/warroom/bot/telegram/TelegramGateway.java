package com.warroom.bot.telegram;

import java.time.Duration;
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
import com.warroom.bot.engine.TopicOpener;
import com.warroom.bot.engine.Texts;
import com.warroom.bot.roster.Roster;
import com.warroom.reports.Archive;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.telegram.telegrambots.meta.api.methods.forum.CreateForumTopic;
import org.telegram.telegrambots.meta.api.objects.CallbackQuery;
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
import redis.clients.jedis.params.SetParams;

/**
 * Translates Telegram updates into engine events and the engine's actions into Bot API
 * calls, which {@link TelegramSender} stores and queues: the answers to an update in the
 * lane of what it was (a command's reply, a press's results), everything else (reminders,
 * escalations) as bulk. Each update is handled once, even when delivered twice.
 * Thread-safe.
 */
public class TelegramGateway implements TopicOpener, com.warroom.bot.engine.OutboundSink {

	private static final Logger log = LoggerFactory.getLogger(TelegramGateway.class);

	/** Telegram's limit for one message. */
	static final int MAX_TEXT = 4096;

	static final String CHANNEL = "tg";

	private final TelegramClient client;

	private final ConversationEngine engine;

	private final TelegramSender sender;

	private final UnifiedJedis redis;

	private final @Nullable Roster roster;

	private final @Nullable Texts texts;

	/** A gateway whose calls live only in memory (benchmarks of the pipeline). */
	public TelegramGateway(TelegramClient client, ConversationEngine engine, SendQueue queue, MessageSlots slots,
			UnifiedJedis redis, Archive archive) {
		this(client, engine, new TelegramSender(client, queue, slots, redis, archive, null, "（重发）", Duration.ofSeconds(15)),
				redis, null, null);
	}

	TelegramGateway(TelegramClient client, ConversationEngine engine, TelegramSender sender, UnifiedJedis redis,
			@Nullable Roster roster, @Nullable Texts texts) {
		this.client = client;
		this.engine = engine;
		this.sender = sender;
		this.redis = redis;
		this.roster = roster;
		this.texts = texts;
	}

	/** Handles a batch of updates, in order. */
	public void consume(List<Update> updates) {
		for (Update update : updates) {
			try {
				handle(update);
			}
			catch (RuntimeException ex) {
				log.error("处理 Telegram 更新 {} 失败：{}", update.getUpdateId(), ex.getClass().getSimpleName(), ex);
			}
		}
	}

	/** Handles one update unless it was handled before. */
	public void handle(Update update) {
		String key = "wr:upd:tg:" + update.getUpdateId();
		if (!"OK".equals(redis.set(key, "1", SetParams.setParams().nx().ex(Duration.ofDays(2).toSeconds())))) {
			return;
		}
		Optional<Inbound> inbound = translate(update);
		if (inbound.isEmpty()) {
			return;
		}
		Inbound in = inbound.get();
		if (!in.chat().chatId().startsWith("-")) {
			Reachability.reachable(redis, in.chat().chatId()); // they wrote to the bot privately
		}
		List<Outbound> actions = new ArrayList<>(engine.handle(in));
		if (in instanceof Inbound.Command command && command.name().equals("start")) {
			reachLine(in).ifPresent(actions::add);
		}
		boolean edited = false;
		boolean first = true;
		for (Outbound action : actions) {
			SendQueue.Lane lane = lane(in, action, first, edited);
			edited |= action instanceof Outbound.Edit;
			first &= action instanceof Outbound.Answer;
			sender.deliver(action, in.chat(), lane);
		}
		engine.settled(actions);
	}

	/**
	 * The lane of one action answering a person: the first message of a command's reply
	 * before everything else; the rest of it, and what a press changes, next, in their own
	 * order; the further edits they cause after the first (the card refreshed) with bulk,
	 * where they coalesce. The press answer itself goes at once.
	 */
	static SendQueue.Lane lane(Inbound in, Outbound action, boolean first, boolean edited) {
		if (action instanceof Outbound.Answer) {
			return SendQueue.Lane.ANSWER;
		}
		if (action instanceof Outbound.Edit && edited) {
			return SendQueue.Lane.BULK;
		}
		return (first && !(in instanceof Inbound.Press)) ? SendQueue.Lane.COMMAND : SendQueue.Lane.PRESS;
	}

	/** /start by a roster member: whether the bot can write to them directly. */
	private Optional<Outbound> reachLine(Inbound in) {
		if (roster == null || texts == null || roster.find(CHANNEL, in.actor().userId()).isEmpty()) {
			return Optional.empty();
		}
		String key;
		Optional<String> known = Reachability.of(redis, in.actor().userId());
		if (!in.chat().chatId().startsWith("-") || known.filter("ok"::equals).isPresent()) {
			key = "telegram.reach.ok";
		}
		else {
			key = known.isPresent() ? "telegram.reach.refused" : "telegram.reach.unknown";
		}
		String why = known.filter((k) -> k.startsWith("no:")).map((k) -> k.substring(3)).orElse("");
		return Optional.of(new Outbound.Send(in.chat(), texts.get(key, com.warroom.bot.engine.Html.escape(why)), List.of(),
				null, null));
	}

	/** Makes the calls a crash left unfinished; returns how many. */
	public int resume() {
		return sender.resume();
	}

	TelegramSender sender() {
		return sender;
	}

	static Optional<Inbound> translate(Update update) {
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

	/** Stores and queues an action that does not answer an inbound event (reminders, escalations): bulk. */
	@Override
	public void deliver(Outbound action) {
		ChatRef chat = (action instanceof Outbound.Send send) ? send.chat()
				: (action instanceof Outbound.Edit edit) ? edit.chat()
						: (action instanceof Outbound.Document document) ? document.chat() : null;
		if (chat != null) {
			sender.deliver(action, chat, SendQueue.Lane.BULK);
		}
	}

	/** Stores and queues the Bot API calls for one engine action answering an event in {@code origin}. */
	void deliver(Outbound action, ChatRef origin) {
		sender.deliver(action, origin, SendQueue.Lane.COMMAND);
	}

	@Override
	public Optional<ChatRef> open(ChatRef chat, String name) {
		if (!CHANNEL.equals(chat.channel()) || !chat.forum()) {
			return Optional.empty();
		}
		try {
			ForumTopic topic = client.execute(CreateForumTopic.builder().chatId(chat.chatId()).name(name).build());
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
