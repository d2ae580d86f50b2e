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
import java.util.OptionalInt;
import java.util.Set;

import com.warroom.bot.chat.ChatRef;
import com.warroom.bot.incident.Effects;
import com.warroom.bot.incident.Incident;
import com.warroom.bot.incident.IncidentStatus;
import com.warroom.bot.incident.StepState;
import com.warroom.bot.incident.TimelineEntry;
import com.warroom.bot.incident.TimelineType;
import com.warroom.playbooks.Severity;
import com.warroom.playbooks.Track;
import org.jspecify.annotations.Nullable;
import redis.clients.jedis.StreamEntryID;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.resps.StreamEntry;

/**
 * Incidents in Redis: a hash {@code wr:inc:<id>}, a timeline stream
 * {@code wr:inc:<id>:tl}, the index sets {@code wr:open}, {@code wr:chat:<chat>:open},
 * {@code wr:owing}, {@code wr:chat:<chat>:owing}, the topic index
 * {@code wr:thread:<chat>:<topic>} and the names of the writes of an event
 * {@code wr:op:<event>:…} (see {@link Effects}). Every change is one Lua script that
 * checks the state it expects and, only then, changes the incident and appends to its
 * timeline stream, so a change is applied whole or not at all and two people pressing the
 * same button at the same moment record exactly one action. Thread-safe.
 */
public class RedisIncidentStore extends FieldIncidentStore {

	static final String PREFIX = "wr:";

	private static final DateTimeFormatter DAY = DateTimeFormatter.BASIC_ISO_DATE;

	/**
	 * What every guarded script does first, and how it ends. KEYS[1] is the incident's
	 * hash and the last key the name of the write ({@code ""} outside an event, see
	 * {@link Effects}): a write already made returns its first result at once; an
	 * incident that does not exist is {@code missing}; otherwise {@code status} holds its
	 * status for the body, and the body ends with {@code return applied(result)}, which
	 * keeps the result under the write's name for a replay and returns it.
	 */
	private static final String PROLOGUE = """
			local op = KEYS[#KEYS]
			local function applied(result)
				if op ~= '' then redis.call('SET', op, result, 'EX', %d) end
				return {'ok', result}
			end
			if op ~= '' then
				local done = redis.call('GET', op)
				if done then return {'ok', done} end
			end
			local status = redis.call('HGET', KEYS[1], 'status')
			if not status then return {'missing', ''} end
			""".formatted(Effects.TTL_SECONDS);

	/** A guarded script: {@link #PROLOGUE}, then {@code body}. */
	private static String guarded(String body) {
		return PROLOGUE + body;
	}

	/** Checks status and step state, then sets the step, moves the cursor and appends. */
	private static final String STEP_SCRIPT = guarded("""
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
			return applied(id)
			""");

	/** Checks the status is one of ARGV[1] (comma list), sets fields, appends. */
	private static final String CHANGE_SCRIPT = guarded("""
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
			return applied(id)
			""");

	/**
	 * Sets ARGV[2] = ARGV[3] and the ARGV[4] more pairs after it, and appends the entry
	 * after them, unless the field ARGV[2] exists or the incident is closed (ARGV[1] =
	 * '1': also when closed). KEYS[3], when not empty, names the effect of the update
	 * that makes it, so a replay repeats nothing.
	 */
	private static final String ONCE_SCRIPT = guarded("""
			if status == 'CLOSED' and ARGV[1] ~= '1' then return {'closed', ''} end
			if redis.call('HEXISTS', KEYS[1], ARGV[2]) == 1 then
				return {'exists', redis.call('HGET', KEYS[1], ARGV[2])}
			end
			redis.call('HSET', KEYS[1], ARGV[2], ARGV[3])
			local n = tonumber(ARGV[4])
			for i = 5, 4 + n * 2, 2 do redis.call('HSET', KEYS[1], ARGV[i], ARGV[i + 1]) end
			redis.call('HINCRBY', KEYS[1], 'version', 1)
			local id = redis.call('XADD', KEYS[2], '*', unpack(ARGV, 5 + n * 2))
			return applied(id)
			""");

