package com.warroom.bot;

import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalTime;

import com.warroom.bot.clock.ClockProperties;
import com.warroom.bot.documents.DocumentsProperties;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.ConfigDataApplicationContextInitializer;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * GH-14: one validated record per concern, bound from the names the README's
 * configuration table and PRODUCT.md's contract document (the environment variables,
 * through {@code application.yaml}); a bad value stops the start naming the setting.
 */
class ConfigurationRecordsTests {

	@EnableConfigurationProperties({ WarRoomProperties.class, RosterProperties.class, DrillProperties.class,
			ClockProperties.class, DocumentsProperties.class })
	static class Records {

	}

	/**
	 * With {@code application.yaml} as the application reads it; variables come in as
	 * system properties.
	 */
	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withInitializer(new ConfigDataApplicationContextInitializer())
		.withUserConfiguration(Records.class);

	@Test // GH-14
	void theDefaultsAreTheDocumentedOnes() {
		runner.run((context) -> {
			assertThat(context).hasNotFailed();
			WarRoomProperties warroom = context.getBean(WarRoomProperties.class);
			assertThat(warroom.reportCycle()).isEqualTo(Duration.ofMinutes(30));
			assertThat(warroom.playbooksDir()).isNull();
			assertThat(warroom.effectiveCustomers()).isZero();
			assertThat(context.getBean(RosterProperties.class)).isEqualTo(new RosterProperties("", "", ""));
			ClockProperties clock = context.getBean(ClockProperties.class);
			assertThat(clock).isEqualTo(new ClockProperties(Duration.ofMinutes(5), Duration.ofMinutes(5),
					Duration.ofMinutes(5), Duration.ofMinutes(1), Duration.ofMinutes(5), "", "", LocalTime.of(9, 0)));
			DrillProperties drill = context.getBean(DrillProperties.class);
			assertThat(drill).isEqualTo(new DrillProperties(null, "09:00-11:30,13:30-15:00", "21:00-02:30", "",
					LocalTime.of(9, 0), "", "", ""));
			DocumentsProperties documents = context.getBean(DocumentsProperties.class);
			assertThat(documents.company())
				.isEqualTo(new DocumentsProperties.Company("", "", "", "", "", "", "", "", ""));
			assertThat(documents.noticesDir()).isNull();
			assertThat(documents.archive()).isEqualTo(Path.of("data", "archive")); // ./data
		});
	}

	@Test // GH-14
	void theDocumentedVariablesBindTheClockAndTheRoster() {
		runner
			.withSystemProperties("REPORT_CYCLE=PT2M", "EFFECTIVE_CUSTOMERS=120000",
					"PLAYBOOKS_DIR=/etc/warroom/playbooks", "REPORTING_POLICY_FILE=/etc/warroom/policy.yaml",
					"CALENDAR_FILE=/etc/warroom/calendar.yaml", "REMINDER_LEAD=PT3M", "OVERDUE_AFTER=PT4M",
					"ACK_TIMEOUT=PT6M", "REMINDER_LATE_AFTER=PT2M", "REPLAN_EVERY=PT10M",
					"ESCALATION_FILE=/etc/warroom/escalation.yaml", "SENSITIVE_PERIODS=2026-12-01/2026-12-10",
					"SENSITIVE_REPORT_TIME=08:30", "ROSTER_FILE=/etc/warroom/roster.yaml",
					"CONTACTS_FILE=/etc/warroom/contacts.yaml", "SYNONYMS_FILE=/etc/warroom/synonyms.yaml")
			.run((context) -> {
				assertThat(context).hasNotFailed();
				WarRoomProperties warroom = context.getBean(WarRoomProperties.class);
				assertThat(warroom.reportCycle()).isEqualTo(Duration.ofMinutes(2));
				assertThat(warroom.effectiveCustomers()).isEqualTo(120000);
				assertThat(warroom.playbooksDir()).isEqualTo(Path.of("/etc/warroom/playbooks"));
				assertThat(warroom.reportingPolicy()).isEqualTo(Path.of("/etc/warroom/policy.yaml"));
				assertThat(warroom.calendar()).isEqualTo(Path.of("/etc/warroom/calendar.yaml"));
				assertThat(context.getBean(ClockProperties.class)).isEqualTo(new ClockProperties(Duration.ofMinutes(3),
						Duration.ofMinutes(4), Duration.ofMinutes(6), Duration.ofMinutes(2), Duration.ofMinutes(10),
						"/etc/warroom/escalation.yaml", "2026-12-01/2026-12-10", LocalTime.of(8, 30)));
				assertThat(context.getBean(RosterProperties.class)).isEqualTo(new RosterProperties(
						"/etc/warroom/roster.yaml", "/etc/warroom/contacts.yaml", "/etc/warroom/synonyms.yaml"));
			});
	}

