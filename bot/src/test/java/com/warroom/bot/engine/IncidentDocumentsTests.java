package com.warroom.bot.engine;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.itextpdf.kernel.pdf.PdfDocument;
import com.itextpdf.kernel.pdf.PdfReader;
import com.itextpdf.kernel.pdf.canvas.parser.PdfTextExtractor;
import com.warroom.bot.chat.Actor;
import com.warroom.bot.documents.CustomerNotices;
import com.warroom.bot.documents.IncidentPaperwork;
import com.warroom.bot.incident.Incident;
import com.warroom.reports.CompanyInfo;
import com.warroom.reports.NoticeTemplates;
import com.warroom.reports.PdfDocuments;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static com.warroom.bot.engine.EngineHarness.COMMANDER;
import static com.warroom.bot.engine.EngineHarness.DBA;
import static com.warroom.bot.engine.EngineHarness.GM;
import static com.warroom.bot.engine.EngineHarness.LIAISON;
import static com.warroom.bot.engine.EngineHarness.SYSADMIN;
import static com.warroom.bot.engine.EngineHarness.button;
import static com.warroom.bot.engine.EngineHarness.documents;
import static com.warroom.bot.engine.EngineHarness.texts;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * What the documents say of an incident (GH-12): the course of events in whole sentences,
 * notes only when marked for the report, the impact as recorded, the effective level with
 * a leader's override, the times kept apart, and the customer notices questioned when
 * they would mislead. Seed: 附件三 L11034-11069 and 4.6 L15332-15374 (report book), 4.8
 * (post-event report), 2.8.4 L8227-8291 (incident record), 附件十 L14821-14850 (notices).
 */
class IncidentDocumentsTests {

	static final Actor CRO = EngineHarness.user("900000003");

	private static final String ID = "INC-20261123-001";

	private EngineHarness chat;

	@BeforeEach
	void setUp() {
		chat = new EngineHarness(TestRedis.fresh());
	}

	private Incident only() {
		return chat.incidents.find(ID).orElseThrow();
	}

	/**
	 * The text of a kept document in drawing order, whitespace removed (the forms wrap
	 * lines).
	 */
	private String pdfText(String name) throws Exception {
		byte[] pdf = chat.archive.read(ID, name).orElseThrow();
		StringBuilder text = new StringBuilder();
		try (PdfDocument doc = new PdfDocument(new PdfReader(new java.io.ByteArrayInputStream(pdf)))) {
			for (int page = 1; page <= doc.getNumberOfPages(); page++) {
				// drawing order: each cell's text whole, a label before its value
				text.append(PdfTextExtractor.getTextFromPage(doc.getPage(page),
						new com.itextpdf.kernel.pdf.canvas.parser.listener.SimpleTextExtractionStrategy()));
			}
		}
		return text.toString().replaceAll("[\\s\\u3000]+", "");
	}

	/**
	 * The text of a kept document as laid out on its pages, glyph by glyph (top to
	 * bottom, left to right), whitespace removed: how a reader sees a book whose appended
	 * revision wrote 报告时间 and 签发人 into the blanks of the approved one.
	 */
	private String laidOutText(String name) throws Exception {
		byte[] pdf = chat.archive.read(ID, name).orElseThrow();
		StringBuilder text = new StringBuilder();
		try (PdfDocument doc = new PdfDocument(new PdfReader(new java.io.ByteArrayInputStream(pdf)))) {
			for (int page = 1; page <= doc.getNumberOfPages(); page++) {
				text.append(EngineHarness.laidOut(doc.getPage(page)));
			}
		}
		return flat(text.toString());
	}

	private static String flat(String text) {
		return text.replaceAll("[\\s\\u3000]+", "");
	}

	/**
	 * The first button labelled {@code label} (EngineHarness.button takes the last one).
	 */
	private static Button first(List<Outbound> actions, String label) {
		List<Outbound> reversed = new ArrayList<>(actions);
		Collections.reverse(reversed);
		return button(reversed, label);
	}

