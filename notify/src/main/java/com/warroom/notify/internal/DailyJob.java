package com.warroom.notify.internal;

import java.time.Instant;

import com.warroom.notify.DailyTick;
import org.quartz.Job;
import org.quartz.JobExecutionContext;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationEventPublisher;

/** Publishes {@link DailyTick}; the listener decides whether today matters. */
public class DailyJob implements Job {

	private ApplicationEventPublisher events;

	@Autowired
	public void setEvents(ApplicationEventPublisher events) {
		this.events = events;
	}

	@Override
	public void execute(JobExecutionContext context) {
		Instant fired = (context.getFireTime() != null) ? context.getFireTime().toInstant() : Instant.now();
		events.publishEvent(new DailyTick(context.getJobDetail().getKey().getName(), fired));
	}

}
