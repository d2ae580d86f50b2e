package com.warroom.bot.clock;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import com.warroom.bot.engine.IncidentListener;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * Re-derives every open incident's reminders from its state once the application has
 * started, and again every {@code every}: a change whose re-planning was cut short (a
 * crash inside the request, an exception, an instance that died and whose work another
 * takes over) leaves no reminder unplanned for long. Planning is idempotent, so running
 * it on every instance of a cluster is harmless. A failed pass (Redis unreachable) is
 * tried again at the next one. Thread-safe.
 */
public class ReminderRecovery implements SmartLifecycle {

	private static final Logger log = LoggerFactory.getLogger(ReminderRecovery.class);

	private final ReminderPlanner planner;

	private final Duration every;

	private final IncidentListener regrade;

	private ScheduledExecutorService executor;

	public ReminderRecovery(ReminderPlanner planner, Duration every) {
		this(planner, every, IncidentListener.none());
	}

	/**
	 * @param regrade run for each open incident before it is re-planned (the level check
	 * an event's settling does, in case that settling failed or was refused)
	 */
	public ReminderRecovery(ReminderPlanner planner, Duration every, IncidentListener regrade) {
		this.regrade = regrade;
		if (every.isNegative() || every.isZero()) {
			throw new IllegalArgumentException("warroom.replan-every must be positive: " + every);
		}
		this.planner = planner;
		this.every = every;
	}

	/** Re-plans every open incident now; returns how many were re-planned. */
	public int recover() {
		try {
			int planned = planner.recoverAll(regrade);
			log.info("已按事件状态重新安排 {} 个未关闭事件的提醒", planned);
			return planned;
		}
		catch (RuntimeException ex) {
			log.warn("重新安排提醒失败（{}），稍后再试", ex.getClass().getSimpleName());
			return 0;
		}
	}

	@Override
	public synchronized void start() {
		executor = Executors.newSingleThreadScheduledExecutor((runnable) -> {
			Thread thread = new Thread(runnable, "reminder-recovery");
			thread.setDaemon(true);
			return thread;
		});
		executor.scheduleWithFixedDelay(this::recover, 0, every.toMillis(), TimeUnit.MILLISECONDS);
	}

	@Override
	public synchronized void stop() {
		if (executor != null) {
			executor.shutdownNow();
			executor = null;
		}
	}

	@Override
	public synchronized boolean isRunning() {
		return executor != null;
	}

	/**
	 * After Quartz (whose scheduler starts in an earlier phase) and the stores are up.
	 */
	@Override
	public int getPhase() {
		return Integer.MAX_VALUE - 1000;
	}

}
