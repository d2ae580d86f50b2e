package com.warroom.bot.delivery;

import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.ConfigDataApplicationContextInitializer;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;

/** GH-14: the delivery settings, one validated record. */
class DeliveryPropertiesTests {

	@EnableConfigurationProperties(DeliveryProperties.class)
	static class Records {

	}

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withInitializer(new ConfigDataApplicationContextInitializer())
		.withUserConfiguration(Records.class);

	@Test // GH-14
	void theQueueDefaultsTo1000AndIsSetByItsProperty() {
		runner.run((context) -> assertThat(context.getBean(DeliveryProperties.class).settlingQueue()).isEqualTo(1000));
		runner.withPropertyValues("warroom.settling-queue=5")
			.run((context) -> assertThat(context.getBean(DeliveryProperties.class).settlingQueue()).isEqualTo(5));
	}

	@Test // GH-14
	void aQueueOfNoneStopsTheStartNamingTheSetting() {
		runner.withPropertyValues("warroom.settling-queue=0").run((context) -> {
			assertThat(context).hasFailed();
			assertThat(context.getStartupFailure()).rootCause().hasMessage("warroom.settling-queue 应为正整数，实际是 0");
		});
	}

}
