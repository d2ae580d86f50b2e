package com.warroom.bot.web;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import com.warroom.bot.engine.TestRedis;
import com.warroom.bot.store.RedisWebChatImport;
import com.warroom.bot.store.TestDatabase;
import com.zaxxer.hikari.HikariDataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.UnifiedJedis;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * GH-15: the web chat log in the database (a fresh one per test: H2, or a schema of the
 * PostgreSQL of {@code WARROOM_TEST_PG_URL}), shared by instances: one revision per
 * change even when two instances write at once, nothing lost when Redis is wiped, and the
 * one-time copy of the logs an earlier version kept in Redis.
 */
class WebChatLogTests {

	private final UnifiedJedis redis = TestRedis.fresh();

	private final HikariDataSource database = TestDatabase.fresh();

	private final WebChatLog one = new WebChatLog(database);

	/** A second instance's log: the same database. */
	private final WebChatLog two = new WebChatLog(database);

	@AfterEach
	void close() {
		database.close();
	}

	private static WebMessage.Post bot(String html) {
		return new WebMessage.Post(WebMessage.Kind.BOT, html, List.of(), null, "WarRoom", 1_000L, false,
				"INC-20261123-001", null);
	}

	@Test
	void twoInstancesAppendingAtOnceGetDistinctRevisionsInOrder() throws Exception {
		int each = 100;
		ExecutorService pool = Executors.newFixedThreadPool(4);
		CountDownLatch start = new CountDownLatch(1);
		Set<Long> revisions = ConcurrentHashMap.newKeySet();
		List<Future<?>> writers = new ArrayList<>();
		try {
			for (WebChatLog log : List.of(one, two, one, two)) {
				writers.add(pool.submit(() -> {
					start.await();
					for (int i = 0; i < each; i++) {
						assertThat(revisions.add(log.append("room", bot("m" + i)).rev())).isTrue();
					}
					return null;
				}));
			}
			start.countDown();
			for (Future<?> writer : writers) {
				writer.get(60, TimeUnit.SECONDS);
			}
		}
		finally {
			pool.shutdownNow();
		}
		assertThat(revisions).hasSize(4 * each);
		assertThat(one.revision("room")).isEqualTo(4 * each);
		assertThat(two.since("room", 0)).hasSize(4 * each)
			.extracting(WebMessage::rev)
			.isSorted()
			.doesNotHaveDuplicates();
	}

	@Test
	void anEditOnOneInstanceIsTheNewestChangeOnTheOther() {
		WebMessage first = one.append("room", bot("卡片 v1"));
		two.append("room", bot("其后"));
		long before = two.revision("room");

		assertThat(two.replace("room", first.id(), bot("卡片 v2")))
			.hasValueSatisfying((edited) -> assertThat(edited.rev()).isEqualTo(before + 1));

		assertThat(one.since("room", before)).singleElement().satisfies((changed) -> {
			assertThat(changed.id()).isEqualTo(first.id());
			assertThat(changed.post().html()).isEqualTo("卡片 v2");
		});
		assertThat(one.recent("room")).extracting((message) -> message.post().html()).containsExactly("卡片 v2", "其后");
		// an edit of what the chat does not have changes nothing
		assertThat(one.replace("room", 999, bot("x"))).isEmpty();
		assertThat(one.replace("nowhere", 1, bot("x"))).isEmpty();
		assertThat(one.revision("room")).isEqualTo(before + 1);
		assertThat(one.revision("nowhere")).isZero();
	}

	@Test
	void theLogSurvivesARedisWipe() {
		one.append("p-wu-dba", bot("⏰ 报告提醒"));
		one.append("p-wu-dba", bot("升级通知"));

		redis.flushAll();

		WebChatLog afterRestart = new WebChatLog(database);
		assertThat(afterRestart.recent("p-wu-dba")).extracting((message) -> message.post().html())
			.containsExactly("⏰ 报告提醒", "升级通知");
		assertThat(afterRestart.revision("p-wu-dba")).isEqualTo(2);
	}

	@Test
	void theRevisionsOfManyChatsAreOneQuery() {
		one.append("room", bot("a"));
		one.append("room", bot("b"));
		two.append("p-zhao-gm", bot("c"));
		assertThat(one.revisions(List.of("room", "p-zhao-gm", "empty"))).containsOnly(java.util.Map.entry("room", 2L),
				java.util.Map.entry("p-zhao-gm", 1L));
		assertThat(one.revisions(List.of())).isEmpty();
	}

	@Test
	void theLogsAnEarlierVersionKeptInRedisAreCopiedOnce() {
		JsonMapper json = JsonMapper.builder().build();
		// the layout of the Redis log before issue 15: the
		// revision, messages by id, their revisions
		redis.set("wr:web:chat:room:rev", "3");
		redis.hset("wr:web:chat:room:msg", "1", json.writeValueAsString(bot("旧消息一（已编辑）")));
		redis.hset("wr:web:chat:room:msg", "2", json.writeValueAsString(bot("旧消息二")));
		redis.zadd("wr:web:chat:room:revs", 3, "1");
		redis.zadd("wr:web:chat:room:revs", 2, "2");
		redis.set("wr:web:chat:p-wu-dba:rev", "1");
		redis.hset("wr:web:chat:p-wu-dba:msg", "1", json.writeValueAsString(bot("私聊")));
		redis.zadd("wr:web:chat:p-wu-dba:revs", 1, "1");

		assertThat(new RedisWebChatImport(redis, database).run()).isEqualTo(new RedisWebChatImport.Copied(2, 3, 0));

		assertThat(one.recent("room")).extracting(WebMessage::id, WebMessage::rev, (message) -> message.post().html())
			.containsExactly(org.assertj.core.groups.Tuple.tuple(1L, 3L, "旧消息一（已编辑）"),
					org.assertj.core.groups.Tuple.tuple(2L, 2L, "旧消息二"));
		assertThat(one.revision("room")).isEqualTo(3);
		assertThat(one.recent("p-wu-dba")).singleElement()
			.satisfies((message) -> assertThat(message.post().html()).isEqualTo("私聊"));
		// the log goes on after what was copied
		assertThat(one.append("room", bot("新消息")).rev()).isEqualTo(4);

		// a second start (or a second instance) copies nothing again, and changes nothing
		assertThat(new RedisWebChatImport(redis, database).run()).isEqualTo(new RedisWebChatImport.Copied(0, 0, 2));
		assertThat(one.recent("room")).extracting((message) -> message.post().html())
			.containsExactly("旧消息一（已编辑）", "旧消息二", "新消息");
		assertThat(redis.exists("wr:web:chat:room:msg")).isTrue();
	}

}
