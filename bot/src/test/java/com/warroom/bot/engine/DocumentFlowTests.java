package com.warroom.bot.engine;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.itextpdf.kernel.pdf.PdfDocument;
import com.itextpdf.kernel.pdf.PdfReader;
import com.itextpdf.kernel.pdf.canvas.parser.PdfTextExtractor;
import com.warroom.bot.chat.Actor;
import com.warroom.bot.chat.ChatRef;
import com.warroom.bot.incident.Incident;
import com.warroom.bot.incident.TimelineEntry;
import com.warroom.bot.incident.TimelineType;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static com.warroom.bot.engine.EngineHarness.COMMANDER;
import static com.warroom.bot.engine.EngineHarness.DBA;
import static com.warroom.bot.engine.EngineHarness.GM;
import static com.warroom.bot.engine.EngineHarness.LIAISON;
import static com.warroom.bot.engine.EngineHarness.OBSERVER;
import static com.warroom.bot.engine.EngineHarness.button;
import static com.warroom.bot.engine.EngineHarness.documents;
import static com.warroom.bot.engine.EngineHarness.texts;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * /report, /reported's kept report books, /summary, /notice, the archive at close and
 * /archive.
 */
class DocumentFlowTests {

	static final Actor CRO = EngineHarness.user("900000003");

	private EngineHarness chat;

	@BeforeEach
	void setUp() {
		chat = new EngineHarness(TestRedis.fresh());
	}

	private Incident only() {
		return chat.incidents.openIn(chat.chat).get(0);
	}

	/**
	 * The text of every page of a document kept in the archive, whitespace removed (the
	 * forms wrap lines).
	 */
	private String pdfText(Outbound.Document document) throws Exception {
		byte[] pdf = chat.archive.read(document.incidentId(), document.name()).orElseThrow();
		StringBuilder text = new StringBuilder();
		try (PdfDocument doc = new PdfDocument(new PdfReader(new java.io.ByteArrayInputStream(pdf)))) {
			for (int page = 1; page <= doc.getNumberOfPages(); page++) {
				text.append(PdfTextExtractor.getTextFromPage(doc.getPage(page)));
			}
		}
		return text.toString().replaceAll("\\s+", "");
	}

	@Test
	void reportSendsTheCurrentReportBookFilledFromTheIncident() throws Exception {
		chat.declare(DBA, "数据库主机", "数据库主机硬件故障");
		chat.clock.advance(Duration.ofMinutes(3));
		chat.command(DBA, "/note !节点 2 已接管 <b>${env:HOME}</b>");
		chat.command(DBA, "/note 内部：怀疑内存条");
		List<Outbound> report = chat.command(LIAISON, "/report");
		Outbound.Document book = documents(report).get(0);
		assertThat(book.name()).isEqualTo("事件情况报告书-第1次-草稿.pdf");
		assertThat(book.caption()).contains("INC-20261123-001").contains("草稿");
		String text = pdfText(book);
		assertThat(text).contains("网络与信息安全事件情况报告书")
			.contains("INC-20261123-001")
			.contains("示例期货有限公司")
			.contains("第1次")
			.contains("021-00000001")
			.contains("数据库主机硬件故障")
			.contains("节点2已接管<b>${env:HOME}</b>")
			.contains("设备设施故障")
			.contains("一般")
			.doesNotContain("怀疑内存条");
		assertThat(chat.incidents.timeline(only().id())).extracting(TimelineEntry::type)
			.contains(TimelineType.DOCUMENT_ISSUED);
		assertThat(texts(chat.command(OBSERVER, "/report"))).contains("无权");
	}

