package com.warroom.bot.telegram;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import com.warroom.bot.chat.ChatRef;
import com.warroom.bot.engine.Button;
import com.warroom.bot.engine.MessageSlots;
import com.warroom.bot.engine.Outbound;
import com.warroom.bot.incident.Effects;
import com.warroom.reports.Archive;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.telegram.telegrambots.meta.api.methods.AnswerCallbackQuery;
import org.telegram.telegrambots.meta.api.methods.send.SendDocument;
import org.telegram.telegrambots.meta.api.methods.send.SendMessage;
import org.telegram.telegrambots.meta.api.methods.updatingmessages.EditMessageText;
import org.telegram.telegrambots.meta.api.objects.InputFile;
import org.telegram.telegrambots.meta.api.objects.message.Message;
import org.telegram.telegrambots.meta.exceptions.TelegramApiException;
import org.telegram.telegrambots.meta.generics.TelegramClient;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.params.SetParams;

/**
 * The send side of Telegram: turns the engine's actions into Bot API calls, stores each
 * in the {@link TelegramOutbox} before it is made (when there is one), and runs it on the
 * {@link SendQueue} in its lane. An edit of a message whose earlier send or edit is still
 * queued replaces that call's content (only the latest state is sent); an edit to what
 * the message already shows is not made (Telegram would answer "message is not
 * modified"). A call that may have reached Telegram before a crash or a lost answer is
 * made again: as it was in a private chat (a duplicate is harmless there), marked
 * {@code （重发）} in a group. Thread-safe.
 */
final class TelegramSender implements AutoCloseable {

	private static final Logger log = LoggerFactory.getLogger(TelegramSender.class);

	/**
	 * Counters of what was not sent on purpose, of calls made again, and of calls an
	 * event handled again produced a second time (not stored, not sent).
	 */
	record Stats(long superseded, long unchanged, long expired, long resent, long repeated) {
	}

	private final TelegramClient client;

	private final SendQueue queue;

	private final MessageSlots slots;

	private final UnifiedJedis redis;

	private final Archive archive;

	private final @Nullable TelegramOutbox outbox;

	private final String resentMark;

	private final Duration answerWindow;

	private final Clock clock = Clock.systemUTC();

	/** Queued (not started) sends and edits by message: where a later edit goes. */
	private final Map<String, Job> queued = new ConcurrentHashMap<>();

	private final AtomicLong superseded = new AtomicLong();

	private final AtomicLong unchanged = new AtomicLong();

	private final AtomicLong expired = new AtomicLong();

	private final AtomicLong resent = new AtomicLong();

	private final AtomicLong repeated = new AtomicLong();

	private final @Nullable ScheduledExecutorService beat;

	TelegramSender(TelegramClient client, SendQueue queue, MessageSlots slots, UnifiedJedis redis, Archive archive,
			@Nullable TelegramOutbox outbox, String resentMark, Duration answerWindow) {
		this.client = client;
		this.queue = queue;
		this.slots = slots;
		this.redis = redis;
		this.archive = archive;
		this.outbox = outbox;
		this.resentMark = resentMark;
		this.answerWindow = answerWindow;
		if (outbox != null) {
			outbox.beat();
			beat = Executors.newSingleThreadScheduledExecutor((runnable) -> {
				Thread thread = new Thread(runnable, "telegram-outbox");
				thread.setDaemon(true);
				return thread;
			});
			beat.scheduleWithFixedDelay(this::beatAndRescue, 10, 10, TimeUnit.SECONDS);
		}
		else {
			beat = null;
		}
	}

	/**
	 * Makes the calls left unfinished by this node's last run (and by nodes gone silent);
	 * returns how many.
	 */
	int resume() {
		if (outbox == null) {
			return 0;
		}
		return resume(outbox.takeOver(true));
	}

	private int resume(List<TelegramOutbox.Row> rows) {
		for (TelegramOutbox.Row row : rows) {
			if (row.call().kind().equals(StoredCall.ANSWER)
					&& clock.instant().isAfter(row.createdAt().plus(answerWindow))) {
				outbox.finish(row.id(), "DROPPED", "expired");
				expired.incrementAndGet();
				continue;
			}
			submit(new Job(row.id(), row.lane(), row.call(), row.sending() || attempted(row.id())));
		}
		if (!rows.isEmpty()) {
			log.info("Telegram 发件箱：接续发送 {} 条未完成的消息", rows.size());
		}
		return rows.size();
	}

	private void beatAndRescue() {
		try {
			outbox.beat();
			resume(outbox.takeOver(false));
		}
		catch (RuntimeException ex) {
			log.warn("Telegram 发件箱心跳失败：{}", ex.getMessage());
		}
	}

