package com.warroom.bot.engine;

import java.time.Duration;
import java.util.List;

import com.warroom.bot.incident.IncidentStatus;
import com.warroom.bot.incident.TimelineEntry;
import com.warroom.bot.incident.TimelineType;
import com.warroom.notify.Reminder.Stage;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static com.warroom.bot.engine.EngineHarness.COMMANDER;
import static com.warroom.bot.engine.EngineHarness.DBA;
import static com.warroom.bot.engine.EngineHarness.LIAISON;
import static com.warroom.bot.engine.EngineHarness.button;
import static com.warroom.bot.engine.EngineHarness.texts;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Closing ends the handling, not the obligations (GH-12): the 12-hour analysis (4.2
 * L10661-10665), the 5-working-day summary and the 30-working-day supplementary report
 * (4.3 第十二条) are still owed, reminded, escalated, recordable and producible after close.
 */
class CloseKeepsObligationsTests {

	private ClockRig rig;

	private EngineHarness chat;

	private String id;

	@BeforeEach
	void setUp() {
		rig = new ClockRig();
		chat = rig.chat;
	}

	/**
	 * A website incident (reports at once) declared 13:58, reported, recovered 14:38 with
	 * its final report made.
	 */
	private List<Outbound> recoveredAndAskedToClose() {
		chat.declare(LIAISON, "网页 篡改", "网页内容被篡改");
		id = chat.incidents.openIn(chat.chat).get(0).id();
		chat.command(EngineHarness.GM, "/ack");
		report("定期报告 第 1 次（11-23 13:58 前）");
		chat.clock.advance(Duration.ofMinutes(40)); // 14:38
		chat.recovered(DBA);
		report("恢复后报告 第 2 次（11-23 14:38 前）");
		return chat.command(COMMANDER, "/close");
	}

	private void report(String option) {
		List<Outbound> which = chat.command(LIAISON, "/reported");
		List<Outbound> time = chat.press(LIAISON, button(chat.press(LIAISON, button(which, option)), "电话"));
		chat.press(LIAISON, button(time, "现在"));
	}

	private List<Outbound> close() {
		return chat.press(COMMANDER, button(recoveredAndAskedToClose(), "确认关闭"));
	}

	@Test
	void theCloseConfirmationListsWhatIsStillOwed() {
		List<Outbound> ask = recoveredAndAskedToClose();
		assertThat(texts(ask)).contains("关闭只结束处置，以下报告仍须完成")
			.contains("• 事件分析总结报告 第 1 次（11-24 02:38 前）")
			.contains("• 事件总结报告 第 1 次（11-30 23:59 前）")
			.contains("• 补充报告 第 1 次");
		List<Outbound> closed = chat.press(COMMANDER, button(ask, "确认关闭"));
		assertThat(texts(closed)).contains("事件 " + id + " 已关闭")
			.contains("以下报告仍须完成，提醒和超时升级照常进行")
			.contains("• 事件分析总结报告 第 1 次（11-24 02:38 前）");
	}

	@Test
	void afterCloseTheReportsAreStillRemindedAndEscalatedWhenOverdue() {
		close();
		assertThat(chat.incidents.find(id).orElseThrow().status()).isEqualTo(IncidentStatus.CLOSED);
		chat.clock.advance(Duration.ofHours(12)); // 02:38 the next day
		rig.sink.delivered.clear();
		rig.fire(id, "ANALYSIS:1", Stage.DUE);
		assertThat(rig.sink.texts()).contains(id + "</b> 事件分析总结报告 第 1 次现在到期");
		chat.clock.advance(Duration.ofMinutes(5));
		rig.fire(id, "ANALYSIS:1", Stage.OVERDUE);
		assertThat(rig.sink.texts()).contains("事件分析总结报告 第 1 次已超时").contains("已通知技术部负责人（周技术部经理）");
		assertThat(rig.sentTo("900000005")).anyMatch((dm) -> dm.html().contains("事件分析总结报告 第 1 次已超时"));
		// and the escalation goes on to the next tier when nobody acknowledges
		chat.clock.advance(Duration.ofMinutes(5));
		rig.sink.delivered.clear();
		String esc = rig.plans.pending(id)
			.stream()
			.filter((r) -> r.key().startsWith("ESC:"))
			.findFirst()
			.orElseThrow()
			.key();
		rig.fire(id, esc, null);
		assertThat(rig.sink.texts()).contains("已通知应急工作小组组长（李信息技术部总经理）");
		// the addressee acknowledges it after close
		assertThat(texts(chat.command(COMMANDER, "/ack"))).contains("李信息技术部总经理 已确认收到 " + id);
	}

