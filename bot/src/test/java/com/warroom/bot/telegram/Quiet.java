package com.warroom.bot.telegram;

import com.warroom.bot.delivery.Settling;
import com.warroom.notify.Outbox;
import org.springframework.context.ApplicationContext;

/**
 * Waits until an application under test has nothing left in flight — settlings (the
 * cards, escalations and re-plans that follow an event, on their own thread), the
 * notification outbox and the Telegram send queue — so that what the last test set off
 * does not arrive in the next one after its slate was wiped.
 */
final class Quiet {

	private Quiet() {
	}

	static void await(ApplicationContext context) {
		Settling settling = context.getBean(Settling.class);
		Outbox outbox = context.getBean(Outbox.class);
		SendQueue queue = context.getBean(SendQueue.class);
		long deadline = System.currentTimeMillis() + 10_000;
		int quietRounds = 0;
		while (quietRounds < 3 && System.currentTimeMillis() < deadline) {
			boolean quiet = settling.pending() == 0 && outbox.pending() == 0 && queue.pending() == 0;
			quietRounds = quiet ? quietRounds + 1 : 0;
			FakeBotApi.sleep(20);
		}
	}

}
