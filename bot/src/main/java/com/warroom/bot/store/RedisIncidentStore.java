package com.warroom.bot.store;

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
import java.util.Set;

import com.warroom.bot.chat.ChatRef;
import com.warroom.bot.incident.Effects;
import com.warroom.bot.incident.Incident;
import com.warroom.bot.incident.IncidentKind;
import com.warroom.bot.incident.IncidentStatus;
import com.warroom.bot.incident.IncidentStore;
import com.warroom.bot.incident.StepState;
import com.warroom.bot.incident.TimelineEntry;
import com.warroom.bot.incident.TimelineType;
import com.warroom.playbooks.Interruption;
import com.warroom.playbooks.Severity;
import com.warroom.playbooks.Track;
import org.jspecify.annotations.Nullable;
import redis.clients.jedis.StreamEntryID;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.resps.StreamEntry;

/**
 * Incidents in Redis: a hash {@code wr:inc:<id>}, a timeline stream {@code wr:inc:<id>:tl},
 * the index sets {@code wr:open}, {@code wr:chat:<chat>:open}, {@code wr:owing},
 * {@code wr:chat:<chat>:owing}, the topic index {@code wr:thread:<chat>:<topic>} and the
 * names of the writes of an event {@code wr:op:<event>:…} (see {@link Effects}). Every change is one Lua script that checks the state it expects
 * and, only then, changes the incident and appends to its timeline stream, so a change
 * is applied whole or not at all and two people pressing the same button at the same
 * moment record exactly one action. Thread-safe.
 */
public class RedisIncidentStore implements IncidentStore {

	static final String PREFIX = "wr:";

	private static final DateTimeFormatter DAY = DateTimeFormatter.BASIC_ISO_DATE;

	/** Checks status and step state, then sets the step, moves the cursor and appends. */
	private static final String STEP_SCRIPT = """
			local op = KEYS[#KEYS]
			if op ~= '' then
				local done = redis.call('GET', op)
				if done then return {'ok', done} end
			end
			local status = redis.call('HGET', KEYS[1], 'status')
			if not status then return {'missing', ''} end
			if status == 'CLOSED' then return {'closed', ''} end
			local cursor = redis.call('HGET', KEYS[1], 'cursor:' .. ARGV[1]) or ''
			if cursor ~= ARGV[2] then return {'moved', cursor} end
			local state = redis.call('HGET', KEYS[1], 'st:' .. ARGV[2]) or ''
			local code = string.match(state, '^([^:]*)') or ''
			local accepted = false
			for s in string.gmatch(ARGV[3], '([^,]*),') do if s == code then accepted = true end end
			if not accepted then return {'state', state} end
			redis.call('HSET', KEYS[1], 'st:' .. ARGV[2], ARGV[4])
			if ARGV[5] ~= '-' then redis.call('HSET', KEYS[1], 'cursor:' .. ARGV[1], ARGV[5]) end
			redis.call('HINCRBY', KEYS[1], 'version', 1)
			local id = redis.call('XADD', KEYS[2], '*', unpack(ARGV, 6))
			if op ~= '' then redis.call('SET', op, id, 'EX', 172800) end
			return {'ok', id}
			""";

	/** Checks the status is one of ARGV[1] (comma list), sets fields, appends. */
	private static final String CHANGE_SCRIPT = """
			local op = KEYS[#KEYS]
			if op ~= '' then
				local done = redis.call('GET', op)
				if done then return {'ok', done} end
			end
			local status = redis.call('HGET', KEYS[1], 'status')
			if not status then return {'missing', ''} end
			local accepted = false
			for s in string.gmatch(ARGV[1], '([^,]*),') do if s == status then accepted = true end end
			if not accepted then return {'status', status} end
			local n = tonumber(ARGV[2])
			for i = 3, 2 + n * 2, 2 do redis.call('HSET', KEYS[1], ARGV[i], ARGV[i + 1]) end
			redis.call('HINCRBY', KEYS[1], 'version', 1)
			if redis.call('HGET', KEYS[1], 'status') == 'CLOSED' then
				redis.call('SREM', KEYS[3], KEYS[5])
				redis.call('SREM', KEYS[4], KEYS[5])
			end
			local id = redis.call('XADD', KEYS[2], '*', unpack(ARGV, 3 + n * 2))
			if op ~= '' then redis.call('SET', op, id, 'EX', 172800) end
			return {'ok', id}
			""";