	/**
	 * Raises an escalation for the cause ARGV[2] unless one was raised for it: its number
	 * is one more than the highest yet (of {@code esc:<n>:cause} and {@code esccause:*}),
	 * its reason ARGV[3], tier 0 of round 1, next timeout ARGV[4], told ARGV[5]; appends
	 * the entry ARGV[6…] with its number. Returns the number.
	 */
	private static final String RAISE_SCRIPT = guarded("""
			if status == 'CLOSED' and ARGV[1] ~= '1' then return {'closed', ''} end
			local guard = 'esccause:' .. ARGV[2]
			local taken = redis.call('HGET', KEYS[1], guard)
			if taken then return {'exists', taken} end
			local n = 0
			local all = redis.call('HGETALL', KEYS[1])
			for i = 1, #all, 2 do
				local number = string.match(all[i], '^esc:(%d+):cause$')
				if number and tonumber(number) > n then n = tonumber(number) end
				if string.sub(all[i], 1, 9) == 'esccause:' then
					local value = tonumber(all[i + 1])
					if value and value > n then n = value end
				end
			end
			n = tostring(n + 1)
			local p = 'esc:' .. n .. ':'
			redis.call('HSET', KEYS[1], guard, n, p .. 'cause', ARGV[2], p .. 'reason', ARGV[3], p .. 'tier', '0',
				p .. 'round', '1', p .. 'next', ARGV[4], p .. 'told', ARGV[5])
			redis.call('HINCRBY', KEYS[1], 'version', 1)
			redis.call('XADD', KEYS[2], '*', 'esc', n, unpack(ARGV, 6))
			return applied(n)
			""");

	/**
	 * Moves escalation ARGV[2] to round ARGV[3], tier ARGV[4], next timeout ARGV[5],
	 * adding the roster ids ARGV[6] (comma list) to those told, and appends the entry
	 * ARGV[7…]; unless it is acknowledged, given up, or already moved to that round and
	 * tier.
	 */
	private static final String MOVE_SCRIPT = guarded("""
			if status == 'CLOSED' and ARGV[1] ~= '1' then return {'closed', ''} end
			local p = 'esc:' .. ARGV[2] .. ':'
			if redis.call('HEXISTS', KEYS[1], p .. 'cause') == 0 then return {'missing', ''} end
			if redis.call('HEXISTS', KEYS[1], p .. 'ack') == 1 then return {'acked', ''} end
			if redis.call('HEXISTS', KEYS[1], p .. 'done') == 1 then return {'ended', ''} end
			local step = p .. 'step:' .. ARGV[3] .. ':' .. ARGV[4]
			if redis.call('HEXISTS', KEYS[1], step) == 1 then return {'exists', '1'} end
			local seen = {}
			local told = {}
			local before = redis.call('HGET', KEYS[1], p .. 'told') or ''
			for _, list in ipairs({before, ARGV[6]}) do
				for id in string.gmatch(list, '([^,]+)') do
					if not seen[id] then
						seen[id] = true
						table.insert(told, id)
					end
				end
			end
			redis.call('HSET', KEYS[1], step, '1', p .. 'tier', ARGV[4], p .. 'round', ARGV[3], p .. 'next', ARGV[5],
				p .. 'told', table.concat(told, ','))
			redis.call('HINCRBY', KEYS[1], 'version', 1)
			local id = redis.call('XADD', KEYS[2], '*', unpack(ARGV, 7))
			return applied(id)
			""");

	/**
	 * Records the forum topic ARGV[1] of the incident KEYS[1] and indexes it (KEYS[2] →
	 * ARGV[2]).
	 */
	private static final String THREAD_SCRIPT = """
			redis.call('HSET', KEYS[1], 'thread', ARGV[1])
			redis.call('SET', KEYS[2], ARGV[2])
			return {'ok', ''}
			""";

