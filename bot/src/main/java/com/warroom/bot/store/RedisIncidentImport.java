package com.warroom.bot.store;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import javax.sql.DataSource;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import redis.clients.jedis.StreamEntryID;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.params.ScanParams;
import redis.clients.jedis.resps.ScanResult;
import redis.clients.jedis.resps.StreamEntry;

/**
 * Copies the incidents of the Redis store (before issue 15) into the database once: each
 * incident with its fields, its timeline (with the stream ids as entry ids, so buttons
 * that quote an entry keep working), whether it still owes reports, its forum topic, the
 * day's last incident number and the names of recent writes. An incident already in the
 * database is left alone, so running it again copies nothing twice; Redis is not changed.
 * Run at every start, before the store is used (a start without Redis logs and goes on).
 */
public final class RedisIncidentImport {

	private static final Logger log = LoggerFactory.getLogger(RedisIncidentImport.class);

	private static final String PREFIX = "wr:";

	private static final Set<String> RESERVED = Set.of("type", "person", "name", "channel", "at");

	private final UnifiedJedis redis;

	private final JdbcTemplate jdbc;

	private final TransactionTemplate transactions;

	private final long now;

	/** What one run copied. */
	public record Copied(int incidents, int entries, int skipped) {
	}

	public RedisIncidentImport(UnifiedJedis redis, DataSource dataSource, long nowMillis) {
		this.redis = redis;
		this.jdbc = new JdbcTemplate(dataSource);
		this.transactions = new TransactionTemplate(new DataSourceTransactionManager(dataSource));
		this.now = nowMillis;
	}

	/** Copies what is not in the database yet; logs what it did. */
	public Copied run() {
		int[] counts = new int[3];
		scan(PREFIX + "inc:*", (key) -> {
			if (key.endsWith(":tl")) {
				return;
			}
			String id = key.substring((PREFIX + "inc:").length());
			if (!jdbc.queryForList("SELECT ID FROM WR_INCIDENT WHERE ID = ?", String.class, id).isEmpty()) {
				counts[2]++;
				return;
			}
			Map<String, String> fields = redis.hgetAll(key);
			if (fields.get("status") == null || fields.get("kind") == null) {
				log.warn("Redis 中的事件 {} 不完整，未导入", id);
				return;
			}
			counts[1] += copy(id, fields);
			counts[0]++;
		});
		scan(PREFIX + "thread:*", (key) -> {
			String incidentId = redis.get(key);
			if (incidentId != null) {
				insertIfAbsent("INSERT INTO WR_INCIDENT_THREAD (TOPIC_KEY, INCIDENT_ID) VALUES (?, ?)",
						key.substring((PREFIX + "thread:").length()), incidentId);
			}
		});
		scan(PREFIX + "seq:*", (key) -> {
			String value = redis.get(key);
			if (value != null) {
				String name = key.substring((PREFIX + "seq:").length());
				insertIfAbsent("INSERT INTO WR_INCIDENT_SEQ (SEQ_NAME, LAST_VALUE) VALUES (?, 0)", name);
				jdbc.update("UPDATE WR_INCIDENT_SEQ SET LAST_VALUE = ? WHERE SEQ_NAME = ? AND LAST_VALUE < ?",
						Long.parseLong(value), name, Long.parseLong(value));
			}
		});
		scan(PREFIX + "op:*", (key) -> {
			String result = redis.get(key);
			if (result != null) {
				insertIfAbsent("INSERT INTO WR_EFFECT (NAME, RESULT, CREATED_AT) VALUES (?, ?, ?)",
						key.substring((PREFIX + "op:").length()), result, now);
			}
		});
		Copied copied = new Copied(counts[0], counts[1], counts[2]);
		if (copied.incidents() > 0) {
			log.info("已从 Redis 导入 {} 个事件（{} 条时间线记录）到数据库；{} 个已在数据库中，未重复导入", copied.incidents(), copied.entries(),
					copied.skipped());
		}
		return copied;
	}

	/** One incident and its timeline in one transaction; the number of entries. */
	private int copy(String id, Map<String, String> hash) {
		List<StreamEntry> stream = redis.xrange(PREFIX + "inc:" + id + ":tl", (StreamEntryID) null,
				(StreamEntryID) null);
		boolean owing = redis.sismember(PREFIX + "owing", id);
		Integer entries = transactions.execute((status) -> {
			jdbc.update(
					"INSERT INTO WR_INCIDENT (ID, KIND, CHAT_KEY, STATUS, DECLARED_AT, VERSION, OWING)"
							+ " VALUES (?, ?, ?, ?, ?, ?, ?)",
					id, hash.get("kind"), hash.get("channel") + ":" + hash.get("chatId"), hash.get("status"),
					Long.parseLong(hash.getOrDefault("declaredAt", "0")),
					Long.parseLong(hash.getOrDefault("version", "1")), owing);
			List<Object[]> fields = new ArrayList<>();
			hash.forEach((name, value) -> {
				if (!name.equals("status") && !name.equals("version")) {
					fields.add(new Object[] { id, name, value });
				}
			});
			jdbc.batchUpdate("INSERT INTO WR_INCIDENT_FIELD (INCIDENT_ID, NAME, VAL) VALUES (?, ?, ?)", fields);
			List<Object[]> rows = new ArrayList<>();
			long seq = 0;
			for (StreamEntry entry : stream) {
				Map<String, String> f = entry.getFields();
				Map<String, String> details = new LinkedHashMap<>(f);
				RESERVED.forEach(details::remove);
				rows.add(new Object[] { id, ++seq, entry.getID().toString(), f.get("type"),
						f.getOrDefault("person", ""), f.getOrDefault("name", ""), f.getOrDefault("channel", ""),
						Long.parseLong(f.getOrDefault("at", "0")), IncidentRows.json(details) });
			}
			jdbc.batchUpdate("INSERT INTO WR_TIMELINE (INCIDENT_ID, SEQ, ENTRY_ID, TYPE, PERSON, PERSON_NAME, CHANNEL,"
					+ " AT_MILLIS, DETAILS) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)", rows);
			return rows.size();
		});
		return entries;
	}

	private void insertIfAbsent(String sql, Object... args) {
		try {
			jdbc.update(sql, args);
		}
		catch (DuplicateKeyException ex) {
			// there already: an earlier run, or written since
		}
	}

	private void scan(String pattern, Consumer<String> each) {
		String cursor = ScanParams.SCAN_POINTER_START;
		ScanParams params = new ScanParams().match(pattern).count(500);
		do {
			ScanResult<String> page = redis.scan(cursor, params);
			page.getResult().forEach(each);
			cursor = page.getCursor();
		}
		while (!cursor.equals(ScanParams.SCAN_POINTER_START));
	}

}
