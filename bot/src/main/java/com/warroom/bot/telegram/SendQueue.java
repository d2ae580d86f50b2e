package com.warroom.bot.telegram;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.telegram.telegrambots.meta.exceptions.TelegramApiException;
import org.telegram.telegrambots.meta.exceptions.TelegramApiRequestException;

/**
 * The one queue every call to the Bot API goes through. Calls to a chat run in order
 * (one at a time); calls to different chats run in parallel on a few workers;
 * the rates Telegram allows are kept with token buckets (about 30 messages/s per bot,
 * 1/s per chat with a burst of 3, 20/min per group); a 429 pauses for its
 * {@code retry_after}; network and 5xx failures are retried with back-off, so a Telegram
 * outage delays messages instead of dropping them. Thread-safe.
 */
public class SendQueue implements AutoCloseable {

	private static final Logger log = LoggerFactory.getLogger(SendQueue.class);

	private static final int MAX_ATTEMPTS = 30;

	/** HTTP calls in flight at once (to different chats). */
	private static final int WORKERS = 8;

	/** A call to the Bot API. */
	@FunctionalInterface
	public interface Call {

		void run() throws TelegramApiException;

	}

	private record Task(String chat, boolean group, boolean message, Call call, int attempt) {
	}

	private final ReentrantLock lock = new ReentrantLock();

	private final Condition changed = lock.newCondition();

	private final Map<String, Deque<Task>> queues = new HashMap<>();

	private final Map<String, Bucket> chatBuckets = new HashMap<>();

	private final Map<String, Instant> pausedUntil = new HashMap<>();

	private final Bucket global;

	private final Clock clock;

	private final List<Thread> workers = new ArrayList<>();

	/** Chats with a call in flight: their next call waits, so calls to a chat keep their order. */
	private final Set<String> inFlight = new HashSet<>();

	private volatile boolean running = true;

	private int pending;

	private final double chatPerSecond;

	private final double groupPerMinute;

	/**
	 * @param perSecond messages per second for the whole bot (Telegram: about 30)
	 * @param chatPerSecond messages per second to one chat (Telegram: 1)
	 * @param groupPerMinute messages per minute to one group (Telegram: 20)
	 */
	public SendQueue(Clock clock, double perSecond, double chatPerSecond, double groupPerMinute) {
		this.clock = clock;
		this.global = new Bucket(perSecond, perSecond);
		this.chatPerSecond = chatPerSecond;
		this.groupPerMinute = groupPerMinute;
		for (int i = 0; i < WORKERS; i++) {
			Thread worker = new Thread(this::work, "telegram-send-" + i);
			worker.setDaemon(true);
			worker.start();
			workers.add(worker);
		}
	}

	/**
	 * Queues a call.
	 * @param chat the chat it goes to (calls to one chat keep their order)
	 * @param group whether the chat is a group (20 messages a minute)
	 * @param message whether it posts or edits a message (answers to button presses are
	 * not limited per chat)
	 */
	public void submit(String chat, boolean group, boolean message, Call call) {
		lock.lock();
		try {
			queues.computeIfAbsent(chat, (key) -> new ArrayDeque<>()).addLast(new Task(chat, group, message, call, 0));
			pending++;
			changed.signalAll();
		}
		finally {
			lock.unlock();
		}
	}

	/** Calls queued and not yet done. */
	public int pending() {
		lock.lock();
		try {
			return pending;
		}
		finally {
			lock.unlock();
		}
	}

	private void work() {
		while (running) {
			Task task;
			lock.lock();
			try {
				task = next();
				if (task == null) {
					changed.await(50, TimeUnit.MILLISECONDS);
					continue;
				}
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				return;
			}
			finally {
				lock.unlock();
			}
			execute(task);
		}
	}

