package com.warroom.bot.telegram;

import java.util.List;

import com.warroom.bot.engine.Inbound;
import org.junit.jupiter.api.Test;
import org.telegram.telegrambots.meta.api.objects.Update;

import static org.assertj.core.api.Assertions.assertThat;

class TelegramGatewayTests {

	private static Update parse(String json) throws Exception {
		return TelegramPolling.mapper().readValue(json, Update.class);
	}

	@Test
	void splitsLongTextAtLineEndsWithinTheLimit() {
		String line = "第一行内容".repeat(100) + "\n";
		String text = line.repeat(20);
		List<String> parts = TelegramGateway.split(text);
		assertThat(parts).hasSizeGreaterThan(1)
			.allSatisfy((part) -> assertThat(part.length()).isLessThanOrEqualTo(4096));
		assertThat(String.join("", parts).replace("\n", "")).isEqualTo(text.replace("\n", ""));
	}

	@Test
	void neverSplitsInsideAnEntity() {
		String text = "a".repeat(4093) + "&amp;" + "b".repeat(10);
		List<String> parts = TelegramGateway.split(text);
		assertThat(parts.get(0)).endsWith("a").hasSize(4093);
		assertThat(parts.get(1)).startsWith("&amp;");
	}

	@Test
	void commandsLoseTheirBotSuffixAndKeepTheirArguments() throws Exception {
		Inbound inbound = TelegramGateway.translate(parse(Updates.message(1, 7, "/Declare@WarRoomBot 数据库 宕机")))
			.orElseThrow();
		assertThat(inbound).isInstanceOfSatisfying(Inbound.Command.class, (command) -> {
			assertThat(command.name()).isEqualTo("declare");
			assertThat(command.args()).isEqualTo("数据库 宕机");
			assertThat(command.chat().chatId()).isEqualTo(String.valueOf(Updates.GROUP));
			assertThat(command.actor().userId()).isEqualTo("7");
		});
	}

	@Test
	void buttonPressesCarryTheTokenAndTheMessage() throws Exception {
		Inbound inbound = TelegramGateway.translate(parse(Updates.press(2, 8, "AbCdEfGhJkMn", 55))).orElseThrow();
		assertThat(inbound).isInstanceOfSatisfying(Inbound.Press.class, (press) -> {
			assertThat(press.data()).isEqualTo("AbCdEfGhJkMn");
			assertThat(press.messageId()).isEqualTo("55");
			assertThat(press.pressId()).isEqualTo("cq2");
		});
	}

	@Test
	void topicMessagesKeepTheirThreadAndBotsAreIgnored() throws Exception {
		String topic = """
				{"update_id":3,"message":{"message_id":9,"message_thread_id":77,"is_topic_message":true,"date":1,
				 "chat":{"id":-100,"type":"supergroup","is_forum":true},"from":{"id":5,"is_bot":false,"first_name":"甲"},
				 "reply_to_message":{"message_id":77,"date":1,"chat":{"id":-100,"type":"supergroup"}},"text":"在话题里"}}
				""";
		Inbound inbound = TelegramGateway.translate(parse(topic)).orElseThrow();
		assertThat(inbound.chat().threadId()).isEqualTo("77");
		assertThat(inbound.chat().forum()).isTrue();
		assertThat(((Inbound.Text) inbound).replyTo()).isNull();
		String bot = Updates.message(4, 6, "/help").replace("\"is_bot\":false", "\"is_bot\":true");
		assertThat(TelegramGateway.translate(parse(bot))).isEmpty();
	}

	@Test // GH-13
	void aCommandAddressedToAnotherBotIsNotForUs() throws Exception {
		assertThat(TelegramGateway.translate(parse(Updates.message(5, 7, "/status@other_bot")), () -> "WarRoomBot"))
			.isEmpty();
		assertThat(TelegramGateway.translate(parse(Updates.message(6, 7, "/status@warroombot INC-20261123-001")),
				() -> "WarRoomBot"))
			.hasValueSatisfying(
					(inbound) -> assertThat(((Inbound.Command) inbound).args()).isEqualTo("INC-20261123-001"));
		assertThat(TelegramGateway.translate(parse(Updates.message(7, 7, "/status")), () -> {
			throw new AssertionError("no need to know the bot's name without a suffix");
		})).isPresent();
	}

}
