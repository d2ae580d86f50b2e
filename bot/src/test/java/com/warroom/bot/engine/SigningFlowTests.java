package com.warroom.bot.engine;

import java.util.List;

import com.warroom.bot.chat.Actor;
import com.warroom.bot.incident.Incident;
import com.warroom.bot.incident.TimelineEntry;
import com.warroom.bot.incident.TimelineType;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static com.warroom.bot.engine.EngineHarness.COMMANDER;
import static com.warroom.bot.engine.EngineHarness.DBA;
import static com.warroom.bot.engine.EngineHarness.GM;
import static com.warroom.bot.engine.EngineHarness.LIAISON;
import static com.warroom.bot.engine.EngineHarness.button;
import static com.warroom.bot.engine.EngineHarness.texts;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * 签发 (4.2 L10505-10510: the report book of a central-trading fault is confirmed by the
 * 首席风险官 and the 总经理; a leader can delegate): two duties, two different people, the
 * approved bytes kept, and a new version when the incident changed while signing.
 */
class SigningFlowTests {

	static final Actor CRO = ReportFlowTests.CRO;

	/** 钱副总经理: 备岗 of both the 总经理 and the 首席风险官 in the example roster. */
	static final Actor DEPUTY = ReportFlowTests.DEPUTY;

	private EngineHarness chat;

	@BeforeEach
	void setUp() {
		chat = new EngineHarness(TestRedis.fresh());
	}

	private Incident only() {
		return chat.incidents.openIn(chat.chat).get(0);
	}

	/** Declares a central-trading fault and asks for the first report's 签发. */
	private List<Outbound> requestSigning() {
		chat.declare(LIAISON, "数据库主机", "数据库主机硬件故障");
		List<Outbound> which = chat.command(LIAISON, "/reported");
		List<Outbound> time = chat.press(LIAISON,
				button(chat.press(LIAISON, button(which, "定期报告 第 1 次（11-23 13:58 前）")), "电话"));
		return chat.press(LIAISON, button(time, "现在"));
	}

	private List<TimelineType> types() {
		return chat.incidents.timeline(only().id()).stream().map(TimelineEntry::type).toList();
	}

	private String signingCard(List<Outbound> actions) {
		String slot = only().id() + ":sign:CYCLE:1";
		return actions.stream()
			.filter((a) -> a instanceof Outbound.Edit edit && edit.slot().equals(slot) && edit.chat().equals(chat.chat))
			.map((a) -> ((Outbound.Edit) a).html())
			.reduce((a, b) -> b)
			.orElseThrow(() -> new AssertionError("no signing card in " + texts(actions)));
	}

	@Test
	void oneDeputyOfBothDutiesSignsOnlyOneOfThem() {
		// GH-12: 钱副总经理 signed once for both and the report counted with one 签发人
		Button approve = button(requestSigning(), "签发");
		assertThat(texts(chat.press(DEPUTY, approve))).contains("已签发，仍待 总经理（应急领导小组组长） 签发");
		assertThat(texts(chat.press(DEPUTY, approve))).contains("您已签发（首席风险官）；总经理（应急领导小组组长） 须由另一人签发（两项签发须由两位不同的人完成）");
		assertThat(types()).doesNotContain(TimelineType.REPORTED);
		List<Outbound> done = chat.press(GM, approve);
		assertThat(texts(done)).contains("已签发，报告已记录");
		assertThat(chat.incidents.timeline(only().id())).filteredOn((e) -> e.type() == TimelineType.REPORT_APPROVED)
			.extracting(TimelineEntry::personName, (e) -> e.detail("role"))
			.containsExactly(org.assertj.core.groups.Tuple.tuple("钱副总经理", "cro"),
					org.assertj.core.groups.Tuple.tuple("赵总经理", "gm"));
		TimelineEntry reported = chat.incidents.timeline(only().id())
			.stream()
			.filter((e) -> e.type() == TimelineType.REPORTED)
			.findFirst()
			.orElseThrow();
		assertThat(reported.detail("signers")).isEqualTo("钱副总经理、赵总经理");
	}

