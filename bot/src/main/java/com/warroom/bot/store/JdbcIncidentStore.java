package com.warroom.bot.store;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import javax.sql.DataSource;

import com.warroom.bot.chat.ChatRef;
import com.warroom.bot.incident.Effects;
import com.warroom.bot.incident.Incident;
import com.warroom.bot.incident.IncidentStatus;
import com.warroom.bot.incident.StepState;
import com.warroom.bot.incident.TimelineEntry;
import com.warroom.playbooks.Severity;
import com.warroom.playbooks.Track;
import org.jspecify.annotations.Nullable;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Incidents in the job-store database (H2 or PostgreSQL, schema
 * {@code V2__incident_record}): the system of record. Every change the Redis store makes
 * in one Lua script is one transaction here that first locks the incident's row
 * ({@code SELECT … FOR UPDATE}), then checks the same guards (status, cursor, step state,
 * once-field, the name of the write from {@link Effects}), and only then writes the
 * fields, the version, the timeline entry and the write's name; so two people pressing
 * the same button at the same moment record exactly one action, and a redelivered update
 * takes effect once. Thread-safe.
 */
public class JdbcIncidentStore extends FieldIncidentStore {

	private static final DateTimeFormatter DAY = DateTimeFormatter.BASIC_ISO_DATE;

	private final JdbcTemplate jdbc;

	private final TransactionTemplate transactions;

	private final ZoneId zone;

	private final Clock clock;

	public JdbcIncidentStore(DataSource dataSource, ZoneId zone, Clock clock) {
		this.jdbc = new JdbcTemplate(dataSource);
		this.transactions = new TransactionTemplate(new DataSourceTransactionManager(dataSource));
		this.zone = zone;
		this.clock = clock;
	}

	/** Opens an incident with the next id of its day and appends its declaration. */
	@Override
	public Incident create(NewIncident incident, Entry declared) {
		String op = Effects
			.name("create:" + incident.kind() + ":" + incident.playbookId() + ":" + incident.chat().key());
		Optional<Incident> earlier = createdBy(op);
		if (earlier.isPresent()) {
			return earlier.get();
		}
		LocalDate day = incident.declaredAt().atZone(zone).toLocalDate();
		String sequence = incident.kind().prefix() + ":" + DAY.format(day);
		for (int attempt = 0; attempt < 1000; attempt++) {
			String id = "%s-%s-%03d".formatted(incident.kind().prefix(), DAY.format(day), next(sequence));
			Map<String, String> fields = IncidentFields.declared(id, incident);
			try {
				boolean made = Boolean.TRUE.equals(transactions.execute((status) -> {
					if (!jdbc.queryForList("SELECT ID FROM WR_INCIDENT WHERE ID = ?", String.class, id).isEmpty()) {
						return false; // taken (e.g. imported from Redis): the next number
					}
					jdbc.update(
							"INSERT INTO WR_INCIDENT (ID, KIND, CHAT_KEY, STATUS, DECLARED_AT, VERSION, OWING)"
									+ " VALUES (?, ?, ?, ?, ?, 1, FALSE)",
							id, incident.kind().name(), incident.chat().key(), IncidentStatus.OPEN.name(),
							incident.declaredAt().toEpochMilli());
					put(id, fields);
					append(id, declared);
					name(op, id);
					return true;
				}));
				if (made) {
					prune();
					return find(id).orElseThrow();
				}
			}
			catch (DuplicateKeyException ex) {
				// the same update created it on another thread
				// first, or the id was taken meanwhile
				earlier = createdBy(op);
				if (earlier.isPresent()) {
					return earlier.get();
				}
			}
		}
		throw new IllegalStateException("no free incident number for " + sequence);
	}

	private Optional<Incident> createdBy(String op) {
		if (op.isEmpty()) {
			return Optional.empty();
		}
		List<String> created = jdbc.queryForList("SELECT RESULT FROM WR_EFFECT WHERE NAME = ?", String.class, op);
		return created.isEmpty() ? Optional.empty() : find(created.get(0));
	}

