package com.warroom.bot.store;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.params.ScanParams;
import redis.clients.jedis.resps.ScanResult;
import redis.clients.jedis.resps.Tuple;

/**
 * Copies the web chat logs of Redis (before issue 15: {@code wr:web:chat:CHAT:rev}, the
 * hash {@code :msg} of messages by id and the sorted set {@code :revs} of their
 * revisions) into the database ({@code V3__web_chat_log}) once: each chat with its
 * messages, ids and revisions unchanged, so an open page resumes where it was. A chat
 * already in the database is left alone, so running it again copies nothing twice; Redis
 * is not changed. Run at every start, before the log is used (a start without Redis logs
 * and goes on).
 */
public final class RedisWebChatImport {

	private static final Logger log = LoggerFactory.getLogger(RedisWebChatImport.class);

	private static final String PREFIX = "wr:web:chat:";

	private final UnifiedJedis redis;

	private final JdbcTemplate jdbc;

	private final TransactionTemplate transactions;

	/** What one run copied: chats, their messages, and chats already in the database. */
	public record Copied(int chats, int messages, int skipped) {
	}

	public RedisWebChatImport(UnifiedJedis redis, DataSource dataSource) {
		this.redis = redis;
		this.jdbc = new JdbcTemplate(dataSource);
		this.transactions = new TransactionTemplate(new DataSourceTransactionManager(dataSource));
	}

	/** Copies what is not in the database yet; logs what it did. */
	public Copied run() {
		int[] counts = new int[3];
		String cursor = ScanParams.SCAN_POINTER_START;
		ScanParams params = new ScanParams().match(PREFIX + "*:rev").count(500);
		do {
			ScanResult<String> page = redis.scan(cursor, params);
			for (String key : page.getResult()) {
				String chatId = key.substring(PREFIX.length(), key.length() - ":rev".length());
				if (!jdbc.queryForList("SELECT CHAT_ID FROM WR_WEB_CHAT WHERE CHAT_ID = ?", String.class, chatId)
					.isEmpty()) {
					counts[2]++;
					continue;
				}
				int copied = copy(chatId);
				if (copied >= 0) {
					counts[0]++;
					counts[1] += copied;
				}
				else {
					counts[2]++;
				}
			}
			cursor = page.getCursor();
		}
		while (!cursor.equals(ScanParams.SCAN_POINTER_START));
		Copied copied = new Copied(counts[0], counts[1], counts[2]);
		if (copied.chats() > 0) {
			log.info("已从 Redis 导入 {} 个网页聊天（{} 条消息）到数据库；{} 个已在数据库中，未重复导入", copied.chats(), copied.messages(),
					copied.skipped());
		}
		return copied;
	}

	/**
	 * One chat and its messages in one transaction; the number of messages, -1 when
	 * another start copied it first.
	 */
	private int copy(String chatId) {
		String rev = redis.get(PREFIX + chatId + ":rev");
		List<Tuple> revs = redis.zrangeWithScores(PREFIX + chatId + ":revs", 0, -1);
		Map<String, String> bodies = redis.hgetAll(PREFIX + chatId + ":msg");
		List<Object[]> rows = new ArrayList<>();
		long latest = (rev != null && rev.matches("\\d+")) ? Long.parseLong(rev) : 0;
		for (Tuple tuple : revs) {
			String body = bodies.get(tuple.getElement());
			if (body != null && tuple.getElement().matches("\\d+")) {
				long messageRev = (long) tuple.getScore();
				rows.add(new Object[] { chatId, Long.parseLong(tuple.getElement()), messageRev, body });
				latest = Math.max(latest, messageRev);
			}
		}
		long chatRev = latest;
		try {
			transactions.executeWithoutResult((status) -> {
				jdbc.update("INSERT INTO WR_WEB_CHAT (CHAT_ID, REV) VALUES (?, ?)", chatId, chatRev);
				jdbc.batchUpdate("INSERT INTO WR_WEB_MESSAGE (CHAT_ID, ID, REV, BODY) VALUES (?, ?, ?, ?)", rows);
			});
		}
		catch (DuplicateKeyException ex) {
			return -1;
		}
		return rows.size();
	}

}
