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
 * the rates Telegram allows are kept with token buckets (30 messages/s per bot, evenly;
 * 1/s per private chat; 20/min per group with a burst of 3); a 429 pauses for its
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

	private record Task(String chat, boolean group, boolean message, Call call, int attempt, long sequence) {
	}

	private long sequence;

	private final ReentrantLock lock = new ReentrantLock();

	private final Condition changed = lock.newCondition();

	private final Map<String, Deque<Task>> queues = new java.util.LinkedHashMap<>();

	private final Map<String, Bucket> chatBuckets = new HashMap<>();

	private final Map<String, Instant> pausedUntil = new HashMap<>();

	private final Bucket global;

	private final Clock clock;

	private final List<Thread> workers = new ArrayList<>();

	/** Chats with a call in flight: their next call waits, so calls to a chat keep their order. */
	private final Set<String> inFlight = new HashSet<>();

	private volatile boolean running = true;

	private int pending;

	/** How long the workers may sleep before some call can go (set by {@link #next}). */
	private long waitNanos = MAX_WAIT;

	private static final long MAX_WAIT = TimeUnit.MILLISECONDS.toNanos(50);

	private final double chatPerSecond;

	private final double groupPerMinute;

	/**
	 * @param perSecond messages per second for the whole bot (Telegram: about 30)
	 * @param chatPerSecond messages per second to one chat (Telegram: 1)
	 * @param groupPerMinute messages per minute to one group (Telegram: 20)
	 */
	public SendQueue(Clock clock, double perSecond, double chatPerSecond, double groupPerMinute) {
		this.clock = clock;
		// no burst across the bot: 30/s evenly never exceeds 30 in any one second
		this.global = new Bucket(1, perSecond);
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
			queues.computeIfAbsent(chat, (key) -> new ArrayDeque<>()).addLast(new Task(chat, group, message, call, 0, sequence++));
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
					changed.awaitNanos(waitNanos);
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

	/**
	 * The first task whose chat may send now, or null — then {@link #waitNanos} says how
	 * long until one may. Holds the lock.
	 */
	private Task next() {
		Instant now = clock.instant();
		long wait = MAX_WAIT;
		if (!global.available(now)) {
			waitNanos = Math.max(1, Math.min(wait, global.nanosUntilAvailable()));
			return null;
		}
		// of the chats that may send now, the one whose next call was queued first: calls go
		// out in the order they came, as far as the limits allow
		Task best = null;
		Bucket bestBucket = null;
		for (var entries = queues.entrySet().iterator(); entries.hasNext();) {
			Deque<Task> queue = entries.next().getValue();
			Task head = queue.peekFirst();
			if (head == null) {
				entries.remove();
				continue;
			}
			if (inFlight.contains(head.chat()) || (best != null && head.sequence() > best.sequence())) {
				continue;
			}
			Instant paused = pausedUntil.getOrDefault(head.chat(), Instant.EPOCH);
			if (now.isBefore(paused)) {
				wait = Math.min(wait, Duration.between(now, paused).toNanos());
				continue;
			}
			Bucket bucket = chatBuckets.computeIfAbsent(head.chat(),
					// a private chat gets its rate evenly; a group may take a burst of 3 (a card and its
					// two tracks) within its per-minute rate
					(key) -> head.group() ? new Bucket(3, groupPerMinute / 60) : new Bucket(1, chatPerSecond));
			if (head.message() && !bucket.available(now)) {
				wait = Math.min(wait, bucket.nanosUntilAvailable());
				continue;
			}
			best = head;
			bestBucket = bucket;
		}
		if (best != null) {
			if (best.message()) {
				bestBucket.take(now);
			}
			global.take(now);
			inFlight.add(best.chat());
			return queues.get(best.chat()).pollFirst();
		}
		waitNanos = Math.max(1, wait);
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
			Bucket chatBucket = chatBuckets.get(task.chat());
			if (task.message() && chatBucket != null) {
				// pace from when the call finished: the server counts arrivals, and a slow
				// first call must not make the next one arrive too soon after it
				chatBucket.restartRefill(clock.instant());
			}
			if (retryIn != null && task.attempt() + 1 < MAX_ATTEMPTS) {
				Instant until = clock.instant().plus(retryIn);
				pausedUntil.put(task.chat(), until);
				queues.computeIfAbsent(task.chat(), (key) -> new ArrayDeque<>())
					.addFirst(new Task(task.chat(), task.group(), task.message(), task.call(), task.attempt() + 1, task.sequence()));
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

		/** An empty bucket starts refilling from {@code now}, not from when it was emptied. */
		void restartRefill(Instant now) {
			if (tokens < 1) {
				last = now;
			}
		}

		/** Nanoseconds until a token is there, from the last refill. */
		long nanosUntilAvailable() {
			return (tokens >= 1) ? 0 : (long) Math.ceil((1 - tokens) / rate * 1e9);
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