	Stats stats() {
		return new Stats(superseded.get(), unchanged.get(), expired.get() + queue.dropped(), resent.get(),
				repeated.get());
	}

	/**
	 * Stores and queues the calls of one action. Inside an event's scope
	 * ({@link Effects}: an update, a reminder) each send, document and answer is named by
	 * its cause — the event, what it is, the chat and how many such calls the event made
	 * before — so an event handled again after a crash stores none of them twice: a call
	 * of the same cause already in the outbox is left to its row (sent, being sent, or
	 * resumed after the restart). An edit is not named: made again it shows the same
	 * state.
	 */
	void deliver(Outbound action, ChatRef origin, SendQueue.Lane lane) {
		for (StoredCall call : calls(action, origin)) {
			enqueue(call, call.kind().equals(StoredCall.ANSWER) ? SendQueue.Lane.ANSWER : lane, cause(call));
		}
	}

	/**
	 * The cause naming a call made inside an event, or null. It starts with a token the
	 * event's first run draws and keeps in Redis as long as the event's other names
	 * ({@link Effects#TTL_SECONDS}): a run of the event again finds it, while an update
	 * id Telegram uses again later (after a week of silence it starts anywhere), or a
	 * store that outlived Redis's data, makes new causes. Without Redis the call is not
	 * named.
	 */
	private @Nullable String cause(StoredCall call) {
		String event = Effects.eventId();
		if (call.kind().equals(StoredCall.EDIT) || event.isEmpty()) {
			return null;
		}
		String named = Effects.name("out:" + call.kind() + ":" + call.chat().topicKey());
		try {
			String key = "wr:op:" + event + ":outbox";
			String token = java.util.UUID.randomUUID().toString();
			if (!"OK".equals(redis.set(key, token, SetParams.setParams().nx().ex(Effects.TTL_SECONDS)))) {
				token = redis.get(key);
			}
			return (token == null) ? null : token + named.substring(("wr:op:" + event).length());
		}
		catch (redis.clients.jedis.exceptions.JedisException ex) {
			return null;
		}
	}

	private static List<StoredCall> calls(Outbound action, ChatRef origin) {
		List<StoredCall> calls = new ArrayList<>();
		if (action instanceof Outbound.Answer answer) {
			calls.add(StoredCall.answer(origin, answer.pressId(), answer.text(), answer.alert()));
		}
		else if (action instanceof Outbound.Send send) {
			List<String> parts = TelegramGateway.split(send.html());
			for (int i = 0; i < parts.size(); i++) {
				boolean last = i == parts.size() - 1;
				calls.add(StoredCall.send(send.chat(), parts.get(i), last ? send.buttons() : List.of(),
						last ? send.slot() : null, send.incidentId()));
			}
		}
		else if (action instanceof Outbound.Edit edit) {
			calls.add(StoredCall.edit(edit.chat(), edit.slot(), edit.html(), edit.buttons(), edit.incidentId()));
		}
		else if (action instanceof Outbound.Document document) {
			calls.add(StoredCall.document(document.chat(), document.incidentId(), document.name(), document.caption()));
		}
		return calls;
	}

	private void enqueue(StoredCall call, SendQueue.Lane lane, @Nullable String cause) {
		String key = call.coalesceKey();
		StoredCall content = call;
		if (key != null && call.kind().equals(StoredCall.EDIT)) {
			Job earlier = queued.get(key);
			if (earlier != null && earlier.absorb(call, lane)) {
				superseded.incrementAndGet();
				return;
			}
			if (earlier != null && earlier.cancel()) {
				// more urgent now: the earlier call gives way to one in this lane, with
				// the newest content
				superseded.incrementAndGet();
				if (earlier.durable()) {
					outbox.finish(earlier.id, "DROPPED", "superseded");
				}
				content = earlier.call.withContent(call.html(), call.buttons());
			}
		}
		String id = "";
		if (outbox != null) {
			try {
				Optional<String> stored = outbox.store(lane, content, cause);
				if (stored.isEmpty()) {
					// the same event's call, stored by its earlier run: never made twice
					repeated.incrementAndGet();
					log.info("Telegram 发件箱：{} 的消息已在发件箱中，不再重复存入", cause);
					return;
				}
				id = stored.get();
			}
			catch (org.springframework.dao.DataAccessException ex) {
				// the database is down: better sent from memory than not at all
				log.error("Telegram 发件箱无法写入，消息仅在内存中排队：{}", ex.getMessage());
			}
		}
		submit(new Job(id, lane, content, false));
	}