	/**
	 * The next number of a day's sequence, in a transaction of its own (a number is never
	 * given twice).
	 */
	private long next(String sequence) {
		for (int attempt = 0;; attempt++) {
			try {
				Long value = transactions.execute((status) -> {
					if (jdbc.update("UPDATE WR_INCIDENT_SEQ SET LAST_VALUE = LAST_VALUE + 1 WHERE SEQ_NAME = ?",
							sequence) == 0) {
						jdbc.update("INSERT INTO WR_INCIDENT_SEQ (SEQ_NAME, LAST_VALUE) VALUES (?, 1)", sequence);
					}
					return jdbc.queryForObject("SELECT LAST_VALUE FROM WR_INCIDENT_SEQ WHERE SEQ_NAME = ?", Long.class,
							sequence);
				});
				return value;
			}
			catch (DuplicateKeyException ex) {
				if (attempt > 3) {
					throw ex;
				}
				// another thread inserted the day's first number: update it instead
			}
		}
	}

	@Override
	public Optional<Incident> find(String id) {
		List<Map<String, Object>> rows = jdbc.queryForList("SELECT STATUS, VERSION FROM WR_INCIDENT WHERE ID = ?", id);
		if (rows.isEmpty()) {
			return Optional.empty();
		}
		Map<String, String> fields = fields(id);
		fields.put("status", String.valueOf(rows.get(0).get("STATUS")));
		fields.put("version", String.valueOf(rows.get(0).get("VERSION")));
		return Optional.of(IncidentFields.incident(fields));
	}

	/** Incidents not yet closed in a chat (any topic), oldest first. */
	@Override
	public List<Incident> openIn(ChatRef chat) {
		return load(jdbc.queryForList("SELECT ID FROM WR_INCIDENT WHERE CHAT_KEY = ? AND STATUS <> 'CLOSED'",
				String.class, chat.key()));
	}

	/** Every incident not yet closed. */
	@Override
	public List<Incident> open() {
		return load(jdbc.queryForList("SELECT ID FROM WR_INCIDENT WHERE STATUS <> 'CLOSED'", String.class));
	}

	/** The incident a forum topic belongs to. */
	@Override
	public Optional<String> incidentOfThread(ChatRef chat) {
		if (chat.threadId() == null) {
			return Optional.empty();
		}
		return jdbc
			.queryForList("SELECT INCIDENT_ID FROM WR_INCIDENT_THREAD WHERE TOPIC_KEY = ?", String.class,
					chat.topicKey())
			.stream()
			.findFirst();
	}

	/** Records the forum topic of an incident. */
	@Override
	public void setThread(String incidentId, ChatRef topic) {
		transactions.executeWithoutResult((status) -> {
			if (lock(incidentId) == null) {
				return;
			}
			put(incidentId, Map.of("thread", String.valueOf(topic.threadId())));
			if (jdbc.update("UPDATE WR_INCIDENT_THREAD SET INCIDENT_ID = ? WHERE TOPIC_KEY = ?", incidentId,
					topic.topicKey()) == 0) {
				jdbc.update("INSERT INTO WR_INCIDENT_THREAD (TOPIC_KEY, INCIDENT_ID) VALUES (?, ?)", topic.topicKey(),
						incidentId);
			}
		});
	}

	/**
	 * Changes a step if it is still the current step of its track and in one of the
	 * accepted states.
	 * @param newCursor the new current step of the track, {@code ""} when the track ends,
	 * or null to leave it
	 */
	@Override
	public Result changeStep(Incident incident, Track track, String stepId, Collection<StepState.Status> accepted,
			StepState newState, @Nullable String newCursor, Entry entry) {
		String op = Effects.name("step:" + incident.id() + ":" + track.key() + ":" + stepId + ":"
				+ newState.encode().split(":", 2)[0] + ":" + entry.type());
		return guarded(incident.id(), op, (current) -> {
			if (IncidentStatus.CLOSED.name().equals(current.status())) {
				return new Result(false, "closed", "");
			}
			String cursor = current.fields().getOrDefault("cursor:" + track.key(), "");
			if (!cursor.equals(stepId)) {
				return new Result(false, "moved", cursor);
			}
			String state = current.fields().getOrDefault("st:" + stepId, "");
			int colon = state.indexOf(':');
			String code = (colon < 0) ? state : state.substring(0, colon);
			if (accepted.stream().noneMatch((status) -> status.code().equals(code))) {
				return new Result(false, "state", state);
			}
			Map<String, String> fields = new LinkedHashMap<>();
			fields.put("st:" + stepId, newState.encode());
			if (newCursor != null) {
				fields.put("cursor:" + track.key(), newCursor);
			}
			return write(incident.id(), fields, entry);
		});
	}

