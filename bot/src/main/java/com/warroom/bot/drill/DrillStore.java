package com.warroom.bot.drill;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import javax.sql.DataSource;

import com.warroom.playbooks.Training;
import org.jspecify.annotations.Nullable;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;

/**
 * Drill runs, their timeline, follow-up items and trainings in the job-store database (H2
 * or PostgreSQL, the one Quartz uses). The tables are created here, in {@link #SCHEMA}
 * (the one place to move into a migration). Times are epoch milliseconds. Thread-safe;
 * several instances may share the database (an inject's firing is recorded once by its
 * primary key).
 */
public class DrillStore {

	/** Every table of drills, created if missing. */
	static final List<String> SCHEMA = List.of("""
			CREATE TABLE IF NOT EXISTS WR_DRILL_RUN (
			  ID VARCHAR(40) PRIMARY KEY, PLAN_ID VARCHAR(200) NOT NULL, STATUS VARCHAR(12) NOT NULL,
			  CHANNEL VARCHAR(20) NOT NULL, CHAT_ID VARCHAR(100) NOT NULL, THREAD_ID VARCHAR(100),
			  COORDINATOR VARCHAR(100) NOT NULL, STARTED_AT BIGINT NOT NULL, SHIFT_MS BIGINT NOT NULL,
			  PAUSED_AT BIGINT, STOPPED_AT BIGINT)
			""",
			"""
					CREATE TABLE IF NOT EXISTS WR_DRILL_EVENT (
					  ID VARCHAR(300) PRIMARY KEY, RUN_ID VARCHAR(40) NOT NULL, SEQ BIGINT NOT NULL, HAPPENED_AT BIGINT NOT NULL,
					  TYPE VARCHAR(20) NOT NULL, INJECT_ID VARCHAR(200), PLANNED_AT BIGINT, INCIDENT VARCHAR(60),
					  PERSON VARCHAR(100), DETAIL VARCHAR(2000))
					""",
			"""
					CREATE TABLE IF NOT EXISTS WR_DRILL_FOLLOWUP (
					  ID INT PRIMARY KEY, RUN_ID VARCHAR(40), ITEM_TEXT VARCHAR(2000) NOT NULL, OWNER VARCHAR(100) NOT NULL,
					  DUE VARCHAR(10) NOT NULL, STATUS VARCHAR(8) NOT NULL, CREATED_AT BIGINT NOT NULL,
					  CREATED_BY VARCHAR(100) NOT NULL, DONE_AT BIGINT, DONE_BY VARCHAR(100))
					""",
			"""
					CREATE TABLE IF NOT EXISTS WR_DRILL_TRAINING (
					  ID VARCHAR(100) PRIMARY KEY, CONTENT VARCHAR(2000) NOT NULL, TRAINING_DAY VARCHAR(10) NOT NULL,
					  TRAINER VARCHAR(100) NOT NULL, RECORDER VARCHAR(100) NOT NULL, NOTE VARCHAR(2000) NOT NULL,
					  ADDED_BY VARCHAR(100) NOT NULL, ADDED_AT BIGINT NOT NULL)
					""");

	/** Where a run is. */
	public enum Status {

		RUNNING, PAUSED, STOPPED

	}

	/**
	 * One run of a plan.
	 *
	 * @param id e.g. {@code RUN-20261201-001}
	 * @param planId the plan run
	 * @param chat where it was started (channel, chat, topic): declare injects without a
	 * chat go here
	 * @param coordinator the roster id of who started it
	 * @param startedAt T+0
	 * @param shiftMillis how far every remaining inject moved: plus each pause, minus
	 * each inject fired early by skip
	 * @param pausedAt when a pause began, null unless paused
	 * @param stoppedAt when it was stopped, null unless stopped
	 */
	public record Run(String id, String planId, Status status, String channel, String chatId, @Nullable String threadId,
			String coordinator, Instant startedAt, long shiftMillis, @Nullable Instant pausedAt,
			@Nullable Instant stoppedAt) {

		/**
		 * When an inject at {@code offset} fires in this run (pauses and skips included).
		 */
		public Instant due(java.time.Duration offset) {
			return startedAt.plus(offset).plusMillis(shiftMillis);
		}

		/** The drill's own time at {@code now}: T+ without the pauses. */
		public java.time.Duration elapsed(Instant now) {
			Instant end = (stoppedAt != null) ? stoppedAt : (pausedAt != null) ? pausedAt : now;
			return java.time.Duration.between(startedAt, end).minusMillis(shiftMillis);
		}

	}

