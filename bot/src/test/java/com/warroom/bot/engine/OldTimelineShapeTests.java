package com.warroom.bot.engine;

import java.time.Duration;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.itextpdf.kernel.pdf.PdfDocument;
import com.itextpdf.kernel.pdf.PdfReader;
import com.itextpdf.kernel.pdf.canvas.parser.PdfTextExtractor;
import com.itextpdf.kernel.pdf.canvas.parser.listener.SimpleTextExtractionStrategy;
import com.warroom.bot.incident.Incident;
import com.warroom.bot.incident.IncidentStatus;
import com.warroom.bot.incident.IncidentStore;
import com.warroom.bot.incident.TimelineType;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static com.warroom.bot.engine.EngineHarness.COMMANDER;
import static com.warroom.bot.engine.EngineHarness.DBA;
import static com.warroom.bot.engine.EngineHarness.LIAISON;
import static com.warroom.bot.engine.EngineHarness.button;
import static com.warroom.bot.engine.EngineHarness.documents;
import static com.warroom.bot.engine.EngineHarness.texts;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * GH-14: the incidents already kept (the two-year record, 4.3 第十三条; 2.8.4 事件记录表) hold
 * timeline entries whose words the bot composed at write time, under {@code text}. Stored
 * in the real store next to entries of the new shape (structure only), they read exactly
 * as they did in the chat timeline and in the documents, and an old and a new entry of
 * the same event read alike.
 */
class OldTimelineShapeTests {

	private static final String ID = "INC-20261123-001";

	private EngineHarness chat;

	@BeforeEach
	void setUp() {
		chat = new EngineHarness(TestRedis.fresh());
		chat.declare(DBA, "数据库主机", "数据库主机硬件故障");
	}

	@Test
	void oldEntriesReadAsTheyWereWrittenInTheChatTimeline() {
		// as StepFlow, FactFlow, LifecycleFlow and SigningFlow wrote them before GH-14
		append(TimelineType.NOTE, Map.of("track", "flow", "step", "f2", "title", "立即联系设备供应商", "text", "受阻原因：备库无法连接"));
		append(TimelineType.FACT_SET, Map.of("text", "数据泄露 120 人"));
		append(TimelineType.LEVEL_SET, Map.of("level", "较大", "text", "按规则从严"));
		append(TimelineType.REPORT_BOOK_RENEWED, Map.of("kind", "CYCLE", "seq", "1", "ver", "2", "sha256", "ff00",
				"text", "定期报告 第 1 次 第 2 版 SHA-256 ff00"));
		append(TimelineType.DECISION,
				Map.of("track", "steps", "step", "m5", "title", "重启后是否解决", "answer", "已解决", "text", "重启行情软件后故障是否解决？"));

		String timeline = texts(chat.command(DBA, "/timeline"));

		assertThat(timeline).contains("备注：受阻原因：备库无法连接", "更新事实：数据泄露 120 人", "调整级别为 较大：按规则从严",
				"报告书因事件变化更新：定期报告 第 1 次 第 2 版 SHA-256 ff00", "决策：重启行情软件后故障是否解决？ → 已解决");
	}

	@Test
	void anOldAndANewEntryOfTheSameEventReadAlikeInTheChatTimeline() {
		List<Map<String, String>> old = List.of(
				Map.of("track", "flow", "step", "f2", "title", "立即联系设备供应商", "text", "受阻原因：备库无法连接"),
				Map.of("text", "数据泄露 120 人"), Map.of("level", "较大", "text", "按规则从严"), Map.of("kind", "CYCLE", "seq",
						"1", "ver", "2", "sha256", "ff00", "text", "定期报告 第 1 次 第 2 版 SHA-256 ff00"));
		List<Map<String, String>> now = List.of(
				Map.of("track", "flow", "step", "f2", "title", "立即联系设备供应商", "reason", "备库无法连接"),
				Map.of("fact", "leaked", "value", "120"), Map.of("level", "LARGER", "text", "按规则从严"),
				Map.of("kind", "CYCLE", "seq", "1", "ver", "2", "sha256", "ff00"));
		List<TimelineType> types = List.of(TimelineType.NOTE, TimelineType.FACT_SET, TimelineType.LEVEL_SET,
				TimelineType.REPORT_BOOK_RENEWED);
		for (int i = 0; i < types.size(); i++) {
			append(types.get(i), old.get(i));
			append(types.get(i), now.get(i));
		}

		List<String> lines = List.of(texts(chat.command(DBA, "/timeline")).split("\n"));

		// each old line has its new twin, word for word (same time, same person)
		for (String said : List.of("备注：受阻原因：备库无法连接", "更新事实：数据泄露 120 人", "调整级别为 较大：按规则从严",
				"报告书因事件变化更新：定期报告 第 1 次 第 2 版 SHA-256 ff00")) {
			List<String> twins = lines.stream().filter((line) -> line.endsWith("：" + said)).toList();
			assertThat(twins).as(said).hasSize(2);
			assertThat(twins.get(1)).isEqualTo(twins.get(0));
		}
	}

	@Test
	void oldEntriesReadAsTheyWereWrittenInTheDocuments() throws Exception {
		append(TimelineType.NOTE, Map.of("track", "flow", "step", "f2", "title", "立即联系设备供应商", "text", "受阻原因：备库无法连接"));
		append(TimelineType.LEVEL_SET, Map.of("level", "较大", "text", "按规则从严"));
		chat.clock.advance(Duration.ofMinutes(20));
		chat.recovered(DBA);
		String report = pdfText(
				documents(chat.press(LIAISON, button(chat.command(LIAISON, "/summary"), "生成报告"))).get(0).name());
		assertThat(report).contains("将事件级别调整为较大，理由：按规则从严");
		List<Outbound> closed = chat.press(COMMANDER, button(chat.command(COMMANDER, "/close"), "确认关闭"));
		// the incident record's 现场记录 lists every note,
		// the old reason of a blocked step too
		assertThat(pdfText(documents(closed).get(0).name())).contains("现场记录：", "受阻原因：备库无法连接");
	}

	private void append(TimelineType type, Map<String, String> details) {
		Incident incident = chat.incidents.find(ID).orElseThrow();
		IncidentStore.Result result = chat.incidents.append(incident,
				EnumSet.of(IncidentStatus.OPEN, IncidentStatus.RECOVERED), new IncidentStore.Entry(type, "wu-dba",
						"吴数据库管理员", "tg", chat.clock.instant(), new LinkedHashMap<>(details)));
		assertThat(result.applied()).isTrue();
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
