package com.warroom.bot.web;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import com.warroom.bot.engine.Button;
import com.warroom.bot.engine.ChatRef;
import com.warroom.bot.engine.MessageSlots;
import com.warroom.bot.engine.MutableClock;
import com.warroom.bot.engine.Outbound;
import com.warroom.bot.engine.TestRedis;
import com.warroom.bot.engine.Texts;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.UnifiedJedis;

import static org.assertj.core.api.Assertions.assertThat;

/** The web chat's message log as the engine's channel, on a real Redis. */
class WebChannelTests {

	private final UnifiedJedis redis = TestRedis.fresh();

	private final MutableClock clock = new MutableClock(Instant.parse("2026-11-23T05:58:00Z"));

	private final WebChatLog log = new WebChatLog(redis);

	private final MessageSlots slots = new MessageSlots(redis);

	private final WebEvents events = new WebEvents(log, new Sessions(redis, clock, Duration.ofHours(1), Duration.ofHours(2)),
			(message, chat, viewer) -> "", () -> "", Duration.ofHours(1), Duration.ofHours(1));

	private final WebChannel channel = new WebChannel(log, slots, events, Texts.chinese(), clock);

	private final ChatRef room = WebChannel.chat("room");

	@AfterEach
	void close() {
		events.close();
	}

	@Test // GH-6
	void keepsWhatTheBotSaysWithItsButtons() {
		channel.deliver(new Outbound.Send(room, "<b>INC-1</b> 已宣布", List.of(List.of(new Button("完成", "abcdefghijkm"))), null,
				"INC-20261123-001"));
		assertThat(log.recent("room")).singleElement().satisfies((message) -> {
			assertThat(message.post().kind()).isEqualTo(WebMessage.Kind.BOT);
			assertThat(message.post().html()).isEqualTo("<b>INC-1</b> 已宣布");
			assertThat(message.post().author()).isEqualTo("WarRoom");
			assertThat(message.post().buttons()).hasSize(1);
			assertThat(message.post().incidentId()).isEqualTo("INC-20261123-001");
		});
		// a reply to it becomes a note of its incident
		assertThat(slots.incidentOf(room, String.valueOf(log.recent("room").get(0).id()))).hasValue("INC-20261123-001");
	}

	@Test
	void anEditReplacesTheMessageOfItsSlotInPlace() {
		channel.deliver(new Outbound.Send(room, "前", List.of(), null, null));
		channel.deliver(new Outbound.Edit(room, "INC-1:card", "卡片 v1", List.of(), "INC-1"));
		channel.deliver(new Outbound.Send(room, "后", List.of(), null, null));
		long before = log.revision("room");
		clock.advance(Duration.ofMinutes(3));
		channel.deliver(new Outbound.Edit(room, "INC-1:card", "卡片 v2", List.of(), "INC-1"));

		List<WebMessage> messages = log.recent("room");
		assertThat(messages).extracting((message) -> message.post().html()).containsExactly("前", "卡片 v2", "后");
		WebMessage card = messages.get(1);
		assertThat(card.post().edited()).isTrue();
		assertThat(card.post().at()).isEqualTo(Instant.parse("2026-11-23T05:58:00Z").toEpochMilli());
		assertThat(log.since("room", before)).singleElement().satisfies((changed) -> {
			assertThat(changed.id()).isEqualTo(card.id());
			assertThat(changed.rev()).isGreaterThan(before);
		});
	}

	@Test
	void slotsAreKeptPerChat() {
		channel.deliver(new Outbound.Edit(room, "pick:wu-dba", "房间", List.of(), null));
		channel.deliver(new Outbound.Edit(WebChannel.chat("p-wu-dba"), "pick:wu-dba", "私聊", List.of(), null));
		channel.deliver(new Outbound.Edit(room, "pick:wu-dba", "房间 2", List.of(), null));
		assertThat(log.recent("room")).extracting((message) -> message.post().html()).containsExactly("房间 2");
		assertThat(log.recent("p-wu-dba")).extracting((message) -> message.post().html()).containsExactly("私聊");
	}

	@Test
	void aDocumentBecomesALinkToTheArchive() {
		channel.deliver(new Outbound.Document(room, "INC-20261123-001", "报告书-第1次.pdf", "<b>报告书</b> 第 1 次"));
		assertThat(log.recent("room")).singleElement().satisfies((message) -> {
			assertThat(message.post().kind()).isEqualTo(WebMessage.Kind.DOCUMENT);
			assertThat(message.post().document()).isEqualTo("报告书-第1次.pdf");
			assertThat(message.post().incidentId()).isEqualTo("INC-20261123-001");
		});
	}

	@Test
	void keepsPeoplesWordsAsTyped() {
		channel.said("room", PasswordAccountsTests.ROSTER.byId("wu-dba").orElseThrow(), "<script>alert(1)</script>");
		assertThat(log.recent("room")).singleElement().satisfies((message) -> {
			assertThat(message.post().kind()).isEqualTo(WebMessage.Kind.PERSON);
			assertThat(message.post().html()).isEqualTo("<script>alert(1)</script>");
			assertThat(message.post().author()).isEqualTo("吴数据库管理员");
		});
	}

	@Test
	void keepsTheNewestMessagesOnly() {
		for (int i = 0; i < WebChatLog.KEEP + 5; i++) {
			channel.deliver(new Outbound.Send(room, "m" + i, List.of(), null, null));
		}
		assertThat(log.since("room", 0)).hasSize(WebChatLog.KEEP).first()
			.satisfies((message) -> assertThat(message.post().html()).isEqualTo("m5"));
		assertThat(log.recent("room")).hasSize(WebChatLog.PAGE);
	}

	@Test
	void leavesOtherChannelsChatsAlone() {
		channel.deliver(new Outbound.Send(new ChatRef("tg", "-1001", null, false), "tg", List.of(), null, null));
		assertThat(redis.keys("wr:web:chat:*")).isEmpty();
	}

}