	/** What an event of a run's timeline records. */
	public enum EventType {

		STARTED, INJECT, INJECT_SKIPPED, PAUSED, RESUMED, STOPPED, FOLLOW_UP

	}

	/**
	 * One entry of a drill's timeline.
	 *
	 * @param seq order within the run
	 * @param at when it happened
	 * @param injectId the inject, for {@link EventType#INJECT}
	 * @param plannedAt when the inject was planned to fire (start + offset + shift at
	 * that time)
	 * @param incident the drill incident it declared or concerned, may be null
	 * @param person who did it (roster id), null for a timed inject
	 * @param detail what happened, in Chinese; may be empty
	 */
	public record Event(String runId, long seq, Instant at, EventType type, @Nullable String injectId,
			@Nullable Instant plannedAt, @Nullable String incident, @Nullable String person, String detail) {
	}

	/**
	 * A follow-up item (4.7 三: 对此问题，演练结束后已经进行了整改).
	 *
	 * @param number its number, shown and typed ({@code /drill followup done 3})
	 * @param runId the drill it came from, may be null
	 * @param owner roster id of who must fix it
	 * @param due when it must be fixed
	 * @param done whether it is closed
	 */
	public record FollowUp(int number, @Nullable String runId, String text, String owner, LocalDate due, boolean done,
			Instant createdAt, String createdBy, @Nullable Instant doneAt, @Nullable String doneBy) {
	}

	private final JdbcTemplate jdbc;

	private final ZoneId zone;

	public DrillStore(DataSource dataSource, ZoneId zone) {
		this.jdbc = new JdbcTemplate(dataSource);
		this.zone = zone;
		SCHEMA.forEach(jdbc::execute);
	}

	/** Starts a run; its id is the day's next {@code RUN-yyyyMMdd-nnn}. */
	public Run start(String planId, String channel, String chatId, @Nullable String threadId, String coordinator,
			Instant now) {
		String day = DateTimeFormatter.ofPattern("yyyyMMdd").format(now.atZone(zone));
		for (int attempt = 0; attempt < 20; attempt++) {
			Integer count = jdbc.queryForObject("SELECT COUNT(*) FROM WR_DRILL_RUN WHERE ID LIKE ?", Integer.class,
					"RUN-" + day + "-%");
			String id = String.format("RUN-%s-%03d", day, (count == null ? 0 : count) + 1 + attempt);
			try {
				jdbc.update(
						"INSERT INTO WR_DRILL_RUN (ID, PLAN_ID, STATUS, CHANNEL, CHAT_ID, THREAD_ID, COORDINATOR, "
								+ "STARTED_AT, SHIFT_MS) VALUES (?, ?, ?, ?, ?, ?, ?, ?, 0)",
						id, planId, Status.RUNNING.name(), channel, chatId, threadId, coordinator, now.toEpochMilli());
				Run run = find(id).orElseThrow();
				event(run.id(), now, EventType.STARTED, null, null, null, coordinator, planId);
				return run;
			}
			catch (DuplicateKeyException ex) {
				// another instance took the number meanwhile
			}
		}
		throw new IllegalStateException("无法分配演练运行编号");
	}

	public Optional<Run> find(String id) {
		return jdbc.query("SELECT * FROM WR_DRILL_RUN WHERE ID = ?", RUN, id).stream().findFirst();
	}

	/** The running or paused run started in this chat (not topic), if any. */
	public Optional<Run> activeIn(String channel, String chatId) {
		return jdbc.query(
				"SELECT * FROM WR_DRILL_RUN WHERE CHANNEL = ? AND CHAT_ID = ? AND STATUS <> ? ORDER BY STARTED_AT DESC",
				RUN, channel, chatId, Status.STOPPED.name())
			.stream()
			.findFirst();
	}

