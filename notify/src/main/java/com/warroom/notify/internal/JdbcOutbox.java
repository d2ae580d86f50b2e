package com.warroom.notify.internal;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Collectors;
import javax.sql.DataSource;

import com.warroom.notify.DrillCoordinators;
import com.warroom.notify.DrillGuard;
import com.warroom.notify.Leases;
import com.warroom.notify.NotificationGaveUp;
import com.warroom.notify.Outbox;
import com.warroom.notify.spi.DeliveryResult;
import com.warroom.notify.spi.Notification;
import com.warroom.notify.spi.NotificationChannel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The outbox in the job-store database (H2 or PostgreSQL): a row per notification,
 * claimed by one worker at a time (a conditional update, so several instances share it),
 * delivered, and either marked sent, rescheduled with back-off (or the peer's
 * Retry-After), or given up after {@code giveUpAfter}. Thread-safe.
 * <p>
 * Each instance holds a worker lease ({@link Leases}, renewed at every drain): a claim is
 * made only under the valid lease of this worker, checked again right before the channel
 * is called, and a claim whose worker's lease lapsed (a crash, or a pause longer than the
 * lease) goes back to pending for any instance. So a worker paused while it holds a claim
 * does not deliver after it resumes once another instance has taken that claim over.
 */
public class JdbcOutbox implements Outbox, AutoCloseable {

	private static final Logger log = LoggerFactory.getLogger(JdbcOutbox.class);

	private static final String SCHEMA = """
			CREATE TABLE IF NOT EXISTS WR_OUTBOX (
			  ID VARCHAR(200) PRIMARY KEY, CHANNEL VARCHAR(40) NOT NULL, INCIDENT VARCHAR(60) NOT NULL,
			  TARGET VARCHAR(1000) NOT NULL, TITLE VARCHAR(500) NOT NULL, BODY VARCHAR(8000) NOT NULL,
			  DRILL BOOLEAN NOT NULL, STATUS VARCHAR(12) NOT NULL, ATTEMPTS INT NOT NULL,
			  CREATED_AT TIMESTAMP NOT NULL, NEXT_AT TIMESTAMP NOT NULL, CLAIMED_BY VARCHAR(60), DETAIL VARCHAR(500))
			""";

	/**
	 * Buttons came later: added to a table made before them (H2 and PostgreSQL both know
	 * IF NOT EXISTS).
	 */
	private static final String ACTIONS_COLUMN = "ALTER TABLE WR_OUTBOX ADD COLUMN IF NOT EXISTS ACTIONS VARCHAR(2000)";

	private final JdbcTemplate jdbc;

	private final Map<String, NotificationChannel> channels;

	private final ApplicationEventPublisher events;

	private final Clock clock;

	private final Duration giveUpAfter;

	private final String worker = UUID.randomUUID().toString();

	private final Leases leases;

	private final Duration leaseTime;

	private volatile Leases.@org.jspecify.annotations.Nullable Lease lease;

	private final ScheduledExecutorService loop;

	private volatile DrillGuard guard = DrillGuard.defaults();

	private volatile DrillCoordinators coordinators = DrillCoordinators.NONE;

	public JdbcOutbox(DataSource dataSource, List<NotificationChannel> channels, ApplicationEventPublisher events,
			Clock clock, Duration giveUpAfter, Duration pollEvery) {
		this(dataSource, channels, events, clock, giveUpAfter, pollEvery, Duration.ofMinutes(1));
	}

	/**
	 * {@code leaseTime}: how long a silent worker keeps its claims before others take
	 * them over.
	 */
	public JdbcOutbox(DataSource dataSource, List<NotificationChannel> channels, ApplicationEventPublisher events,
			Clock clock, Duration giveUpAfter, Duration pollEvery, Duration leaseTime) {
		this.jdbc = new JdbcTemplate(dataSource);
		this.leases = new Leases(dataSource, clock);
		this.leaseTime = leaseTime;
		this.jdbc.execute(SCHEMA);
		this.jdbc.execute(ACTIONS_COLUMN);
		this.channels = new java.util.concurrent.ConcurrentHashMap<>(
				channels.stream().collect(Collectors.toMap(NotificationChannel::type, Function.identity())));
		this.events = events;
		this.clock = clock;
		this.giveUpAfter = giveUpAfter;
		this.loop = Executors.newSingleThreadScheduledExecutor((runnable) -> {
			Thread thread = new Thread(runnable, "outbox");
			thread.setDaemon(true);
			return thread;
		});
		if (!pollEvery.isZero()) {
			this.loop.scheduleWithFixedDelay(this::safeDrain, pollEvery.toMillis(), pollEvery.toMillis(),
					TimeUnit.MILLISECONDS);
		}
	}

