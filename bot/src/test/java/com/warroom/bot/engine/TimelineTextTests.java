package com.warroom.bot.engine;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import com.warroom.bot.incident.TimelineEntry;
import com.warroom.bot.incident.TimelineType;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * GH-14: a timeline entry stores structure (its kind, numbers, ids, keys, what a person
 * typed) and is put into words when it is read, for the locale of the bundle it is read
 * with. In Chinese the words are exactly those the flows composed at write time before
 * GH-14 (the patterns the chat timeline, the board, the incident page and the documents
 * show); entries of that old shape, with the words stored under {@code text}, read as
 * they were written in any locale (the two-year record, 4.3 第十三条 / 2.8.4).
 */
class TimelineTextTests {

	private static final Instant AT = Instant.parse("2026-11-23T05:58:16Z");

	private static final DateTimeFormatter PRECISE = DateTimeFormatter.ofPattern("MM-dd HH:mm:ss")
		.withZone(ZoneId.of("Asia/Shanghai"));

	private final TimelineText chinese = new TimelineText(Texts.chinese(), EngineHarness.LIBRARY.vocabulary(),
			PRECISE::format);

	private final TimelineText english = chinese.in(new Texts(Locale.ENGLISH));

	@Test
	void everyKindOfEntryInChineseReadsAsTheFlowsWroteItBeforeGh14() {
		for (Sample sample : samples()) {
			assertThat(chinese.describeText(sample.entry())).as(sample.entry().type().name())
				.isEqualTo(sample.chinese());
		}
	}

	@Test
	void everyKindOfEntryReadsInEnglishFromTheSameStructure() {
		for (Sample sample : samples()) {
			assertThat(english.describeText(sample.entry())).as(sample.entry().type().name())
				.isEqualTo(sample.english());
		}
	}

	@Test
	void theSamplesCoverEveryKind() {
		assertThat(samples()).extracting((sample) -> sample.entry().type()).containsAll(List.of(TimelineType.values()));
	}

	@Test
	void anEntryOfTheOldShapeReadsExactlyAsItWasWrittenInEveryLocale() {
		// as ReportFlow, SigningFlow, StepFlow and FactFlow stored them before GH-14
		List<TimelineEntry> old = List.of(
				entry(TimelineType.REPORTED, Map.of("kind", "CYCLE", "seq", "2", "via", "电话", "text", "定期报告 第 2 次")),
				entry(TimelineType.REPORT_APPROVAL_REQUESTED,
						Map.of("kind", "FINAL", "seq", "1", "approvers", "cro,gm", "sha256", "ab12", "text",
								"恢复后报告 第 1 次，报告书 SHA-256 ab12")),
				entry(TimelineType.REPORT_APPROVED,
						Map.of("kind", "FINAL", "seq", "1", "role", "cro", "ver", "1", "text", "恢复后报告 第 1 次（首席风险官）")),
				entry(TimelineType.NOTE,
						Map.of("track", "steps", "step", "s3", "title", "切换备用库", "text", "受阻原因：备库无法连接")),
				entry(TimelineType.FACT_SET, Map.of("text", "数据泄露 150000 人")),
				entry(TimelineType.LEVEL_SET, Map.of("level", "较大", "text", "全部客户无法交易")),
				entry(TimelineType.DECLARED, Map.of("playbook", "central.db-host-hardware", "text", "数据库 / 数据库主机硬件故障")),
				entry(TimelineType.DOCUMENT_ISSUED, Map.of("text", "事件情况报告书-第1次.pdf")));
		List<String> written = List.of("记录已报告：定期报告 第 2 次", "报告书待签发：恢复后报告 第 1 次，报告书 SHA-256 ab12",
				"签发：恢复后报告 第 1 次（首席风险官）", "备注：受阻原因：备库无法连接", "更新事实：数据泄露 150000 人", "调整级别为 较大：全部客户无法交易",
				"宣布事件：数据库 / 数据库主机硬件故障", "生成文件 事件情况报告书-第1次.pdf");
		assertThat(old).extracting(chinese::describeText).containsExactlyElementsOf(written);
		// the stored words stay the words of the record whatever the reader's locale
		assertThat(old).extracting(english::text)
			.containsExactly("定期报告 第 2 次", "恢复后报告 第 1 次，报告书 SHA-256 ab12", "恢复后报告 第 1 次（首席风险官）", "受阻原因：备库无法连接",
					"数据泄露 150000 人", "全部客户无法交易", "数据库 / 数据库主机硬件故障", "事件情况报告书-第1次.pdf");
		assertThat(english.level(old.get(5))).isEqualTo("较大");
	}

