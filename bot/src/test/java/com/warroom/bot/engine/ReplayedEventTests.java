package com.warroom.bot.engine;

import java.util.List;
import java.util.function.Supplier;

import com.warroom.bot.incident.Effects;
import com.warroom.bot.incident.Incident;
import com.warroom.bot.incident.TimelineEntry;
import com.warroom.bot.incident.TimelineType;
import com.warroom.playbooks.Track;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static com.warroom.bot.engine.EngineHarness.SYSADMIN;
import static com.warroom.bot.engine.EngineHarness.button;
import static com.warroom.bot.engine.EngineHarness.texts;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * An event handled a second time under the same id — Telegram redelivering an update
 * whose first handling was cut short after its writes — takes effect once (issue 11: "a
 * redelivered update whose effect did happen is not applied twice").
 */
class ReplayedEventTests {

	private EngineHarness chat;

	@BeforeEach
	void setUp() {
		chat = new EngineHarness(TestRedis.fresh());
	}

	private static <T> T as(String event, Supplier<T> work) {
		return Effects.within(event, work);
	}

	private List<TimelineEntry> timeline(TimelineType type) {
		Incident incident = chat.incidents.openIn(chat.chat).get(0);
		return chat.incidents.timeline(incident.id()).stream().filter((entry) -> entry.type() == type).toList();
	}

	@Test
	void aDeclarationHandledTwiceOpensOneIncident() {
		List<Outbound> matches = chat.command(SYSADMIN, "/declare 行情不更新");
		List<Outbound> confirm = chat.press(SYSADMIN, button(matches, "站点行情不更新"));
		Button declare = button(confirm, "确认宣布");
		List<Outbound> first = as("tg:1", () -> chat.press(SYSADMIN, declare));
		List<Outbound> again = as("tg:1", () -> chat.press(SYSADMIN, declare));
		assertThat(chat.incidents.openIn(chat.chat)).hasSize(1);
		String id = chat.incidents.openIn(chat.chat).get(0).id();
		assertThat(texts(first)).contains(id);
		// the second run answers like the first (the same
		// incident), it does not say "already declared"
		assertThat(texts(again)).contains("已宣布 " + id).doesNotContain("已宣布过");
		assertThat(timeline(TimelineType.DECLARED)).hasSize(1);
	}

	@Test
	void aNoteHandledTwiceIsRecordedOnceButTwoNotesAreTwo() {
		chat.declare(SYSADMIN, "行情不更新", "站点行情不更新");
		as("tg:2", () -> chat.command(SYSADMIN, "/note 厂商已到场"));
		as("tg:2", () -> chat.command(SYSADMIN, "/note 厂商已到场"));
		assertThat(timeline(TimelineType.NOTE)).hasSize(1);
		as("tg:3", () -> chat.command(SYSADMIN, "/note 厂商已到场"));
		assertThat(timeline(TimelineType.NOTE)).hasSize(2);
	}

	@Test
	void aStepPressHandledTwiceMovesTheTrackOnce() {
		List<Outbound> declared = chat.declare(SYSADMIN, "行情不更新", "站点行情不更新");
		Button skip = button(declared, "跳过");
		as("tg:4", () -> chat.press(SYSADMIN, skip));
		List<Outbound> first = as("tg:5", () -> chat.text(SYSADMIN, "已由厂商远程处理"));
		assertThat(texts(first)).contains("已跳过");
		assertThat(chat.incidents.openIn(chat.chat).get(0).cursor(Track.STEPS)).contains("d1");
		// the answer handled again after the next step was posted: still the answer to
		// the skip question
		List<Outbound> again = as("tg:5", () -> chat.text(SYSADMIN, "已由厂商远程处理"));
		assertThat(texts(again)).contains("已跳过");
		assertThat(timeline(TimelineType.STEP_SKIPPED)).hasSize(1);
		assertThat(timeline(TimelineType.NOTE)).isEmpty();
		assertThat(chat.incidents.openIn(chat.chat).get(0).cursor(Track.STEPS)).contains("d1");
	}

	@Test
	void anAnswerWhoseFirstRunStoppedAfterTakingTheQuestionIsStillAnAnswer() {
		List<Outbound> declared = chat.declare(SYSADMIN, "行情不更新", "站点行情不更新");
		chat.press(SYSADMIN, button(declared, "跳过"));
		// the first run took the question away and then died before it wrote anything
		as("tg:6", () -> {
			chat.services.conversations().clear(chat.chat, SYSADMIN);
			return null;
		});
		List<Outbound> redelivered = as("tg:6", () -> chat.text(SYSADMIN, "已由厂商远程处理"));
		assertThat(texts(redelivered)).contains("已跳过");
		assertThat(timeline(TimelineType.STEP_SKIPPED)).hasSize(1);
	}

}