	@Test // GH-14
	void theDocumentedVariablesBindTheDrillsAndTheDocuments() {
		runner
			.withSystemProperties("DRILL_PLANS_DIR=/etc/warroom/drills", "DRILL_DAY_SESSIONS=09:00-11:30",
					"DRILL_CHATS=drill-room=tg:-1001234", "DRILL_FOLLOWUP_TIME=10:15",
					"WARROOM_DRILL_REAL_ONLY=tg:-1001|生产运维群", "WARROOM_DRILL_ALLOWED=wecom:env:TEST_ROBOT_URL",
					"WARROOM_DRILL_COORDINATOR=zhou-tech", "COMPANY_NAME=甲期货有限公司", "COMPANY_HEAD=赵总",
					"COMPANY_REPORTER=钱报告", "COMPANY_CONTACT=孙联系", "COMPANY_PHONE=021-1", "COMPANY_FAX=021-2",
					"COMPANY_MOBILE=139", "COMPANY_EMAIL=it@example.com", "COMPANY_LOCATION=上海机房",
					"NOTICES_DIR=/etc/warroom/notices", "DATA_DIR=/var/lib/warroom")
			.withPropertyValues("warroom.drill.night-session=") // empty: no night session
			.run((context) -> {
				assertThat(context).hasNotFailed();
				assertThat(context.getBean(DrillProperties.class)).isEqualTo(
						new DrillProperties(Path.of("/etc/warroom/drills"), "09:00-11:30", "", "drill-room=tg:-1001234",
								LocalTime.of(10, 15), "tg:-1001|生产运维群", "wecom:env:TEST_ROBOT_URL", "zhou-tech"));
				DocumentsProperties documents = context.getBean(DocumentsProperties.class);
				assertThat(documents.company()).isEqualTo(new DocumentsProperties.Company("甲期货有限公司", "赵总", "钱报告", "孙联系",
						"021-1", "021-2", "139", "it@example.com", "上海机房"));
				assertThat(documents.noticesDir()).isEqualTo(Path.of("/etc/warroom/notices"));
				assertThat(documents.archive()).isEqualTo(Path.of("/var/lib/warroom/archive"));
			});
		runner.withSystemProperties("ARCHIVE_DIR=/mnt/archive", "DATA_DIR=/var/lib/warroom")
			.run((context) -> assertThat(context.getBean(DocumentsProperties.class).archive())
				.isEqualTo(Path.of("/mnt/archive")));
	}

	@Test // GH-14
	void aBadValueStopsTheStartNamingTheSetting() {
		runner.withSystemProperties("ACK_TIMEOUT=PT0S").run((context) -> {
			assertThat(context).hasFailed();
			assertThat(context.getStartupFailure()).rootCause()
				.hasMessage("ACK_TIMEOUT（warroom.ack-timeout）应为正的时长（ISO-8601，如 PT5M），实际是 PT0S");
		});
		runner.withSystemProperties("REPORT_CYCLE=-PT30M").run((context) -> {
			assertThat(context).hasFailed();
			assertThat(context.getStartupFailure()).rootCause()
				.hasMessage("REPORT_CYCLE（warroom.report-cycle）应为正的时长（ISO-8601，如 PT30M），实际是 PT-30M");
		});
		// a value that is not a duration at all: Spring's
		// binder names the property and its value
		runner.withSystemProperties("REMINDER_LEAD=5min").run((context) -> {
			assertThat(context).hasFailed();
			assertThat(context.getStartupFailure()).hasStackTraceContaining("warroom.reminder-lead")
				.hasStackTraceContaining("5min");
		});
		runner.withSystemProperties("DRILL_FOLLOWUP_TIME=9h").run((context) -> {
			assertThat(context).hasFailed();
			assertThat(context.getStartupFailure()).hasStackTraceContaining("warroom.drill.followup-reminder-time");
		});
	}

}