	/**
	 * Sets fields and appends an entry if the incident's status is one of
	 * {@code allowed}.
	 */
	@Override
	Result change(Incident incident, Set<IncidentStatus> allowed, Map<String, String> fields, Entry entry) {
		String op = Effects.name("change:" + incident.id() + ":" + entry.type() + ":" + new TreeSet<>(fields.keySet()));
		return guarded(incident.id(), op, (current) -> {
			if (allowed.stream().noneMatch((status) -> status.name().equals(current.status()))) {
				return new Result(false, "status", current.status());
			}
			return write(incident.id(), fields, entry);
		});
	}

	@Override
	Result once(Incident incident, String field, String value, Map<String, String> more, Entry entry,
			boolean evenClosed) {
		String op = Effects.name("once:" + incident.id() + ":" + field);
		return guarded(incident.id(), op, (current) -> {
			if (IncidentStatus.CLOSED.name().equals(current.status()) && !evenClosed) {
				return new Result(false, "closed", "");
			}
			String existing = current.fields().get(field);
			if (existing != null) {
				return new Result(false, "exists", existing);
			}
			Map<String, String> fields = new LinkedHashMap<>();
			fields.put(field, value);
			fields.putAll(more);
			return write(incident.id(), fields, entry);
		});
	}

	@Override
	public OptionalInt raiseEscalation(Incident incident, String cause, String reason, Instant next,
			Collection<String> told, Entry entry) {
		String op = Effects.name("once:" + incident.id() + ":" + IncidentFields.ESCALATION_CAUSE + cause);
		boolean evenClosed = incident.status() == IncidentStatus.CLOSED;
		Result result = guarded(incident.id(), op, (current) -> {
			if (IncidentStatus.CLOSED.name().equals(current.status()) && !evenClosed) {
				return new Result(false, "closed", "");
			}
			String taken = current.fields().get(IncidentFields.ESCALATION_CAUSE + cause);
			if (taken != null) {
				return new Result(false, "exists", taken);
			}
			// one more than the highest number yet, of the escalations and of the causes
			int highest = 0;
			for (Map.Entry<String, String> field : current.fields().entrySet()) {
				String name = field.getKey();
				if (name.startsWith(IncidentFields.ESCALATION) && name.endsWith(":" + IncidentFields.CAUSE)) {
					highest = Math.max(highest, number(name.substring(IncidentFields.ESCALATION.length(),
							name.length() - IncidentFields.CAUSE.length() - 1)));
				}
				else if (name.startsWith(IncidentFields.ESCALATION_CAUSE)) {
					highest = Math.max(highest, number(field.getValue()));
				}
			}
			int n = highest + 1;
			Map<String, String> fields = new LinkedHashMap<>();
			fields.put(IncidentFields.ESCALATION_CAUSE + cause, String.valueOf(n));
			fields.put(IncidentFields.escalation(n, IncidentFields.CAUSE), cause);
			fields.put(IncidentFields.escalation(n, IncidentFields.REASON), reason);
			fields.put(IncidentFields.escalation(n, IncidentFields.TIER), "0");
			fields.put(IncidentFields.escalation(n, IncidentFields.ROUND), "1");
			fields.put(IncidentFields.escalation(n, IncidentFields.NEXT), String.valueOf(next.toEpochMilli()));
			fields.put(IncidentFields.escalation(n, IncidentFields.TOLD), String.join(",", told));
			Map<String, String> details = new LinkedHashMap<>();
			details.put("esc", String.valueOf(n));
			details.putAll(entry.details());
			write(incident.id(), fields, new Entry(entry.type(), entry.personId(), entry.personName(), entry.channel(),
					entry.at(), details));
			return new Result(true, "ok", String.valueOf(n)); // the name keeps the
																// number, as in Redis
		});
		return result.applied() ? OptionalInt.of(Integer.parseInt(result.detail())) : OptionalInt.empty();
	}