	/**
	 * The database host fails at 13:50 and is found at 13:58 (seed 附件四 一): steps done,
	 * one skipped, one confirmed by a second person; an internal note, a note marked for
	 * the report with /note !, one marked with 写入报告; the commander raises the level to
	 * 重大.
	 */
	private void anIncidentWithAnOverrideAndNotes() {
		List<Outbound> declared = chat.declare(DBA, "数据库主机", "数据库主机硬件故障");
		List<Outbound> afterFirst = chat.press(DBA, first(declared, "完成")); // f1 立即启动预案…
		chat.press(DBA, first(afterFirst, "跳过")); // f2 立即联系设备供应商…
		chat.text(DBA, "供应商工程师已在现场。");
		List<Outbound> awaiting = chat.press(DBA, button(declared, "完成")); // m1 power
																			// off, 双岗复核
		chat.press(SYSADMIN, button(awaiting, "复核确认"));
		chat.clock.advance(Duration.ofMinutes(2));
		chat.command(DBA, "/note 内部：怀疑是内存条，别外传");
		chat.command(DBA, "/note !节点 2 服务器已接管全部业务");
		chat.command(DBA, "/note !交易所是否需要同步通知？");
		List<Outbound> saved = chat.command(SYSADMIN, "/note 已通知恒生工程师到场");
		assertThat(texts(saved)).contains("内部备注");
		assertThat(texts(chat.press(SYSADMIN, button(saved, "写入报告")))).contains("已将这条备注写入");
		assertThat(texts(chat.press(SYSADMIN, button(saved, "写入报告")))).contains("已写入报告，未做更改");
		List<Outbound> level = chat.command(COMMANDER, "/level");
		chat.press(COMMANDER, button(level, "重大"));
		chat.text(COMMANDER, "全部客户无法交易，从严定级。");
	}

	private void answer(String item, String value) {
		chat.press(LIAISON, button(chat.command(LIAISON, "/summary"), item));
		chat.text(LIAISON, value);
	}

	@Test // GH-12
	void theReportBookTellsTheCourseInWholeSentencesWithTheRecordedImpactAndTheOverride() throws Exception {
		anIncidentWithAnOverrideAndNotes();
		String name = documents(chat.command(LIAISON, "/report")).get(0).name();
		String text = pdfText(name);

		assertThat(text).contains("发现数据库主机硬件故障。", "吴数据库管理员在应急指挥机器人中宣布事件，启动附件四《数据库主机硬件故障》应急预案。",
				"吴数据库管理员完成：立即启动预案，组织进行故障排查。", flat("吴数据库管理员完成、郑系统管理员双岗复核确认：操作人员和相关技术支持人员进一步确认故障并操作电源按钮关闭数据库主机。"),
				"吴数据库管理员记录：节点2服务器已接管全部业务。", "吴数据库管理员记录：交易所是否需要同步通知？14:00:00", "郑系统管理员记录：已通知恒生工程师到场。",
				"李信息技术部总经理将事件级别调整为重大，理由：全部客户无法交易，从严定级。");
		assertThat(text).doesNotContain("怀疑是内存条", "…");
		assertThat(text).contains("未执行：立即联系设备供应商，要求协助和解决（原因：供应商工程师已在现场）",
				flat("操作人员和相关技术支持人员进一步确认故障并操作电源按钮关闭数据库主机。效果：经 郑系统管理员 双岗复核"));
		assertThat(text).contains("影响范围：集中交易系统（数据库主机硬件故障）范围不明；投资者").doesNotContain("安抚");
		assertThat(text).contains("事件级别：重大事件（应急领导小组调整，理由：全部客户无法交易，从严定级；按分级规则为");
		assertThat(text).doesNotContain("。；", "。。", "；。", "，。", "？。");
	}

	@Test // GH-12
	void thePostEventReportHasSkippedStepsTheInvestigationTheOverrideAndNoDoubledMarks() throws Exception {
		anIncidentWithAnOverrideAndNotes();
		answer("事件发生时间", "13:50");
		answer("发生原因", "主数据库系统节点 1 服务器硬件故障。");
		answer("内部调查结论", "已进行内部调查，结论为服务器主板故障，非人为原因。");
		answer("整改措施", "1、对整个系统各关键部件进行全面排查。\n2、对应急预案进行全面梳理；");
		chat.clock.advance(Duration.ofMinutes(20));
		chat.recovered(DBA);
		String name = documents(chat.press(LIAISON, button(chat.command(LIAISON, "/summary"), "生成报告"))).get(0).name();
		String text = pdfText(name);

		assertThat(text).contains("事件发生时间为2026年11月23日13:50:00至14:20:00，共计30分0秒");
		assertThat(text).contains("2026年11月23日13:50:00发生数据库主机硬件故障（事后核实的发生时间）。13:58:00发现数据库主机硬件故障。");
		assertThat(text).containsSubsequence("（二）采取的措施及效果", "未执行：立即联系设备供应商，要求协助和解决（原因：供应商工程师已在现场）",
				"六、是否进行过内部调查以及内部调查的结论", "已进行内部调查，结论为服务器主板故障，非人为原因。", "事件级别：重大事件（应急领导小组调整，理由：全部客户无法交易，从严定级；按分级规则为",
				"七、");
		assertThat(text).contains("（二）整改措施1、对整个系统各关键部件进行全面排查。2、对应急预案进行全面梳理；");
		assertThat(text).doesNotContain("1、1、", "2、2、", "。；", "。。", "；。", "怀疑是内存条", "…");
	}

