package com.warroom.bot.web;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

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
 * out at once; a one-second poll of each watched chat's revision catches what other
 * instances (or the clock) wrote. Every stream is checked against its session on each
 * heartbeat and told {@code expired} when the session has ended. One daemon thread does all
 * the sending; thread-safe.
 */
final class WebEvents implements AutoCloseable, SmartLifecycle {

	private static final Logger log = LoggerFactory.getLogger(WebEvents.class);

	static final String BOARD = "board";

	private static final Duration STREAM_TIMEOUT = Duration.ofMinutes(30);

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

	WebEvents(WebChatLog chats, Sessions sessions, Renderer renderer, Supplier<String> boardSignature,
			Duration poll, Duration heartbeat) {
		this.chats = chats;
		this.sessions = sessions;
		this.renderer = renderer;
		this.boardSignature = boardSignature;
		timer.scheduleWithFixedDelay(this::poll, poll.toMillis(), poll.toMillis(), TimeUnit.MILLISECONDS);
		timer.scheduleWithFixedDelay(this::heartbeat, heartbeat.toMillis(), heartbeat.toMillis(), TimeUnit.MILLISECONDS);
	}

	/** A stream of a chat's messages after revision {@code since}. */
	SseEmitter chat(WebUser user, String chatId, long since) {
		// a page from before the chat's log was lost (a Redis reset) asks from beyond its end:
		// start again from the beginning rather than wait for revisions it has "seen"
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

	/** A chat changed here: its watchers hear of it now (on the events thread). */
	void changed(String chatId) {
		if (topics.containsKey("chat:" + chatId)) {
			timer.execute(() -> pushChat(chatId));
		}
	}

	private Listener open(WebUser user, String topic, long rev) {
		SseEmitter emitter = new SseEmitter(STREAM_TIMEOUT.toMillis());
		Listener listener = new Listener(emitter, user, topic, rev);
		// add inside compute: a concurrent remove() dropping an emptied set cannot lose this listener
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
					listener.emitter.send(SseEmitter.event().name("message").id(String.valueOf(message.rev())).data(data));
					listener.rev = Math.max(listener.rev, message.rev());
				}
			}
			catch (IOException | RuntimeException ex) {
				drop(listener, ex);
			}
		}
	}

	private void poll() {
		try {
			for (String topic : topics.keySet()) {
				if (topic.startsWith("chat:")) {
					String chatId = topic.substring(5);
					long revision = chats.revision(chatId);
					if (topics.getOrDefault(topic, Set.of()).stream().anyMatch((listener) -> listener.rev < revision)) {
						pushChat(chatId);
					}
				}
			}
			Set<Listener> boards = topics.get(BOARD);
			if (boards != null) {
				String signature = boardSignature.get();
				for (Listener listener : boards) {
					if (!signature.equals(listener.seen)) {
						listener.seen = signature;
						send(listener, "refresh");
					}
				}
			}
		}
		catch (RuntimeException ex) {
			log.warn("网页事件轮询失败：{}", ex.toString());
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

	/** Ends every stream (browsers reconnect to another instance or after the restart). */
	@Override
	public void close() {
		closed = true;
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