	@Override
	public Result moveEscalation(Incident incident, int number, int round, int tier, Instant next,
			Collection<String> told, Entry entry) {
		String step = IncidentFields.escalation(number, "step:" + round + ":" + tier);
		String op = Effects.name("once:" + incident.id() + ":" + step);
		boolean evenClosed = incident.status() == IncidentStatus.CLOSED;
		return guarded(incident.id(), op, (current) -> {
			Map<String, String> f = current.fields();
			if (IncidentStatus.CLOSED.name().equals(current.status()) && !evenClosed) {
				return new Result(false, "closed", "");
			}
			if (!f.containsKey(IncidentFields.escalation(number, IncidentFields.CAUSE))) {
				return new Result(false, "missing", "");
			}
			if (f.containsKey(IncidentFields.escalation(number, IncidentFields.ACK))) {
				return new Result(false, "acked", "");
			}
			if (f.containsKey(IncidentFields.escalation(number, IncidentFields.DONE))) {
				return new Result(false, "ended", "");
			}
			if (f.containsKey(step)) {
				return new Result(false, "exists", "1");
			}
			java.util.LinkedHashSet<String> everyone = new java.util.LinkedHashSet<>();
			for (String id : f.getOrDefault(IncidentFields.escalation(number, IncidentFields.TOLD), "").split(",")) {
				if (!id.isEmpty()) {
					everyone.add(id);
				}
			}
			told.stream().filter((id) -> !id.isEmpty()).forEach(everyone::add);
			Map<String, String> fields = new LinkedHashMap<>();
			fields.put(step, "1");
			fields.put(IncidentFields.escalation(number, IncidentFields.TIER), String.valueOf(tier));
			fields.put(IncidentFields.escalation(number, IncidentFields.ROUND), String.valueOf(round));
			fields.put(IncidentFields.escalation(number, IncidentFields.NEXT), String.valueOf(next.toEpochMilli()));
			fields.put(IncidentFields.escalation(number, IncidentFields.TOLD), String.join(",", everyone));
			return write(incident.id(), fields, entry);
		});
	}

	@Override
	public Result exhaustEscalation(Incident incident, int number, Entry entry) {
		return once(incident, IncidentFields.escalation(number, IncidentFields.DONE), "exhausted", Map.of(), entry,
				incident.status() == IncidentStatus.CLOSED);
	}

	@Override
	public void markUnreachable(String incidentId, String personId) {
		setFields(incidentId, Map.of(IncidentFields.UNREACHABLE + personId, "1"));
	}

	@Override
	public void levelAnnounced(String incidentId, Severity level) {
		setFields(incidentId, Map.of(IncidentFields.LEVEL_SEEN, level.name()));
	}

	@Override
	public void overrideAnnounced(String incidentId, String mark) {
		setFields(incidentId, Map.of(IncidentFields.OVERRIDE_SEEN, mark));
	}

	private static int number(String text) {
		try {
			return Integer.parseInt(text);
		}
		catch (NumberFormatException ex) {
			return 0;
		}
	}

	/**
	 * Sets several bookkeeping fields at once (one transaction), without a timeline
	 * entry.
	 */
	@Override
	void setFields(String incidentId, Map<String, String> fields) {
		transactions.executeWithoutResult((status) -> {
			if (lock(incidentId) != null) {
				put(incidentId, fields);
			}
		});
	}

	/**
	 * Marks a closed incident as still owing reports (or no longer): it stays reachable
	 * in its chat for {@code /reported} and {@code /summary}, and on the board.
	 */
	@Override
	public void setOwing(Incident incident, boolean owing) {
		jdbc.update("UPDATE WR_INCIDENT SET OWING = ? WHERE ID = ?", owing, incident.id());
	}

	/** Closed incidents of a chat that still owe reports, oldest first. */
	@Override
	public List<Incident> owingIn(ChatRef chat) {
		return load(jdbc.queryForList("SELECT ID FROM WR_INCIDENT WHERE CHAT_KEY = ? AND OWING AND STATUS = 'CLOSED'",
				String.class, chat.key()));
	}

	/** Every closed incident that still owes reports. */
	@Override
	public List<Incident> owing() {
		return load(jdbc.queryForList("SELECT ID FROM WR_INCIDENT WHERE OWING AND STATUS = 'CLOSED'", String.class));
	}

	/** The timeline in the order it happened. */
	@Override
	public List<TimelineEntry> timeline(String incidentId) {
		return jdbc.query(
				"SELECT ENTRY_ID, TYPE, PERSON, PERSON_NAME, CHANNEL, AT_MILLIS, DETAILS FROM WR_TIMELINE"
						+ " WHERE INCIDENT_ID = ? ORDER BY SEQ",
				(row, n) -> new TimelineEntry(row.getString(1),
						com.warroom.bot.incident.TimelineType.valueOf(row.getString(2)), row.getString(3),
						row.getString(4), row.getString(5), Instant.ofEpochMilli(row.getLong(6)),
						IncidentRows.details(row.getString(7))),
				incidentId);
	}

	/** The incident's row as locked for a change. */
	private record Locked(String status, Map<String, String> fields) {
	}

