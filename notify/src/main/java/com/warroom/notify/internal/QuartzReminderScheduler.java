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

/** Reminders as Quartz jobs, one job group per incident. Thread-safe. */
@Component
class QuartzReminderScheduler implements ReminderScheduler {

	private final Scheduler scheduler;

	QuartzReminderScheduler(Scheduler scheduler) {
		this.scheduler = scheduler;
	}

	@Override
	public void replace(String incidentId, Collection<Reminder> reminders) {
		try {
			String group = group(incidentId);
			Map<String, Reminder> wanted = new HashMap<>();
			reminders.forEach((reminder) -> wanted.put(reminder.name(), reminder));
			Set<JobKey> existing = scheduler.getJobKeys(GroupMatcher.jobGroupEquals(group));
			for (JobKey key : existing) {
				if (wanted.remove(key.getName()) == null) {
					scheduler.deleteJob(key);
				}
			}
			for (Reminder reminder : wanted.values()) {
				JobDetail job = JobBuilder.newJob(ReminderJob.class)
					.withIdentity(reminder.name(), group)
					.usingJobData(ReminderJob.INCIDENT, reminder.incidentId())
					.usingJobData(ReminderJob.KEY, reminder.key())
					.usingJobData(ReminderJob.STAGE, reminder.stage().name())
					.usingJobData(ReminderJob.DUE, reminder.dueAt().toEpochMilli())
					.requestRecovery(true)
					.build();
				Trigger trigger = TriggerBuilder.newTrigger()
					.withIdentity(reminder.name(), group)
					.startAt(Date.from(reminder.fireAt()))
					.withSchedule(SimpleScheduleBuilder.simpleSchedule().withMisfireHandlingInstructionFireNow())
					.build();
				scheduler.scheduleJob(job, trigger);
			}
		}
		catch (SchedulerException ex) {
			throw new IllegalStateException("无法安排提醒：" + ex.getMessage(), ex);
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
		try {
			scheduler.deleteJobs(new ArrayList<>(scheduler.getJobKeys(GroupMatcher.jobGroupEquals(group(incidentId)))));
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
				for (Trigger trigger : scheduler.getTriggersOfJob(key)) {
					pending.add(new Reminder(job.getJobDataMap().getString(ReminderJob.INCIDENT),
							job.getJobDataMap().getString(ReminderJob.KEY),
							Reminder.Stage.valueOf(job.getJobDataMap().getString(ReminderJob.STAGE)),
							trigger.getStartTime().toInstant(), Instant.ofEpochMilli(job.getJobDataMap().getLong(ReminderJob.DUE))));
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