	@Test
	void eachReportMadeKeepsTheBookThatWasSent() throws Exception {
		chat.declare(LIAISON, "网页 篡改", "网页内容被篡改");
		List<Outbound> which = chat.command(LIAISON, "/reported");
		List<Outbound> time = chat.press(LIAISON,
				button(chat.press(LIAISON, button(which, "定期报告 第 1 次（11-23 13:58 前）")), "电话"));
		List<Outbound> done = chat.press(LIAISON, button(time, "现在"));
		Outbound.Document kept = documents(done).get(0);
		assertThat(kept.caption()).contains("定期报告 第 1 次").contains("按报出版本存档");
		assertThat(kept.name()).isEqualTo("事件情况报告书-第1次.pdf");
		String text = pdfText(kept);
		assertThat(text).contains("第1次").contains("攻击破坏").contains("冯技术服务岗");
		assertThat(chat.archive.documents(only().id())).hasSize(1);
	}

	@Test
	void aCentralTradingBookIsSentForSigningAndKeptAsReportedWithItsSigners() throws Exception {
		chat.declare(LIAISON, "数据库主机", "数据库主机硬件故障");
		List<Outbound> which = chat.command(LIAISON, "/reported");
		List<Outbound> time = chat.press(LIAISON,
				button(chat.press(LIAISON, button(which, "定期报告 第 1 次（11-23 13:58 前）")), "电话"));
		List<Outbound> pending = chat.press(LIAISON, button(time, "现在"));
		// one book in the room; each signer also gets it in their own chats (GH-12)
		assertThat(documents(pending)).filteredOn((doc) -> doc.chat().equals(chat.chat))
			.singleElement()
			.satisfies((doc) -> {
				assertThat(doc.caption()).contains("待签发");
				assertThat(doc.name()).isEqualTo("事件情况报告书-第1次-待签发.pdf");
			});
		assertThat(documents(pending)).extracting(Outbound.Document::name).containsOnly("事件情况报告书-第1次-待签发.pdf");
		assertThat(documents(chat.press(CRO, button(pending, "签发")))).isEmpty();
		chat.clock.advance(java.time.Duration.ofMinutes(3)); // a signature later: the
																// durations of a new
																// rendering would differ
		List<Outbound> signed = chat.press(GM, button(pending, "签发"));
		Outbound.Document reported = documents(signed).get(0);
		assertThat(reported.name()).isEqualTo("事件情况报告书-第1次.pdf");
		// GH-12: the book archived as sent is the very file the signers approved, byte
		// for byte, as
		// its first bytes; only an appended revision follows (it fills in 报告时间 and 签发人)
		byte[] approved = chat.archive.read(only().id(), "事件情况报告书-第1次-待签发.pdf").orElseThrow();
		assertThat(chat.archive.read(only().id(), reported.name())).hasValueSatisfying(
				(sent) -> assertThat(java.util.Arrays.copyOf(sent, approved.length)).isEqualTo(approved));
		assertThat(pdfText(reported)).contains("冯技术服务岗");
		assertThat(reported.caption()).contains("孙首席风险官、赵总经理").contains(SigningFlow.sha256(approved));
		assertThat(chat.archive.documents(only().id())).hasSize(2);
		assertThat(chat.incidents.timeline(only().id())).filteredOn((e) -> e.type() == TimelineType.DOCUMENT_ISSUED)
			.extracting((e) -> chat.views.timelineText().text(e))
			.containsExactly("事件情况报告书-第1次-待签发.pdf", "事件情况报告书-第1次.pdf");
		// a later /report is the draft of the next report
		assertThat(pdfText(documents(chat.command(LIAISON, "/report")).get(0))).contains("第2次");
	}

