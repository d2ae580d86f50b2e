package com.warroom.notify.internal;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import com.warroom.notify.NotificationGaveUp;
import com.warroom.notify.spi.DeliveryResult;
import com.warroom.notify.spi.Notification;
import com.warroom.notify.spi.NotificationChannel;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The outbox on a real (H2) database with a controlled clock and a scripted channel. */
class JdbcOutboxTests {

	static final class TestClock extends Clock {

		Instant now = Instant.parse("2026-11-23T05:58:00Z");

		@Override
		public ZoneId getZone() {
			return ZoneOffset.UTC;
		}

		@Override
		public Clock withZone(ZoneId zone) {
			return this;
		}

		@Override
		public Instant instant() {
			return now;
		}

	}

	/** A channel that answers from a script and records what it was given. */
	static final class Scripted implements NotificationChannel {

		final Deque<DeliveryResult> script = new ArrayDeque<>();

		final List<String> delivered = new CopyOnWriteArrayList<>();

		@Override
		public String type() {
			return "wecom";
		}

		@Override
		public synchronized DeliveryResult deliver(Notification notification) {
			delivered.add(notification.id());
			DeliveryResult next = script.poll();
			if (next == null) {
				return DeliveryResult.delivered();
			}
			if (next.detail().equals("throw")) {
				throw new IllegalStateException("boom");
			}
			return next;
		}

	}

	private final TestClock clock = new TestClock();

	private final Scripted channel = new Scripted();

	private final List<Object> events = new ArrayList<>();

	private final JdbcDataSource dataSource = new JdbcDataSource();

	JdbcOutboxTests() {
		dataSource.setURL("jdbc:h2:mem:outbox-" + System.nanoTime() + ";DB_CLOSE_DELAY=-1");
		com.warroom.notify.JobStoreSchema.migrate(dataSource);
	}

	private JdbcOutbox outbox() {
		return new JdbcOutbox(dataSource, List.of(channel), events::add, clock, Duration.ofMinutes(30), Duration.ZERO);
	}

	private static Notification note(String id) {
		return new Notification(id, "http://robot", "INC-20261123-001 升级通知", "内容", false);
	}

	@Test
	void storesBeforeSendingDeliversOnceAndDeduplicates() {
		JdbcOutbox outbox = outbox();
		assertThat(outbox.enqueue("wecom", "INC-1", note("n1"))).isTrue();
		assertThat(outbox.enqueue("wecom", "INC-1", note("n1"))).isFalse();
		assertThat(outbox.pending()).isEqualTo(1);
		assertThat(outbox.drain()).isEqualTo(1);
		assertThat(outbox.drain()).isZero();
		assertThat(channel.delivered).containsExactly("n1");
		assertThat(outbox.status("n1")).isEqualTo("SENT");
		assertThat(outbox.pending()).isZero();
	}

	@Test
	void aChannelRegisteredLaterGetsItsNotificationsWithTheirButtons() {
		JdbcOutbox outbox = outbox();
		List<Notification> received = new CopyOnWriteArrayList<>();
		assertThat(outbox.supports("telegram")).isFalse();
		outbox.register(new NotificationChannel() {

			@Override
			public String type() {
				return "telegram";
			}

			@Override
			public DeliveryResult deliver(Notification notification) {
				received.add(notification);
				return DeliveryResult.delivered();
			}

		});
		assertThat(outbox.supports("telegram")).isTrue();
		outbox.enqueue("telegram", "INC-1", new Notification("dm1", "900000005", "INC-1 技术部负责人", "<b>INC-1</b>：请确认",
				false,
				List.of(new Notification.Action("确认收到", "AbCdEfGhJkMn"), new Notification.Action("两\t行\n标签", "x"))));
		outbox.drain();
		assertThat(received).singleElement().satisfies((n) -> {
			assertThat(n.target()).isEqualTo("900000005");
			assertThat(n.text()).isEqualTo("<b>INC-1</b>：请确认");
			assertThat(n.actions()).containsExactly(new Notification.Action("确认收到", "AbCdEfGhJkMn"),
					new Notification.Action("两 行 标签", "x"));
		});
	}