	/**
	 * Sets ARGV[2] = ARGV[3] and appends the entry ARGV[4…], unless the field exists or the
	 * incident is closed (ARGV[1] = '1': also when closed). KEYS[3], when not empty, names
	 * the effect of the update that makes it, so a replay repeats nothing.
	 */
	private static final String ONCE_SCRIPT = """
			local op = KEYS[#KEYS]
			if op ~= '' then
				local done = redis.call('GET', op)
				if done then return {'ok', done} end
			end
			local status = redis.call('HGET', KEYS[1], 'status')
			if not status then return {'missing', ''} end
			if status == 'CLOSED' and ARGV[1] ~= '1' then return {'closed', ''} end
			if redis.call('HEXISTS', KEYS[1], ARGV[2]) == 1 then
				return {'exists', redis.call('HGET', KEYS[1], ARGV[2])}
			end
			redis.call('HSET', KEYS[1], ARGV[2], ARGV[3])
			redis.call('HINCRBY', KEYS[1], 'version', 1)
			local id = redis.call('XADD', KEYS[2], '*', unpack(ARGV, 4))
			if op ~= '' then redis.call('SET', op, id, 'EX', 172800) end
			return {'ok', id}
			""";

	/** Creates the incident, its first timeline entry and its index entries at once. */
	private static final String CREATE_SCRIPT = """
			if redis.call('EXISTS', KEYS[1]) == 1 then return {'exists', ''} end
			local n = tonumber(ARGV[1])
			for i = 2, 1 + n * 2, 2 do redis.call('HSET', KEYS[1], ARGV[i], ARGV[i + 1]) end
			redis.call('SADD', KEYS[3], KEYS[5])
			redis.call('SADD', KEYS[4], KEYS[5])
			local id = redis.call('XADD', KEYS[2], '*', unpack(ARGV, 2 + n * 2))
			if KEYS[6] ~= '' then redis.call('SET', KEYS[6], KEYS[5], 'EX', 172800) end
			return {'ok', id}
			""";

	private final UnifiedJedis redis;

	private final ZoneId zone;

	public RedisIncidentStore(UnifiedJedis redis, ZoneId zone) {
		this.redis = redis;
		this.zone = zone;
	}

	/** Opens an incident with the next id of its day and appends its declaration. */
	@Override
	public Incident create(NewIncident incident, Entry declared) {
		String op = op("create:" + incident.kind() + ":" + incident.playbookId() + ":" + incident.chat().key());
		if (!op.isEmpty()) {
			String created = redis.get(op);
			if (created != null) {
				Optional<Incident> existing = find(created);
				if (existing.isPresent()) {
					return existing.get();
				}
			}
		}
		LocalDate day = incident.declaredAt().atZone(zone).toLocalDate();
		long number = redis.incr(PREFIX + "seq:" + incident.kind().prefix() + ":" + DAY.format(day));
		String id = "%s-%s-%03d".formatted(incident.kind().prefix(), DAY.format(day), number);
		Map<String, String> fields = new LinkedHashMap<>();
		fields.put("id", id);
		fields.put("kind", incident.kind().name());
		fields.put("playbook", incident.playbookId());
		fields.put("channel", incident.chat().channel());
		fields.put("chatId", incident.chat().chatId());
		fields.put("thread", (incident.chat().threadId() != null) ? incident.chat().threadId() : "");
		fields.put("forum", String.valueOf(incident.chat().forum()));
		fields.put("declaredBy", incident.declaredBy());
		fields.put("startedAt", String.valueOf(incident.startedAt().toEpochMilli()));
		fields.put("declaredAt", String.valueOf(incident.declaredAt().toEpochMilli()));
		fields.put("status", IncidentStatus.OPEN.name());
		fields.put("interruption", Interruption.UNKNOWN.name());
		fields.put("investorsAffected", "true");
		fields.put("version", "1");
		incident.cursors().forEach((track, step) -> fields.put("cursor:" + track, step));
		List<String> args = new ArrayList<>();
		args.add(String.valueOf(fields.size()));
		fields.forEach((key, value) -> {
			args.add(key);
			args.add(value);
		});
		args.addAll(flatten(declared));
		Result result = result(run(CREATE_SCRIPT, withOp(keys(id, incident.chat()), op), args));
		if (!result.applied()) {
			throw new IllegalStateException("incident id already taken: " + id);
		}
		return find(id).orElseThrow();
	}

