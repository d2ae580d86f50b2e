package com.warroom.bot.clock;

import java.time.Clock;
import java.time.Duration;

import com.warroom.bot.assessment.Assessments;
import com.warroom.bot.delivery.Delivery;
import com.warroom.bot.delivery.Directory;
import com.warroom.bot.engine.IncidentViews;
import com.warroom.bot.engine.Texts;
import com.warroom.bot.incident.IncidentStore;
import com.warroom.bot.roster.Roster;
import com.warroom.notify.ReminderScheduler;
import com.warroom.playbooks.PlaybookLibrary;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import redis.clients.jedis.UnifiedJedis;

/**
 * Wires the regulator clock: the planner (told by the engine) and the relay (told by
 * Quartz).
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(ClockProperties.class)
class ClockConfiguration {

	@Bean
	ReminderPlanner reminderPlanner(IncidentStore incidents, PlaybookLibrary library, Assessments assessments,
			ReminderScheduler scheduler, UnifiedJedis redis, Clock clock, ClockProperties properties,
			Escalations escalations) {
		return new ReminderPlanner(incidents, library, assessments, scheduler, redis, clock, properties.reminderLead(),
				properties.overdueAfter(), escalations);
	}

	@Bean
	Escalations escalations(IncidentStore incidents, Roster roster, com.warroom.bot.engine.ButtonTokens tokens,
			Texts texts, Clock clock, com.warroom.notify.Outbox outbox, Delivery delivery, Directory directory,
			ClockProperties properties) throws java.io.IOException {
		Duration ackTimeout = properties.ackTimeout();
		String file = properties.escalationFile();
		Escalations.Policy policy;
		if (file.isBlank()) {
			try (var in = ClockConfiguration.class.getClassLoader().getResourceAsStream("warroom/escalation.yaml")) {
				policy = Escalations.Policy.read("warroom/escalation.yaml", in.readAllBytes(), ackTimeout);
			}
		}
		else {
			policy = Escalations.Policy.read(file,
					com.warroom.playbooks.DataFiles.content("升级策略", java.nio.file.Path.of(file)), ackTimeout);
		}
		return new Escalations(incidents, roster, tokens, texts, policy, clock, delivery.outbox(outbox), directory);
	}

	@Bean
	SensitivePeriods sensitivePeriods(ClockProperties properties, Roster roster, Texts texts, Delivery delivery,
			Directory directory, UnifiedJedis redis, com.warroom.playbooks.WorkingDayCalendar calendar,
			ReminderScheduler scheduler) {
		SensitivePeriods sensitive = new SensitivePeriods(properties.sensitivePeriods(), roster, texts, delivery,
				directory, redis, calendar.zone());
		sensitive.schedule(scheduler, properties.sensitiveReportTime());
		return sensitive;
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
			ReminderPlanner planner, Roster roster, Texts texts, Delivery delivery, Clock clock,
			Escalations escalations, ClockProperties properties) {
		return new ReminderRelay(incidents, library, views, planner, roster, texts, delivery, clock, escalations,
				properties.reminderLateAfter());
	}

	/**
	 * Re-grades and re-plans every open incident at start-up and then every
	 * {@code warroom.replan-every}: also what makes up for a settling that failed or was
	 * refused.
	 */
	@Bean
	ReminderRecovery reminderRecovery(ReminderPlanner planner, ReminderRelay relay, ClockProperties properties) {
		return new ReminderRecovery(planner, properties.replanEvery(), relay::regrade);
	}

}
