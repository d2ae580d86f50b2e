package com.warroom.bot.store;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.ConfigDataApplicationContextInitializer;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;

/** GH-14: Redis's settings, one record bound from the documented variables. */
class StorePropertiesTests {

	@EnableConfigurationProperties(StoreProperties.class)
	static class Records {

	}

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withInitializer(new ConfigDataApplicationContextInitializer())
		.withUserConfiguration(Records.class);

	@Test // GH-14
	void theDefaultsAndTheDocumentedVariables() {
		runner.run((context) -> assertThat(context.getBean(StoreProperties.class))
			.isEqualTo(new StoreProperties(Path.of("data"), 0, "always", "", "", "mymaster")));
		runner
			.withSystemProperties("DATA_DIR=/var/lib/warroom", "REDIS_FSYNC=everysec",
					"REDIS_URL=redis://:secret@cache:6379", "REDIS_SENTINELS=s1:26379,s2:26379", "REDIS_MASTER=warroom")
			.withPropertyValues("warroom.embedded-redis-port=6390")
			.run((context) -> {
				StoreProperties store = context.getBean(StoreProperties.class);
				assertThat(store).isEqualTo(new StoreProperties(Path.of("/var/lib/warroom"), 6390, "everysec",
						"redis://:secret@cache:6379", "s1:26379,s2:26379", "warroom"));
				assertThat(store.toString()).doesNotContain("secret");
			});
	}

	@Test // GH-14
	void aBadValueStopsTheStartNamingTheSetting() {
		runner.withSystemProperties("REDIS_FSYNC=sometimes").run((context) -> {
			assertThat(context).hasFailed();
			assertThat(context.getStartupFailure()).rootCause()
				.hasMessage("REDIS_FSYNC（warroom.redis-fsync）只能是 always 或 everysec，实际是 sometimes");
		});
		runner.withPropertyValues("warroom.embedded-redis-port=70000")
			.run((context) -> assertThat(context.getStartupFailure()).rootCause()
				.hasMessageContaining("warroom.embedded-redis-port"));
	}

}
