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
 * The one queue every call to the Bot API goes through. Calls to a chat run one at a
 * time, in the order of their {@link Lane} (a command's reply before the results of
 * presses before bulk notices; within a lane in the order they came; a bulk notice
 * waiting longer than {@link #AGING} ranks with press results, so it does not starve);
 * calls to different chats run in parallel on a few workers. Answers to button presses
 * ({@link Lane#ANSWER}) are no chat messages: they never wait behind one, and the calls
 * to the press's chat queued after an answer wait for its first attempt, so the person
 * sees the press answered before the message changes (a failed answer is retried on its
 * own, holding nothing up). The rates Telegram allows are kept: 30 messages/s per bot
 * (token bucket, evenly), 1/s per private chat, and {@code groupPerMinute} in any 60 s
 * per group (a sliding window counted from when each call finished, so the server never
 * sees more), of which the last slots are kept for replies (bulk notices leave
 * {@link #BULK_RESERVE}, press results {@link #PRESS_RESERVE}). A 429 pauses the chat for
 * its {@code retry_after}; network and 5xx failures are retried with back-off, so a
 * Telegram outage delays messages instead of dropping them. A press answer that could not
 * go within {@code answerWindow} is dropped (Telegram refuses late answers) and counted.
 * Thread-safe.
 */
public class SendQueue implements AutoCloseable {

	private static final Logger log = LoggerFactory.getLogger(SendQueue.class);

	private static final int MAX_ATTEMPTS = 30;

	/** A call queued longer than this is treated as one lane more urgent. */
	static final Duration AGING = Duration.ofSeconds(30);

	/**
	 * Group slots (of the window) bulk notices leave free for replies and press results.
	 */
	static final int BULK_RESERVE = 10;

	/**
	 * Group slots press results leave free for the replies to commands (ten people
	 * typing).
	 */
	static final int PRESS_RESERVE = 6;

	/** How urgent a call is; the order within a chat. */
	public enum Lane {

		/** answerCallbackQuery: not a chat message, goes at once. */
		ANSWER,
		/** The reply to a command or a typed answer. */
		COMMAND,
		/** What a button press changes (the step message, the card). */
		PRESS,
		/**
		 * Reminders, escalation notices, refreshed cards: what nobody is waiting for this
		 * second.
		 */
		BULK

	}

	/** Why a call ended without success, for the caller's record. */
	public enum Failure {

		/**
		 * Not delivered, will be retried (429, Telegram's own 5xx answer, connection
		 * refused).
		 */
		RETRY,
		/**
		 * Maybe delivered (a time-out, a reset, a proxy's error page), will be retried.
		 */
		AMBIGUOUS,
		/** Refused for good (400, 403): not retried. */
		FINAL,
		/**
		 * A press answer past Telegram's window, or given up after many attempts:
		 * dropped.
		 */
		DROPPED

	}

	/**
	 * A call that may be withdrawn while it waits (an edit superseded by a more urgent
	 * one).
	 */
	public interface Cancellable {

		boolean cancelled();

	}

	/**
	 * A call that may find nothing to do (an edit to what the message shows): then it
	 * costs no budget.
	 */
	public interface Skippable {

		/** Whether the last run made no HTTP call. */
		boolean madeNoCall();

	}

	/** Told how a call fared when it did not simply succeed. */
	@FunctionalInterface
	public interface Outcome {

		void failed(Failure failure, String detail);

		Outcome NONE = (failure, detail) -> {
		};

	}

	/** HTTP calls in flight at once (to different chats). */
	private static final int WORKERS = 8;

	/** A call to the Bot API. */
	@FunctionalInterface
	public interface Call {

		void run() throws TelegramApiException;

	}

	/**
	 * @param after the sequence of the answer this call waits for (the latest answer to
	 * its chat queued before it), or -1
	 */
	private record Task(String chat, boolean group, Lane lane, Call call, Outcome outcome, int attempt, long sequence,
			Instant queuedAt, long after) {

		boolean message() {
			return lane != Lane.ANSWER;
		}

		/**
		 * The lane; bulk waiting longer than {@link #AGING} ranks with press results
		 * (never with replies).
		 */
		int rank(Instant now) {
			int rank = lane.ordinal();
			return (rank == Lane.BULK.ordinal() && now.isAfter(queuedAt.plus(AGING))) ? rank - 1 : rank;
		}

		Task retry() {
			return new Task(chat, group, lane, call, outcome, attempt + 1, sequence, queuedAt, -1);
		}

	}

	private final Map<String, Deque<Instant>> groupWindows = new HashMap<>();

	private final Duration answerWindow;

	private final java.util.concurrent.atomic.AtomicLong dropped = new java.util.concurrent.atomic.AtomicLong();

	private long sequence;

	private final ReentrantLock lock = new ReentrantLock();

	private final Condition changed = lock.newCondition();

	private final Map<String, Deque<Task>> queues = new java.util.LinkedHashMap<>();

	private final Map<String, Bucket> chatBuckets = new HashMap<>();

	private final Map<String, Instant> pausedUntil = new HashMap<>();

	private final Bucket global;

	private final Clock clock;

	private final List<Thread> workers = new ArrayList<>();

	/** Per chat, the latest answer queued to it that has not made its first attempt. */
	private final Map<String, Long> answerAhead = new HashMap<>();

	/** Answers that have not made their first attempt: calls queued after them wait. */
	private final Set<Long> answersUnsent = new HashSet<>();

	/**
	 * Chats with a call in flight: their next call waits, so calls to a chat keep their
	 * order.
	 */
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
		this(clock, perSecond, chatPerSecond, groupPerMinute, Duration.ofSeconds(15));
	}

	/**
	 * @param answerWindow how long after a press its answer still makes sense (Telegram
	 * refuses late answers)
	 */
	public SendQueue(Clock clock, double perSecond, double chatPerSecond, double groupPerMinute,
			Duration answerWindow) {
		this.clock = clock;
		this.answerWindow = answerWindow;
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
		submit(chat, group, message ? Lane.BULK : Lane.ANSWER, call, Outcome.NONE);
	}

	/**
	 * Queues a call in a lane.
	 * @param chat the chat it goes to (its messages keep their order within a lane)
	 * @param group whether the chat is a group (its budget per minute is shared)
	 * @param outcome told of failures; success is the call's own business
	 */
	public void submit(String chat, boolean group, Lane lane, Call call, Outcome outcome) {
		lock.lock();
		try {
			long number = sequence++;
			// an answer waits for nothing of its chat: a queue of its own; what the chat
			// is told after it waits for its first attempt
			String key = (lane == Lane.ANSWER) ? "answer:" + number : chat;
			long after = -1;
			if (lane == Lane.ANSWER) {
				answerAhead.put(chat, number);
				answersUnsent.add(number);
			}
			else {
				Long ahead = answerAhead.get(chat);
				after = (ahead != null && answersUnsent.contains(ahead)) ? ahead : -1;
			}
			queues.computeIfAbsent(key, (k) -> new ArrayDeque<>())
				.addLast(new Task(key, group, lane, call, outcome, 0, number, clock.instant(), after));
			pending++;
			changed.signalAll();
		}
		finally {
			lock.unlock();
		}
	}

	/** Calls dropped on purpose (press answers past their window, calls given up). */
	public long dropped() {
		return dropped.get();
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
	 * The most urgent task whose chat may send now, or null — then {@link #waitNanos}
	 * says how long until one may. Holds the lock.
	 */
	private Task next() {
		Instant now = clock.instant();
		long wait = MAX_WAIT;
		boolean globalFree = global.available(now);
		// of the chats that may send now, the most urgent head; within a rank the one
		// queued first: calls go out in the order they
		// came, as far as the lanes and limits allow
		Task best = null;
		int bestRank = Integer.MAX_VALUE;
		Bucket bestBucket = null;
		for (var entries = queues.entrySet().iterator(); entries.hasNext();) {
			Deque<Task> queue = entries.next().getValue();
			for (var tasks = queue.iterator(); tasks.hasNext();) {
				Task task = tasks.next();
				if (task.call() instanceof Cancellable cancellable && cancellable.cancelled()) {
					tasks.remove();
					answered(task);
					pending--;
				}
			}
			if (queue.isEmpty()) {
				entries.remove();
				continue;
			}
			Task head = head(queue, now);
			int rank = head.rank(now);
			if (inFlight.contains(head.chat()) || rank > bestRank
					|| (rank == bestRank && head.sequence() > best.sequence())
					|| answersUnsent.contains(head.after())) {
				continue; // an answer's first attempt signals when it is done
			}
			Instant paused = pausedUntil.getOrDefault(head.chat(), Instant.EPOCH);
			if (now.isBefore(paused)) {
				wait = Math.min(wait, Duration.between(now, paused).toNanos());
				continue;
			}
			Bucket bucket = null;
			if (head.message()) {
				if (!globalFree) {
					wait = Math.min(wait, global.nanosUntilAvailable());
					continue;
				}
				if (head.group()) {
					long until = groupWait(head.chat(), rank, now);
					if (until > 0) {
						wait = Math.min(wait, until);
						continue;
					}
				}
				else {
					bucket = chatBuckets.computeIfAbsent(head.chat(), (key) -> new Bucket(1, chatPerSecond));
					if (!bucket.available(now)) {
						wait = Math.min(wait, bucket.nanosUntilAvailable());
						continue;
					}
				}
			}
			best = head;
			bestRank = rank;
			bestBucket = bucket;
		}
		if (best != null) {
			if (best.message()) {
				if (bestBucket != null) {
					bestBucket.take(now);
				}
				global.take(now);
			}
			inFlight.add(best.chat());
			queues.get(best.chat()).remove(best);
			return best;
		}
		waitNanos = Math.max(1, wait);
		return null;
	}

	/** The most urgent task of one chat's queue (lane, then order). */
	private static Task head(Deque<Task> queue, Instant now) {
		Task head = null;
		for (Task task : queue) {
			if (head == null || task.rank(now) < head.rank(now)
					|| (task.rank(now) == head.rank(now) && task.sequence() < head.sequence())) {
				head = task;
			}
		}
		return head;
	}

	/**
	 * Nanoseconds until a group may take a call of this rank (0: now): the sliding window
	 * holds the finishing times of its last calls. Holds the lock.
	 */
	private long groupWait(String chat, int rank, Instant now) {
		int limit = Math.max(1, (int) Math.floor(groupPerMinute));
		int reserve = (rank >= Lane.BULK.ordinal()) ? BULK_RESERVE : (rank == Lane.PRESS.ordinal()) ? PRESS_RESERVE : 0;
		int allowed = Math.max(1, limit - Math.min(reserve, limit - 1));
		Deque<Instant> window = groupWindows.computeIfAbsent(chat, (key) -> new ArrayDeque<>());
		Instant horizon = now.minus(Duration.ofMinutes(1));
		while (!window.isEmpty() && !window.peekFirst().isAfter(horizon)) {
			window.pollFirst();
		}
		if (window.size() < allowed) {
			return 0;
		}
		// the call that must leave the window before one more fits
		Instant frees = window.stream()
			.skip(window.size() - allowed)
			.findFirst()
			.orElse(now)
			.plus(Duration.ofMinutes(1));
		return Math.max(1, Duration.between(now, frees).toNanos());
	}

	private void execute(Task task) {
		Duration retryIn = null;
		Failure failure = null;
		String detail = "";
		boolean counted = true;
		try {
			task.call().run();
			if (task.call() instanceof Skippable skippable && skippable.madeNoCall()) {
				counted = false;
			}
		}
		catch (TelegramApiRequestException ex) {
			Integer code = ex.getErrorCode();
			Integer retryAfter = (ex.getParameters() != null) ? ex.getParameters().getRetryAfter() : null;
			detail = "Telegram " + ((code != null && code != 0) ? code : "无法解析的响应");
			if (retryAfter != null) {
				retryIn = Duration.ofSeconds(retryAfter);
				failure = Failure.RETRY;
				counted = false; // Telegram does not count what it refused
				log.warn("Telegram 限流（429），{} 秒后重试", retryAfter);
			}
			else if (code == null || code == 0) {
				// not the Bot API's JSON (a proxy's error
				// page): the call may have gone through
				retryIn = backOff(task.attempt());
				failure = Failure.AMBIGUOUS;
				log.warn("Telegram 暂不可用（无法解析的响应），稍后重试");
			}
			else if (code >= 500) {
				retryIn = backOff(task.attempt());
				failure = Failure.RETRY;
				log.warn("Telegram 暂不可用（{}），稍后重试", code);
			}
			else if (String.valueOf(ex.getApiResponse()).contains("message is not modified")) {
				// the message already shows this: done
			}
			else {
				failure = Failure.FINAL;
				detail = TelegramRefusals.explain(code, ex.getApiResponse());
				log.warn("Telegram 拒绝了请求（{}）：{}", code, ex.getApiResponse());
			}
		}
		catch (TelegramApiException | RuntimeException ex) {
			retryIn = backOff(task.attempt());
			failure = refused(ex) ? Failure.RETRY : Failure.AMBIGUOUS;
			counted = failure == Failure.AMBIGUOUS;
			detail = "Telegram " + ex.getClass().getSimpleName();
			log.warn("Telegram 调用失败（第 {} 次），稍后重试：{}", task.attempt() + 1, rootName(ex));
		}
		Instant now = clock.instant();
		boolean expired = task.lane() == Lane.ANSWER && retryIn != null
				&& now.plus(retryIn).isAfter(task.queuedAt().plus(answerWindow));
		boolean exhausted = retryIn != null && task.attempt() + 1 >= MAX_ATTEMPTS && task.lane() == Lane.ANSWER;
		if (failure != null) {
			task.outcome().failed((expired || exhausted) ? Failure.DROPPED : failure, detail);
		}
		lock.lock();
		try {
			inFlight.remove(task.chat());
			answered(task);
			if (task.message()) {
				Bucket chatBucket = chatBuckets.get(task.chat());
				if (chatBucket != null) {
					// pace from when the call finished: the server counts arrivals, and a
					// slow first call must not make the next one arrive too soon after it
					chatBucket.restartRefill(now);
				}
				if (task.group() && counted) {
					groupWindows.computeIfAbsent(task.chat(), (key) -> new ArrayDeque<>()).addLast(now);
				}
			}
			if (retryIn != null && !expired && !exhausted) {
				pausedUntil.put(task.chat(), now.plus(retryIn));
				queues.computeIfAbsent(task.chat(), (key) -> new ArrayDeque<>()).addFirst(task.retry());
			}
			else {
				if (expired || exhausted) {
					dropped.incrementAndGet();
					log.warn("按钮应答已过 Telegram 的时限，已放弃（共放弃 {} 个）", dropped.get());
				}
				pending--;
			}
			changed.signalAll();
		}
		finally {
			lock.unlock();
		}
	}

	/** The calls waiting for this answer may go. Holds the lock. */
	private void answered(Task task) {
		if (task.lane() == Lane.ANSWER && answersUnsent.remove(task.sequence())) {
			answerAhead.values().remove(task.sequence());
		}
	}

	/**
	 * Whether the call never reached Telegram (connection refused, no route, unknown
	 * host).
	 */
	private static boolean refused(Throwable ex) {
		for (Throwable cause = ex; cause != null; cause = cause.getCause()) {
			if (cause instanceof java.net.ConnectException || cause instanceof java.net.UnknownHostException
					|| cause instanceof java.net.NoRouteToHostException) {
				return true;
			}
		}
		return false;
	}

	private static String rootName(Throwable ex) {
		Throwable root = ex;
		while (root.getCause() != null) {
			root = root.getCause();
		}
		return root.getClass().getSimpleName();
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

		/**
		 * An empty bucket starts refilling from {@code now}, not from when it was
		 * emptied.
		 */
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
