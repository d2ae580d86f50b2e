package com.warroom.notify.internal;

import java.time.Instant;

import com.warroom.notify.Reminder;
import com.warroom.notify.ReminderDue;
import org.quartz.Job;
import org.quartz.JobDataMap;
import org.quartz.JobExecutionContext;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationEventPublisher;

/** A thin job: it carries ids and times and publishes {@link ReminderDue}. */
public class ReminderJob implements Job {

	static final String INCIDENT = "incident";

	static final String KEY = "key";

	static final String STAGE = "stage";

	static final String DUE = "due";

	private ApplicationEventPublisher events;

	@Autowired
	public void setEvents(ApplicationEventPublisher events) {
		this.events = events;
	}

	@Override
	public void execute(JobExecutionContext context) {
		JobDataMap data = context.getMergedJobDataMap();
		Instant scheduled = (context.getScheduledFireTime() != null) ? context.getScheduledFireTime().toInstant()
				: Instant.now();
		Instant fired = (context.getFireTime() != null) ? context.getFireTime().toInstant() : Instant.now();
		events.publishEvent(new ReminderDue(data.getString(INCIDENT), data.getString(KEY),
				Reminder.Stage.valueOf(data.getString(STAGE)), Instant.ofEpochMilli(data.getLong(DUE)), scheduled, fired));
	}

}