	/**
	 * Adds ARGV[2] to (ARGV[1] = '1') or removes it from both index sets KEYS[1],
	 * KEYS[2].
	 */
	private static final String OWING_SCRIPT = """
			for _, key in ipairs(KEYS) do
				if ARGV[1] == '1' then redis.call('SADD', key, ARGV[2]) else redis.call('SREM', key, ARGV[2]) end
			end
			return {'ok', ''}
			""";

	/** Creates the incident, its first timeline entry and its index entries at once. */
	private static final String CREATE_SCRIPT = """
			if redis.call('EXISTS', KEYS[1]) == 1 then return {'exists', ''} end
			local n = tonumber(ARGV[1])
			for i = 2, 1 + n * 2, 2 do redis.call('HSET', KEYS[1], ARGV[i], ARGV[i + 1]) end
			redis.call('SADD', KEYS[3], KEYS[5])
			redis.call('SADD', KEYS[4], KEYS[5])
			local id = redis.call('XADD', KEYS[2], '*', unpack(ARGV, 2 + n * 2))
			if KEYS[6] ~= '' then redis.call('SET', KEYS[6], KEYS[5], 'EX', %d) end
			return {'ok', id}
			""".formatted(Effects.TTL_SECONDS);

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
		Map<String, String> fields = IncidentFields.declared(id, incident);
		fields.put(IncidentFields.STATUS, IncidentStatus.OPEN.name());
		fields.put(IncidentFields.VERSION, "1");
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
	Map<String, String> fields(String incidentId) {
		Map<String, String> fields = redis.hgetAll(PREFIX + "inc:" + incidentId);
		return (fields == null) ? Map.of() : fields;
	}

	@Override
	public Optional<Incident> find(String id) {
		Map<String, String> fields = fields(id);
		if (fields == null || fields.isEmpty()) {
			return Optional.empty();
		}
		return Optional.of(IncidentFields.incident(fields));
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
		run(THREAD_SCRIPT, List.of(PREFIX + "inc:" + incidentId, PREFIX + "thread:" + topic.topicKey()),
				List.of(String.valueOf(topic.threadId()), incidentId));
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
		String op = op("step:" + incident.id() + ":" + track.key() + ":" + stepId + ":"
				+ newState.encode().split(":", 2)[0] + ":" + entry.type());
		return result(run(STEP_SCRIPT,
				List.of(PREFIX + "inc:" + incident.id(), PREFIX + "inc:" + incident.id() + ":tl", op), args));
	}

