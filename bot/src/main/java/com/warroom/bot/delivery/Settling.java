package com.warroom.bot.delivery;

import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where the consequences of an event are settled (re-grade, re-plan of reminders,
 * escalation follow-ups) once its reply is delivered: off the thread that handled it, so
 * a slow re-plan never holds up the next Telegram update. {@link #background} is one
 * daemon thread with a bounded queue (settling in order, as the polling thread did); a
 * settling that throws or finds the queue full is logged, and the periodic re-plan
 * ({@code clock.ReminderRecovery}, which also re-grades) makes up for it. Thread-safe.
 */
public final class Settling implements AutoCloseable {

	private static final Logger log = LoggerFactory.getLogger(Settling.class);

	private final Executor executor;

	private final @org.jspecify.annotations.Nullable ThreadPoolExecutor pool;

	private Settling(Executor executor, @org.jspecify.annotations.Nullable ThreadPoolExecutor pool) {
		this.executor = executor;
		this.pool = pool;
	}

	/** Settles on the caller's thread (tests and benchmarks of the pipeline). */
	public static Settling inline() {
		return new Settling(Runnable::run, null);
	}

	/**
	 * Settles on one daemon thread, in order.
	 * @param capacity how many settlings may wait; beyond, one is refused (logged) and
	 * left to the periodic re-plan
	 */
	public static Settling background(int capacity) {
		if (capacity < 1) {
			throw new IllegalArgumentException("warroom.settling-queue must be positive: " + capacity);
		}
		ThreadPoolExecutor pool = new ThreadPoolExecutor(1, 1, 0, TimeUnit.MILLISECONDS,
				new ArrayBlockingQueue<>(capacity), (runnable) -> {
					Thread thread = new Thread(runnable, "settling");
					thread.setDaemon(true);
					return thread;
				});
		return new Settling(pool, pool);
	}

	/** Runs {@code work} now or later; never throws. */
	public void settle(String what, Runnable work) {
		try {
			executor.execute(() -> {
				try {
					work.run();
				}
				catch (RuntimeException ex) {
					log.error("处理 {} 的后续（重新定级、重新安排提醒）失败，将由定期重排补上", what, ex);
				}
			});
		}
		catch (RejectedExecutionException ex) {
			log.warn("后续处理队列已满（或已关闭），{} 的重新定级和提醒安排将由定期重排补上", what);
		}
	}

	/** How many settlings wait (0 inline). */
	public int pending() {
		return (pool != null) ? pool.getQueue().size() + pool.getActiveCount() : 0;
	}

	@Override
	public void close() {
		if (pool != null) {
			pool.shutdown();
			try {
				if (!pool.awaitTermination(5, TimeUnit.SECONDS)) {
					pool.shutdownNow();
				}
			}
			catch (InterruptedException ex) {
				pool.shutdownNow();
				Thread.currentThread().interrupt();
			}
		}
	}

}