	@Test
	void theSigningCardShowsTheBooksHashWhoSignedAndWhenAndWhatIsMissing() {
		List<Outbound> pending = requestSigning();
		byte[] book = chat.archive.read(only().id(), "事件情况报告书-第1次-待签发.pdf").orElseThrow();
		String sha = SigningFlow.sha256(book);
		assertThat(texts(pending)).contains("报告书 SHA-256：<code>" + sha + "</code>")
			.contains("⏳ 首席风险官：待签发（孙首席风险官、备岗 钱副总经理）")
			.contains("⏳ 总经理（应急领导小组组长）：待签发（赵总经理、备岗 钱副总经理）");
		// the hash is on the timeline too
		assertThat(chat.incidents.timeline(only().id()))
			.filteredOn((e) -> e.type() == TimelineType.REPORT_APPROVAL_REQUESTED)
			.singleElement()
			.satisfies((e) -> assertThat(chat.views.describe(e)).contains(sha));
		chat.clock.advance(java.time.Duration.ofMinutes(2));
		String card = signingCard(chat.press(CRO, button(pending, "签发")));
		assertThat(card).contains("✅ 首席风险官：孙首席风险官 于 11-23 14:00 签发").contains("⏳ 总经理（应急领导小组组长）：待签发").contains(sha);
		String done = signingCard(chat.press(GM, button(pending, "签发")));
		assertThat(done).contains("✅ 总经理（应急领导小组组长）：赵总经理 于 11-23 14:00 签发").contains("全部签发");
	}

	@Test
	void eachSignerGetsTheBookAndTheButtonInTheirOwnChats() {
		List<Outbound> pending = requestSigning();
		for (String own : List.of("900000001", "900000002", "900000003", "p-zhao-gm", "p-qian-deputy", "p-sun-cro")) {
			assertThat(pending).as(own)
				.filteredOn((a) -> a instanceof Outbound.Document doc && doc.chat().chatId().equals(own))
				.singleElement()
				.satisfies((doc) -> assertThat(((Outbound.Document) doc).name()).isEqualTo("事件情况报告书-第1次-待签发.pdf"));
			assertThat(pending).as(own)
				.filteredOn((a) -> a instanceof Outbound.Send send && send.chat().chatId().equals(own))
				.singleElement()
				.satisfies((dm) -> assertThat(EngineHarness.buttons(dm).get(0).get(0).label()).isEqualTo("签发"));
		}
		// nobody else is asked
		assertThat(pending)
			.noneMatch((a) -> a instanceof Outbound.Send send && send.chat().chatId().equals("900000004"));
	}

	@Test // the busy-group benchmark: renewed at every step press, the book was never
			// signed
	void theHandlingsOwnProgressWhileSigningDoesNotRenewTheBook() {
		List<Outbound> pending = requestSigning();
		chat.press(CRO, button(pending, "签发"));
		chat.command(DBA, "/note 内部：备件已在路上"); // an internal note is not in the book
		chat.press(DBA, button(chat.command(DBA, "/steps"), "跳过"));
		chat.text(DBA, "已由厂商处理");
		assertThat(types()).doesNotContain(TimelineType.REPORT_BOOK_RENEWED);
		// the 首席风险官's signature still counts: the 总经理's completes the report
		assertThat(texts(chat.press(GM, button(pending, "签发")))).contains("已签发，报告已记录");
	}

	@Test
	void aChangeTheEngineDidNotSeeIsCaughtAtThePress() {
		List<Outbound> pending = requestSigning();
		// the clock raises the level (it records on
		// the timeline without an engine action)
		chat.incidents.append(only(), java.util.EnumSet.allOf(com.warroom.bot.incident.IncidentStatus.class),
				new com.warroom.bot.incident.IncidentStore.Entry(TimelineType.LEVEL_RAISED, "system", "系统", "clock",
						chat.clock.instant(), java.util.Map.of("level", "较大", "text", "4.2 第四章二（二）1")));
		List<Outbound> renewed = chat.press(GM, button(pending, "签发"));
		assertThat(texts(renewed)).contains("事件有变化，报告书已更新：请审阅新版本后再签发").contains("第 2 版");
		assertThat(types()).doesNotContain(TimelineType.REPORT_APPROVED);
	}

