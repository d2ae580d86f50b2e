package com.warroom.bot.web;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import com.warroom.bot.store.RedisFanout;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;
import tools.jackson.databind.json.JsonMapper;

/**
 * Server-sent events for the open pages. A chat page gets each new or edited message
 * ({@code message}, its HTML rendered for that viewer, the event id its revision, so a
 * reconnecting browser resumes where it was); the board and incident pages get
 * {@code refresh} when anything on the board changed. Messages this instance delivered go
 * out at once and are published to the other instances through Redis
 * ({@link RedisFanout}: {@code chat:<id>} or {@code board}), whose pages hear of them at
 * once. While the subscription is down (Redis stopped or unreachable), and always without
 * one, every {@code poll} the watched chats' revisions and the board's signature are read
 * from the database instead; once subscribed again everything is caught up and polling
 * stops. With the subscription up a catch-up poll still runs every {@code heartbeat} (a
 * Redis that hangs, a message published while an instance was not subscribed), and the
 * board is checked whenever the minute turns (its times move with the clock, which nobody
 * publishes). Every stream is checked against its session on each heartbeat and told
 * {@code expired} when the session has ended. One daemon thread does all the sending;
 * thread-safe.
 */
final class WebEvents implements AutoCloseable, SmartLifecycle {

	private static final Logger log = LoggerFactory.getLogger(WebEvents.class);

	static final String BOARD = "board";

	private static final Duration STREAM_TIMEOUT = Duration.ofMinutes(30);

	/** Changes of the board closer together than this are told once. */
	private static final Duration BOARD_SETTLE = Duration.ofMillis(100);

	private final Map<String, Set<Listener>> topics = new ConcurrentHashMap<>();

	private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor((runnable) -> {
		Thread thread = new Thread(runnable, "web-events");
		thread.setDaemon(true);
		return thread;
	});

	private final WebChatLog chats;

	private final Sessions sessions;

	private final Renderer renderer;

	private final Supplier<String> boardSignature;

	private final JsonMapper json = JsonMapper.builder().build();

	private final @Nullable RedisFanout fanout;

	private final long catchUpNanos;

	/** When the last poll of the database ran (System.nanoTime). */
	private volatile long polledAt = System.nanoTime();

	/** The clock the board's times follow (its signature turns with the minute). */
	private final Clock clock;

	/** The minute of {@link #clock} when the board was last checked. */
	private volatile long boardMinute = -1;

	/** Whether a check of the boards is scheduled (changes in a burst are told once). */
	private final java.util.concurrent.atomic.AtomicBoolean boardPending = new java.util.concurrent.atomic.AtomicBoolean();

	/** Renders one message for one viewer (the chat view; set once wiring is done). */
	interface Renderer {

		String render(WebMessage message, String chatId, WebUser viewer);

	}

	/** One open stream. */
	private static final class Listener {

		final SseEmitter emitter;

		final WebUser user;

		final String topic;

		/** Chats: the newest revision sent. */
		volatile long rev;

		/** The board: the signature of what the page shows. */
		volatile String seen = "";

		Listener(SseEmitter emitter, WebUser user, String topic, long rev) {
			this.emitter = emitter;
			this.user = user;
			this.topic = topic;
			this.rev = rev;
		}

	}

	/**
	 * Without fan-out (one instance, or tests): the database is polled every
	 * {@code poll}.
	 */
	WebEvents(WebChatLog chats, Sessions sessions, Renderer renderer, Supplier<String> boardSignature, Duration poll,
			Duration heartbeat) {
		this(chats, sessions, renderer, boardSignature, null, Clock.systemUTC(), poll, heartbeat);
	}

