package com.warroom.bot.web;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import com.warroom.bot.chat.ChatRef;
import com.warroom.bot.engine.Button;
import com.warroom.bot.engine.MessageSlots;
import com.warroom.bot.engine.MutableClock;
import com.warroom.bot.engine.Outbound;
import com.warroom.bot.engine.TestRedis;
import com.warroom.bot.engine.Texts;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.UnifiedJedis;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The web chat's message log (in the database) as the engine's channel, on a real Redis
 * and H2.
 */
class WebChannelTests {

	private final UnifiedJedis redis = TestRedis.fresh();

	private final MutableClock clock = new MutableClock(Instant.parse("2026-11-23T05:58:00Z"));

	private final WebChatLog log = new WebChatLog(com.warroom.bot.store.TestDatabase.shared());

	private final MessageSlots slots = new MessageSlots(redis);

	private final WebEvents events = new WebEvents(log,
			new Sessions(redis, clock, Duration.ofHours(1), Duration.ofHours(2)), (message, chat, viewer) -> "",
			() -> "", Duration.ofHours(1), Duration.ofHours(1));

	private final WebChannel channel = new WebChannel(log, slots, events, Texts.chinese(), clock);

	private final ChatRef room = WebChannel.chat("room");

	@AfterEach
	void close() {
		events.close();
	}

	@Test // GH-6
	void keepsWhatTheBotSaysWithItsButtons() {
		channel.deliver(new Outbound.Send(room, "<b>INC-1</b> 已宣布", List.of(List.of(new Button("完成", "abcdefghijkm"))),
				null, "INC-20261123-001"));
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
		assertThat(log.since("room", 0)).hasSize(WebChatLog.KEEP)
			.first()
			.satisfies((message) -> assertThat(message.post().html()).isEqualTo("m5"));
		assertThat(log.recent("room")).hasSize(WebChatLog.PAGE);
	}

	@Test
	void leavesOtherChannelsChatsAlone() {
		channel.deliver(new Outbound.Send(new ChatRef("tg", "-1001", null, false), "tg", List.of(), null, null));
		assertThat(redis.keys("wr:web:chat:*")).isEmpty();
		assertThat(new org.springframework.jdbc.core.JdbcTemplate(com.warroom.bot.store.TestDatabase.shared())
			.queryForObject("SELECT COUNT(*) FROM WR_WEB_MESSAGE", Integer.class)).isZero();
	}

	@Test // GH-13
	void whatAWebPressProducesForATelegramChatGoesToTelegramAndNeverIntoTheWebLog() {
		ChatRef group = new ChatRef("tg", "-1001", null, false);
		Outbound.Edit telegramCard = new Outbound.Edit(group, "INC-20261123-001:card", "卡片", List.of(),
				"INC-20261123-001");
		Outbound.Send here = new Outbound.Send(room, "已记录", List.of(), null, null);
		com.warroom.bot.engine.ScriptedEngine engine = new com.warroom.bot.engine.ScriptedEngine(
				List.of(telegramCard, here));
		com.warroom.bot.engine.ScriptedEngine.RecordingSink telegram = new com.warroom.bot.engine.ScriptedEngine.RecordingSink(
				"tg");
		WebConversation conversation = new WebConversation(new com.warroom.bot.delivery.EventHandling(engine,
				com.warroom.bot.delivery.Delivery.of(List.of(channel, telegram)),
				com.warroom.bot.delivery.Settling.inline()), channel, Texts.chinese());
		com.warroom.bot.roster.Person person = com.warroom.bot.roster.Roster
			.parse(new String(readResource("warroom/roster.example.yaml"), java.nio.charset.StandardCharsets.UTF_8))
			.byId("zhao-gm")
			.orElseThrow();
		WebUser user = new WebUser(person, null);

		conversation.press(user, "room", "AbCdEfGhJkMn", null);

		assertThat(telegram.delivered).containsExactly(telegramCard);
		assertThat(log.recent("room")).extracting((message) -> message.post().html()).containsExactly("已记录");
		assertThat(log.recent("-1001")).isEmpty();
	}

	private static byte[] readResource(String name) {
		try (var in = WebChannelTests.class.getClassLoader().getResourceAsStream(name)) {
			return in.readAllBytes();
		}
		catch (java.io.IOException ex) {
			throw new java.io.UncheckedIOException(ex);
		}
	}

}
