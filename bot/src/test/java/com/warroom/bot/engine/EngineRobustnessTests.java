package com.warroom.bot.engine;

import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;

import com.warroom.bot.chat.Actor;
import com.warroom.bot.chat.ChatRef;
import com.warroom.bot.incident.Incident;
import com.warroom.bot.incident.TimelineEntry;
import com.warroom.bot.store.EmbeddedRedis;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import redis.clients.jedis.RedisClient;
import redis.clients.jedis.UnifiedJedis;

import static com.warroom.bot.engine.EngineHarness.COMMANDER;
import static com.warroom.bot.engine.EngineHarness.DBA;
import static com.warroom.bot.engine.EngineHarness.SYSADMIN;
import static com.warroom.bot.engine.EngineHarness.button;
import static com.warroom.bot.engine.EngineHarness.texts;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/** Redis outages and restarts, forum topics, and thousands of random inputs. */
class EngineRobustnessTests {

	@Test
	void aRedisOutageRefusesTheActionWithAClearMessage() throws Exception {
		int port;
		try (ServerSocket socket = new ServerSocket(0)) {
			port = socket.getLocalPort();
		}
		try (UnifiedJedis dead = RedisClient.create(URI.create("redis://127.0.0.1:" + port))) {
			EngineHarness chat = new EngineHarness(dead);
			assertThat(texts(chat.command(DBA, "/declare 数据库"))).contains("系统暂时无法保存，请稍后重试（存储服务不可用，本次操作未生效）");
			assertThat(texts(chat.press(DBA, new Button("完成", "AbCdEfGhJkMn")))).contains("暂时无法保存");
			assertThat(texts(chat.command(DBA, "/note 记录"))).contains("暂时无法保存");
		}
	}

	@Test
	void incidentsAndTimelinesSurviveARedisRestart(@TempDir Path dir) {
		EmbeddedRedis first = EmbeddedRedis.start(dir, 0);
		String incidentId;
		List<TimelineEntry> before;
		try (UnifiedJedis redis = RedisClient.create(URI.create(first.url()))) {
			EngineHarness chat = new EngineHarness(redis);
			List<Outbound> declared = chat.declare(DBA, "行情不更新", "站点行情不更新");
			chat.press(DBA, button(declared, "完成"));
			chat.command(DBA, "/note 重启前的备注");
			incidentId = chat.incidents.openIn(chat.chat).get(0).id();
			before = chat.incidents.timeline(incidentId);
		}
		finally {
			first.close();
		}
		assertThat(Files.exists(dir.resolve("appendonlydir")) || Files.exists(dir.resolve("appendonly.aof"))).isTrue();
		EmbeddedRedis second = EmbeddedRedis.start(dir, 0);
		try (UnifiedJedis redis = RedisClient.create(URI.create(second.url()))) {
			EngineHarness chat = new EngineHarness(redis);
			Incident incident = chat.incidents.find(incidentId).orElseThrow();
			assertThat(incident.cursor(com.warroom.playbooks.Track.STEPS)).contains("d1");
			assertThat(chat.incidents.timeline(incidentId)).isEqualTo(before);
			assertThat(texts(chat.command(DBA, "/status"))).contains(incidentId);
		}
		finally {
			second.close();
		}
	}

	@Test
	void eachIncidentGetsItsOwnForumTopic() {
		List<String> opened = new ArrayList<>();
		EngineHarness chat = new EngineHarness(TestRedis.fresh(), (where, name) -> {
			opened.add(name);
			return Optional.of(where.inThread("77"));
		});
		ChatRef forum = new ChatRef("tg", "-1009", null, true);
		List<Outbound> matches = chat.engine.handle(new Inbound.Command(forum, DBA, "drill", "数据库主机", null));
		List<Outbound> confirm = chat.engine
			.handle(new Inbound.Press(forum, DBA, "p1", button(matches, "数据库主机硬件故障").token(), null));
		List<Outbound> declared = chat.engine
			.handle(new Inbound.Press(forum, DBA, "p2", button(confirm, "确认宣布").token(), null));
		// GH-13: named with the incident id, so two
		// incidents of one scenario are told apart
		assertThat(opened).containsExactly("【演练】DRL-20261123-001 数据库主机硬件故障");
		assertThat(declared)
			.filteredOn((action) -> action instanceof Outbound.Edit edit && edit.slot().endsWith(":card"))
			.singleElement()
			.satisfies((card) -> assertThat(((Outbound.Edit) card).chat().threadId()).isEqualTo("77"));
		// a command in the topic is about its incident, without asking which
		List<Outbound> status = chat.engine.handle(new Inbound.Command(forum.inThread("77"), DBA, "status", "", null));
		assertThat(texts(status)).contains("DRL-20261123-001");
	}