	@Test
	void theOldAndTheNewShapeOfAnEntryReadAlikeInChinese() {
		TimelineEntry before = entry(TimelineType.REPORT_BOOK_RENEWED, Map.of("kind", "CYCLE", "seq", "1", "ver", "2",
				"sha256", "ff00", "text", "定期报告 第 1 次 第 2 版 SHA-256 ff00"));
		TimelineEntry after = entry(TimelineType.REPORT_BOOK_RENEWED,
				Map.of("kind", "CYCLE", "seq", "1", "ver", "2", "sha256", "ff00"));
		assertThat(chinese.describe(after)).isEqualTo(chinese.describe(before))
			.isEqualTo("报告书因事件变化更新：定期报告 第 1 次 第 2 版 SHA-256 ff00");
	}

	@Test
	void whatAPersonTypedIsEscapedAndNeverTranslated() {
		TimelineEntry note = entry(TimelineType.NOTE, Map.of("text", "已联系 <script>厂商</script> & 物业"));
		assertThat(chinese.describe(note)).isEqualTo("备注：已联系 &lt;script&gt;厂商&lt;/script&gt; &amp; 物业");
		assertThat(english.describe(note)).isEqualTo("Note: 已联系 &lt;script&gt;厂商&lt;/script&gt; &amp; 物业");
	}

	@Test
	void aFactOfAValueNoReleaseWroteIsShownAsStoredRatherThanFailingTheTimeline() {
		TimelineEntry odd = entry(TimelineType.FACT_SET, Map.of("fact", "settlement", "value", "LATE"));
		assertThat(chinese.describeText(odd)).isEqualTo("更新事实：settlement=LATE");
	}

	private record Sample(TimelineEntry entry, String chinese, String english) {
	}