	private void submit(Job job) {
		String key = job.call.coalesceKey();
		if (key != null) {
			queued.put(key, job);
		}
		queue.submit(job.call.chat().key(), job.call.group(), job.lane, job, job::failed);
	}

	/** One call: stored, queued, made (maybe more than once), finished. */
	private final class Job implements SendQueue.Call, SendQueue.Cancellable, SendQueue.Skippable {

		private volatile boolean noCall;

		final String id;

		final SendQueue.Lane lane;

		volatile StoredCall call;

		private boolean started;

		private boolean cancelled;

		/** An earlier attempt may have reached Telegram. */
		volatile boolean ambiguous;

		private boolean durable() {
			return outbox != null && !id.isEmpty();
		}

		Job(String id, SendQueue.Lane lane, StoredCall call, boolean ambiguous) {
			this.id = id;
			this.lane = lane;
			this.call = call;
			this.ambiguous = ambiguous;
		}

		/** Takes a later edit's content, unless it started or the edit is more urgent. */
		synchronized boolean absorb(StoredCall edit, SendQueue.Lane editLane) {
			if (started || cancelled || editLane.ordinal() < lane.ordinal()) {
				return false;
			}
			call = call.withContent(edit.html(), edit.buttons());
			if (durable()) {
				outbox.replace(id, call);
			}
			return true;
		}

		synchronized boolean cancel() {
			if (started || cancelled) {
				return false;
			}
			cancelled = true;
			return true;
		}

		@Override
		public boolean madeNoCall() {
			return noCall;
		}

		@Override
		public synchronized boolean cancelled() {
			return cancelled;
		}

		private synchronized StoredCall begin() {
			started = true;
			String key = call.coalesceKey();
			if (key != null) {
				queued.remove(key, this);
			}
			return call;
		}

		@Override
		public void run() throws TelegramApiException {
			StoredCall current = begin();
			if (durable()) {
				if (!outbox.sending(id)) {
					// fenced: another node took this call over
					// (this one was paused past its lease)
					log.info("Telegram 发件箱：{} 已由其他节点接手，本节点不再发送", id);
					noCall = true;
					return;
				}
				attempt(id, true);
			}
			boolean again = ambiguous && current.group();
			String detail = make(current, again);
			noCall = detail.equals("unchanged") || detail.equals("missing");
			if (durable()) {
				try {
					outbox.finish(id, "SENT", detail);
				}
				catch (org.springframework.dao.DataAccessException ex) {
					// sent: a failing record must not make
					// it look unsent (it would go twice)
					log.error("Telegram 发件箱无法记录已发送：{}", ex.getMessage());
				}
			}
		}

		void failed(SendQueue.Failure failure, String detail) {
			switch (failure) {
				case AMBIGUOUS -> ambiguous = true; // stays SENDING: a crash now must not
													// make it look unsent
				case RETRY -> {
					if (durable() && !ambiguous) {
						outbox.notSent(id, detail);
						attempt(id, false); // it certainly did not arrive
					}
				}
				case FINAL -> {
					if (durable()) {
						outbox.finish(id, "FAILED", detail);
					}
					if (!call.group() && !call.kind().equals(StoredCall.ANSWER)) {
						Reachability.unreachable(redis, call.chatId(), detail);
					}
				}
				case DROPPED -> {
					expired.incrementAndGet();
					if (durable()) {
						outbox.finish(id, "DROPPED", "expired");
					}
				}
			}
		}

	}

	/**
	 * Records in Redis (every write on disk before its answer) that a stored call is
	 * about to be made. The row says {@code SENDING} too, but H2 may lose the last writes
	 * before a {@code kill -9}: the fault run saw a row back at {@code PENDING} after the
	 * restart for a call Telegram had already taken, made again unmarked in a group.
	 * Forgotten when the attempt certainly did not arrive. Best effort: without Redis the
	 * call is still made.
	 */
	private void attempt(String id, boolean made) {
		try {
			if (made) {
				redis.setex(ATTEMPT + id, TelegramOutbox.KEEP.toSeconds(), "1");
			}
			else {
				redis.del(ATTEMPT + id);
			}
		}
		catch (redis.clients.jedis.exceptions.JedisException ex) {
			log.debug("无法在 Redis 记录发送尝试：{}", ex.getClass().getSimpleName());
		}
	}

	/**
	 * Whether a call of an earlier life was attempted (see {@link #attempt}); false when
	 * Redis cannot tell.
	 */
	private boolean attempted(String id) {
		try {
			return redis.exists(ATTEMPT + id);
		}
		catch (redis.clients.jedis.exceptions.JedisException ex) {
			return false;
		}
	}

	private static final String ATTEMPT = "wr:tg:attempt:";

