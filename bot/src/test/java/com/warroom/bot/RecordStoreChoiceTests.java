package com.warroom.bot;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/**
 * Where the incident record lives (GH-15): in PostgreSQL when the bot has one, in Redis on
 * the embedded H2 default, whose file loses its last commits at a {@code kill -9}
 * (bench/README.md, FaultRun on H2 and on PostgreSQL).
 */
class RecordStoreChoiceTests {

	@Test
	void autoPutsTheRecordInPostgreSqlAndKeepsItInRedisOnTheEmbeddedDefault() {
		assertThat(EngineConfiguration.inDatabase("auto", "jdbc:postgresql://127.0.0.1:5432/warroom")).isTrue();
		assertThat(EngineConfiguration.inDatabase("auto", "")).isFalse();
		assertThat(EngineConfiguration.inDatabase("auto", "jdbc:h2:file:./data/quartz")).isFalse();
	}

	@Test
	void anExplicitChoiceWinsAndAnythingElseFailsTheStartWithItsName() {
		assertThat(EngineConfiguration.inDatabase("database", "")).isTrue();
		assertThat(EngineConfiguration.inDatabase(" Redis ", "jdbc:postgresql://db/warroom")).isFalse();
		assertThatIllegalStateException().isThrownBy(() -> EngineConfiguration.inDatabase("mysql", ""))
			.withMessageContaining("mysql");
	}

}
