package com.warroom.bot.engine;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import com.warroom.bot.incident.IncidentStore;
import com.warroom.notify.Reminder;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * GH-14, found making the end-to-end clock test fast: two re-plans of one incident at
 * once (Quartz fires an incident's due and overdue reminders on two threads when both are
 * past) each read the incident, then replaced its reminders; the one that read before the
 * other raised an escalation and wrote after it took the escalation's timer away, so the
 * escalation never reached the next tier. Here the first re-plan is held between its read
 * and its write while the overdue reminder fires; a re-plan now reads and writes under
 * the incident's lock, so the overdue firing's re-plan comes after it and keeps the
 * timer.
 */
class ReplanRaceTests {

	/** The thread whose first read of the incident is held. */
	private final AtomicReference<Thread> held = new AtomicReference<>();

	private final CountDownLatch release = new CountDownLatch(1);

	private final ClockRig rig = new ClockRig(
			(store) -> (IncidentStore) Proxy.newProxyInstance(IncidentStore.class.getClassLoader(),
					new Class<?>[] { IncidentStore.class }, (proxy, method, args) -> {
						Object result;
						try {
							result = method.invoke(store, args);
						}
						catch (InvocationTargetException ex) {
							throw ex.getCause();
						}
						if (method.getName().equals("find") && held.compareAndSet(Thread.currentThread(), null)) {
							// read, not yet planned: wait (at most a while, as a re-plan
							// that holds a lock must)
							release.await(3, TimeUnit.SECONDS);
						}
						return result;
					}));

	@Test // GH-14
	void aReplanThatReadBeforeAnEscalationWasRaisedDoesNotTakeItsTimerAway() throws Exception {
		rig.chat.declare(EngineHarness.LIAISON, "网页 篡改", "网页内容被篡改"); // website: reports
																		// at once
		String id = rig.chat.incidents.openIn(rig.chat.chat).get(0).id();

		Thread replan = new Thread(() -> rig.planner.changed(id), "replan");
		held.set(replan);
		replan.start();
		while (held.get() != null && replan.isAlive()) {
			Thread.onSpinWait();
		}
		// meanwhile the overdue reminder fires: the report is late, an escalation is
		// raised and timed
		rig.fire(id, "CYCLE:1", Reminder.Stage.OVERDUE);
		release.countDown();
		replan.join(10_000);

		// every open escalation waits for its acknowledgement
		// on a timer, the overdue one included
		java.util.SortedMap<Integer, com.warroom.bot.incident.Escalation> open = rig.chat.incidents.find(id)
			.orElseThrow()
			.openEscalations();
		assertThat(open.values()).anyMatch((e) -> e.cause().startsWith("overdue:"));
		assertThat(rig.plans.pending(id).stream().map(Reminder::key).filter((k) -> k.startsWith("ESC:")))
			.as("the escalations' timers, in %s", rig.plans.pending(id))
			.containsExactlyInAnyOrderElementsOf(open.values().stream().map((e) -> "ESC:" + e.number()).toList());
	}

}