	/** The first task whose chat may send now; holds the lock. */
	private Task next() {
		Instant now = clock.instant();
		if (!global.available(now)) {
			return null;
		}
		for (var entries = queues.entrySet().iterator(); entries.hasNext();) {
			Deque<Task> queue = entries.next().getValue();
			Task head = queue.peekFirst();
			if (head == null) {
				entries.remove();
				continue;
			}
			if (inFlight.contains(head.chat()) || now.isBefore(pausedUntil.getOrDefault(head.chat(), Instant.EPOCH))) {
				continue;
			}
			Bucket bucket = chatBuckets.computeIfAbsent(head.chat(),
					(key) -> head.group() ? new Bucket(3, groupPerMinute / 60) : new Bucket(3, chatPerSecond));
			if (head.message() && !bucket.take(now)) {
				continue;
			}
			global.take(now);
			inFlight.add(head.chat());
			return queue.pollFirst();
		}
		return null;
	}

	private void execute(Task task) {
		Duration retryIn = null;
		try {
			task.call().run();
		}
		catch (TelegramApiRequestException ex) {
			Integer code = ex.getErrorCode();
			Integer retryAfter = (ex.getParameters() != null) ? ex.getParameters().getRetryAfter() : null;
			if (retryAfter != null) {
				retryIn = Duration.ofSeconds(retryAfter);
				log.warn("Telegram 限流（429），{} 秒后重试", retryAfter);
			}
			else if (code == null || code == 0 || code >= 500) {
				// a 5xx, or a reply that is not the Bot API's JSON (a proxy's error page): transient
				retryIn = backOff(task.attempt());
				log.warn("Telegram 暂不可用（{}），稍后重试", (code != null) ? code : "无法解析的响应");
			}
			else if (String.valueOf(ex.getApiResponse()).contains("message is not modified")) {
				// an edit with the same content: nothing to do
			}
			else {
				log.warn("Telegram 拒绝了请求（{}）：{}", code, ex.getApiResponse());
			}
		}
		catch (TelegramApiException | RuntimeException ex) {
			retryIn = backOff(task.attempt());
			log.warn("Telegram 调用失败（第 {} 次），稍后重试：{}", task.attempt() + 1, ex.getClass().getSimpleName());
		}
		lock.lock();
		try {
			inFlight.remove(task.chat());
			if (retryIn != null && task.attempt() + 1 < MAX_ATTEMPTS) {
				Instant until = clock.instant().plus(retryIn);
				pausedUntil.put(task.chat(), until);
				queues.computeIfAbsent(task.chat(), (key) -> new ArrayDeque<>())
					.addFirst(new Task(task.chat(), task.group(), task.message(), task.call(), task.attempt() + 1));
			}
			else {
				if (retryIn != null) {
					log.error("Telegram 调用重试 {} 次仍失败，放弃", MAX_ATTEMPTS);
				}
				pending--;
			}
			changed.signalAll();
		}
		finally {
			lock.unlock();
		}
	}

	private static Duration backOff(int attempt) {
		return Duration.ofMillis(Math.min(30_000, 500L << Math.min(attempt, 6)));
	}

	@Override
	public void close() {
		running = false;
		workers.forEach(Thread::interrupt);
	}

	/** A token bucket: {@code capacity} tokens, refilled at {@code rate} per second. */
	private static final class Bucket {

		private final double capacity;

		private final double rate;

		private double tokens;

		private Instant last = Instant.EPOCH;

		Bucket(double capacity, double rate) {
			this.capacity = capacity;
			this.rate = rate;
			this.tokens = capacity;
		}

		boolean available(Instant now) {
			refill(now);
			return tokens >= 1;
		}

		boolean take(Instant now) {
			refill(now);
			if (tokens >= 1) {
				tokens -= 1;
				return true;
			}
			return false;
		}

		private void refill(Instant now) {
			if (last.equals(Instant.EPOCH)) {
				last = now;
				return;
			}
			double seconds = Duration.between(last, now).toNanos() / 1e9;
			if (seconds > 0) {
				tokens = Math.min(capacity, tokens + seconds * rate);
				last = now;
			}
		}

	}

}