	/**
	 * One guarded change: locks the row; a write already named {@code op} (the same
	 * update handled again) returns the first run's result; else {@code change} decides
	 * and writes, and the name is recorded with the write.
	 */
	private Result guarded(String incidentId, String op, Function<Locked, Result> change) {
		return transactions.execute((status) -> {
			String current = lock(incidentId);
			if (current == null) {
				return new Result(false, "missing", "");
			}
			if (!op.isEmpty()) {
				List<String> done = jdbc.queryForList("SELECT RESULT FROM WR_EFFECT WHERE NAME = ?", String.class, op);
				if (!done.isEmpty()) {
					return new Result(true, "ok", done.get(0));
				}
			}
			Result result = change.apply(new Locked(current, fields(incidentId)));
			if (result.applied()) {
				name(op, result.detail());
			}
			return result;
		});
	}

	/**
	 * Locks the incident's row until the transaction ends; its status, or null when there
	 * is none.
	 */
	private @Nullable String lock(String incidentId) {
		List<String> status = jdbc.queryForList("SELECT STATUS FROM WR_INCIDENT WHERE ID = ? FOR UPDATE", String.class,
				incidentId);
		return status.isEmpty() ? null : status.get(0);
	}

	/**
	 * Writes fields, counts a version and appends the entry: the applied result carries
	 * the entry's id.
	 */
	private Result write(String incidentId, Map<String, String> fields, Entry entry) {
		put(incidentId, fields);
		jdbc.update("UPDATE WR_INCIDENT SET VERSION = VERSION + 1 WHERE ID = ?", incidentId);
		return new Result(true, "ok", append(incidentId, entry));
	}

	/** Sets fields of a locked (or new) incident; {@code status} is the row's column. */
	private void put(String incidentId, Map<String, String> fields) {
		fields.forEach((name, value) -> {
			if (name.equals("status")) {
				jdbc.update("UPDATE WR_INCIDENT SET STATUS = ? WHERE ID = ?", value, incidentId);
			}
			else if (!name.equals("version")
					&& jdbc.update("UPDATE WR_INCIDENT_FIELD SET VAL = ? WHERE INCIDENT_ID = ? AND NAME = ?", value,
							incidentId, name) == 0) {
				jdbc.update("INSERT INTO WR_INCIDENT_FIELD (INCIDENT_ID, NAME, VAL) VALUES (?, ?, ?)", incidentId, name,
						value);
			}
		});
	}

	/** Appends to the timeline of a locked (or new) incident; returns the entry's id. */
	private String append(String incidentId, Entry entry) {
		long seq = jdbc.queryForObject("SELECT COALESCE(MAX(SEQ), 0) + 1 FROM WR_TIMELINE WHERE INCIDENT_ID = ?",
				Long.class, incidentId);
		String id = String.valueOf(seq);
		jdbc.update(
				"INSERT INTO WR_TIMELINE (INCIDENT_ID, SEQ, ENTRY_ID, TYPE, PERSON, PERSON_NAME, CHANNEL, AT_MILLIS,"
						+ " DETAILS) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
				incidentId, seq, id, entry.type().name(), entry.personId(), entry.personName(), entry.channel(),
				entry.at().toEpochMilli(), IncidentRows.json(entry.details()));
		return id;
	}

	/** Records the name of a write of the current update (nothing outside an update). */
	private void name(String op, String result) {
		if (!op.isEmpty()) {
			jdbc.update("INSERT INTO WR_EFFECT (NAME, RESULT, CREATED_AT) VALUES (?, ?, ?)", op, result,
					clock.millis());
		}
	}

	/**
	 * Forgets names older than Redis kept them: Telegram stops redelivering long before.
	 */
	private void prune() {
		jdbc.update("DELETE FROM WR_EFFECT WHERE CREATED_AT < ?", clock.millis() - Effects.TTL_SECONDS * 1000);
	}

	@Override
	Map<String, String> fields(String incidentId) {
		Map<String, String> fields = new LinkedHashMap<>();
		jdbc.query("SELECT NAME, VAL FROM WR_INCIDENT_FIELD WHERE INCIDENT_ID = ?", (row) -> {
			fields.put(row.getString(1), row.getString(2));
		}, incidentId);
		return fields;
	}

	private List<Incident> load(List<String> ids) {
		List<Incident> incidents = new ArrayList<>();
		for (String id : ids) {
			find(id).ifPresent(incidents::add);
		}
		incidents.sort(Comparator.comparing(Incident::declaredAt).thenComparing(Incident::id));
		return incidents;
	}

}