	@Test
	void aSignerWhoIsAwayDelegatesToANamedPersonOnTheTimeline() {
		List<Outbound> pending = requestSigning();
		assertThat(texts(chat.press(DBA, button(pending, "委托他人签发")))).contains("只有该项签发的本人或其备岗可以委托他人");
		List<Outbound> whom = chat.press(GM, button(pending, "委托他人签发"));
		assertThat(texts(whom)).contains("请选择代您签发“总经理（应急领导小组组长）”一项的人");
		List<Outbound> delegated = chat.press(GM, button(whom, "李信息技术部总经理"));
		assertThat(texts(delegated)).contains("赵总经理 将“总经理（应急领导小组组长）”一项的签发委托给 李信息技术部总经理");
		// the delegate is told directly, with the book and the button
		assertThat(delegated)
			.anyMatch((a) -> a instanceof Outbound.Document doc && doc.chat().chatId().equals("900000004"));
		assertThat(chat.incidents.timeline(only().id())).filteredOn((e) -> e.type() == TimelineType.REPORT_DELEGATED)
			.singleElement()
			.satisfies((e) -> assertThat(chat.views.describe(e)).contains("总经理（应急领导小组组长） 一项委托 李信息技术部总经理 签发"));
		assertThat(texts(chat.press(COMMANDER, button(pending, "签发")))).contains("已签发，仍待 首席风险官 签发");
		assertThat(texts(chat.press(CRO, button(pending, "签发")))).contains("已签发，报告已记录");
	}

	@Test
	void aChangeWhileSignaturesArePendingMakesTheSignersSignTheNewVersion() {
		List<Outbound> pending = requestSigning();
		String first = SigningFlow.sha256(chat.archive.read(only().id(), "事件情况报告书-第1次-待签发.pdf").orElseThrow());
		chat.press(CRO, button(pending, "签发"));
		// a note for the report changes what the book
		// says: renewed at once, the signers told
		List<Outbound> renewed = chat.command(DBA, "/note !已切换至备用数据库");
		assertThat(texts(renewed)).contains("已记入").contains("报告书已更新为第 2 版；已通知签发人审阅新版本并重新签发");
		// said in place on the room's signing card: no new group message per change (the
		// group's budget, GH-13)
		assertThat(renewed)
			.filteredOn((a) -> (a instanceof Outbound.Send send && send.chat().equals(chat.chat))
					|| (a instanceof Outbound.Document doc && doc.chat().equals(chat.chat)))
			.extracting((a) -> texts(List.of(a)))
			.singleElement()
			.asString()
			.contains("已记入");
		// the signers are told, with the new book
		assertThat(renewed)
			.filteredOn((a) -> a instanceof Outbound.Send send && send.chat().chatId().equals("900000003"))
			.singleElement()
			.satisfies((dm) -> assertThat(((Outbound.Send) dm).html()).contains("此前的签发不再有效"));
		assertThat(types()).contains(TimelineType.REPORT_BOOK_RENEWED).doesNotContain(TimelineType.REPORTED);
		String card = signingCard(renewed);
		assertThat(card).contains("第 2 版").doesNotContain(first).contains("⏳ 首席风险官：待签发");
		// the signature of version 1 no longer counts: both sign version 2
		assertThat(texts(chat.press(GM, button(pending, "签发")))).contains("已签发，仍待 首席风险官 签发");
		List<Outbound> done = chat.press(CRO, button(pending, "签发"));
		assertThat(texts(done)).contains("已签发，报告已记录");
		TimelineEntry reported = chat.incidents.timeline(only().id())
			.stream()
			.filter((e) -> e.type() == TimelineType.REPORTED)
			.findFirst()
			.orElseThrow();
		byte[] sent = chat.archive.read(only().id(), EngineHarness.documents(done).get(0).name()).orElseThrow();
		// the sent file starts with the approved version 2, byte for byte (then the
		// revision filling 报告时间, 签发人)
		byte[] approved = chat.archive.read(only().id(), reported.detail("book")).orElseThrow();
		assertThat(java.util.Arrays.copyOf(sent, approved.length)).isEqualTo(approved);
		assertThat(SigningFlow.sha256(approved)).isEqualTo(reported.detail("sha256")).isNotEqualTo(first);
		assertThat(reported.detail("book")).isEqualTo("事件情况报告书-第1次-待签发-2.pdf");
	}

