package com.warroom.bot.web;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;

import com.warroom.bot.engine.ConversationEngine;
import com.warroom.bot.engine.EngineHarness;
import com.warroom.bot.engine.TestRedis;
import com.warroom.bot.engine.Texts;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;
import redis.clients.jedis.UnifiedJedis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;

/**
 * The board's web layer alone (GH-14 "the missing middle layer"): the board controller
 * with MockMvc over the real views of an incident declared through the engine, without a
 * server, Telegram or the sign-in guard (the guard puts the signed-in person in the
 * request, as here).
 */
class BoardWebSliceTests {

	private final UnifiedJedis redis = TestRedis.fresh();

	private final EngineHarness harness = new EngineHarness(redis);

	private WebEvents events;

	private MockMvc mvc;

	private WebUser dba;

	@BeforeEach
	void setUp() {
		ConversationEngine.Services services = harness.services;
		Texts texts = services.texts();
		Board board = new Board(services.incidents(), services.library(), services.views(),
				services.views().assessments(), services.clock());
		events = new WebEvents(new WebChatLog(com.warroom.bot.store.TestDatabase.shared()),
				new Sessions(redis, services.clock(), Duration.ofHours(1), Duration.ofHours(2)),
				(message, chat, viewer) -> "", board::signature, Duration.ofHours(1), Duration.ofHours(1));
		BoardController controller = new BoardController(board, new BoardView(texts, services.views()),
				new IncidentPage(texts, services.views(), services.roster(), services.library().vocabulary()),
				services.incidents(), services.library(), harness.archive, events, new Layout(texts, WebMode.SIGN_IN),
				texts, services.clock());
		mvc = MockMvcBuilders.standaloneSetup(controller).build();
		dba = new WebUser(services.roster().byId("wu-dba").orElseThrow(),
				new Sessions.Session("t", "wu-dba", "csrf", Instant.EPOCH, Instant.EPOCH));
	}

	@AfterEach
	void close() {
		events.close();
	}

	@Test
	void theBoardShowsTheOpenIncident() throws Exception {
		harness.declare(EngineHarness.DBA, "数据库主机", "数据库主机硬件故障");
		String id = harness.incidents.open().get(0).id();

		MvcResult result = mvc.perform(get("/board").requestAttr(WebUser.ATTRIBUTE, dba)).andReturn();

		assertThat(result.getResponse().getStatus()).isEqualTo(200);
		assertThat(result.getResponse().getContentType()).startsWith("text/html");
		assertThat(body(result)).contains("领导看板").contains(id).contains("数据库主机硬件故障").contains("吴数据库管理员");
	}

	@Test
	void anIncidentsPageNamesWhoDeclaredIt() throws Exception {
		harness.declare(EngineHarness.DBA, "数据库主机", "数据库主机硬件故障");
		String id = harness.incidents.open().get(0).id();

		MvcResult result = mvc.perform(get("/board/incidents/" + id).requestAttr(WebUser.ATTRIBUTE, dba)).andReturn();

		assertThat(result.getResponse().getStatus()).isEqualTo(200);
		assertThat(body(result)).contains(id).contains("宣布人：吴数据库管理员");
	}

	@Test
	void anUnknownOrMalformedIncidentIsAPoliteNotFound() throws Exception {
		MvcResult unknown = mvc.perform(get("/board/incidents/INC-20991231-001").requestAttr(WebUser.ATTRIBUTE, dba))
			.andReturn();
		assertThat(unknown.getResponse().getStatus()).isEqualTo(404);
		assertThat(body(unknown)).contains("没有找到事件 INC-20991231-001。");

		MvcResult malformed = mvc.perform(get("/board/incidents/INC-1").requestAttr(WebUser.ATTRIBUTE, dba))
			.andReturn();
		assertThat(malformed.getResponse().getStatus()).isEqualTo(404);
		assertThat(harness.incidents.open()).isEmpty();
	}

	@Test
	void aMissingDocumentIsAPoliteNotFound() throws Exception {
		MvcResult result = mvc
			.perform(get("/documents/INC-20991231-001/report.pdf").requestAttr(WebUser.ATTRIBUTE, dba))
			.andReturn();

		assertThat(result.getResponse().getStatus()).isEqualTo(404);
		assertThat(body(result)).isEqualTo("没有找到该文件。");
	}

	@Test
	void theYearlyDrillReportIsForTheCoordinatorsAndTheArchivesReaders() throws Exception {
		harness.archive.store("DRL-2026", "2026年度应急演练情况总结报告.pdf", "%PDF-1.7".getBytes(StandardCharsets.US_ASCII));
		String url = "/documents/DRL-2026/2026年度应急演练情况总结报告.pdf";
		WebUser coordinator = new WebUser(harness.services.roster().byId("chen-drill").orElseThrow(),
				new Sessions.Session("c", "chen-drill", "csrf", Instant.EPOCH, Instant.EPOCH));

		MvcResult refused = mvc.perform(get(url).requestAttr(WebUser.ATTRIBUTE, dba)).andReturn();
		MvcResult sent = mvc.perform(get(url).requestAttr(WebUser.ATTRIBUTE, coordinator)).andReturn();

		assertThat(refused.getResponse().getStatus()).isEqualTo(403);
		assertThat(body(refused)).doesNotContain("%PDF");
		assertThat(sent.getResponse().getStatus()).isEqualTo(200);
		assertThat(sent.getResponse().getContentAsByteArray()).startsWith("%PDF".getBytes(StandardCharsets.US_ASCII));
	}

	@Test
	void withoutASignedInPersonThereIsNoBoard() throws Exception {
		harness.declare(EngineHarness.DBA, "数据库主机", "数据库主机硬件故障");
		String id = harness.incidents.open().get(0).id();

		MvcResult result = mvc.perform(get("/board")).andReturn();

		assertThat(result.getResponse().getStatus()).isEqualTo(400);
		assertThat(body(result)).doesNotContain(id);
	}

	private static String body(MvcResult result) throws Exception {
		return result.getResponse().getContentAsString(StandardCharsets.UTF_8);
	}

}
