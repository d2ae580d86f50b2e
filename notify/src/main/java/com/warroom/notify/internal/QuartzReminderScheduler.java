package com.warroom.notify.internal;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.warroom.notify.Reminder;
import com.warroom.notify.ReminderScheduler;
import org.quartz.JobBuilder;
import org.quartz.JobDetail;
import org.quartz.JobKey;
import org.quartz.Scheduler;
import org.quartz.SchedulerException;
import org.quartz.SimpleScheduleBuilder;
import org.quartz.Trigger;
import org.quartz.TriggerBuilder;
import org.quartz.impl.matchers.GroupMatcher;
import org.springframework.stereotype.Component;

/**
 * Reminders as Quartz jobs, one job group per incident. Every change runs in one database
 * transaction: the JDBC job store's row lock then holds until the commit, so a job and
 * its trigger are stored together (a kill between them left a job without a trigger,
 * which the next re-plan took for planned and the reminder was lost) and a delete never
 * races the acquisition of the trigger it removes. Thread-safe.
 */
@Component
class QuartzReminderScheduler implements ReminderScheduler {

	private final Scheduler scheduler;

	private final org.springframework.transaction.support.TransactionTemplate transactions;

	QuartzReminderScheduler(Scheduler scheduler, javax.sql.DataSource dataSource) {
		this.scheduler = scheduler;
		this.transactions = new org.springframework.transaction.support.TransactionTemplate(
				new org.springframework.jdbc.datasource.DataSourceTransactionManager(dataSource));
	}

	/** What a job-store change does; may throw the scheduler's exception. */
	@FunctionalInterface
	interface Change {

		void run() throws SchedulerException;

	}

	/** Runs a change of the job store in one transaction. */
	void transactionally(Change change) throws SchedulerException {
		try {
			transactions.executeWithoutResult((status) -> {
				try {
					change.run();
				}
				catch (SchedulerException ex) {
					throw new WrappedSchedulerException(ex);
				}
			});
		}
		catch (WrappedSchedulerException ex) {
			throw (SchedulerException) ex.getCause();
		}
	}

	private static final class WrappedSchedulerException extends RuntimeException {

		WrappedSchedulerException(SchedulerException cause) {
			super(cause);
		}

	}

	/**
	 * Re-plans of one incident are serialised in this JVM (a level rise firing together
	 * with an overdue escalation, {@code /recovered} while a reminder fires); across
	 * instances each step tolerates what another instance did meanwhile: a job already
	 * gone is not an error, a job of the same name (the same reminder) already there is
	 * kept. Trigger acquisition runs within the job store's lock (see
	 * {@code NotifyConfiguration}), so deleting a job never races its acquisition.
	 */
	@Override
	public void replace(String incidentId, Collection<Reminder> reminders) {
		String group = group(incidentId);
		synchronized (lock(group)) {
			try {
				transactionally(() -> replaceLocked(group, reminders));
			}
			catch (SchedulerException ex) {
				throw new IllegalStateException("无法安排提醒：" + ex.getMessage(), ex);
			}
		}
	}

	private final Object[] locks = new Object[64];

	{
		for (int i = 0; i < locks.length; i++) {
			locks[i] = new Object();
		}
	}

	private Object lock(String group) {
		return locks[Math.floorMod(group.hashCode(), locks.length)];
	}

