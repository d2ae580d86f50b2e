package com.warroom.bot.web;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.warroom.bot.engine.ConversationEngine;
import com.warroom.bot.engine.EngineHarness;
import com.warroom.bot.engine.RehearsalFlow;
import com.warroom.bot.engine.TestRedis;
import com.warroom.bot.roster.Roster;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * GH-14: the web chat's 命令 list is the engine's menu, derived from its flows; a flow
 * added shows up in it.
 */
class WebMenuTests {

	private static final Pattern COMMAND = Pattern
		.compile("data-command=\"/([a-z0-9_]+) \"><code>/\\1</code><span>([^<]*)</span>");

	@Test
	void theCommandListIsTheFlowsCommandsIncludingOneAddedInATest() {
		EngineHarness harness = new EngineHarness(TestRedis.fresh(), RehearsalFlow.TEXTS, List.of(RehearsalFlow::new));
		ConversationEngine engine = harness.engine;
		ChatView view = new ChatView(RehearsalFlow.TEXTS, engine.views(), engine::menu);
		WebUser user = new WebUser(roster().byId("wu-dba").orElseThrow(),
				new Sessions.Session("t", "wu-dba", "csrf", Instant.EPOCH, Instant.EPOCH));

		List<ConversationEngine.MenuEntry> listed = new ArrayList<>();
		Matcher matcher = COMMAND.matcher(view.page(user, WebUser.ROOM, List.of(), 0));
		while (matcher.find()) {
			listed.add(new ConversationEngine.MenuEntry(matcher.group(1), matcher.group(2)));
		}
		assertThat(listed).isEqualTo(engine.menu());
		assertThat(listed).hasSize(18)
			.last()
			.isEqualTo(new ConversationEngine.MenuEntry("rehearse", RehearsalFlow.DESCRIPTION));
		assertThat(listed.get(0)).isEqualTo(new ConversationEngine.MenuEntry("declare", "宣布事件"));
	}

	private static Roster roster() {
		try (var in = WebMenuTests.class.getClassLoader().getResourceAsStream("warroom/roster.example.yaml")) {
			return Roster.parse(new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8));
		}
		catch (java.io.IOException ex) {
			throw new java.io.UncheckedIOException(ex);
		}
	}

}
