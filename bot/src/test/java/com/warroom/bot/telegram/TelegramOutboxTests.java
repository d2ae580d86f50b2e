package com.warroom.bot.telegram;

import java.time.Duration;
import java.util.List;

import com.warroom.bot.chat.ChatRef;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The Telegram outbox's claims at start-up, on a real (in-memory) H2. */
class TelegramOutboxTests {

	private static final ChatRef GROUP = new ChatRef("tg", "-1001", null, false);

	@Test // GH-11: the fault run saw ~150 unmarked duplicates in groups after a restart
	void aRestartedNodeTakesOverTheRowsOfItsEarlierLifeNotTheOnesItStoredWhileStarting() {
		JdbcDataSource database = new JdbcDataSource();
		database.setURL("jdbc:h2:mem:outbox-" + System.nanoTime() + ";DB_CLOSE_DELAY=-1");
		com.warroom.notify.JobStoreSchema.migrate(database);
		SendQueueTests.MovableClock clock = new SendQueueTests.MovableClock();
		TelegramOutbox before = new TelegramOutbox(database, clock, "embedded");
		String unfinished = before.store(SendQueue.Lane.COMMAND,
				StoredCall.send(GROUP, "停机前未发出", List.of(), null, null));
		clock.advance(Duration.ofSeconds(30)); // killed; the same node starts again
		TelegramOutbox after = new TelegramOutbox(database, clock, "embedded");
		clock.advance(Duration.ofSeconds(5)); // webhooks accepted while the context
												// finishes starting
		after.store(SendQueue.Lane.COMMAND, StoredCall.send(GROUP, "启动中已排队", List.of(), null, null));

		List<TelegramOutbox.Row> taken = after.takeOver(true);

		assertThat(taken).extracting(TelegramOutbox.Row::id).containsExactly(unfinished);
	}

}