	@Test // GH-13
	void whenNoTopicCanBeOpenedTheBotSaysSoOnceAndUsesTheChat() {
		EngineHarness chat = new EngineHarness(TestRedis.fresh(), TopicOpener.none());
		ChatRef forum = new ChatRef("tg", "-1009", null, true);
		List<String> said = new ArrayList<>();
		for (String words : List.of("数据库主机", "行情不更新")) {
			List<Outbound> matches = chat.engine.handle(new Inbound.Command(forum, DBA, "declare", words, null));
			Button first = EngineHarness.buttons(matches.get(0)).get(0).get(0);
			List<Outbound> confirm = chat.engine
				.handle(new Inbound.Press(forum, DBA, "p" + words, first.token(), null));
			List<Outbound> declared = chat.engine
				.handle(new Inbound.Press(forum, DBA, "q" + words, button(confirm, "确认宣布").token(), null));
			said.add(texts(declared));
			assertThat(declared)
				.filteredOn((action) -> action instanceof Outbound.Edit edit && edit.slot().endsWith(":card"))
				.singleElement()
				.satisfies((card) -> assertThat(((Outbound.Edit) card).chat().threadId()).isNull());
		}
		assertThat(said.get(0)).contains("机器人无法创建话题");
		assertThat(said.get(1)).doesNotContain("机器人无法创建话题");
	}

	@Test
	void randomTextsCommandsAndButtonsNeverEscapeAndOnlyValidActionsChangeState() {
		EngineHarness chat = new EngineHarness(TestRedis.fresh());
		List<Outbound> declared = chat.declare(COMMANDER, "行情不更新", "站点行情不更新");
		Incident incident = chat.incidents.openIn(chat.chat).get(0);
		List<Button> realButtons = new ArrayList<>();
		declared.forEach((action) -> EngineHarness.buttons(action).forEach(realButtons::addAll));
		Random random = new Random(4242);
		String[] commands = { "declare", "drill", "status", "steps", "timeline", "note", "level", "recovered", "close",
				"contacts", "help", "start", "reported", "ack", "report", "summary", "notice", "archive", "x", "",
				"DECLARE", "note@bot" };
		String[] fragments = { "数据库", "<b>", "&", "'", "\"", "${env:PATH}", "%s", "\u0000", "😀", "/", "\n", " ",
				"13:58", "2026-11-23 13:00", "-1", "99999999999999999999", "行情", "end", "m1" };
		Actor[] actors = { DBA, SYSADMIN, EngineHarness.OBSERVER, EngineHarness.STRANGER, EngineHarness.LIAISON };
		for (int round = 0; round < 3000; round++) {
			Actor actor = actors[random.nextInt(actors.length)];
			StringBuilder words = new StringBuilder();
			for (int i = random.nextInt(4); i > 0; i--) {
				words.append(fragments[random.nextInt(fragments.length)]);
			}
			try {
				switch (random.nextInt(4)) {
					case 0 -> chat.engine
						.handle(new Inbound.Command(chat.chat, actor, commands[random.nextInt(commands.length)],
								words.toString(), random.nextBoolean() ? null : "m" + round));
					case 1 -> chat.engine.handle(new Inbound.Text(chat.chat, actor, words.toString(),
							random.nextBoolean() ? null : "m-" + incident.id() + ":card"));
					case 2 ->
						chat.engine.handle(new Inbound.Press(chat.chat, actor, "p" + round, randomToken(random), null));
					default -> chat.engine.handle(new Inbound.Press(chat.chat, actor, "p" + round,
							realButtons.get(random.nextInt(realButtons.size())).token(), null));
				}
			}
			catch (RuntimeException ex) {
				fail("round " + round + " threw", ex);
			}
		}
		// every timeline entry is a valid action by a roster member; nothing from
		// strangers or observers' writes
		for (String id : chat.redis.smembers("wr:open")) {
			for (TimelineEntry entry : chat.incidents.timeline(id)) {
				assertThat(entry.personId()).isIn("wu-dba", "zheng-sys", "feng-liaison", "li-it");
				assertThat(entry.personId()).isNotEqualTo("chu-audit");
			}
		}
		assertThat(chat.incidents.find(incident.id())).isPresent();
	}

	private static String randomToken(Random random) {
		String[] shapes = { "", "x", "AbCdEfGhJkMn", "0000000000000", "../../etc/passwd", "%%%%", "🙂🙂🙂" };
		String shape = shapes[random.nextInt(shapes.length)];
		return shape.isEmpty() ? Integer.toHexString(random.nextInt()) : shape;
	}

}
