package com.warroom.bot.clock;

import java.time.Duration;
import java.time.LocalTime;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The regulator clock's settings (README "Configure").
 *
 * @param reminderLead how long before a due report the liaison is reminded
 * ({@code REMINDER_LEAD})
 * @param overdueAfter how long after its due time a report counts as overdue and is
 * escalated ({@code OVERDUE_AFTER})
 * @param ackTimeout how long an escalation waits for an acknowledgement
 * ({@code ACK_TIMEOUT})
 * @param reminderLateAfter a reminder later than this says so
 * ({@code REMINDER_LATE_AFTER})
 * @param replanEvery every open incident's reminders are re-derived this often
 * ({@code REPLAN_EVERY})
 * @param escalationFile the escalation tiers, blank for the bundled ones
 * ({@code ESCALATION_FILE})
 * @param sensitivePeriods 敏感时期 date ranges, blank for none ({@code SENSITIVE_PERIODS})
 * @param sensitiveReportTime when the daily 敏感时期 reminder goes out
 * ({@code SENSITIVE_REPORT_TIME})
 */
@ConfigurationProperties("warroom")
public record ClockProperties(@DefaultValue("PT5M") Duration reminderLead, @DefaultValue("PT5M") Duration overdueAfter,
		@DefaultValue("PT5M") Duration ackTimeout, @DefaultValue("PT1M") Duration reminderLateAfter,
		@DefaultValue("PT5M") Duration replanEvery, @DefaultValue("") String escalationFile,
		@DefaultValue("") String sensitivePeriods, @DefaultValue("09:00") LocalTime sensitiveReportTime) {

	public ClockProperties {
		notNegative(reminderLead, "REMINDER_LEAD", "warroom.reminder-lead");
		notNegative(overdueAfter, "OVERDUE_AFTER", "warroom.overdue-after");
		positive(ackTimeout, "ACK_TIMEOUT", "warroom.ack-timeout");
		notNegative(reminderLateAfter, "REMINDER_LATE_AFTER", "warroom.reminder-late-after");
		positive(replanEvery, "REPLAN_EVERY", "warroom.replan-every");
		escalationFile = escalationFile.strip();
		sensitivePeriods = sensitivePeriods.strip();
	}

	static void positive(Duration value, String variable, String property) {
		if (value.isZero() || value.isNegative()) {
			throw new IllegalArgumentException(variable + "（" + property + "）应为正的时长（ISO-8601，如 PT5M），实际是 " + value);
		}
	}

	static void notNegative(Duration value, String variable, String property) {
		if (value.isNegative()) {
			throw new IllegalArgumentException(variable + "（" + property + "）不能为负的时长（ISO-8601，如 PT5M），实际是 " + value);
		}
	}

}