	/**
	 * The drill isolation (GH-16): a drill's notification to a real-only target is stored
	 * for the coordinator instead, or withheld (stored as {@code WITHHELD}, never sent).
	 */
	public void guard(DrillGuard guard, DrillCoordinators coordinators) {
		this.guard = guard;
		this.coordinators = coordinators;
	}

	@Override
	public boolean enqueue(String channelType, String incidentId, Notification original) {
		Timestamp now = Timestamp.from(clock.instant());
		String channel = channelType;
		Notification n = original;
		String status = "PENDING";
		String detail = null;
		java.util.Optional<DrillGuard.Target> coordinator = original.drill() ? coordinators.of(incidentId)
			.stream()
			.filter((target) -> channels.containsKey(target.channel()))
			.findFirst() : java.util.Optional.empty();
		DrillGuard.Verdict verdict = guard.check(original.drill(),
				new DrillGuard.Target(channelType, original.target()), coordinator);
		if (verdict instanceof DrillGuard.Redirect redirect) {
			channel = redirect.to().channel();
			n = new Notification(original.id(), redirect.to().address(), original.title(),
					redirect.note() + "\n" + original.text(), true, original.actions());
		}
		else if (verdict instanceof DrillGuard.Withhold withhold) {
			status = "WITHHELD";
			detail = withhold.note();
			log.info("演练通知 {} 未发出：目标仅限真实事件，且没有可接收的演练协调人", original.id());
		}
		try {
			jdbc.update(
					"INSERT INTO WR_OUTBOX (ID, CHANNEL, INCIDENT, TARGET, TITLE, BODY, DRILL, STATUS, ATTEMPTS, CREATED_AT,"
							+ " NEXT_AT, ACTIONS, DETAIL) VALUES (?, ?, ?, ?, ?, ?, ?, ?, 0, ?, ?, ?, ?)",
					n.id(), channel, incidentId, n.target(), n.title(), n.text(), n.drill(), status, now, now,
					encode(n.actions()), detail);
			return true;
		}
		catch (DuplicateKeyException ex) {
			return false;
		}
	}

	@Override
	public void register(NotificationChannel channel) {
		channels.put(channel.type(), channel);
	}

	@Override
	public boolean supports(String channelType) {
		return channels.containsKey(channelType);
	}

	/** One action a line, label and token separated by a tab. */
	private static String encode(List<Notification.Action> actions) {
		return actions.stream()
			.map((action) -> action.label().replaceAll("[\\t\\r\\n]", " ") + "\t" + action.token())
			.collect(Collectors.joining("\n"));
	}

	private static List<Notification.Action> decode(@org.jspecify.annotations.Nullable Object column) {
		if (column == null || column.toString().isEmpty()) {
			return List.of();
		}
		return java.util.Arrays.stream(column.toString().split("\n"))
			.filter((line) -> line.contains("\t"))
			.map((line) -> new Notification.Action(line.substring(0, line.indexOf('\t')),
					line.substring(line.indexOf('\t') + 1)))
			.toList();
	}

	@Override
	public int pending() {
		Integer count = jdbc.queryForObject("SELECT COUNT(*) FROM WR_OUTBOX WHERE STATUS IN ('PENDING', 'SENDING')",
				Integer.class);
		return (count != null) ? count : 0;
	}

	/**
	 * The status of one notification (PENDING, SENDING, SENT, GAVE_UP), for tests and the
	 * board.
	 */
	public String status(String id) {
		return jdbc.queryForObject("SELECT STATUS FROM WR_OUTBOX WHERE ID = ?", String.class, id);
	}

	/** Delivers everything due now; returns how many rows were attempted. */
	public int drain() {
		List<String> claimed = claimDue();
		claimed.forEach(this::attempt);
		return claimed.size();
	}

	/**
	 * Renews this worker's lease, frees the claims of workers whose lease lapsed, and
	 * claims what is due under the lease (none when the lease cannot be had); returns the
	 * claimed ids.
	 */
	List<String> claimDue() {
		Leases.Lease held = leases.acquire(leaseName(worker), worker, leaseTime, lease).orElse(null);
		lease = held;
		Instant now = clock.instant();
		// a claim left by a crashed (or paused) worker
		// is taken over once its lease lapsed
		jdbc.update("UPDATE WR_OUTBOX SET STATUS = 'PENDING', CLAIMED_BY = NULL WHERE STATUS = 'SENDING' AND NOT EXISTS"
				+ " (SELECT 1 FROM WR_LEASES WHERE WR_LEASES.NAME = CONCAT('outbox-worker:', WR_OUTBOX.CLAIMED_BY)"
				+ " AND WR_LEASES.EXPIRES_AT > ?)", Timestamp.from(now));
		if (held == null) {
			return List.of();
		}
		List<String> due = jdbc.queryForList(
				"SELECT ID FROM WR_OUTBOX WHERE STATUS = 'PENDING' AND NEXT_AT <= ? ORDER BY NEXT_AT", String.class,
				Timestamp.from(now));
		List<String> claimed = new java.util.ArrayList<>();
		for (String id : due) {
			if (jdbc.update(
					"UPDATE WR_OUTBOX SET STATUS = 'SENDING', CLAIMED_BY = ? WHERE ID = ? AND STATUS = 'PENDING' AND "
							+ Leases.VALID,
					fenced(new Object[] { worker, id }, held)) == 1) {
				claimed.add(id);
			}
		}
		return claimed;
	}

