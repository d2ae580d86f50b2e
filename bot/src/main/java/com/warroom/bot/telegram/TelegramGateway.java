package com.warroom.bot.telegram;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import com.warroom.bot.chat.Actor;
import com.warroom.bot.chat.ChatRef;
import com.warroom.bot.delivery.Answering;
import com.warroom.bot.delivery.Delivery;
import com.warroom.bot.delivery.EventHandling;
import com.warroom.bot.delivery.OutboundSink;
import com.warroom.bot.engine.Button;
import com.warroom.bot.engine.ConversationEngine;
import com.warroom.bot.engine.Inbound;
import com.warroom.bot.engine.MessageSlots;
import com.warroom.bot.engine.Outbound;
import com.warroom.bot.engine.Texts;
import com.warroom.bot.engine.TopicOpener;
import com.warroom.bot.incident.Effects;
import com.warroom.bot.roster.Roster;
import com.warroom.reports.Archive;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.telegram.telegrambots.meta.api.methods.GetMe;
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
import redis.clients.jedis.exceptions.JedisException;
import redis.clients.jedis.params.SetParams;

/**
 * Translates Telegram updates into engine events, handled by {@link EventHandling} (which
 * delivers the reply through {@link Delivery}, to whichever channel each action names,
 * and settles it off the polling thread), and the actions {@link Delivery} gives this
 * channel into Bot API calls, which {@link TelegramSender} stores and queues: the answers
 * to an update in the lane of what it was (a command's reply, a press's results),
 * everything else (reminders, escalations) as bulk. Each update takes effect once, even
 * when delivered twice or delivered again after its handling was cut short. Thread-safe.
 */
public class TelegramGateway implements TopicOpener, OutboundSink {

	private static final Logger log = LoggerFactory.getLogger(TelegramGateway.class);

	/** Telegram's limit for one message. */
	static final int MAX_TEXT = 4096;

	static final String CHANNEL = "tg";

	private final TelegramClient client;

	private final EventHandling handling;

	private final TelegramSender sender;

	private final UnifiedJedis redis;

	private final @Nullable Roster roster;

	private final @Nullable Texts texts;

	private volatile @Nullable String username;

	/**
	 * A gateway whose calls live only in memory (tests and benchmarks of the pipeline).
	 * @param handling handles each update's event and delivers its reply (an action for a
	 * web chat goes to the web, never to a Telegram chat of the same id); its delivery
	 * must reach this gateway for Telegram chats
	 */
	public TelegramGateway(TelegramClient client, EventHandling handling, SendQueue queue, MessageSlots slots,
			UnifiedJedis redis, Archive archive) {
		this(client, handling,
				new TelegramSender(client, queue, slots, redis, archive, null, "（重发）", Duration.ofSeconds(15)), redis,
				null, null);
	}

	TelegramGateway(TelegramClient client, EventHandling handling, TelegramSender sender, UnifiedJedis redis,
			@Nullable Roster roster, @Nullable Texts texts) {
		this.client = client;
		this.handling = handling;
		this.sender = sender;
		this.redis = redis;
		this.roster = roster;
		this.texts = texts;
	}

	/**
	 * How often polling tries an update whose handling threw before it gives up on it.
	 */
	static final int ATTEMPTS = 3;

	/** What became of one update. */
	public enum Outcome {

		/**
		 * Handled now (or answered with the storage notice when Redis is unreachable).
		 */
		HANDLED,

		/** Handled before: nothing done. */
		DUPLICATE,

		/** Not a well-formed update: refused, nothing changed. */
		MALFORMED

	}