	@Test // GH-12
	void theRecordKeepsOccurrenceAndDiscoveryApartAndNamesTheCommanderAsManager() throws Exception {
		anIncidentWithAnOverrideAndNotes();
		List<Outbound> ask = chat.press(LIAISON, button(chat.command(LIAISON, "/summary"), "事件发生时间"));
		assertThat(texts(ask)).contains("与发现时间不同时填写");
		assertThat(texts(chat.text(LIAISON, "14:30"))).contains("晚于发现时间 11-23 13:58").contains("未做更改");
		chat.text(LIAISON, "13:50:20");
		chat.clock.advance(Duration.ofMinutes(20));
		chat.recovered(DBA);
		List<Outbound> closed = chat.press(COMMANDER, button(chat.command(COMMANDER, "/close"), "确认关闭"));
		String text = pdfText(documents(closed).get(0).name());

		assertThat(text).contains("发生时间13:50:20发现时间13:58:00");
		assertThat(text).contains("事件现象数据库主机硬件故障：由于CPU、硬盘、内存、主板、网卡、阵列卡等上述故障导致主机失效。", "现场记录：", "节点2服务器已接管全部业务",
				"已通知恒生工程师到场");
		assertThat(text).contains("事件管理人：李信息技术部总经理").doesNotContain("事件管理人：吴数据库管理员");
		assertThat(text).contains("升级至重大事件（应急领导小组调整，理由：全部客户无法交易，从严定级；按分级规则为");

		JsonNode timeline = new ObjectMapper()
			.readTree(new String(chat.archive.read(ID, "timeline.json").orElseThrow(), StandardCharsets.UTF_8));
		assertThat(timeline.path("level").asText()).isEqualTo("MAJOR");
		assertThat(timeline.path("computedLevel").asText()).isNotEqualTo("MAJOR");
		assertThat(timeline.path("override").path("reason").asText()).isEqualTo("全部客户无法交易，从严定级。");
		assertThat(timeline.path("override").path("by").asText()).isEqualTo("li-it");
		assertThat(timeline.path("entries"))
			.anySatisfy((entry) -> assertThat(entry.path("type").asText()).isEqualTo("NOTE_MARKED"));
	}

	@Test // GH-12: 报告时间 is when the report counted as made, after 签发 (4.2 L10505-10510)
	void aSignedBookIsDatedWhenItsLastSignatureMadeItCountAndListsItsSigners() throws Exception {
		chat.declare(LIAISON, "数据库主机", "数据库主机硬件故障");
		List<Outbound> which = chat.command(LIAISON, "/reported");
		List<Outbound> time = chat.press(LIAISON,
				button(chat.press(LIAISON, button(which, "定期报告 第 1 次（11-23 13:58 前）")), "电话"));
		List<Outbound> pending = chat.press(LIAISON, button(time, "现在"));
		assertThat(pdfText(documents(pending).get(0).name())).contains("报告时间：年月日时分第1次");
		chat.clock.advance(Duration.ofMinutes(7));
		chat.press(CRO, button(pending, "签发"));
		chat.clock.advance(Duration.ofMinutes(3));
		List<Outbound> signed = chat.press(GM, button(pending, "签发"));

		String book = laidOutText(documents(signed).get(0).name());
		assertThat(book).contains("报告时间：2026年11月23日14时08分第1次");
		assertThat(book).contains("签发人孙首席风险官赵总经理事件发生时间");
		String report = pdfText(
				documents(chat.press(LIAISON, button(chat.command(LIAISON, "/summary"), "生成报告"))).get(0).name());
		assertThat(report).contains("次序报告时间报告方式报送对象签发人", "第1次2026年11月23日14:08:00电话");
		assertThat(report).containsPattern("第1次2026年11月23日14:08:00电话[^第]*孙首席风险官赵总经理");
	}

