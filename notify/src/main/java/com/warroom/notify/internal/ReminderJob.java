package com.warroom.notify.internal;

import java.time.Duration;
import java.time.Instant;
import java.util.Date;

import com.warroom.notify.Reminder;
import com.warroom.notify.ReminderDue;
import org.quartz.Job;
import org.quartz.JobDataMap;
import org.quartz.JobExecutionContext;
import org.quartz.SchedulerException;
import org.quartz.SimpleScheduleBuilder;
import org.quartz.Trigger;
import org.quartz.TriggerBuilder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationEventPublisher;

/**
 * A thin job: it carries ids and times and publishes {@link ReminderDue}. When the
 * listener fails — its store (Redis) unreachable — the job is tried again with back-off
 * (doubling from {@link ReminderRetry#first()} up to {@link ReminderRetry#max()}) until
 * it succeeds: it fires late rather than never, and the reminder is told the time it was
 * planned for, so it can say how late it is.
 */
public class ReminderJob implements Job {

	private static final Logger log = LoggerFactory.getLogger(ReminderJob.class);

	static final String INCIDENT = "incident";

	static final String KEY = "key";

	static final String STAGE = "stage";

	static final String DUE = "due";

	/**
	 * When the reminder was planned to fire (epoch millis); a trigger in the past fires
	 * at once.
	 */
	static final String PLANNED = "planned";

	/** How many times the job failed so far (trigger data). */
	static final String ATTEMPT = "attempt";

	private ApplicationEventPublisher events;

	private ReminderRetry retry = ReminderRetry.DEFAULT;

	@Autowired
	public void setEvents(ApplicationEventPublisher events) {
		this.events = events;
	}

	@Autowired(required = false)
	public void setRetry(ReminderRetry retry) {
		this.retry = retry;
	}

	private QuartzReminderScheduler reminders;

	/**
	 * Stores the retry trigger in a transaction of its own (see
	 * {@link QuartzReminderScheduler}).
	 */
	@Autowired(required = false)
	void setReminders(QuartzReminderScheduler reminders) {
		this.reminders = reminders;
	}

	@Override
	public void execute(JobExecutionContext context) {
		JobDataMap data = context.getMergedJobDataMap();
		Instant fired = (context.getFireTime() != null) ? context.getFireTime().toInstant() : Instant.now();
		Instant scheduled = data.containsKey(PLANNED) ? Instant.ofEpochMilli(data.getLong(PLANNED))
				: (context.getScheduledFireTime() != null) ? context.getScheduledFireTime().toInstant() : fired;
		ReminderDue due = new ReminderDue(data.getString(INCIDENT), data.getString(KEY),
				Reminder.Stage.valueOf(data.getString(STAGE)), Instant.ofEpochMilli(data.getLong(DUE)), scheduled,
				fired);
		Duration late = Duration.between(scheduled, fired);
		if (late.compareTo(retry.first()) > 0) {
			log.warn("提醒 {} {} {} 晚于计划 {} 秒触发", due.incidentId(), due.key(), due.stage(), late.toSeconds());
		}
		try {
			events.publishEvent(due);
		}
		catch (RuntimeException ex) {
			int attempt = data.containsKey(ATTEMPT) ? data.getInt(ATTEMPT) + 1 : 1;
			Duration wait = retry.after(attempt);
			log.warn("提醒 {} {} {} 未能处理（{}），{} 秒后第 {} 次重试", due.incidentId(), due.key(), due.stage(),
					ex.getClass().getSimpleName(), wait.toSeconds(), attempt);
			again(context, attempt, wait, reminders);
		}
	}

	/**
	 * Schedules the same job once more, {@code wait} from now, under a trigger of its
	 * own.
	 */
	private static void again(JobExecutionContext context, int attempt, Duration wait,
			QuartzReminderScheduler reminders) {
		Trigger trigger = TriggerBuilder.newTrigger()
			.withIdentity(context.getJobDetail().getKey().getName() + "|retry" + attempt,
					context.getJobDetail().getKey().getGroup())
			.forJob(context.getJobDetail())
			.usingJobData(ATTEMPT, attempt)
			.startAt(Date.from(Instant.now().plus(wait)))
			.withSchedule(SimpleScheduleBuilder.simpleSchedule().withMisfireHandlingInstructionFireNow())
			.build();
		try {
			if (reminders != null) {
				reminders.transactionally(() -> context.getScheduler().scheduleJob(trigger));
			}
			else {
				context.getScheduler().scheduleJob(trigger);
			}
		}
		catch (SchedulerException ex) {
			log.error("无法安排提醒 {} 的重试：{}", context.getJobDetail().getKey(), ex.getMessage(), ex);
		}
	}

}
