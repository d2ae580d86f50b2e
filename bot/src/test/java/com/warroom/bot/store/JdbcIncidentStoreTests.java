package com.warroom.bot.store;

import java.time.Clock;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

import com.warroom.bot.incident.Effects;
import com.warroom.bot.incident.IncidentStore;
import com.zaxxer.hikari.HikariDataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The incident record in the database (issue 15), on H2 or on the PostgreSQL of
 * {@code WARROOM_TEST_PG_URL}: the store's contract, contention included.
 */
class JdbcIncidentStoreTests extends IncidentStoreContract {

	private HikariDataSource database;

	@Override
	protected FieldIncidentStore open() {
		database = TestDatabase.fresh();
		return new JdbcIncidentStore(database, SHANGHAI, Clock.fixed(T0, ZoneOffset.UTC));
	}

	@AfterEach
	void closeDatabase() {
		database.close();
	}

	@Test
	void aFieldSetOnNoIncidentMakesNone() {
		store.setFields("INC-20261123-999", Map.of("x", "y"));
		assertThat(store.find("INC-20261123-999")).isEmpty();
		assertThat(store.open()).isEmpty();
	}

	@Test
	void theRecordOutlivesTheStoreThatWroteIt() {
		String id = declare().id();
		IncidentStore again = new JdbcIncidentStore(database, SHANGHAI, Clock.fixed(T0, ZoneOffset.UTC));
		assertThat(again.find(id)).isEqualTo(store.find(id));
		assertThat(again.timeline(id)).hasSize(1);
	}

	/**
	 * One update handled on several threads at once (two instances both taking a webhook
	 * delivery): its name is committed with the incident, so one opens. The Redis store
	 * checks the name before its script and opens several here.
	 */
	@Test
	void oneUpdateHandledOnTwentyThreadsAtOnceOpensOneIncidentAndDifferentOnesOpenTheirOwn() throws Exception {
		List<String> same = race(20, (n) -> Effects.within("tg:9", this::declare).id());
		assertThat(same).containsOnly(same.get(0));
		assertThat(store.open()).hasSize(1);
		List<String> own = race(20, (n) -> Effects.within("tg:1" + n, this::declare).id());
		assertThat(own).doesNotHaveDuplicates().hasSize(20);
		assertThat(store.open()).hasSize(21);
	}

}