	@Override
	public Optional<Incident> find(String id) {
		Map<String, String> fields = redis.hgetAll(PREFIX + "inc:" + id);
		if (fields == null || fields.isEmpty()) {
			return Optional.empty();
		}
		return Optional.of(toIncident(fields));
	}

	/** Incidents not yet closed in a chat (any topic), oldest first. */
	@Override
	public List<Incident> openIn(ChatRef chat) {
		return load(redis.smembers(PREFIX + "chat:" + chat.key() + ":open"));
	}

	/** Every incident not yet closed. */
	@Override
	public List<Incident> open() {
		return load(redis.smembers(PREFIX + "open"));
	}

	/** The incident a forum topic belongs to. */
	@Override
	public Optional<String> incidentOfThread(ChatRef chat) {
		if (chat.threadId() == null) {
			return Optional.empty();
		}
		return Optional.ofNullable(redis.get(PREFIX + "thread:" + chat.topicKey()));
	}

	/** Records the forum topic of an incident. */
	@Override
	public void setThread(String incidentId, ChatRef topic) {
		redis.hset(PREFIX + "inc:" + incidentId, "thread", topic.threadId());
		redis.set(PREFIX + "thread:" + topic.topicKey(), incidentId);
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
		List<String> args = new ArrayList<>();
		args.add(track.key());
		args.add(stepId);
		StringBuilder states = new StringBuilder();
		accepted.forEach((status) -> states.append(status.code()).append(','));
		args.add(states.toString());
		args.add(newState.encode());
		args.add((newCursor != null) ? newCursor : "-");
		args.addAll(flatten(entry));
		String op = op("step:" + incident.id() + ":" + track.key() + ":" + stepId + ":" + newState.encode().split(":", 2)[0]
				+ ":" + entry.type());
		return result(run(STEP_SCRIPT, List.of(PREFIX + "inc:" + incident.id(), PREFIX + "inc:" + incident.id() + ":tl", op),
				args));
	}

	/** Sets fields and appends an entry if the incident's status is one of {@code allowed}. */
	@Override
	public Result change(Incident incident, Set<IncidentStatus> allowed, Map<String, String> fields, Entry entry) {
		List<String> args = new ArrayList<>();
		StringBuilder statuses = new StringBuilder();
		allowed.forEach((status) -> statuses.append(status.name()).append(','));
		args.add(statuses.toString());
		args.add(String.valueOf(fields.size()));
		fields.forEach((key, value) -> {
			args.add(key);
			args.add(value);
		});
		args.addAll(flatten(entry));
		String op = op("change:" + incident.id() + ":" + entry.type() + ":" + new java.util.TreeSet<>(fields.keySet()));
		return result(run(CHANGE_SCRIPT, withOp(keys(incident.id(), incident.chat()), op), args));
	}