	/**
	 * One entry of each kind in the shape the flows write since GH-14, and how it reads.
	 */
	private static List<Sample> samples() {
		Map<String, String> step = Map.of("track", "steps", "step", "s3", "title", "切换备用库");
		return List.of(
				new Sample(
						entry(TimelineType.DECLARED,
								Map.of("playbook", "central.db-host-hardware", "title", "数据库 / 数据库主机硬件故障", "startedAt",
										"1795499896000")),
						"宣布事件：数据库 / 数据库主机硬件故障", "Declared the incident: 数据库 / 数据库主机硬件故障"),
				new Sample(entry(TimelineType.STEP_DONE, step), "完成「切换备用库」", "Done \"切换备用库\""),
				new Sample(entry(TimelineType.STEP_SKIPPED, with(step, "text", "已由厂商处理")), "跳过「切换备用库」，原因：已由厂商处理",
						"Skipped \"切换备用库\", reason: 已由厂商处理"),
				new Sample(entry(TimelineType.STEP_BLOCKED, with(step, "text", "备库无法连接")), "「切换备用库」受阻：备库无法连接",
						"\"切换备用库\" blocked: 备库无法连接"),
				new Sample(entry(TimelineType.CONFIRMATION_REQUESTED, step), "完成「切换备用库」，请求复核",
						"Done \"切换备用库\", confirmation requested"),
				new Sample(entry(TimelineType.STEP_CONFIRMED, with(step, "first", "p1")), "复核确认「切换备用库」",
						"Confirmed \"切换备用库\""),
				new Sample(entry(TimelineType.STEP_APPROVED, step), "领导批准「切换备用库」", "Leader approved \"切换备用库\""),
				new Sample(entry(TimelineType.DECISION, with(step, "answer", "已解决", "question", "重启行情软件后故障是否解决？")),
						"决策：重启行情软件后故障是否解决？ → 已解决", "Decision: 重启行情软件后故障是否解决？ → 已解决"),
				new Sample(entry(TimelineType.NOTE, Map.of("text", "厂商已到场")), "备注：厂商已到场", "Note: 厂商已到场"),
				// StepFlow: the reason of a blocked step is
				// also a note (4.2 附件四: 处理过程 records why)
				new Sample(entry(TimelineType.NOTE, with(step, "reason", "备库无法连接")), "备注：受阻原因：备库无法连接",
						"Note: Blocked because: 备库无法连接"),
				// DrillInjects: a 情况通报 injected into a drill (4.4)
				new Sample(entry(TimelineType.NOTE, Map.of("complication", "机房空调停机", "drillRun", "R1", "inject", "c1")),
						"备注：演练注入 c1（情况通报）：机房空调停机", "Note: Drill inject c1 (situation report): 机房空调停机"),
				new Sample(entry(TimelineType.NOTE_MARKED, Map.of("note", "1-0", "text", "厂商已到场")), "备注写入报告：厂商已到场",
						"Note added to report: 厂商已到场"),
				new Sample(entry(TimelineType.LEVEL_SET, Map.of("level", "MAJOR", "text", "全部客户无法交易")),
						"调整级别为 重大：全部客户无法交易", "Set the level to Major: 全部客户无法交易"),
				new Sample(
						entry(TimelineType.LEVEL_RAISED,
								Map.of("level", "LARGER", "text", "4.2 第四章二（二）1", "from", "GENERAL")),
						"级别升至 较大：4.2 第四章二（二）1", "Level rose to Relatively major: 4.2 第四章二（二）1"),
				new Sample(entry(TimelineType.RECOVERED, Map.of("recoveredAt", String.valueOf(AT.toEpochMilli()))),
						"记录系统已恢复", "Recorded that the systems recovered"),
				new Sample(entry(TimelineType.CLOSED, Map.of()), "关闭事件", "Closed the incident"),
				new Sample(entry(TimelineType.TRACK_STARTED, Map.of("step", "a1")), "开始 a1", "Started a1"),
				new Sample(
						entry(TimelineType.REPORT_APPROVAL_REQUESTED,
								Map.of("kind", "CYCLE", "seq", "1", "approvers", "cro,gm", "sha256", "ab12", "book",
										"事件情况报告书-第1次-待签发.pdf")),
						"报告书待签发：定期报告 第 1 次，报告书 SHA-256 ab12",
						"Report waiting for signatures: periodic report no. 1, report book SHA-256 ab12"),
				new Sample(
						entry(TimelineType.REPORT_APPROVED,
								Map.of("kind", "CYCLE", "seq", "1", "role", "cro", "ver", "1", "approvers", "cro,gm",
										"sha256", "ab12")),
						"签发：定期报告 第 1 次（首席风险官）", "Signed: periodic report no. 1 (首席风险官)"),
				new Sample(
						entry(TimelineType.REPORTED,
								Map.of("kind", "CYCLE", "seq", "2", "via", "电话", "reportAt", "1795499896000")),
						"记录已报告：定期报告 第 2 次", "Recorded a report: periodic report no. 2"),
				// SigningFlow: a signed report names the book its request named (the
				// request's words did)
				new Sample(
						entry(TimelineType.REPORTED,
								Map.of("kind", "FINAL", "seq", "1", "approvers", "cro,gm", "sha256", "cd34",
										"requestSha256", "ab12")),
						"记录已报告：恢复后报告 第 1 次，报告书 SHA-256 ab12",
						"Recorded a report: report after recovery no. 1, report book SHA-256 ab12"),
				new Sample(entry(TimelineType.ESCALATED, Map.of("text", "宣布事件：数据库主机硬件故障", "tier", "leaders")),
						"升级通知：宣布事件：数据库主机硬件故障", "Escalation: 宣布事件：数据库主机硬件故障"),
				new Sample(entry(TimelineType.ESCALATION_ACKED, Map.of("text", "宣布事件：数据库主机硬件故障", "esc", "1")),
						"确认收到升级通知：宣布事件：数据库主机硬件故障", "Escalation acknowledged: 宣布事件：数据库主机硬件故障"),
				new Sample(entry(TimelineType.ESCALATION_EXHAUSTED, Map.of("text", "宣布事件：数据库主机硬件故障", "esc", "1")),
						"升级通知多轮无人确认：宣布事件：数据库主机硬件故障", "Escalation unacknowledged after several rounds: 宣布事件：数据库主机硬件故障"),
				new Sample(entry(TimelineType.FACT_SET, Map.of("fact", "leaked", "value", "150000")),
						"更新事实：数据泄露 150000 人", "Facts updated: data leaked for 150000 people"),
				new Sample(entry(TimelineType.FACT_SET, Map.of("fact", "crimeAt")), "更新事实：疑似计算机犯罪",
						"Facts updated: suspected computer crime"),
				new Sample(entry(TimelineType.FACT_SET, Map.of("fact", "interruption", "value", "FULL")), "更新事实：全部中断",
						"Facts updated: full"),
				new Sample(entry(TimelineType.FACT_SET, Map.of("fact", "sys", "value", "quotes:add")),
						"更新事实：另涉及行情系统（中断范围不明，按全部中断计，累计计时）",
						"Facts updated: Also Market data system (extent unknown, counted as full interruption, time accumulated)"),
				// DocumentFlow: an answer of the /summary interview, as typed
				new Sample(entry(TimelineType.FACT_SET, Map.of("item", "place", "value", "主机房")), "更新事实：事件发生地点：主机房",
						"Facts updated: Place of occurrence: 主机房"),
				new Sample(
						entry(TimelineType.NOTIFICATION_FAILED,
								Map.of("title", "升级通知", "via", "wecom", "detail", "HTTP 500")),
						"通知未送达：升级通知（wecom）：HTTP 500", "Notification not delivered: 升级通知 (wecom): HTTP 500"),
				new Sample(entry(TimelineType.DOCUMENT_ISSUED, Map.of("document", "事件情况报告书-第1次.pdf", "sha256", "ab12")),
						"生成文件 事件情况报告书-第1次.pdf", "Produced document 事件情况报告书-第1次.pdf"),
				new Sample(
						entry(TimelineType.REPORT_DELEGATED,
								Map.of("kind", "CYCLE", "seq", "1", "role", "gm", "to", "p9", "toName", "钱副总经理")),
						"委托签发：定期报告 第 1 次：总经理（应急领导小组组长） 一项委托 钱副总经理 签发",
						"Delegated signing: periodic report no. 1: 总经理（应急领导小组组长） delegated to 钱副总经理"),
				new Sample(
						entry(TimelineType.REPORT_BOOK_RENEWED,
								Map.of("kind", "CYCLE", "seq", "1", "ver", "2", "sha256", "ff00")),
						"报告书因事件变化更新：定期报告 第 1 次 第 2 版 SHA-256 ff00",
						"Report updated because the incident changed: periodic report no. 1 version 2 SHA-256 ff00"));
	}

	@Test
	void aRecoveryStoresItsTimeAndReadsItWhenAsked() {
		TimelineEntry recovered = entry(TimelineType.RECOVERED,
				Map.of("recoveredAt", String.valueOf(AT.toEpochMilli())));
		assertThat(chinese.text(recovered)).isEqualTo("11-23 13:58:16");
		assertThat(english.text(recovered)).isEqualTo("11-23 13:58:16");
	}

	private static Map<String, String> with(Map<String, String> base, String... pairs) {
		Map<String, String> map = new LinkedHashMap<>(base);
		for (int i = 0; i + 1 < pairs.length; i += 2) {
			map.put(pairs[i], pairs[i + 1]);
		}
		return map;
	}

	private static TimelineEntry entry(TimelineType type, Map<String, String> details) {
		return new TimelineEntry("1-0", type, "p1", "张伟", "tg", AT, details);
	}

}