	@Test
	void retriesWithBackOffAndThePeersRetryAfter() {
		JdbcOutbox outbox = outbox();
		channel.script.add(DeliveryResult.retry(null, "HTTP 503"));
		channel.script.add(DeliveryResult.retry(Duration.ofSeconds(60), "限流"));
		outbox.enqueue("wecom", "INC-1", note("n2"));
		outbox.drain();
		assertThat(outbox.status("n2")).isEqualTo("PENDING");
		assertThat(outbox.drain()).isZero(); // back-off: 2 s
		clock.now = clock.now.plusSeconds(2);
		outbox.drain();
		clock.now = clock.now.plusSeconds(59);
		assertThat(outbox.drain()).isZero(); // the peer asked for 60 s
		clock.now = clock.now.plusSeconds(1);
		outbox.drain();
		assertThat(outbox.status("n2")).isEqualTo("SENT");
		assertThat(channel.delivered).containsExactly("n2", "n2", "n2");
	}

	@Test
	void givesUpAfterTheConfiguredTimeOrAtOnceOnAPermanentFailureAndSaysSo() {
		JdbcOutbox outbox = outbox();
		for (int i = 0; i < 40; i++) {
			channel.script.add(DeliveryResult.retry(null, "超时"));
		}
		outbox.enqueue("wecom", "INC-1", note("n3"));
		for (int i = 0; i < 40 && outbox.pending() > 0; i++) {
			outbox.drain();
			clock.now = clock.now.plus(Duration.ofMinutes(5));
		}
		assertThat(outbox.status("n3")).isEqualTo("GAVE_UP");
		assertThat(events).singleElement().isInstanceOfSatisfying(NotificationGaveUp.class, (event) -> {
			assertThat(event.incidentId()).isEqualTo("INC-1");
			assertThat(event.detail()).isEqualTo("超时");
		});
		channel.script.clear();
		channel.script.add(DeliveryResult.failed("错误码 93000"));
		outbox.enqueue("wecom", "INC-2", note("n4"));
		outbox.drain();
		assertThat(outbox.status("n4")).isEqualTo("GAVE_UP");
		assertThat(events).hasSize(2);
	}

	@Test // GH-12
	void aGiveUpSaysHowOftenItWasTriedAndWhetherTheChannelRefusedForGood() {
		JdbcOutbox outbox = outbox();
		channel.script.add(DeliveryResult.failed("对方已屏蔽机器人（Telegram 403）"));
		outbox.enqueue("wecom", "INC-3", note("n5"));
		outbox.drain();
		for (int i = 0; i < 40; i++) {
			channel.script.add(DeliveryResult.retry(null, "Telegram 暂时不可用（502）"));
		}
		outbox.enqueue("wecom", "INC-4", note("n6"));
		for (int i = 0; i < 40 && outbox.pending() > 0; i++) {
			outbox.drain();
			clock.now = clock.now.plus(Duration.ofMinutes(5));
		}
		assertThat(events).extracting((event) -> (NotificationGaveUp) event).satisfiesExactly((refused) -> {
			assertThat(refused.refused()).isTrue();
			assertThat(refused.attempts()).isEqualTo(1);
		}, (exhausted) -> {
			assertThat(exhausted.refused()).isFalse();
			assertThat(exhausted.attempts()).isGreaterThan(1);
		});
	}

	@Test
	void aChannelThatThrowsIsRetried() {
		JdbcOutbox outbox = outbox();
		channel.script.add(DeliveryResult.retry(null, "throw"));
		outbox.enqueue("wecom", "INC-1", note("n5"));
		outbox.drain();
		assertThat(outbox.status("n5")).isEqualTo("PENDING");
		clock.now = clock.now.plusSeconds(2);
		outbox.drain();
		assertThat(outbox.status("n5")).isEqualTo("SENT");
	}