	/**
	 * Sets {@code field} and appends {@code entry} only if the field is not set yet (and
	 * the incident is not closed): a one-time fact such as an approval or a report.
	 */
	@Override
	public Result once(Incident incident, String field, String value, Entry entry) {
		return once(incident, field, value, entry, false);
	}

	private Result once(Incident incident, String field, String value, Entry entry, boolean evenClosed) {
		List<String> args = new ArrayList<>();
		args.add(evenClosed ? "1" : "");
		args.add(field);
		args.add(value);
		args.addAll(flatten(entry));
		String op = op("once:" + incident.id() + ":" + field);
		return result(run(ONCE_SCRIPT, List.of(PREFIX + "inc:" + incident.id(), PREFIX + "inc:" + incident.id() + ":tl", op),
				args));
	}

	/** Sets one bookkeeping field without a timeline entry (e.g. the last level announced). */
	@Override
	public void setField(String incidentId, String field, String value) {
		redis.hset(PREFIX + "inc:" + incidentId, field, value);
	}

	/** Sets several bookkeeping fields at once (one HSET), without a timeline entry. */
	@Override
	public void setFields(String incidentId, Map<String, String> fields) {
		redis.hset(PREFIX + "inc:" + incidentId, fields);
	}

	/**
	 * Like {@link #once}, also on a closed incident: what is still owed after close (the
	 * post-recovery reports, their 签发, the escalation of one overdue) is recorded.
	 */
	@Override
	public Result onceEvenClosed(Incident incident, String field, String value, Entry entry) {
		return once(incident, field, value, entry, true);
	}

	/**
	 * Marks a closed incident as still owing reports (or no longer): it stays reachable in
	 * its chat for {@code /reported} and {@code /summary}, and on the board.
	 */
	@Override
	public void setOwing(Incident incident, boolean owing) {
		String chatKey = PREFIX + "chat:" + incident.chat().key() + ":owing";
		if (owing) {
			redis.sadd(PREFIX + "owing", incident.id());
			redis.sadd(chatKey, incident.id());
		}
		else {
			redis.srem(PREFIX + "owing", incident.id());
			redis.srem(chatKey, incident.id());
		}
	}

	/** Closed incidents of a chat that still owe reports, oldest first. */
	@Override
	public List<Incident> owingIn(ChatRef chat) {
		return closed(redis.smembers(PREFIX + "chat:" + chat.key() + ":owing"));
	}

	/** Every closed incident that still owes reports. */
	@Override
	public List<Incident> owing() {
		return closed(redis.smembers(PREFIX + "owing"));
	}

	private List<Incident> closed(Set<String> ids) {
		List<Incident> incidents = new ArrayList<>();
		for (String id : ids) {
			find(id).filter((incident) -> incident.status() == IncidentStatus.CLOSED).ifPresent(incidents::add);
		}
		incidents.sort(Comparator.comparing(Incident::declaredAt).thenComparing(Incident::id));
		return incidents;
	}

	/** The timeline in the order it happened. */
	@Override
	public List<TimelineEntry> timeline(String incidentId) {
		List<StreamEntry> entries = redis.xrange(PREFIX + "inc:" + incidentId + ":tl", (StreamEntryID) null,
				(StreamEntryID) null);
		List<TimelineEntry> result = new ArrayList<>(entries.size());
		for (StreamEntry entry : entries) {
			Map<String, String> fields = new LinkedHashMap<>(entry.getFields());
			TimelineType type = TimelineType.valueOf(fields.remove("type"));
			String person = fields.remove("person");
			String name = fields.remove("name");
			String channel = fields.remove("channel");
			Instant at = Instant.ofEpochMilli(Long.parseLong(fields.remove("at")));
			result.add(new TimelineEntry(entry.getID().toString(), type, person, name, channel, at, fields));
		}
		return result;
	}

	/** Runs a script by its SHA (sending the body only when the server does not have it yet). */
	private Object run(String script, List<String> keys, List<String> args) {
		String sha = SHAS.computeIfAbsent(script, RedisIncidentStore::sha1);
		try {
			return redis.evalsha(sha, keys, args);
		}
		catch (redis.clients.jedis.exceptions.JedisNoScriptException ex) {
			return redis.eval(script, keys, args);
		}
	}