	@Test
	void aDocumentThatCannotBeKeptIsSaidAndTheReportStaysRecorded(
			@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws Exception {
		java.nio.file.Path notADirectory = java.nio.file.Files.writeString(dir.resolve("archive"),
				"a file, not a folder");
		chat = new EngineHarness(TestRedis.fresh(), TopicOpener.none(), notADirectory);
		chat.declare(LIAISON, "网页 篡改", "网页内容被篡改");
		List<Outbound> which = chat.command(LIAISON, "/reported");
		List<Outbound> time = chat.press(LIAISON,
				button(chat.press(LIAISON, button(which, "定期报告 第 1 次（11-23 13:58 前）")), "电话"));
		List<Outbound> done = chat.press(LIAISON, button(time, "现在"));
		assertThat(texts(done)).contains("已记录 INC-20261123-001：定期报告 第 1 次").contains("文件生成或存档失败").contains("已报告：1 次");
		assertThat(chat.incidents.timeline(only().id())).extracting(TimelineEntry::type)
			.contains(TimelineType.REPORTED)
			.doesNotContain(TimelineType.DOCUMENT_ISSUED);
		assertThat(texts(chat.command(LIAISON, "/report"))).contains("文件生成或存档失败");
	}

	@Test
	void theSummaryInterviewFillsThePostEventReport() throws Exception {
		chat.declare(DBA, "数据库主机", "数据库主机硬件故障");
		chat.clock.advance(Duration.ofSeconds(89));
		chat.recovered(DBA);
		List<Outbound> panel = chat.command(LIAISON, "/summary");
		assertThat(texts(panel)).contains("事后总结").contains("发生原因：<i>未填写</i>").contains("初步");
		List<Outbound> ask = chat.press(LIAISON, button(panel, "发生原因"));
		assertThat(texts(ask)).contains("请回复「发生原因」");
		List<Outbound> saved = chat.text(LIAISON, "主数据库系统节点 1 服务器硬件故障 ${sys:user.dir}");
		assertThat(texts(saved)).contains("发生原因：主数据库系统节点 1 服务器硬件故障 ${sys:user.dir}");
		chat.press(LIAISON, button(panel, "发生原因")); // asked again: an answer can be
													// changed
		chat.text(LIAISON, "主数据库系统节点 1 服务器硬件故障");
		chat.press(LIAISON, button(panel, "整改措施"));
		chat.text(LIAISON, "对整个系统各关键部件进行全面排查\n对应急预案进行全面梳理");
		chat.press(LIAISON, button(panel, "非责任事件"));
		List<Outbound> produced = chat.press(LIAISON, button(panel, "生成报告"));
		Outbound.Document report = documents(produced).get(0);
		assertThat(report.name()).isEqualTo("事件处理情况报告.pdf");
		assertThat(report.caption()).doesNotContain("初步");
		String text = pdfText(report);
		assertThat(text).contains("处理情况报告")
			.contains("INC-20261123-001")
			.contains("主数据库系统节点1服务器硬件故障")
			.contains("对整个系统各关键部件进行全面排查")
			.contains("非责任事件")
			.contains("1分29秒")
			.doesNotContain("初步");
		assertThat(chat.text(LIAISON, "随便聊聊")).isEmpty();
	}

	@Test
	void withoutACauseThePostEventReportIsPreliminary() throws Exception {
		chat.declare(DBA, "数据库主机", "数据库主机硬件故障");
		List<Outbound> produced = chat.press(LIAISON, button(chat.command(LIAISON, "/summary"), "生成报告"));
		Outbound.Document report = documents(produced).get(0);
		assertThat(report.name()).isEqualTo("事件处理情况报告-初步.pdf");
		assertThat(pdfText(report)).contains("初步");
		assertThat(texts(chat.press(LIAISON, button(chat.command(LIAISON, "/summary"), "发生原因")))).contains("请回复");
		assertThat(texts(chat.text(LIAISON, "x".repeat(4001)))).contains("不能超过 4000 字");
	}

	@Test
	void aNoticeIsFilledWithTheChoicesAndTheTypedTimePrintedAsTyped() throws Exception {
		chat.declare(DBA, "数据库主机", "数据库主机硬件故障");
		List<Outbound> templates = chat.command(LIAISON, "/notice");
		List<Outbound> business = chat.press(LIAISON, button(templates, "交易（行情）暂停通知"));
		assertThat(texts(business)).contains("请选择业务");
		List<Outbound> cause = chat.press(LIAISON, button(business, "交易"));
		assertThat(texts(cause)).contains("请选择原因");
		List<Outbound> ask = chat.press(LIAISON, button(cause, "电力供应"));
		assertThat(texts(ask)).contains("预计恢复时间");
		List<Outbound> ready = chat.text(LIAISON, "15:30 ${env:HOME}");
		assertThat(texts(ready)).contains("交易暂停通知")
			.contains("目前电力供应发生故障，造成交易暂停，预计系统可于15:30 ${env:HOME}恢复交易")
			.contains("示例期货有限公司")
			.contains("2026年11月23日");
		List<Outbound> pdf = chat.press(LIAISON, button(ready, "生成 PDF"));
		assertThat(pdfText(documents(pdf).get(0))).contains("交易暂停通知").contains("${env:HOME}");
	}

	@Test
	void closingSealsTheArchiveAndLeadersCanFetchItsDocuments() throws Exception {
		chat.declare(DBA, "数据库主机", "数据库主机硬件故障");
		chat.command(LIAISON, "/report");
		chat.clock.advance(Duration.ofMinutes(20));
		chat.recovered(DBA);
		List<Outbound> closed = chat.press(COMMANDER, button(chat.command(COMMANDER, "/close"), "确认关闭"));
		String id = "INC-20261123-001";
		assertThat(texts(closed)).contains(id + "</b> 已归档：时间线、2 份文件");
		assertThat(texts(chat.command(LIAISON, "/report"))).contains("本群没有进行中的事件");
		Outbound.Document record = documents(closed).get(0);
		assertThat(pdfText(record)).contains("信息系统事件记录表").contains(id).contains("数据库主机硬件故障");
		assertThat(chat.archive.verify(id)).isEmpty();
		JsonNode timeline = new ObjectMapper()
			.readTree(new String(chat.archive.read(id, "timeline.json").orElseThrow(), StandardCharsets.UTF_8));
		assertThat(timeline.path("schema").asInt()).isEqualTo(1);
		assertThat(timeline.path("incident").asText()).isEqualTo(id);
		assertThat(timeline.path("entries"))
			.anySatisfy((entry) -> assertThat(entry.path("type").asText()).isEqualTo("CLOSED"));

		assertThat(texts(chat.command(DBA, "/archive"))).contains("只有应急领导小组和应急工作小组组长可以查阅档案");
		List<Outbound> list = chat.command(GM, "/archive");
		assertThat(texts(list)).contains("共有 1 个已关闭的事件");
		assertThat(texts(chat.command(GM, "/archive drl"))).contains("档案中没有符合的已关闭事件");
		assertThat(texts(chat.command(GM, "/archive 20261123"))).contains("共有 1 个已关闭的事件");
		// GH-13: an incident named in full is the one shown
		assertThat(texts(chat.command(GM, "/archive " + id))).contains("<b>" + id + "</b> 的档案文件")
			.doesNotContain("共有 1 个");
		List<Outbound> docs = chat.press(GM, button(list, id));
		List<Outbound> fetched = chat.press(GM, button(docs, "事件情况报告书-第1次-草稿.pdf"));
		assertThat(documents(fetched)).singleElement()
			.satisfies((doc) -> assertThat(doc.name()).isEqualTo("事件情况报告书-第1次-草稿.pdf"));
		assertThat(texts(chat.press(DBA, button(docs, "事件情况报告书-第1次-草稿.pdf")))).contains("只有应急领导小组");
	}

	@Test // GH-12
	void aDocumentMadeAfterCloseJoinsTheSealedArchiveAsAChainedSupplement() throws Exception {
		chat.declare(DBA, "数据库主机", "数据库主机硬件故障");
		chat.clock.advance(Duration.ofMinutes(20));
		chat.recovered(DBA);
		chat.press(COMMANDER, button(chat.command(COMMANDER, "/close"), "确认关闭"));
		String id = "INC-20261123-001";
		Incident closed = chat.incidents.find(id).orElseThrow();
		byte[] seal = chat.archive.read(id, "manifest.json").orElseThrow();

		chat.clock.advance(Duration.ofHours(3));
		String name = paperwork().postEventReport(closed,
				EngineHarness.LIBRARY.find(closed.playbookId()).orElseThrow());

		assertThat(name).isEqualTo("事件处理情况报告-初步.pdf");
		assertThat(chat.archive.supplements(id)).containsExactly("manifest-2.json");
		String manifest = new String(chat.archive.read(id, "manifest-2.json").orElseThrow(), StandardCharsets.UTF_8);
		assertThat(manifest).contains("\"previous\": \"manifest.json\"",
				java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(seal)),
				"事件处理情况报告-初步.pdf", "timeline-2.json");
		assertThat(chat.archive.read(id, "manifest.json"))
			.hasValueSatisfying((bytes) -> assertThat(bytes).isEqualTo(seal));
		assertThat(chat.archive.verify(id)).isEmpty();
		assertThat(chat.archive.documents(id)).extracting(com.warroom.reports.Archive.StoredDocument::name)
			.contains("信息系统事件记录表.pdf", "事件处理情况报告-初步.pdf");
	}

