package com.warroom.bot.store;

import java.time.Clock;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Set;

import com.warroom.bot.chat.ChatRef;
import com.warroom.bot.engine.TestRedis;
import com.warroom.bot.incident.Effects;
import com.warroom.bot.incident.Incident;
import com.warroom.bot.incident.IncidentKind;
import com.warroom.bot.incident.IncidentStatus;
import com.warroom.bot.incident.IncidentStore;
import com.warroom.bot.incident.StepState;
import com.warroom.bot.incident.TimelineEntry;
import com.warroom.bot.incident.TimelineType;
import com.warroom.playbooks.Track;
import com.zaxxer.hikari.HikariDataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.UnifiedJedis;

import static com.warroom.bot.store.IncidentStoreContract.CHAT;
import static com.warroom.bot.store.IncidentStoreContract.SHANGHAI;
import static com.warroom.bot.store.IncidentStoreContract.T0;
import static com.warroom.bot.store.IncidentStoreContract.entry;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 15, "on first start with the new version, incidents and timelines found in Redis
 * are copied into the database once (idempotent, logged)": what the Redis store wrote is
 * found, whole, in the database store after the switch.
 */
class RedisIncidentImportTests {

	private final UnifiedJedis redis = TestRedis.fresh();

	private final RedisIncidentStore before = new RedisIncidentStore(redis, SHANGHAI);

	private HikariDataSource database;

	private JdbcIncidentStore after;

	@BeforeEach
	void setUp() {
		database = TestDatabase.fresh();
		after = new JdbcIncidentStore(database, SHANGHAI, Clock.fixed(T0, ZoneOffset.UTC));
	}

	@AfterEach
	void tearDown() {
		database.close();
	}

	private RedisIncidentImport importer() {
		return new RedisIncidentImport(redis, database, T0.toEpochMilli());
	}

	private Incident declare(ChatRef chat) {
		return before.create(new IncidentStore.NewIncident(IncidentKind.REAL, "db-down", chat, "p1", T0, T0,
				Map.of(Track.STEPS, "s1")), entry(TimelineType.DECLARED, "p1", Map.of("playbook", "db-down")));
	}

	@Test
	void whatTheRedisStoreRecordedIsInTheDatabaseAfterTheSwitchAndASecondRunCopiesNothing() {
		Incident open = declare(CHAT);
		before.changeStep(open, Track.STEPS, "s1", Set.of(StepState.Status.OPEN),
				new StepState(StepState.Status.DONE, "p2", null), "s2",
				entry(TimelineType.STEP_DONE, "p2", Map.of("step", "s1")));
		before.once(open, "approve:1:cro", "p3", entry(TimelineType.REPORTED, "p3", Map.of("n", "1")), false);
		ChatRef topic = new ChatRef("tg", "-1001", "42", true);
		before.setThread(open.id(), topic);
		Incident closed = declare(new ChatRef("web", "room-1", null, false));
		before.change(closed, Set.of(IncidentStatus.OPEN), Map.of("status", "CLOSED", "closedAt", "1"),
				entry(TimelineType.CLOSED, "p1", Map.of()));
		before.setOwing(before.find(closed.id()).orElseThrow(), true);
		IncidentStore.Result note = Effects.within("tg:7", () -> before.change(open, Set.of(IncidentStatus.OPEN),
				Map.of(), entry(TimelineType.NOTE, "p1", Map.of("text", "到场"))));

		RedisIncidentImport.Copied first = importer().run();
		assertThat(first.incidents()).isEqualTo(2);
		assertThat(first.entries()).isEqualTo(6);

		Incident found = after.find(open.id()).orElseThrow();
		assertThat(found).isEqualTo(before.find(open.id()).orElseThrow());
		assertThat(after.timeline(open.id())).isEqualTo(before.timeline(open.id()));
		assertThat(after.openIn(CHAT)).extracting(Incident::id).containsExactly(open.id());
		assertThat(after.incidentOfThread(topic)).contains(open.id());
		assertThat(after.owing()).extracting(Incident::id).containsExactly(closed.id());
		assertThat(after.timeline(closed.id())).isEqualTo(before.timeline(closed.id()));
		// the update handled before the switch, delivered again after it: nothing twice
		IncidentStore.Result replay = Effects.within("tg:7", () -> after.change(found, Set.of(IncidentStatus.OPEN),
				Map.of(), entry(TimelineType.NOTE, "p1", Map.of("text", "到场"))));
		assertThat(replay.detail()).isEqualTo(note.detail());
		// and the next incident of the day gets the next number, not one taken in Redis
		Incident next = after.create(new IncidentStore.NewIncident(IncidentKind.REAL, "db-down", CHAT, "p1", T0, T0,
				Map.of(Track.STEPS, "s1")), entry(TimelineType.DECLARED, "p1", Map.of()));
		assertThat(next.id()).isEqualTo("INC-20261123-003");

		RedisIncidentImport.Copied second = importer().run();
		assertThat(second.incidents()).isZero();
		assertThat(second.entries()).isZero();
		assertThat(second.skipped()).isEqualTo(2);
		assertThat(after.timeline(open.id())).hasSize(4);
		assertThat(after.timeline(open.id())).extracting(TimelineEntry::type)
			.containsExactly(TimelineType.DECLARED, TimelineType.STEP_DONE, TimelineType.REPORTED, TimelineType.NOTE);
	}

	@Test
	void anEmptyRedisCopiesNothing() {
		assertThat(importer().run()).isEqualTo(new RedisIncidentImport.Copied(0, 0, 0));
		assertThat(after.open()).isEmpty();
	}

}
