package com.warroom.bot.web;

import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import com.warroom.bot.chat.ChatRef;
import com.warroom.bot.engine.Outbound;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * GH-15: which delivered actions tell the boards of every instance that something
 * changed.
 */
class BoardChangesTests {

	private final AtomicInteger told = new AtomicInteger();

	private final BoardChanges policy = new BoardChanges(told::incrementAndGet);

	private final ChatRef group = new ChatRef("tg", "-1001", null, false);

	@Test
	void actionsAboutAnIncidentTellTheBoardsAndPassUnchanged() {
		Outbound.Edit card = new Outbound.Edit(group, "INC-20261123-001:card", "卡片", List.of(), "INC-20261123-001");
		Outbound.Send step = new Outbound.Send(group, "第 2 步", List.of(), null, "INC-20261123-001");
		Outbound.Document book = new Outbound.Document(group, "INC-20261123-001", "报告书-第1次.pdf", "报告书");

		assertThat(policy.apply(card)).containsExactly(card);
		assertThat(policy.apply(step)).containsExactly(step);
		assertThat(policy.apply(book)).containsExactly(book);
		assertThat(told).hasValue(3);
	}

	@Test
	void actionsAboutNoIncidentDoNot() {
		Outbound.Send help = new Outbound.Send(group, "帮助", List.of(), null, null);
		Outbound.Answer answer = new Outbound.Answer("press-1", "已记录", false);
		assertThat(policy.apply(help)).containsExactly(help);
		assertThat(policy.apply(answer)).containsExactly(answer);
		assertThat(told).hasValue(0);
	}

	@Test
	void aFailureToTellNeverFailsTheDelivery() {
		BoardChanges failing = new BoardChanges(() -> {
			throw new IllegalStateException("stopping");
		});
		Outbound.Send step = new Outbound.Send(group, "第 2 步", List.of(), null, "INC-20261123-001");
		assertThat(failing.apply(step)).containsExactly(step);
	}

}