	/** The latest run started in this chat, whatever its status. */
	public Optional<Run> latestIn(String channel, String chatId) {
		return jdbc
			.query("SELECT * FROM WR_DRILL_RUN WHERE CHANNEL = ? AND CHAT_ID = ? ORDER BY STARTED_AT DESC, ID DESC",
					RUN, channel, chatId)
			.stream()
			.findFirst();
	}

	/** Every run, latest first. */
	public List<Run> runs() {
		return jdbc.query("SELECT * FROM WR_DRILL_RUN ORDER BY STARTED_AT DESC, ID DESC", RUN);
	}

	/** Pauses a running run; false when it was not running. */
	public boolean pause(Run run, String person, Instant now) {
		boolean done = jdbc.update("UPDATE WR_DRILL_RUN SET STATUS = ?, PAUSED_AT = ? WHERE ID = ? AND STATUS = ?",
				Status.PAUSED.name(), now.toEpochMilli(), run.id(), Status.RUNNING.name()) == 1;
		if (done) {
			event(run.id(), now, EventType.PAUSED, null, null, null, person, "");
		}
		return done;
	}

	/**
	 * Resumes a paused run: every remaining inject moves by the pause; false when it was
	 * not paused.
	 */
	public boolean resume(Run run, String person, Instant now) {
		if (run.pausedAt() == null) {
			return false;
		}
		long pause = Math.max(0, now.toEpochMilli() - run.pausedAt().toEpochMilli());
		boolean done = jdbc.update(
				"UPDATE WR_DRILL_RUN SET STATUS = ?, PAUSED_AT = NULL, SHIFT_MS = SHIFT_MS + ? "
						+ "WHERE ID = ? AND STATUS = ?",
				Status.RUNNING.name(), pause, run.id(), Status.PAUSED.name()) == 1;
		if (done) {
			event(run.id(), now, EventType.RESUMED, null, null, null, person, String.valueOf(pause));
		}
		return done;
	}

	/** Moves every remaining inject by {@code millis} (negative: earlier). */
	public void shift(Run run, long millis) {
		jdbc.update("UPDATE WR_DRILL_RUN SET SHIFT_MS = SHIFT_MS + ? WHERE ID = ?", millis, run.id());
	}

	/** Stops a running or paused run; false when already stopped. */
	public boolean stop(Run run, String person, Instant now) {
		boolean done = jdbc.update("UPDATE WR_DRILL_RUN SET STATUS = ?, STOPPED_AT = ? WHERE ID = ? AND STATUS <> ?",
				Status.STOPPED.name(), now.toEpochMilli(), run.id(), Status.STOPPED.name()) == 1;
		if (done) {
			event(run.id(), now, EventType.STOPPED, null, null, null, person, "");
		}
		return done;
	}

	/**
	 * Records that an inject fired (or was skipped), once: false when it already was (by
	 * this or another instance, before a restart). Call before its effect.
	 */
	public boolean claimInject(Run run, String injectId, EventType type, Instant plannedAt, @Nullable String person,
			Instant now) {
		try {
			jdbc.update(
					"INSERT INTO WR_DRILL_EVENT (ID, RUN_ID, SEQ, HAPPENED_AT, TYPE, INJECT_ID, PLANNED_AT, PERSON, DETAIL) "
							+ "VALUES (?, ?, ?, ?, ?, ?, ?, ?, '')",
					run.id() + ":inject:" + injectId, run.id(), nextSeq(run.id()), now.toEpochMilli(), type.name(),
					injectId, plannedAt.toEpochMilli(), person);
			return true;
		}
		catch (DuplicateKeyException ex) {
			return false;
		}
	}