	/**
	 * @param fanout the pub/sub between the instances (started here), or null for none
	 * @param clock the board's clock: with the subscription up the board is still checked
	 * whenever its minute turns (a report falls due, turns late: nobody publishes time)
	 * @param poll how often the database is polled while the subscription is down
	 * @param heartbeat how often streams are checked against their sessions, and the
	 * database polled even while the subscription is up
	 */
	WebEvents(WebChatLog chats, Sessions sessions, Renderer renderer, Supplier<String> boardSignature,
			@Nullable RedisFanout fanout, Clock clock, Duration poll, Duration heartbeat) {
		this.chats = chats;
		this.clock = clock;
		this.sessions = sessions;
		this.renderer = renderer;
		this.boardSignature = boardSignature;
		this.fanout = fanout;
		this.catchUpNanos = heartbeat.toNanos();
		timer.scheduleWithFixedDelay(this::pollUnlessLive, poll.toMillis(), poll.toMillis(), TimeUnit.MILLISECONDS);
		timer.scheduleWithFixedDelay(this::heartbeat, heartbeat.toMillis(), heartbeat.toMillis(),
				TimeUnit.MILLISECONDS);
		if (fanout != null) {
			fanout.start(new RedisFanout.Listener() {

				@Override
				public void message(String message) {
					heard(message);
				}

				@Override
				public void up() {
					// what was published while this instance
					// was not subscribed: read it now
					timer.execute(WebEvents.this::poll);
				}

				@Override
				public void down() {
					timer.execute(WebEvents.this::poll);
				}

			});
		}
	}

	/** Whether other instances' changes arrive at once (the subscription is up). */
	boolean live() {
		return fanout != null && fanout.live();
	}

	/** A stream of a chat's messages after revision {@code since}. */
	SseEmitter chat(WebUser user, String chatId, long since) {
		// a page from before the chat's log was lost (a Redis reset) asks from beyond its
		// end: start again from the beginning rather
		// than wait for revisions it has "seen"
		long from = (since > chats.revision(chatId)) ? 0 : since;
		Listener listener = open(user, "chat:" + chatId, from);
		timer.execute(() -> pushChat(chatId));
		return listener.emitter;
	}

	/**
	 * A stream that says {@code refresh} whenever the board no longer looks like
	 * {@code seen}, the signature the page was rendered with.
	 */
	SseEmitter board(WebUser user, String seen) {
		Listener listener = open(user, BOARD, 0);
		listener.seen = seen;
		return listener.emitter;
	}

	/**
	 * A chat changed here: its watchers here hear of it now (on the events thread), the
	 * other instances' through Redis. Never fails: without Redis they poll.
	 */
	void changed(String chatId) {
		if (topics.containsKey("chat:" + chatId)) {
			timer.execute(() -> pushChat(chatId));
		}
		if (fanout != null) {
			fanout.publish("chat:" + chatId);
		}
	}

	/**
	 * Something on the board may have changed here (an action about an incident was
	 * delivered): the boards here are checked and the other instances told, at most once
	 * per burst of changes.
	 */
	void boardChanged() {
		if (boardPending.compareAndSet(false, true)) {
			timer.schedule(() -> {
				boardPending.set(false);
				if (fanout != null) {
					fanout.publish(BOARD);
				}
				checkBoard();
			}, BOARD_SETTLE.toMillis(), TimeUnit.MILLISECONDS);
		}
	}

	/** A message of the fan-out (on its thread): handled on the events thread. */
	private void heard(String message) {
		if (message.equals(BOARD)) {
			if (topics.containsKey(BOARD)) {
				timer.execute(this::checkBoard);
			}
		}
		else if (message.startsWith("chat:") && topics.containsKey(message)) {
			String chatId = message.substring(5);
			timer.execute(() -> pushChat(chatId));
		}
	}

	private Listener open(WebUser user, String topic, long rev) {
		SseEmitter emitter = new SseEmitter(STREAM_TIMEOUT.toMillis());
		Listener listener = new Listener(emitter, user, topic, rev);
		// add inside compute: a concurrent remove() dropping
		// an emptied set cannot lose this listener
		topics.compute(topic, (key, set) -> {
			Set<Listener> listeners = (set != null) ? set : ConcurrentHashMap.newKeySet();
			listeners.add(listener);
			return listeners;
		});
		Runnable remove = () -> remove(listener);
		emitter.onCompletion(remove);
		emitter.onTimeout(remove);
		emitter.onError((error) -> remove.run());
		if (closed) {
			// a page that reconnects while the application stops
			emitter.complete();
		}
		return listener;
	}

	private void remove(Listener listener) {
		topics.computeIfPresent(listener.topic, (key, set) -> {
			set.remove(listener);
			return set.isEmpty() ? null : set;
		});
	}

