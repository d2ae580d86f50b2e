package com.warroom.bot;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/**
 * Where the incident record lives (GH-15): in the job-store database by default, on the
 * embedded H2 file as on PostgreSQL, since the H2 file keeps every acknowledged commit at
 * a {@code kill -9} (GH-11, {@code EmbeddedH2KillTests}); Redis only when chosen.
 */
class RecordStoreChoiceTests {

	@Test
	void theDefaultAndTheStopgapsAutoPutTheRecordInTheDatabase() {
		assertThat(EngineConfiguration.inDatabase("database")).isTrue();
		assertThat(EngineConfiguration.inDatabase("")).isTrue();
		assertThat(EngineConfiguration.inDatabase("auto")).isTrue();
	}

	@Test
	void redisIsAnExplicitChoiceAndAnythingElseFailsTheStartWithItsName() {
		assertThat(EngineConfiguration.inDatabase(" Redis ")).isFalse();
		assertThatIllegalStateException().isThrownBy(() -> EngineConfiguration.inDatabase("mysql"))
			.withMessageContaining("mysql");
	}

}
