package com.warroom.bot.engine;

import java.util.List;
import java.util.Locale;

import com.itextpdf.kernel.pdf.PdfDocument;
import com.itextpdf.kernel.pdf.PdfReader;
import com.itextpdf.kernel.pdf.canvas.parser.PdfTextExtractor;
import com.itextpdf.kernel.pdf.canvas.parser.listener.SimpleTextExtractionStrategy;
import org.junit.jupiter.api.Test;

import static com.warroom.bot.engine.EngineHarness.DBA;
import static com.warroom.bot.engine.EngineHarness.LIAISON;
import static com.warroom.bot.engine.EngineHarness.button;
import static com.warroom.bot.engine.EngineHarness.documents;
import static com.warroom.bot.engine.EngineHarness.texts;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * GH-14: a bot that speaks English in chat renders the timeline in English from the same
 * entries, and the regulator's forms stay Chinese whatever the chat's locale: the report
 * book (附件三 L11034-11069, 4.6 L15332-15374) and the timeline kept in the archive (2.8.4).
 */
class DocumentsStayChineseTests {

	private static final String ID = "INC-20261123-001";

	private final EngineHarness chat = new EngineHarness(TestRedis.fresh(), new Texts(Locale.ENGLISH), List.of());

	@Test
	void theChatTimelineIsEnglishAndTheReportBookAndTheArchivedTimelineAreChinese() throws Exception {
		List<Outbound> matches = chat.command(DBA, "/declare 数据库主机");
		chat.press(DBA, button(chat.press(DBA, button(matches, "数据库主机硬件故障")), "Declare"));
		chat.command(DBA, "/note 节点 2 服务器已接管全部业务");

		assertThat(texts(chat.command(DBA, "/timeline"))).contains("Declared the incident: 数据库主机硬件故障",
				"Note: 节点 2 服务器已接管全部业务");

		String book = pdfText(documents(chat.command(LIAISON, "/report")).get(0).name());
		assertThat(book).contains("网络与信息安全事件情况报告书", "吴数据库管理员在应急指挥机器人中宣布事件").doesNotContain("Declared", "incident");
		chat.press(DBA, button(chat.command(DBA, "/recovered"), "Recovered (now)"));
		documents(
				chat.press(EngineHarness.COMMANDER, button(chat.command(EngineHarness.COMMANDER, "/close"), "Close")));
		String archived = new String(chat.archive.read(ID, "timeline.json").orElseThrow(),
				java.nio.charset.StandardCharsets.UTF_8);
		assertThat(archived).contains("宣布事件：数据库主机硬件故障", "备注：节点 2 服务器已接管全部业务").doesNotContain("Declared the incident");
	}

	/**
	 * GH-14: the playbooks' vocabulary in an English chat is English (the system classes
	 * to choose from, the level on the card, /level and its buttons, the report owed),
	 * while the report book (附件三 L11034-11069) keeps the Chinese labels.
	 */
	@Test
	void anEnglishChatShowsLevelSystemClassAndReportInEnglishAndTheReportBookStaysChinese() throws Exception {
		List<Outbound> classes = chat.command(DBA, "/declare");
		List<Outbound> scenarios = chat.press(DBA, button(classes, "Central trading system"));
		assertThat(texts(scenarios)).contains("[Central trading system]").doesNotContain("集中交易系统");
		List<Outbound> declared = chat.press(DBA, button(chat.press(DBA, button(scenarios, "数据库主机硬件故障")), "Declare"));
		String card = texts(declared);
		assertThat(card).contains("Level: <b>General</b>", "Report now: periodic report number 1", "| Handle phase |")
			.doesNotContain("一般", "定期报告", "处理");
		assertThat(texts(chat.command(DBA, "/status"))).contains("Level: <b>General</b>", "periodic report number 1")
			.doesNotContain("一般", "定期报告");
		List<Outbound> level = chat.command(EngineHarness.COMMANDER, "/level");
		assertThat(texts(level)).contains("computed level now: <b>General</b>", "Settlement normal");
		assertThat(button(level, "Relatively major").label()).isEqualTo("Relatively major");
		assertThat(button(level, "+Online trading system").label()).isEqualTo("+Online trading system");
		assertThat(EngineHarness.findButton(level, "较大")).isEmpty();

		String book = pdfText(documents(chat.command(LIAISON, "/report")).get(0).name());
		assertThat(book).contains("影响范围：集中交易系统（数据库主机硬件故障）", "事件级别：一般事件")
			.doesNotContain("Central", "General", "periodic");
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
				text.append(PdfTextExtractor.getTextFromPage(doc.getPage(page), new SimpleTextExtractionStrategy()));
			}
		}
		return text.toString().replaceAll("[\\s\\u3000]+", "");
	}

}