	/**
	 * Sets fields and appends an entry if the incident's status is one of
	 * {@code allowed}.
	 */
	@Override
	Result change(Incident incident, Set<IncidentStatus> allowed, Map<String, String> fields, Entry entry) {
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

	@Override
	Result once(Incident incident, String field, String value, Map<String, String> more, Entry entry,
			boolean evenClosed) {
		List<String> args = new ArrayList<>();
		args.add(evenClosed ? "1" : "");
		args.add(field);
		args.add(value);
		args.add(String.valueOf(more.size()));
		more.forEach((key, extra) -> {
			args.add(key);
			args.add(extra);
		});
		args.addAll(flatten(entry));
		String op = op("once:" + incident.id() + ":" + field);
		return result(run(ONCE_SCRIPT,
				List.of(PREFIX + "inc:" + incident.id(), PREFIX + "inc:" + incident.id() + ":tl", op), args));
	}

	@Override
	public OptionalInt raiseEscalation(Incident incident, String cause, String reason, Instant next,
			Collection<String> told, Entry entry) {
		List<String> args = new ArrayList<>();
		args.add(closed(incident));
		args.add(cause);
		args.add(reason);
		args.add(String.valueOf(next.toEpochMilli()));
		args.add(String.join(",", told));
		args.addAll(flatten(entry));
		String op = op("once:" + incident.id() + ":" + IncidentFields.ESCALATION_CAUSE + cause);
		Result result = result(run(RAISE_SCRIPT,
				List.of(PREFIX + "inc:" + incident.id(), PREFIX + "inc:" + incident.id() + ":tl", op), args));
		return result.applied() ? OptionalInt.of(Integer.parseInt(result.detail())) : OptionalInt.empty();
	}

	@Override
	public Result moveEscalation(Incident incident, int number, int round, int tier, Instant next,
			Collection<String> told, Entry entry) {
		List<String> args = new ArrayList<>();
		args.add(closed(incident));
		args.add(String.valueOf(number));
		args.add(String.valueOf(round));
		args.add(String.valueOf(tier));
		args.add(String.valueOf(next.toEpochMilli()));
		args.add(String.join(",", told));
		args.addAll(flatten(entry));
		String op = op("once:" + incident.id() + ":" + IncidentFields.escalation(number, "step:" + round + ":" + tier));
		return result(run(MOVE_SCRIPT,
				List.of(PREFIX + "inc:" + incident.id(), PREFIX + "inc:" + incident.id() + ":tl", op), args));
	}

	@Override
	public Result exhaustEscalation(Incident incident, int number, Entry entry) {
		return once(incident, IncidentFields.escalation(number, IncidentFields.DONE), "exhausted", entry,
				incident.status() == IncidentStatus.CLOSED);
	}

	@Override
	public void markUnreachable(String incidentId, String personId) {
		redis.hset(PREFIX + "inc:" + incidentId, IncidentFields.UNREACHABLE + personId, "1");
	}

	@Override
	public void levelAnnounced(String incidentId, Severity level) {
		redis.hset(PREFIX + "inc:" + incidentId, IncidentFields.LEVEL_SEEN, level.name());
	}

	@Override
	public void overrideAnnounced(String incidentId, String mark) {
		redis.hset(PREFIX + "inc:" + incidentId, IncidentFields.OVERRIDE_SEEN, mark);
	}

	/**
	 * {@code "1"} when the caller saw the incident closed: its change is then made closed
	 * too.
	 */
	private static String closed(Incident incident) {
		return (incident.status() == IncidentStatus.CLOSED) ? "1" : "";
	}

	/** Sets several bookkeeping fields at once (one HSET), without a timeline entry. */
	@Override
	void setFields(String incidentId, Map<String, String> fields) {
		redis.hset(PREFIX + "inc:" + incidentId, fields);
	}

	/**
	 * Marks a closed incident as still owing reports (or no longer): it stays reachable
	 * in its chat for {@code /reported} and {@code /summary}, and on the board.
	 */
	@Override
	public void setOwing(Incident incident, boolean owing) {
		run(OWING_SCRIPT, List.of(PREFIX + "owing", PREFIX + "chat:" + incident.chat().key() + ":owing"),
				List.of(owing ? "1" : "", incident.id()));
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

	/**
	 * Runs a script by its SHA (sending the body only when the server does not have it
	 * yet).
	 */
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

	/**
	 * The keys of a script with, last, the name of the write ({@code ""} outside an
	 * event, see {@link Effects}).
	 */
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

	private static Result result(Object reply) {
		@SuppressWarnings("unchecked")
		List<Object> list = (List<Object>) reply;
		String code = String.valueOf(list.get(0));
		String detail = (list.size() > 1 && list.get(1) != null) ? String.valueOf(list.get(1)) : "";
		return new Result("ok".equals(code), code, detail);
	}

	/**
	 * The stream fields of an entry: type, person, name, channel, at, then the details.
	 */
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
	 * The key naming the next write with this signature in the current event, or
	 * {@code ""} outside an event (the write is then not named).
	 */
	private static String op(String signature) {
		String name = Effects.name(signature);
		return name.isEmpty() ? "" : PREFIX + "op:" + name;
	}

}