	private void pushChat(String chatId) {
		Set<Listener> listeners = topics.get("chat:" + chatId);
		if (listeners == null) {
			return;
		}
		for (Listener listener : listeners) {
			try {
				List<WebMessage> changed = chats.since(chatId, listener.rev);
				for (WebMessage message : changed) {
					String data = json.writeValueAsString(Map.of("id", message.id(), "rev", message.rev(), "html",
							renderer.render(message, chatId, listener.user)));
					listener.emitter
						.send(SseEmitter.event().name("message").id(String.valueOf(message.rev())).data(data));
					listener.rev = Math.max(listener.rev, message.rev());
				}
			}
			catch (IOException | RuntimeException ex) {
				drop(listener, ex);
			}
		}
	}

	/**
	 * The database poll, unless the subscription is up and the last poll is recent; then
	 * only the board, when its minute turned.
	 */
	private void pollUnlessLive() {
		if (!live() || System.nanoTime() - polledAt >= catchUpNanos) {
			poll();
		}
		else if (clock.millis() / 60_000 != boardMinute) {
			checkBoard();
		}
	}

	/**
	 * Reads the watched chats' revisions (one query) and the board's signature; pushes
	 * what changed.
	 */
	private void poll() {
		polledAt = System.nanoTime();
		try {
			List<String> watched = topics.keySet()
				.stream()
				.filter((topic) -> topic.startsWith("chat:"))
				.map((topic) -> topic.substring(5))
				.toList();
			Map<String, Long> revisions = chats.revisions(watched);
			for (String chatId : watched) {
				long revision = revisions.getOrDefault(chatId, 0L);
				if (topics.getOrDefault("chat:" + chatId, Set.of())
					.stream()
					.anyMatch((listener) -> listener.rev < revision)) {
					pushChat(chatId);
				}
			}
			checkBoard();
		}
		catch (RuntimeException ex) {
			log.warn("网页事件轮询失败：{}", ex.toString());
		}
	}

	private void checkBoard() {
		boardMinute = clock.millis() / 60_000;
		Set<Listener> boards = topics.get(BOARD);
		if (boards == null) {
			return;
		}
		try {
			String signature = boardSignature.get();
			for (Listener listener : boards) {
				if (!signature.equals(listener.seen)) {
					listener.seen = signature;
					send(listener, "refresh");
				}
			}
		}
		catch (RuntimeException ex) {
			log.warn("看板检查失败：{}", ex.toString());
		}
	}

	private void heartbeat() {
		for (Set<Listener> listeners : topics.values()) {
			for (Listener listener : listeners) {
				try {
					if (sessions.find(listener.user.session().token()).isEmpty()) {
						listener.emitter.send(SseEmitter.event().name("expired").data("expired"));
						listener.emitter.complete();
						remove(listener);
					}
					else {
						listener.emitter.send(SseEmitter.event().comment("heartbeat"));
					}
				}
				catch (IOException | RuntimeException ex) {
					drop(listener, ex);
				}
			}
		}
	}

	private void send(Listener listener, String name) {
		try {
			listener.emitter.send(SseEmitter.event().name(name).data(name));
		}
		catch (IOException | RuntimeException ex) {
			drop(listener, ex);
		}
	}

	private void drop(Listener listener, Exception ex) {
		log.debug("网页事件流已断开：{}", ex.toString());
		remove(listener);
		try {
			listener.emitter.complete();
		}
		catch (RuntimeException ignored) {
			// already gone
		}
	}

	private volatile boolean running;

	private volatile boolean closed;

	@Override
	public void start() {
		running = true;
	}

	/**
	 * Ends every stream when the application stops, before the web server waits for the
	 * requests still open (a later phase stops first): an open page held the stop for the
	 * whole grace period.
	 */
	@Override
	public void stop() {
		running = false;
		close();
	}

	@Override
	public boolean isRunning() {
		return running;
	}

	@Override
	public int getPhase() {
		return SmartLifecycle.DEFAULT_PHASE;
	}

	/**
	 * Ends every stream (browsers reconnect to another instance or after the restart).
	 */
	@Override
	public void close() {
		closed = true;
		if (fanout != null) {
			fanout.close();
		}
		timer.shutdownNow();
		for (Set<Listener> listeners : topics.values()) {
			for (Listener listener : listeners) {
				try {
					listener.emitter.complete();
				}
				catch (RuntimeException ignored) {
					// the browser went away first
				}
			}
		}
		topics.clear();
	}

}