	private static final java.util.Map<String, String> SHAS = new java.util.concurrent.ConcurrentHashMap<>();

	private static String sha1(String script) {
		try {
			byte[] digest = java.security.MessageDigest.getInstance("SHA-1")
				.digest(script.getBytes(java.nio.charset.StandardCharsets.UTF_8));
			return java.util.HexFormat.of().formatHex(digest);
		}
		catch (java.security.NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private List<String> keys(String id, ChatRef chat) {
		return List.of(PREFIX + "inc:" + id, PREFIX + "inc:" + id + ":tl", PREFIX + "open",
				PREFIX + "chat:" + chat.key() + ":open", id);
	}

	/** The keys of a script with, last, the name of the write ({@code ""} outside an event, see {@link Effects}). */
	private static List<String> withOp(List<String> keys, String op) {
		List<String> all = new ArrayList<>(keys);
		all.add(op);
		return all;
	}

	private List<Incident> load(Set<String> ids) {
		List<Incident> incidents = new ArrayList<>();
		for (String id : ids) {
			find(id).filter((incident) -> incident.status() != IncidentStatus.CLOSED).ifPresent(incidents::add);
		}
		incidents.sort(Comparator.comparing(Incident::declaredAt).thenComparing(Incident::id));
		return incidents;
	}

	private static Incident toIncident(Map<String, String> f) {
		String thread = f.getOrDefault("thread", "");
		ChatRef chat = new ChatRef(f.get("channel"), f.get("chatId"), thread.isEmpty() ? null : thread,
				Boolean.parseBoolean(f.get("forum")));
		String level = f.getOrDefault("level", "");
		return new Incident(f.get("id"), IncidentKind.valueOf(f.get("kind")), f.get("playbook"), chat,
				f.get("declaredBy"), instant(f.get("startedAt")), instant(f.get("declaredAt")),
				IncidentStatus.valueOf(f.get("status")), optionalInstant(f.get("recoveredAt")),
				optionalInstant(f.get("closedAt")), level.isEmpty() ? null : Severity.valueOf(level),
				f.get("levelReason"), Interruption.valueOf(f.getOrDefault("interruption", "UNKNOWN")),
				Boolean.parseBoolean(f.getOrDefault("investorsAffected", "true")), f);
	}

	private static Instant instant(String millis) {
		return Instant.ofEpochMilli(Long.parseLong(millis));
	}

	private static @Nullable Instant optionalInstant(@Nullable String millis) {
		return (millis == null || millis.isEmpty()) ? null : instant(millis);
	}

	private static Result result(Object reply) {
		@SuppressWarnings("unchecked")
		List<Object> list = (List<Object>) reply;
		String code = String.valueOf(list.get(0));
		String detail = (list.size() > 1 && list.get(1) != null) ? String.valueOf(list.get(1)) : "";
		return new Result("ok".equals(code), code, detail);
	}

	/** The stream fields of an entry: type, person, name, channel, at, then the details. */
	private static List<String> flatten(Entry entry) {
		List<String> args = new ArrayList<>();
		args.add("type");
		args.add(entry.type().name());
		args.add("person");
		args.add(entry.personId());
		args.add("name");
		args.add(entry.personName());
		args.add("channel");
		args.add(entry.channel());
		args.add("at");
		args.add(String.valueOf(entry.at().toEpochMilli()));
		entry.details().forEach((key, value) -> {
			args.add(key);
			args.add(value);
		});
		return args;
	}

	/**
	 * The key naming the next write with this signature in the current event, or {@code ""}
	 * outside an event (the write is then not named).
	 */
	private static String op(String signature) {
		String name = Effects.name(signature);
		return name.isEmpty() ? "" : PREFIX + "op:" + name;
	}

}
