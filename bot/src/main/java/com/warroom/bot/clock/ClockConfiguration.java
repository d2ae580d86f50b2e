package com.warroom.bot.clock;

import java.time.Clock;
import java.time.Duration;
import java.util.List;

import com.warroom.bot.engine.IncidentViews;
import com.warroom.bot.engine.OutboundSink;
import com.warroom.bot.engine.Texts;
import com.warroom.bot.incident.IncidentStore;
import com.warroom.bot.roster.Roster;
import com.warroom.notify.ReminderScheduler;
import com.warroom.playbooks.PlaybookLibrary;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import redis.clients.jedis.UnifiedJedis;

/** Wires the regulator clock: the planner (told by the engine) and the relay (told by Quartz). */
@Configuration(proxyBeanMethods = false)
class ClockConfiguration {

	@Bean
	ReminderPlanner reminderPlanner(IncidentStore incidents, PlaybookLibrary library, IncidentViews views,
			ReminderScheduler scheduler, UnifiedJedis redis, Clock clock,
			@Value("${warroom.reminder-lead:PT5M}") Duration lead, @Value("${warroom.overdue-after:PT5M}") Duration overdue) {
		return new ReminderPlanner(incidents, library, views, scheduler, redis, clock, lead, overdue);
	}

	/** After every change: announce a level that rose, then re-plan the reminders. */
	@Bean
	com.warroom.bot.engine.IncidentListener clockListener(ReminderPlanner planner, ReminderRelay relay) {
		return (incidentId) -> {
			relay.regrade(incidentId);
			planner.changed(incidentId);
		};
	}

	@Bean
	ReminderRelay reminderRelay(IncidentStore incidents, PlaybookLibrary library, IncidentViews views,
			ReminderPlanner planner, Roster roster, Texts texts, ObjectProvider<OutboundSink> sinks, Clock clock) {
		return new ReminderRelay(incidents, library, views, planner, roster, texts, sinks.orderedStream().toList(), clock);
	}

}