	/**
	 * Handles a batch of polled updates, in order. An update whose handling throws is
	 * tried again (its writes are idempotent, see {@link Effects}), up to
	 * {@link #ATTEMPTS} times: the library has already moved its offset past it, so
	 * Telegram will not send it again.
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
	 * after its effect (and the queueing of its replies): an update whose handling was
	 * cut short — a crash, an exception — is handled again when Telegram redelivers it,
	 * and takes effect once, because every write of the engine is named by the update
	 * ({@link Effects}) and committed with that name. An exception propagates (the
	 * webhook answers 500, so Telegram redelivers).
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
			inbound.ifPresent(handling::unavailable);
			return Outcome.HANDLED;
		}
		if (inbound.isPresent()) {
			Inbound in = inbound.get();
			if (!in.chat().chatId().startsWith("-")) {
				Reachability.reachable(redis, in.chat().chatId()); // they wrote to the
																	// bot privately
			}
			List<Outbound> after = new ArrayList<>();
			if (in instanceof Inbound.Command command && command.name().equals("start")) {
				reachLine(in).ifPresent(after::add);
			}
			handling.handle(in, "tg:" + update.getUpdateId(), after);
		}
		try {
			redis.set(key, DONE, SetParams.setParams().ex(Effects.TTL_SECONDS));
		}
		catch (JedisException ex) {
			// the effect is committed; a redelivery finds
			// its writes named and repeats none
			log.warn("无法记录 Telegram 更新 {} 已处理：{}", update.getUpdateId(), ex.getClass().getSimpleName());
		}
		return Outcome.HANDLED;
	}

	private static final String DONE = "done";

	/**
	 * The lane of one action answering a person: the first message of a command's reply
	 * before everything else; the rest of it, and what a press changes, next, in their
	 * own order; the further edits they cause after the first (the card refreshed) with
	 * bulk, where they coalesce. The press answer itself goes at once.
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
		return Optional.of(new Outbound.Send(in.chat(), texts.get(key, com.warroom.bot.engine.Html.escape(why)),
				List.of(), null, null));
	}

	/** Makes the calls a crash left unfinished; returns how many. */
	public int resume() {
		return sender.resume();
	}

	TelegramSender sender() {
		return sender;
	}

	/**
	 * Why an update cannot be handled: none, no id, a message without its chat or
	 * sender's chat, a button press without its sender or id. Empty when it is well
	 * formed.
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
	 * @param botName the bot's username, asked only for a command with a suffix; null
	 * accepts any suffix
	 */
	static Optional<Inbound> translate(Update update, java.util.function.Supplier<@Nullable String> botName) {
		if (update.hasCallbackQuery()) {
			CallbackQuery query = update.getCallbackQuery();
			if (query.getMessage() == null || query.getData() == null) {
				return Optional.empty();
			}
			Chat chat = query.getMessage().getChat();
			Integer thread = (query.getMessage() instanceof Message message
					&& Boolean.TRUE.equals(message.getIsTopicMessage())) ? message.getMessageThreadId() : null;
			return Optional.of(new Inbound.Press(chatRef(chat, thread), actor(query.getFrom()), query.getId(),
					query.getData(), String.valueOf(query.getMessage().getMessageId())));
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
			return Optional
				.of(new Inbound.Command(chat, actor, name.toLowerCase(java.util.Locale.ROOT), args, replyTo));
		}
		return Optional.of(new Inbound.Text(chat, actor, text, replyTo));
	}

	/**
	 * In a forum topic every message "replies" to the topic's first message; that is no
	 * reply.
	 */
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

	/**
	 * Stores and queues an action that does not answer an inbound event (reminders,
	 * escalations): bulk.
	 */
	@Override
	public void deliver(Outbound action) {
		Optional<ChatRef> chat = Delivery.chatOf(action);
		if (chat.isPresent()) {
			deliver(action, chat.get(), SendQueue.Lane.BULK);
		}
	}

	/**
	 * Stores and queues one action of the reply to an update (the press's answer
	 * included), in the lane its place in the reply gives it ({@link #lane}).
	 */
	@Override
	public void deliver(Outbound action, Answering answering) {
		List<Outbound> before = answering.before();
		boolean first = before.stream().allMatch((earlier) -> earlier instanceof Outbound.Answer);
		boolean edited = before.stream().anyMatch((earlier) -> earlier instanceof Outbound.Edit);
		deliver(action, answering.event().chat(), lane(answering.event(), action, first, edited));
	}

	/**
	 * Stores and queues one engine action answering an event in {@code origin}: a
	 * command's lane.
	 */
	void deliver(Outbound action, ChatRef origin) {
		deliver(action, origin, SendQueue.Lane.COMMAND);
	}

	/**
	 * Stores and queues the Bot API calls for one action; an action for another channel's
	 * chat is refused.
	 */
	private void deliver(Outbound action, ChatRef origin, SendQueue.Lane lane) {
		Optional<ChatRef> target = Delivery.chatOf(action);
		if (target.isPresent() && !CHANNEL.equals(target.get().channel())) {
			log.warn("Telegram 渠道收到 {} 渠道的消息，已忽略", target.get().channel());
			return;
		}
		sender.deliver(action, origin, lane);
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
				redis.set(opened, String.valueOf(topic.getMessageThreadId()),
						SetParams.setParams().ex(Effects.TTL_SECONDS));
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
				keyboardRow
					.add(InlineKeyboardButton.builder().text(button.label()).callbackData(button.token()).build());
			}
			rows.add(keyboardRow);
		}
		return new InlineKeyboardMarkup(rows);
	}

	/**
	 * Splits text into parts of at most 4096 characters at line ends, never inside an
	 * entity.
	 */
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
