package com.warroom.bot.web;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.sql.DataSource;

import org.jspecify.annotations.Nullable;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.json.JsonMapper;

/**
 * The messages of each web chat, in the job-store database (H2 or PostgreSQL, schema
 * {@code V3__web_chat_log}), so a restart, a Redis wipe or another instance shows the
 * same conversation. Each change (a new message or an edit) is one transaction that locks
 * the chat's row and takes its next revision, so revisions are distinct and in commit
 * order even when two instances write at once, and a listener that has seen revision N
 * misses nothing by asking for everything after N. The newest {@link #KEEP} changed
 * messages are kept. Thread-safe.
 */
final class WebChatLog {

	static final int KEEP = 500;

	/** Page loads show at most this many of the newest messages. */
	static final int PAGE = 200;

	private final JdbcTemplate jdbc;

	private final TransactionTemplate transactions;

	private final JsonMapper json = JsonMapper.builder().build();

	private final RowMapper<WebMessage> rows = (rs, n) -> new WebMessage(rs.getLong("ID"), rs.getLong("REV"),
			json.readValue(rs.getString("BODY"), WebMessage.Post.class));

	WebChatLog(DataSource dataSource) {
		this.jdbc = new JdbcTemplate(dataSource);
		this.transactions = new TransactionTemplate(new DataSourceTransactionManager(dataSource));
	}

	/** Adds a message; returns it with its id. */
	WebMessage append(String chatId, WebMessage.Post post) {
		String body = json.writeValueAsString(post);
		Long rev = appendTo(chatId, body);
		if (rev == null) {
			// the chat's first message: its row is made (outside the change's
			// transaction, so a race lost to another instance is no failure), then the
			// change is made as always
			try {
				jdbc.update("INSERT INTO WR_WEB_CHAT (CHAT_ID, REV) VALUES (?, 0)", chatId);
			}
			catch (DuplicateKeyException ex) {
				// another instance made it first
			}
			rev = appendTo(chatId, body);
		}
		return new WebMessage(rev, rev, post);
	}

	/**
	 * One transaction: the chat's next revision and the message under it; null when the
	 * chat has no row yet.
	 */
	private @Nullable Long appendTo(String chatId, String body) {
		return transactions.execute((status) -> {
			Optional<Long> current = lock(chatId);
			if (current.isEmpty()) {
				return null;
			}
			long next = current.get() + 1;
			jdbc.update("UPDATE WR_WEB_CHAT SET REV = ? WHERE CHAT_ID = ?", next, chatId);
			jdbc.update("INSERT INTO WR_WEB_MESSAGE (CHAT_ID, ID, REV, BODY) VALUES (?, ?, ?, ?)", chatId, next, next,
					body);
			// the newest KEEP by revision stay (fewer revisions than that: nothing to
			// drop): the revision of the first one beyond them, and all older, go
			if (next > KEEP) {
				List<Long> beyond = jdbc.queryForList(
						"SELECT REV FROM WR_WEB_MESSAGE WHERE CHAT_ID = ? ORDER BY REV DESC LIMIT 1 OFFSET " + KEEP,
						Long.class, chatId);
				if (!beyond.isEmpty()) {
					jdbc.update("DELETE FROM WR_WEB_MESSAGE WHERE CHAT_ID = ? AND REV <= ?", chatId, beyond.get(0));
				}
			}
			return next;
		});
	}

	/** Replaces message {@code id}; empty when the chat no longer has it. */
	Optional<WebMessage> replace(String chatId, long id, WebMessage.Post post) {
		String body = json.writeValueAsString(post);
		Long rev = transactions.execute((status) -> {
			Optional<Long> current = lock(chatId);
			if (current.isEmpty() || jdbc
				.queryForList("SELECT ID FROM WR_WEB_MESSAGE WHERE CHAT_ID = ? AND ID = ?", Long.class, chatId, id)
				.isEmpty()) {
				return 0L;
			}
			long next = current.get() + 1;
			jdbc.update("UPDATE WR_WEB_CHAT SET REV = ? WHERE CHAT_ID = ?", next, chatId);
			jdbc.update("UPDATE WR_WEB_MESSAGE SET REV = ?, BODY = ? WHERE CHAT_ID = ? AND ID = ?", next, body, chatId,
					id);
			return next;
		});
		return (rev == null || rev == 0) ? Optional.empty() : Optional.of(new WebMessage(id, rev, post));
	}

	Optional<WebMessage> find(String chatId, long id) {
		return jdbc.query("SELECT ID, REV, BODY FROM WR_WEB_MESSAGE WHERE CHAT_ID = ? AND ID = ?", rows, chatId, id)
			.stream()
			.findFirst();
	}

	/** The newest messages (at most {@link #PAGE}), oldest first. */
	List<WebMessage> recent(String chatId) {
		List<WebMessage> newest = new ArrayList<>(
				jdbc.query("SELECT ID, REV, BODY FROM WR_WEB_MESSAGE WHERE CHAT_ID = ? ORDER BY ID DESC LIMIT " + PAGE,
						rows, chatId));
		java.util.Collections.reverse(newest);
		return newest;
	}

	/** Messages added or edited after revision {@code rev}, in message order. */
	List<WebMessage> since(String chatId, long rev) {
		return jdbc.query("SELECT ID, REV, BODY FROM WR_WEB_MESSAGE WHERE CHAT_ID = ? AND REV > ? ORDER BY ID", rows,
				chatId, rev);
	}

	/** The chat's latest revision (0 when empty). */
	long revision(String chatId) {
		List<Long> rev = jdbc.queryForList("SELECT REV FROM WR_WEB_CHAT WHERE CHAT_ID = ?", Long.class, chatId);
		return rev.isEmpty() ? 0 : rev.get(0);
	}

	/**
	 * The latest revisions of these chats in one query (chats without messages are
	 * absent).
	 */
	Map<String, Long> revisions(Collection<String> chatIds) {
		Map<String, Long> revisions = new HashMap<>();
		if (chatIds.isEmpty()) {
			return revisions;
		}
		String marks = String.join(",", java.util.Collections.nCopies(chatIds.size(), "?"));
		jdbc.query("SELECT CHAT_ID, REV FROM WR_WEB_CHAT WHERE CHAT_ID IN (" + marks + ")", (rs) -> {
			revisions.put(rs.getString("CHAT_ID"), rs.getLong("REV"));
		}, chatIds.toArray());
		return revisions;
	}

	/**
	 * The chat's revision, its row locked until the transaction ends; empty when there is
	 * no such chat.
	 */
	private Optional<Long> lock(String chatId) {
		return jdbc.queryForList("SELECT REV FROM WR_WEB_CHAT WHERE CHAT_ID = ? FOR UPDATE", Long.class, chatId)
			.stream()
			.findFirst();
	}

}