	/**
	 * The documents of the harness's incidents, made directly (as the clock or a later
	 * flow would).
	 */
	private Paperwork paperwork() {
		return new com.warroom.bot.documents.IncidentPaperwork(chat.incidents, chat.views, Texts.chinese(),
				new com.warroom.reports.PdfDocuments(EngineHarness.SHANGHAI), chat.archive, chat.company,
				new com.warroom.bot.documents.CustomerNotices(new com.warroom.reports.NoticeTemplates(), chat.company,
						chat.clock, EngineHarness.SHANGHAI),
				chat.clock, EngineHarness.SHANGHAI, chat.roster);
	}

	@Test // GH-13
	void longDialogsMoveToThePrivateChatAndShortOnesEditOneMessage() {
		chat.declare(DBA, "数据库主机", "数据库主机硬件故障");
		// /summary's sixteen items: to the liaison's own chat, one line in the group
		List<Outbound> summary = chat.command(LIAISON, "/summary");
		assertThat(summary).hasSize(2);
		assertThat(summary.get(0)).isInstanceOfSatisfying(Outbound.Send.class, (line) -> {
			assertThat(line.chat()).isEqualTo(chat.chat);
			assertThat(line.html()).contains("已转到 冯技术服务岗 与机器人的私聊").doesNotContain("\n");
		});
		assertThat(summary.get(1)).isInstanceOfSatisfying(Outbound.Send.class, (panel) -> {
			assertThat(panel.chat()).isEqualTo(ChatRef.privateOf(LIAISON));
			assertThat(panel.html()).contains("事后总结");
		});
		// /notice: one message, edited at each step
		List<Outbound> which = chat.command(LIAISON, "/notice");
		String slot = ((Outbound.Send) which.get(0)).slot();
		assertThat(slot).isNotNull();
		List<Outbound> option = chat.press(LIAISON, button(which, "交易（行情）暂停通知"));
		assertThat(option).filteredOn((a) -> !(a instanceof Outbound.Answer))
			.singleElement()
			.isInstanceOfSatisfying(Outbound.Edit.class, (edit) -> assertThat(edit.slot()).isEqualTo(slot));
		// /reported: likewise until the report is recorded
		List<Outbound> reported = chat.command(LIAISON, "/reported");
		String dialog = ((Outbound.Send) reported.get(0)).slot();
		List<Outbound> channel = chat.press(LIAISON, EngineHarness.buttons(reported.get(0)).get(0).get(0));
		List<Outbound> time = chat.press(LIAISON, button(channel, "电话"));
		assertThat(List.of(channel, time))
			.allSatisfy((actions) -> assertThat(actions).filteredOn((a) -> !(a instanceof Outbound.Answer))
				.singleElement()
				.isInstanceOfSatisfying(Outbound.Edit.class, (edit) -> assertThat(edit.slot()).isEqualTo(dialog)));
		// and someone else's dialog is not theirs to press
		assertThat(texts(chat.press(COMMANDER, button(time, "现在")))).contains("此按钮不是给您的");
	}

}
