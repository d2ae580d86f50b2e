package com.warroom.playbooks;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * GH-14: the calendar and the reporting policy are read with the playbooks' reader, so a
 * broken file says {@code file:line: field: message} for every problem at once.
 */
class PolicyFileErrorsTests {

	private static InvalidDataFileException calendarErrors(String yaml) {
		return catchThrowableOfType(InvalidDataFileException.class,
				() -> WorkingDayCalendar.read("calendar.yml", yaml.getBytes(StandardCharsets.UTF_8)));
	}

	private static InvalidDataFileException policyErrors(String yaml) {
		return catchThrowableOfType(InvalidDataFileException.class,
				() -> ReportingPolicy.read("policy.yml", yaml.getBytes(StandardCharsets.UTF_8)));
	}

	@Test // GH-14
	void aBrokenCalendarListsEveryEntryWithItsLine() {
		InvalidDataFileException ex = calendarErrors("""
				zone: Mars/Olympus
				years:
				  2026:
				    holidays:
				      - 2026-10-01/2026-10-07
				      - 2026-13-01
				    make_up_working_days: [2026-10-10, 2026-10-05]
				    half_days: [2026-12-31]
				  next: {}
				""");

		assertThat(ex.subject()).isEqualTo("工作日历");
		assertThat(ex.errors()).extracting(ValidationError::toString)
			.containsExactly("calendar.yml:1: zone: 未知的时区 \"Mars/Olympus\"（例如 Asia/Shanghai）",
					"calendar.yml:6: years.2026.holidays[1]: 日期格式应为 YYYY-MM-DD 或 YYYY-MM-DD/YYYY-MM-DD：2026-13-01",
					"calendar.yml:7: years.2026.make_up_working_days: 日期既是假日又是调休上班日：2026-10-05",
					"calendar.yml:8: years.2026.half_days: 未知字段；允许的字段：holidays、make_up_working_days",
					"calendar.yml:9: years.next: 年份应为四位数字");
		assertThat(ex).hasMessageStartingWith("工作日历有 5 处错误：\ncalendar.yml:1: zone:");
	}

	@Test // GH-14
	void aCalendarThatIsNotYamlOrNotAMappingSaysSo() {
		assertThat(calendarErrors("years: [2026\n").errors()).singleElement()
			.asString()
			.startsWith("calendar.yml:2: YAML 格式错误：");
		assertThat(calendarErrors("- 2026-01-01\n").errors()).extracting(ValidationError::toString)
			.containsExactly("calendar.yml:1: 应为键值对（映射），实际是列表");
	}

	@Test // GH-14
	void aBrokenPolicyListsEveryFieldWithItsLine() throws java.io.IOException {
		String policy = new String(ReportingPolicy.class.getClassLoader()
			.getResourceAsStream("warroom/reporting-policy.yaml")
			.readAllBytes(), StandardCharsets.UTF_8);
		String broken = policy.replace("cycle: PT30M", "cycle: 30min")
			.replace("    first: on-halt", "    first: whenever")
			.replace("  recipients: [csrc, cfa, board]", "  recipients: [csrc, sec]")
			.replace("  working_days: 30", "  working_days: 30\n  within: PT1H");
		int cycleLine = line(broken, "cycle: 30min");
		int firstLine = line(broken, "first: whenever");
		int secLine = line(broken, "[csrc, sec]");
		int supplementary = line(broken, "supplementary:");

		InvalidDataFileException ex = policyErrors(broken);

		assertThat(ex.errors()).extracting(ValidationError::toString)
			.containsExactly("policy.yml:" + cycleLine + ": cycle: 应为 ISO-8601 时长，如 PT30M", "policy.yml:" + firstLine
					+ ": classes.central-trading.first: 无效的值 whenever（可用 at-once、after-unresolved、on-halt、none）",
					"policy.yml:" + secLine
							+ ": analysis.recipients[1]: 未知的报送对象 sec（recipients 中有 csrc、cfa、shfe、dce、czce、cffex、board、police）",
					"policy.yml:" + (supplementary + 1) + ": supplementary: within 与 working_days 必须且只能有一个");
	}

	@Test // GH-14
	void aPolicyMissingItsSectionsNamesEachOne() {
		assertThat(policyErrors("cycle: PT30M\nrecipients: { csrc: 证监局 }\nclassez: {}\n").errors())
			.extracting(ValidationError::toString)
			.contains("policy.yml:3: classez: 未知字段；允许的字段：analysis、at_once_scenario、classes、crime、cycle、"
					+ "data_incident、deadline_time、final_after_recovery、internal_after_handling、minor、recipients、"
					+ "summary、supplementary", "policy.yml:1: classes: 缺少必填字段", "policy.yml:1: analysis: 缺少必填字段");
	}

	private static int line(String text, String part) {
		return 1 + (int) text.substring(0, text.indexOf(part)).chars().filter((c) -> c == '\n').count();
	}

}