	@Test // GH-12: 联系人, 联系电话, 联系方式（含手机） default to the reporting liaison's roster entry
	void anUnconfiguredContactIsTheReportingLiaison() throws Exception {
		chat.declare(LIAISON, "网页 篡改", "网页内容被篡改");
		List<Outbound> which = chat.command(LIAISON, "/reported");
		List<Outbound> time = chat.press(LIAISON,
				button(chat.press(LIAISON, button(which, "定期报告 第 1 次（11-23 13:58 前）")), "电话"));
		chat.press(LIAISON, button(time, "现在"));
		CompanyInfo bare = new CompanyInfo("示例期货有限公司", null, null, null, null, "021-00000001", null, null, null);
		Paperwork paperwork = new IncidentPaperwork(chat.incidents, chat.views, Texts.chinese(),
				new PdfDocuments(EngineHarness.SHANGHAI), chat.archive, bare,
				new CustomerNotices(new NoticeTemplates(), bare, chat.clock, EngineHarness.SHANGHAI), chat.clock,
				EngineHarness.SHANGHAI, chat.roster);
		String liaisonPhone = chat.roster.byId("feng-liaison").orElseThrow().phone();

		String name = paperwork.reportBook(only(), EngineHarness.LIBRARY.find(only().playbookId()).orElseThrow(),
				"CYCLE:1", "冯技术服务岗", Paperwork.BookVersion.SENT);

		assertThat(pdfText(name)).contains("报告人冯技术服务岗", "联系人冯技术服务岗", "联系电话" + liaisonPhone, "传真021-00000001",
				"联系方式（含手机）" + liaisonPhone);
	}

	@Test // GH-12: 附件十 notices must not mislead customers
	void aNoticeForARecoveredSystemOrAPastRecoveryTimeIsQuestionedAndTheRestorationNoticeFollows() throws Exception {
		chat.declare(DBA, "数据库主机", "数据库主机硬件故障");
		List<Outbound> restored = chat.press(LIAISON, button(chat.command(LIAISON, "/notice"), "交易（行情、结算）恢复通知"));
		List<Outbound> cause = chat.press(LIAISON, button(restored, "交易"));
		assertThat(texts(chat.press(LIAISON, button(cause, "计算机系统")))).contains("尚未记录系统恢复").contains("未做更改");

		List<Outbound> halt = chat.press(LIAISON, button(chat.command(LIAISON, "/notice"), "交易（行情）暂停通知"));
		chat.press(LIAISON, button(chat.press(LIAISON, button(halt, "交易")), "计算机系统"));
		List<Outbound> past = chat.text(LIAISON, "13:30");
		assertThat(texts(past)).contains("预计恢复时间“13:30”已经过去").doesNotContain("各位尊敬的客户");
		chat.press(LIAISON, button(past, "重新填写时间"));
		assertThat(texts(chat.text(LIAISON, "15:30"))).contains("各位尊敬的客户")
			.contains("预计系统可于15:30恢复交易")
			.doesNotContain("INC-20261123-001</pre>");

		chat.clock.advance(Duration.ofMinutes(20));
		chat.recovered(DBA);
		List<Outbound> again = chat.press(LIAISON, button(chat.command(LIAISON, "/notice"), "交易（行情）暂停通知"));
		chat.press(LIAISON, button(chat.press(LIAISON, button(again, "交易")), "计算机系统"));
		List<Outbound> questioned = chat.text(LIAISON, "16:00");
		assertThat(texts(questioned)).contains("系统已于 11-23 14:18 恢复").doesNotContain("各位尊敬的客户");
		assertThat(texts(chat.press(LIAISON, button(questioned, "仍然生成")))).contains("预计系统可于16:00恢复交易");

		List<Outbound> switched = chat.press(LIAISON, button(questioned, "改发交易（行情、结算）恢复通知"));
		List<Outbound> ready = chat.press(LIAISON, button(chat.press(LIAISON, button(switched, "交易")), "计算机系统"));
		assertThat(texts(ready)).contains("交易恢复通知").contains("此前因计算机系统发生故障造成的交易暂停，已于11月23日 14:18恢复正常");
		String pdf = pdfText(documents(chat.press(LIAISON, button(ready, "生成 PDF"))).get(0).name());
		assertThat(pdf).contains("交易恢复通知", "已于11月23日14:18恢复正常").doesNotContain(ID, "事件编号");
	}

	@Test // GH-12: a note marked for the report is on the timeline, who marked it and
			// when
	void markingANoteForTheReportIsOnTheTimelineAndNeedsTheNotePermission() {
		chat.declare(DBA, "数据库主机", "数据库主机硬件故障");
		List<Outbound> saved = chat.command(DBA, "/note 机房温度正常");
		assertThat(texts(chat.press(EngineHarness.OBSERVER, button(saved, "写入报告")))).contains("无权");
		chat.press(DBA, button(saved, "写入报告"));
		assertThat(texts(chat.command(GM, "/timeline"))).contains("备注写入报告：机房温度正常");
		assertThat(texts(chat.command(DBA, "/note !   "))).contains("备注内容为空");
	}

}
