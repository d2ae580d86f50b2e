package com.warroom.bot.engine;

import java.time.Duration;
import java.util.List;

import com.warroom.bot.chat.Actor;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static com.warroom.bot.engine.EngineHarness.COMMANDER;
import static com.warroom.bot.engine.EngineHarness.DBA;
import static com.warroom.bot.engine.EngineHarness.button;
import static com.warroom.bot.engine.EngineHarness.documents;
import static com.warroom.bot.engine.EngineHarness.texts;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * GH-16: the coordinator who runs a drill (陈演练协调人, role drill-coordinator: no reporting,
 * no archive) produces and downloads every document of that drill, the report book
 * included; a real incident's documents keep their rules.
 */
class DrillDocumentsTests {

	static final Actor COORDINATOR = EngineHarness.user("900000010");

	private EngineHarness chat;

	@BeforeEach
	void setUp() {
		chat = new EngineHarness(TestRedis.fresh());
	}

	private void drill(Actor actor) {
		List<Outbound> picker = chat.command(actor, "/drill 数据库主机");
		List<Outbound> confirm = chat.press(actor, button(picker, "数据库主机硬件故障"));
		chat.press(actor, button(confirm, "确认宣布"));
	}

	@Test
	void theCoordinatorMakesTheDrillsReportBookButNotARealIncidents() {
		drill(COORDINATOR);
		List<Outbound> report = chat.command(COORDINATOR, "/report");
		assertThat(documents(report)).singleElement().satisfies((book) -> {
			assertThat(book.incidentId()).isEqualTo("DRL-20261123-001");
			assertThat(book.name()).isEqualTo("事件情况报告书-第1次-草稿.pdf");
		});
	}

	@Test
	void aRealIncidentsReportBookStaysWithTheReporters() {
		chat.declare(DBA, "数据库主机", "数据库主机硬件故障");
		List<Outbound> real = chat.command(COORDINATOR, "/report");
		assertThat(documents(real)).isEmpty();
		assertThat(texts(real)).contains("无权");
	}

	@Test
	void theCoordinatorDownloadsTheClosedDrillsDocumentsFromTheArchive() {
		drill(COORDINATOR);
		chat.command(COORDINATOR, "/report");
		chat.clock.advance(Duration.ofMinutes(20));
		chat.recovered(COORDINATOR);
		List<Outbound> closed = chat.press(COORDINATOR, button(chat.command(COORDINATOR, "/close"), "确认关闭"));
		assertThat(texts(closed)).contains("DRL-20261123-001</b> 已归档");
		List<Outbound> list = chat.command(COORDINATOR, "/archive drl");
		assertThat(texts(list)).contains("共有 1 个已关闭的事件");
		List<Outbound> docs = chat.press(COORDINATOR, button(list, "DRL-20261123-001"));
		List<Outbound> fetched = chat.press(COORDINATOR, button(docs, "事件情况报告书-第1次-草稿.pdf"));
		assertThat(documents(fetched)).singleElement()
			.satisfies((doc) -> assertThat(doc.incidentId()).isEqualTo("DRL-20261123-001"));
		// someone who neither runs drills nor reads the archive is still refused
		assertThat(texts(chat.command(EngineHarness.user("900000011"), "/archive drl"))).contains("只有应急领导小组");
	}

	@Test
	void theArchiveOfARealIncidentStaysClosedToTheCoordinator() {
		chat.declare(DBA, "数据库主机", "数据库主机硬件故障");
		chat.clock.advance(Duration.ofMinutes(20));
		chat.recovered(DBA);
		chat.press(COMMANDER, button(chat.command(COMMANDER, "/close"), "确认关闭"));
		assertThat(texts(chat.command(COORDINATOR, "/archive"))).contains("只有应急领导小组和应急工作小组组长可以查阅档案");
		assertThat(texts(chat.command(COORDINATOR, "/archive INC-20261123-001"))).contains("只有应急领导小组");
	}

}