	@Test // GH-15
	void aWorkerPausedWhileItHoldsAClaimDeliversNothingOnceAnotherTookTheClaimOver() {
		JdbcOutbox paused = outbox();
		JdbcOutbox other = outbox();
		paused.enqueue("wecom", "INC-1", note("p1"));
		assertThat(paused.claimDue()).containsExactly("p1");
		// while the paused worker's lease runs, its claim is left alone
		assertThat(other.drain()).isZero();
		clock.now = clock.now.plus(Duration.ofMinutes(1)).plusSeconds(1); // paused past
																			// its lease
		assertThat(other.drain()).isEqualTo(1);
		assertThat(channel.delivered).containsExactly("p1");
		// it resumes where it stopped, right before the delivery: fenced, nothing sent
		paused.attempt("p1");
		assertThat(channel.delivered).containsExactly("p1");
		assertThat(paused.status("p1")).isEqualTo("SENT");
		assertThat(paused.drain()).isZero();
		assertThat(channel.delivered).containsExactly("p1");
	}

	@Test // GH-15
	void aClaimOfACrashedWorkerWaitsForItsLeaseToLapse() {
		JdbcOutbox crashed = outbox();
		crashed.enqueue("wecom", "INC-1", note("c1"));
		assertThat(crashed.claimDue()).containsExactly("c1");
		crashed.close();
		JdbcOutbox next = outbox();
		clock.now = clock.now.plusSeconds(59);
		assertThat(next.drain()).isZero();
		clock.now = clock.now.plusSeconds(2);
		assertThat(next.drain()).isEqualTo(1);
		assertThat(channel.delivered).containsExactly("c1");
	}

	@Test
	void survivesARestartAndTwoInstancesNeverSendTheSameNotificationTwice() throws Exception {
		JdbcOutbox first = outbox();
		for (int i = 0; i < 200; i++) {
			first.enqueue("wecom", "INC-1", note("m" + i));
		}
		first.close();
		// "restart": two new instances on the same database drain at the same time
		JdbcOutbox a = outbox();
		JdbcOutbox b = outbox();
		ExecutorService pool = Executors.newFixedThreadPool(2);
		Future<Integer> fa = pool.submit(a::drain);
		Future<Integer> fb = pool.submit(b::drain);
		int attempted = fa.get() + fb.get();
		pool.shutdown();
		assertThat(attempted).isEqualTo(200);
		assertThat(channel.delivered).hasSize(200).doesNotHaveDuplicates();
		assertThat(a.pending()).isZero();
	}

	@Test // GH-16
	void aDrillsNotificationToARealOnlyRobotIsStoredForTheCoordinatorOrWithheldNeverSentToTheRobot() {
		JdbcOutbox outbox = outbox();
		java.util.List<Notification> toTelegram = new CopyOnWriteArrayList<>();
		outbox.register(new NotificationChannel() {
			@Override
			public String type() {
				return "telegram";
			}

			@Override
			public DeliveryResult deliver(Notification notification) {
				toTelegram.add(notification);
				return DeliveryResult.delivered();
			}
		});
		outbox.guard(com.warroom.notify.DrillGuard.defaults(),
				(incident) -> incident.equals("DRL-1") ? List.of(new com.warroom.notify.DrillGuard.Target("sms", "139"),
						new com.warroom.notify.DrillGuard.Target("telegram", "900000006")) : List.of());
		assertThat(outbox.enqueue("wecom", "DRL-1",
				new Notification("d1", "http://robot?key=K", "DRL-1 升级通知", "内容", true)))
			.isTrue();
		assertThat(outbox.enqueue("wecom", "DRL-2",
				new Notification("d2", "http://robot?key=K", "DRL-2 升级通知", "内容", true)))
			.isTrue();
		assertThat(outbox.enqueue("wecom", "INC-1", note("r1"))).isTrue();
		outbox.drain();
		assertThat(channel.delivered).containsExactly("r1");
		assertThat(toTelegram).singleElement().satisfies((n) -> {
			assertThat(n.target()).isEqualTo("900000006");
			assertThat(n.body()).startsWith("【演练】DRL-1 升级通知")
				.contains("企业微信群机器人（robot）")
				.contains("内容")
				.doesNotContain("key=K");
		});
		assertThat(outbox.status("d2")).isEqualTo("WITHHELD");
		assertThat(outbox.pending()).isZero();
	}

}