	private static String leaseName(String worker) {
		return "outbox-worker:" + worker;
	}

	private Object[] fenced(Object[] parameters, Leases.Lease held) {
		Object[] guard = Leases.guard(held, clock.instant());
		Object[] all = java.util.Arrays.copyOf(parameters, parameters.length + guard.length);
		System.arraycopy(guard, 0, all, parameters.length, guard.length);
		return all;
	}

	/**
	 * Whether the claim on that row is still this worker's, under its unexpired lease
	 * (the fencing check).
	 */
	private boolean stillClaimed(String id) {
		Leases.Lease held = lease;
		if (held == null) {
			return false;
		}
		Integer count = jdbc.queryForObject("SELECT COUNT(*) FROM WR_OUTBOX WHERE ID = ? AND STATUS = 'SENDING'"
				+ " AND CLAIMED_BY = ? AND " + Leases.VALID, Integer.class, fenced(new Object[] { id, worker }, held));
		return count != null && count == 1;
	}

	void attempt(String id) {
		if (!stillClaimed(id)) {
			log.info("通知 {} 的发送权已失效（本实例的租约已过期，已由其他实例接手），不再发送", id);
			return;
		}
		Map<String, Object> row = jdbc.queryForMap("SELECT * FROM WR_OUTBOX WHERE ID = ?", id);
		String type = (String) row.get("CHANNEL");
		Notification notification = new Notification(id, (String) row.get("TARGET"), (String) row.get("TITLE"),
				(String) row.get("BODY"), Boolean.TRUE.equals(row.get("DRILL")), decode(row.get("ACTIONS")));
		NotificationChannel channel = channels.get(type);
		DeliveryResult result = (channel != null) ? deliver(channel, notification)
				: DeliveryResult.failed("未配置渠道 " + type);
		int attempts = ((Number) row.get("ATTEMPTS")).intValue() + 1;
		Instant now = clock.instant();
		Instant created = ((Timestamp) row.get("CREATED_AT")).toInstant();
		String detail = truncate(result.detail());
		if (result.status() == DeliveryResult.Status.DELIVERED) {
			jdbc.update("UPDATE WR_OUTBOX SET STATUS = 'SENT', ATTEMPTS = ?, DETAIL = ? WHERE ID = ?", attempts, detail,
					id);
			return;
		}
		Duration wait = (result.retryAfter() != null) ? result.retryAfter()
				: Duration.ofSeconds(Math.min(300, 1L << Math.min(attempts, 8)));
		if (result.status() == DeliveryResult.Status.FAILED || now.plus(wait).isAfter(created.plus(giveUpAfter))) {
			jdbc.update("UPDATE WR_OUTBOX SET STATUS = 'GAVE_UP', ATTEMPTS = ?, DETAIL = ? WHERE ID = ?", attempts,
					detail, id);
			log.warn("通知 {}（{}）放弃发送：{}", id, type, detail);
			events.publishEvent(new NotificationGaveUp((String) row.get("INCIDENT"), type, id, notification.title(),
					detail, attempts, result.status() == DeliveryResult.Status.FAILED));
			return;
		}
		jdbc.update(
				"UPDATE WR_OUTBOX SET STATUS = 'PENDING', ATTEMPTS = ?, DETAIL = ?, NEXT_AT = ?, CLAIMED_BY = NULL WHERE ID = ?"
						+ " AND STATUS = 'SENDING' AND CLAIMED_BY = ?",
				attempts, detail, Timestamp.from(now.plus(wait)), id, worker);
	}

	private static DeliveryResult deliver(NotificationChannel channel, Notification notification) {
		try {
			return channel.deliver(notification);
		}
		catch (RuntimeException ex) {
			return DeliveryResult.retry(null, "渠道异常：" + ex.getClass().getSimpleName());
		}
	}

	private void safeDrain() {
		try {
			drain();
		}
		catch (RuntimeException ex) {
			log.warn("发件箱处理失败：{}", ex.getMessage());
		}
	}

	private static String truncate(String text) {
		return (text.length() <= 500) ? text : text.substring(0, 500);
	}

	@Override
	public void close() {
		// the lease is not released: a delivery may
		// still be under way; it lapses by itself
		loop.shutdownNow();
	}

}