	/** What a fired inject did: the incident it declared or concerned, and a detail. */
	public void injectOutcome(Run run, String injectId, @Nullable String incident, String detail) {
		jdbc.update("UPDATE WR_DRILL_EVENT SET INCIDENT = ?, DETAIL = ? WHERE ID = ?", incident, abbreviate(detail),
				run.id() + ":inject:" + injectId);
	}

	/** The ids of the injects already fired or skipped in a run. */
	public java.util.Set<String> doneInjects(String runId) {
		return new java.util.HashSet<>(
				jdbc.queryForList("SELECT INJECT_ID FROM WR_DRILL_EVENT WHERE RUN_ID = ? AND INJECT_ID IS NOT NULL",
						String.class, runId));
	}

	/** The drill's timeline, in order. */
	public List<Event> events(String runId) {
		return jdbc.query("SELECT * FROM WR_DRILL_EVENT WHERE RUN_ID = ? ORDER BY SEQ", EVENT, runId);
	}

	/** The drill incidents the run's declare injects created, in order. */
	public List<String> incidents(String runId) {
		return jdbc
			.queryForList("SELECT INCIDENT FROM WR_DRILL_EVENT WHERE RUN_ID = ? AND TYPE = ? AND INCIDENT IS NOT NULL "
					+ "ORDER BY SEQ", String.class, runId, EventType.INJECT.name())
			.stream()
			.distinct()
			.toList();
	}

	/** The incident a declare inject of the run created, if it fired. */
	public Optional<String> incidentOf(String runId, String injectId) {
		return jdbc
			.queryForList("SELECT INCIDENT FROM WR_DRILL_EVENT WHERE ID = ? AND INCIDENT IS NOT NULL", String.class,
					runId + ":inject:" + injectId)
			.stream()
			.findFirst();
	}

	private void event(String runId, Instant at, EventType type, @Nullable String injectId, @Nullable Instant planned,
			@Nullable String incident, @Nullable String person, String detail) {
		long seq = nextSeq(runId);
		jdbc.update(
				"INSERT INTO WR_DRILL_EVENT (ID, RUN_ID, SEQ, HAPPENED_AT, TYPE, INJECT_ID, PLANNED_AT, INCIDENT, PERSON, DETAIL) "
						+ "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
				runId + ":" + type.name().toLowerCase(java.util.Locale.ROOT) + ":" + seq + ":"
						+ java.util.UUID.randomUUID(),
				runId, seq, at.toEpochMilli(), type.name(), injectId, (planned != null) ? planned.toEpochMilli() : null,
				incident, person, abbreviate(detail));
	}

	private long nextSeq(String runId) {
		Long max = jdbc.queryForObject("SELECT MAX(SEQ) FROM WR_DRILL_EVENT WHERE RUN_ID = ?", Long.class, runId);
		return (max == null) ? 1 : max + 1;
	}

	// --- follow-up items

	/** Adds a follow-up item with the next number. */
	public FollowUp addFollowUp(@Nullable String runId, String text, String owner, LocalDate due, String person,
			Instant now) {
		for (int attempt = 0; attempt < 20; attempt++) {
			Integer max = jdbc.queryForObject("SELECT MAX(ID) FROM WR_DRILL_FOLLOWUP", Integer.class);
			int number = (max == null ? 0 : max) + 1;
			try {
				jdbc.update(
						"INSERT INTO WR_DRILL_FOLLOWUP (ID, RUN_ID, ITEM_TEXT, OWNER, DUE, STATUS, CREATED_AT, CREATED_BY) "
								+ "VALUES (?, ?, ?, ?, ?, 'OPEN', ?, ?)",
						number, runId, text, owner, due.toString(), now.toEpochMilli(), person);
				if (runId != null) {
					event(runId, now, EventType.FOLLOW_UP, null, null, null, person, "#" + number + " " + text);
				}
				return followUp(number).orElseThrow();
			}
			catch (DuplicateKeyException ex) {
				// numbered by another instance meanwhile
			}
		}
		throw new IllegalStateException("无法编号整改事项");
	}

	public Optional<FollowUp> followUp(int number) {
		return jdbc.query("SELECT * FROM WR_DRILL_FOLLOWUP WHERE ID = ?", FOLLOW_UP, number).stream().findFirst();
	}