	private void replaceLocked(String group, Collection<Reminder> reminders) throws SchedulerException {
		{
			Map<String, Reminder> wanted = new HashMap<>();
			reminders.forEach((reminder) -> wanted.put(reminder.name(), reminder));
			Set<JobKey> existing = scheduler.getJobKeys(GroupMatcher.jobGroupEquals(group));
			List<JobKey> unwanted = new ArrayList<>();
			for (JobKey key : existing) {
				boolean keep = wanted.containsKey(key.getName()) && !scheduler.getTriggersOfJob(key).isEmpty();
				if (keep) {
					wanted.remove(key.getName());
				}
				else {
					// not wanted, or a job left without its trigger (stored before this
					// class used transactions): removed, and
					// planned again below when wanted
					unwanted.add(key);
				}
			}
			if (!unwanted.isEmpty()) {
				// one call, within the store's lock; a job that fired and went meanwhile
				// is no error
				scheduler.deleteJobs(unwanted);
			}

			for (Reminder reminder : wanted.values()) {
				JobDetail job = JobBuilder.newJob(ReminderJob.class)
					.withIdentity(reminder.name(), group)
					.usingJobData(ReminderJob.INCIDENT, reminder.incidentId())
					.usingJobData(ReminderJob.KEY, reminder.key())
					.usingJobData(ReminderJob.STAGE, reminder.stage().name())
					.usingJobData(ReminderJob.DUE, reminder.dueAt().toEpochMilli())
					.usingJobData(ReminderJob.PLANNED, reminder.fireAt().toEpochMilli())
					.requestRecovery(true)
					.build();
				// a time in the past fires at once; the job still reports the planned
				// time, so the reminder can say how late it is
				Instant now = Instant.now();
				Trigger trigger = TriggerBuilder.newTrigger()
					.withIdentity(reminder.name(), group)
					.startAt(Date.from(reminder.fireAt().isAfter(now) ? reminder.fireAt() : now))
					.withSchedule(SimpleScheduleBuilder.simpleSchedule().withMisfireHandlingInstructionFireNow())
					.build();
				try {
					scheduler.scheduleJob(job, trigger);
				}
				catch (org.quartz.ObjectAlreadyExistsException ex) {
					// another instance planned the same reminder (same obligation, stage
					// and due time) meanwhile
				}
			}
		}
	}

	@Override
	public void daily(String name, java.time.LocalTime time, java.time.ZoneId zone) {
		try {
			JobKey key = new JobKey(name, "daily");
			JobDetail job = JobBuilder.newJob(DailyJob.class).withIdentity(key).storeDurably().build();
			Trigger trigger = TriggerBuilder.newTrigger()
				.withIdentity(name, "daily")
				.forJob(key)
				.withSchedule(org.quartz.CronScheduleBuilder.dailyAtHourAndMinute(time.getHour(), time.getMinute())
					.inTimeZone(java.util.TimeZone.getTimeZone(zone))
					.withMisfireHandlingInstructionFireAndProceed())
				.build();
			scheduler.addJob(job, true);
			if (scheduler.checkExists(trigger.getKey())) {
				scheduler.rescheduleJob(trigger.getKey(), trigger);
			}
			else {
				scheduler.scheduleJob(trigger);
			}
		}
		catch (SchedulerException ex) {
			throw new IllegalStateException("无法安排每日提醒：" + ex.getMessage(), ex);
		}
	}

	@Override
	public void cancel(String incidentId) {
		String group = group(incidentId);
		synchronized (lock(group)) {
			cancelLocked(group);
		}
	}

	private void cancelLocked(String group) {
		try {
			transactionally(() -> scheduler
				.deleteJobs(new ArrayList<>(scheduler.getJobKeys(GroupMatcher.jobGroupEquals(group)))));
		}
		catch (SchedulerException ex) {
			throw new IllegalStateException("无法取消提醒：" + ex.getMessage(), ex);
		}
	}

	@Override
	public List<Reminder> pending(String incidentId) {
		try {
			List<Reminder> pending = new ArrayList<>();
			for (JobKey key : scheduler.getJobKeys(GroupMatcher.jobGroupEquals(group(incidentId)))) {
				JobDetail job = scheduler.getJobDetail(key);
				if (job == null) {
					continue; // fired and gone meanwhile
				}
				for (Trigger trigger : scheduler.getTriggersOfJob(key)) {
					pending.add(new Reminder(job.getJobDataMap().getString(ReminderJob.INCIDENT),
							job.getJobDataMap().getString(ReminderJob.KEY),
							Reminder.Stage.valueOf(job.getJobDataMap().getString(ReminderJob.STAGE)),
							trigger.getStartTime().toInstant(),
							Instant.ofEpochMilli(job.getJobDataMap().getLong(ReminderJob.DUE))));
				}
			}
			pending.sort(Comparator.comparing(Reminder::fireAt));
			return pending;
		}
		catch (SchedulerException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static String group(String incidentId) {
		return "incident:" + incidentId;
	}

}