	/** The text of a kept document as laid out on its pages, whitespace removed. */
	private String laidOut(byte[] pdf) throws Exception {
		StringBuilder text = new StringBuilder();
		try (var doc = new com.itextpdf.kernel.pdf.PdfDocument(
				new com.itextpdf.kernel.pdf.PdfReader(new java.io.ByteArrayInputStream(pdf)))) {
			for (int page = 1; page <= doc.getNumberOfPages(); page++) {
				text.append(EngineHarness.laidOut(doc.getPage(page)));
			}
		}
		return text.toString().replaceAll("[\\s\\u3000]+", "");
	}

	@Test // GH-12: the book signed is the book sent, and the sent book is dated and names
			// its 签发人
	void theSentBookStartsWithTheApprovedBytesAndItsAppendedRevisionFillsTheReportTimeAndBothSigners()
			throws Exception {
		List<Outbound> pending = requestSigning();
		byte[] approved = chat.archive.read(only().id(), "事件情况报告书-第1次-待签发.pdf").orElseThrow();
		String cardHash = SigningFlow.sha256(approved);
		assertThat(texts(pending)).contains("报告书 SHA-256：<code>" + cardHash + "</code>");
		chat.clock.advance(java.time.Duration.ofMinutes(4));
		chat.press(CRO, button(pending, "签发"));
		chat.clock.advance(java.time.Duration.ofMinutes(5)); // the last signature, 14:07,
																// makes it count
		List<Outbound> done = chat.press(GM, button(pending, "签发"));
		Outbound.Document kept = EngineHarness.documents(done).get(0);
		byte[] sent = chat.archive.read(only().id(), kept.name()).orElseThrow();

		assertThat(sent.length).isGreaterThan(approved.length);
		assertThat(java.util.Arrays.copyOf(sent, approved.length)).isEqualTo(approved);
		TimelineEntry issued = chat.incidents.timeline(only().id())
			.stream()
			.filter((e) -> e.type() == TimelineType.DOCUMENT_ISSUED && kept.name().equals(e.detail("document")))
			.findFirst()
			.orElseThrow();
		int prefix = Integer.parseInt(issued.detail("approvedBytes"));
		assertThat(prefix).isEqualTo(approved.length);
		assertThat(SigningFlow.sha256(java.util.Arrays.copyOf(sent, prefix))).isEqualTo(cardHash)
			.isEqualTo(issued.detail("approvedSha256"));
		assertThat(issued.detail("sha256")).isEqualTo(SigningFlow.sha256(sent)).isNotEqualTo(cardHash);
		assertThat(kept.caption()).contains(cardHash, "前 " + prefix + " 字节", SigningFlow.sha256(sent));
		String text = laidOut(sent);
		assertThat(text).contains("报告时间：2026年11月23日14时07分第1次", "签发人孙首席风险官赵总经理事件发生时间");
		// the approved revision, cut from the sent file, still reads blank
		assertThat(laidOut(java.util.Arrays.copyOf(sent, prefix))).contains("报告时间：年月日时分第1次", "签发人事件发生时间");
		// what the book says is otherwise the approved book's (no new rendering: 已持续
		// stays as approved)
		assertThat(text).contains("截至报告时已持续0秒");
	}

	@Test // GH-12: a signature of a superseded version is not a 签发人 of the book sent
	void theSignerOfASupersededVersionIsNotASignerOfTheSentBookOrTheReportsTable() throws Exception {
		List<Outbound> pending = requestSigning();
		chat.press(DEPUTY, button(pending, "签发")); // 钱副总经理 for the 首席风险官, version 1
		chat.command(DBA, "/note !已切换至备用数据库"); // version 2: signed anew
		chat.press(CRO, button(pending, "签发"));
		List<Outbound> done = chat.press(GM, button(pending, "签发"));
		byte[] sent = chat.archive.read(only().id(), EngineHarness.documents(done).get(0).name()).orElseThrow();

		assertThat(laidOut(sent)).contains("签发人孙首席风险官赵总经理事件发生时间").doesNotContain("钱副总经理");
		List<Outbound> summary = chat.press(LIAISON, button(chat.command(LIAISON, "/summary"), "生成报告"));
		byte[] report = chat.archive.read(only().id(), EngineHarness.documents(summary).get(0).name()).orElseThrow();
		assertThat(laidOut(report)).contains("孙首席风险官").doesNotContain("钱副总经理");
	}

}