	/** Closes an item; false when it was already closed or does not exist. */
	public boolean closeFollowUp(int number, String person, Instant now) {
		return jdbc.update(
				"UPDATE WR_DRILL_FOLLOWUP SET STATUS = 'DONE', DONE_AT = ?, DONE_BY = ? WHERE ID = ? AND STATUS = 'OPEN'",
				now.toEpochMilli(), person, number) == 1;
	}

	/** Every item, open ones first, then by due date. */
	public List<FollowUp> followUps() {
		return jdbc.query("SELECT * FROM WR_DRILL_FOLLOWUP ORDER BY STATUS DESC, DUE, ID", FOLLOW_UP);
	}

	/** The items of one run, by number. */
	public List<FollowUp> followUps(String runId) {
		return jdbc.query("SELECT * FROM WR_DRILL_FOLLOWUP WHERE RUN_ID = ? ORDER BY ID", FOLLOW_UP, runId);
	}

	// --- trainings

	/** Adds a planned training through chat; false when its id is taken. */
	public boolean addTraining(Training training, String person, Instant now) {
		try {
			jdbc.update(
					"INSERT INTO WR_DRILL_TRAINING (ID, CONTENT, TRAINING_DAY, TRAINER, RECORDER, NOTE, ADDED_BY, ADDED_AT) "
							+ "VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
					training.id(), training.content(), training.date().toString(), training.trainer(),
					training.recorder(), training.note(), person, now.toEpochMilli());
			return true;
		}
		catch (DuplicateKeyException ex) {
			return false;
		}
	}

	/** The trainings added through chat, by date. */
	public List<Training> trainings() {
		return jdbc.query("SELECT * FROM WR_DRILL_TRAINING ORDER BY TRAINING_DAY, ID",
				(rs, i) -> new Training(rs.getString("ID"), rs.getString("CONTENT"),
						LocalDate.parse(rs.getString("TRAINING_DAY")), rs.getString("TRAINER"),
						rs.getString("RECORDER"), rs.getString("NOTE")));
	}

	private static String abbreviate(String text) {
		return (text.length() > 2000) ? text.substring(0, 1999) + "…" : text;
	}

	private static @Nullable Instant instant(java.sql.ResultSet rs, String column) throws java.sql.SQLException {
		long value = rs.getLong(column);
		return rs.wasNull() ? null : Instant.ofEpochMilli(value);
	}

	private static final RowMapper<Run> RUN = (rs, i) -> new Run(rs.getString("ID"), rs.getString("PLAN_ID"),
			Status.valueOf(rs.getString("STATUS")), rs.getString("CHANNEL"), rs.getString("CHAT_ID"),
			rs.getString("THREAD_ID"), rs.getString("COORDINATOR"), Objects.requireNonNull(instant(rs, "STARTED_AT")),
			rs.getLong("SHIFT_MS"), instant(rs, "PAUSED_AT"), instant(rs, "STOPPED_AT"));

	private static final RowMapper<Event> EVENT = (rs, i) -> new Event(rs.getString("RUN_ID"), rs.getLong("SEQ"),
			Objects.requireNonNull(instant(rs, "HAPPENED_AT")), EventType.valueOf(rs.getString("TYPE")),
			rs.getString("INJECT_ID"), instant(rs, "PLANNED_AT"), rs.getString("INCIDENT"), rs.getString("PERSON"),
			Objects.requireNonNullElse(rs.getString("DETAIL"), ""));

	private static final RowMapper<FollowUp> FOLLOW_UP = (rs, i) -> new FollowUp(rs.getInt("ID"),
			rs.getString("RUN_ID"), rs.getString("ITEM_TEXT"), rs.getString("OWNER"),
			LocalDate.parse(rs.getString("DUE")), "DONE".equals(rs.getString("STATUS")),
			Objects.requireNonNull(instant(rs, "CREATED_AT")), rs.getString("CREATED_BY"), instant(rs, "DONE_AT"),
			rs.getString("DONE_BY"));

}