	@Test
	void afterCloseTheReportsAreRecordableWithReportedAndTheSummaryIsProducible() {
		close();
		List<Outbound> which = chat.command(LIAISON, "/reported");
		assertThat(texts(which)).contains("记录哪一次报告");
		List<Outbound> time = chat.press(LIAISON,
				button(chat.press(LIAISON, button(which, "事件分析总结报告 第 1 次（11-24 02:38 前）")), "书面"));
		assertThat(texts(chat.press(LIAISON, button(time, "现在")))).contains("已记录 " + id + "：事件分析总结报告 第 1 次");
		assertThat(chat.incidents.timeline(id)).filteredOn((e) -> e.type() == TimelineType.REPORTED)
			.extracting((e) -> e.detail("kind"))
			.contains("ANALYSIS");
		// the reminders of the analysis report stop, the others stay
		assertThat(rig.plans.pending(id)).noneMatch((r) -> r.key().startsWith("ANALYSIS"))
			.anyMatch((r) -> r.key().startsWith("SUMMARY"));
		// /summary opens its interview
		List<Outbound> summary = chat.command(LIAISON, "/summary");
		assertThat(texts(summary)).doesNotContain("已关闭，不能再更改").contains(id);
		assertThat(EngineHarness.findButton(summary, "生成报告")).isPresent();
	}

	@Test // GH-12: documents still owed after close join the sealed archive as chained
			// supplements
	void theFiveWorkingDaySummaryMadeAfterCloseIsArchivedAsAChainedSupplementAndTheArchiveVerifies() {
		List<Outbound> closed = close();
		assertThat(chat.archive.sealed(id)).isPresent();
		assertThat(chat.archive.supplements(id)).isEmpty();
		chat.clock.advance(Duration.ofDays(3));

		List<Outbound> made = chat.press(LIAISON, button(chat.command(LIAISON, "/summary"), "生成报告"));
		String report = EngineHarness.documents(made).get(0).name();
		assertThat(texts(made)).doesNotContain("已关闭");
		assertThat(chat.archive.supplements(id)).containsExactly("manifest-2.json");
		assertThat(new String(chat.archive.read(id, "manifest-2.json").orElseThrow(),
				java.nio.charset.StandardCharsets.UTF_8))
			.contains("\"previous\": \"manifest.json\"", report);
		assertThat(chat.incidents.timeline(id)).filteredOn((e) -> e.type() == TimelineType.DOCUMENT_ISSUED)
			.extracting((e) -> chat.views.timelineText().text(e))
			.contains(report);
		// recorded as the 5-working-day summary: its book
		// is kept too, the next link of the chain
		report("事件总结报告 第 1 次（11-30 23:59 前）");
		assertThat(chat.archive.supplements(id)).containsExactly("manifest-2.json", "manifest-3.json");
		assertThat(chat.incidents.timeline(id)).filteredOn((e) -> e.type() == TimelineType.REPORTED)
			.extracting((e) -> e.detail("kind"))
			.contains("SUMMARY");
		assertThat(chat.archive.verify(id)).isEmpty();
		assertThat(texts(closed)).contains("已关闭");
	}

	@Test
	void aClosedIncidentLeavesTheChatOnceNothingIsOwed() {
		close();
		assertThat(chat.incidents.owingIn(chat.chat)).extracting((i) -> i.id()).containsExactly(id);
		for (String option : List.of("事件分析总结报告 第 1 次（11-24 02:38 前）", "事件总结报告 第 1 次（11-30 23:59 前）")) {
			report(option);
		}
		List<Outbound> which = chat.command(LIAISON, "/reported");
		String last = EngineHarness.buttons(which.get(which.size() - 1)).get(0).get(0).label();
		assertThat(last).startsWith("补充报告 第 1 次");
		report(last);
		assertThat(chat.incidents.owingIn(chat.chat)).isEmpty();
		assertThat(rig.plans.pending(id)).isEmpty();
		assertThat(texts(chat.command(LIAISON, "/reported"))).contains("本群没有进行中的事件");
		// the last report recorded, then the issue of its book: the book of the report
		// that settled the last obligation is on the timeline too (it joined the archive
		// as a supplement)
		List<TimelineEntry> timeline = chat.incidents.timeline(id);
		assertThat(timeline.subList(timeline.size() - 2, timeline.size())).extracting(TimelineEntry::type)
			.containsExactly(TimelineType.REPORTED, TimelineType.DOCUMENT_ISSUED);
		assertThat(chat.views.timelineText().text(timeline.get(timeline.size() - 1))).isEqualTo("事件情况报告书-第1次补充报告.pdf");
		assertThat(chat.archive.documents(id)).extracting(com.warroom.reports.Archive.StoredDocument::name)
			.contains(timeline.get(timeline.size() - 1).detail("document"));
		assertThat(chat.archive.verify(id)).isEmpty();
	}

}