	/**
	 * Makes one call; returns a note for the record ({@code unchanged}, {@code resent},
	 * or empty).
	 */
	private String make(StoredCall call, boolean again) throws TelegramApiException {
		switch (call.kind()) {
			case StoredCall.ANSWER -> {
				client.execute(AnswerCallbackQuery.builder()
					.callbackQueryId(call.pressId())
					.text(call.html().isEmpty() ? null : TelegramGateway.truncate(call.html(), 200))
					.showAlert(call.alert())
					.build());
				return "";
			}
			case StoredCall.EDIT -> {
				return edit(call, again);
			}
			case StoredCall.DOCUMENT -> {
				return document(call, again);
			}
			default -> {
				send(call, again);
				return again ? "resent" : "";
			}
		}
	}

	private String edit(StoredCall call, boolean again) throws TelegramApiException {
		ChatRef chat = call.chat();
		Optional<String> messageId = slots.messageOf(chat, call.slot());
		if (messageId.isEmpty()) {
			send(call, again);
			return again ? "resent" : "";
		}
		String shown = shownKey(call);
		String fingerprint = fingerprint(call);
		if (fingerprint.equals(redis.get(shown))) {
			unchanged.incrementAndGet();
			return "unchanged";
		}
		// an edit made again is harmless: the same content
		// twice ("not modified" counts as done)
		client.execute(EditMessageText.builder()
			.chatId(chat.chatId())
			.messageId(Integer.valueOf(messageId.get()))
			.text(TelegramGateway.truncate(call.html(), TelegramGateway.MAX_TEXT))
			.parseMode("HTML")
			.replyMarkup(TelegramGateway.keyboard(call.buttons()))
			.build());
		redis.setex(shown, Duration.ofDays(90).toSeconds(), fingerprint);
		return "";
	}

	private void send(StoredCall call, boolean again) throws TelegramApiException {
		ChatRef chat = call.chat();
		String html = again ? mark(call.html()) : call.html();
		SendMessage.SendMessageBuilder<?, ?> builder = SendMessage.builder()
			.chatId(chat.chatId())
			.text(TelegramGateway.truncate(html, TelegramGateway.MAX_TEXT))
			.parseMode("HTML");
		if (chat.threadId() != null) {
			builder.messageThreadId(Integer.valueOf(chat.threadId()));
		}
		if (!call.buttons().isEmpty()) {
			builder.replyMarkup(TelegramGateway.keyboard(call.buttons()));
		}
		Message sent = client.execute(builder.build());
		if (sent != null) {
			slots.record(chat, call.slot(), String.valueOf(sent.getMessageId()), call.incidentId());
		}
		if (call.slot() != null) {
			redis.setex(shownKey(call), Duration.ofDays(90).toSeconds(), fingerprint(call));
		}
		if (!call.group()) {
			Reachability.reachable(redis, chat.chatId());
		}
	}

	private String document(StoredCall call, boolean again) throws TelegramApiException {
		Optional<byte[]> content = archive.read(call.incidentId(), call.name());
		if (content.isEmpty()) {
			log.warn("文件 {}/{} 不在归档中，未发送", call.incidentId(), call.name());
			return "missing";
		}
		ChatRef chat = call.chat();
		String caption = again ? mark(call.caption()) : call.caption();
		client.execute(SendDocument.builder()
			.chatId(chat.chatId())
			.messageThreadId((chat.threadId() != null) ? Integer.valueOf(chat.threadId()) : null)
			.document(new InputFile(new ByteArrayInputStream(content.get()), call.name()))
			.caption(TelegramGateway.truncate(caption, 1024))
			.parseMode("HTML")
			.build());
		return again ? "resent" : "";
	}

	private String mark(@Nullable String html) {
		resent.incrementAndGet();
		return resentMark + ((html != null) ? html : "");
	}

	private static String shownKey(StoredCall call) {
		return "wr:tg:shown:" + call.chat().topicKey() + ":" + call.slot();
	}

	/** What a message shows: its text and buttons. */
	private static String fingerprint(StoredCall call) {
		StringBuilder all = new StringBuilder(call.html());
		for (List<Button> row : call.buttons()) {
			all.append('\n');
			for (Button button : row) {
				all.append(button.label()).append('\t').append(button.token()).append('\t');
			}
		}
		try {
			byte[] digest = java.security.MessageDigest.getInstance("SHA-256")
				.digest(all.toString().getBytes(StandardCharsets.UTF_8));
			return java.util.HexFormat.of().formatHex(digest, 0, 16);
		}
		catch (java.security.NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

	@Override
	public void close() {
		if (beat != null) {
			beat.shutdownNow();
		}
	}

}
