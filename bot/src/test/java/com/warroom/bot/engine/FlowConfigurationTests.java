package com.warroom.bot.engine;

import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * GH-14: the flows the application registers as beans are the engine's standard flows
 * (the menu cannot drift).
 */
class FlowConfigurationTests {

	@Test
	void theFlowBeansAreTheStandardFlows() {
		EngineHarness harness = new EngineHarness(TestRedis.fresh());
		new ApplicationContextRunner().withUserConfiguration(FlowConfiguration.class)
			.withBean(ConversationEngine.Services.class, () -> harness.services)
			.run((context) -> {
				assertThat(context).hasNotFailed();
				assertThat(context.getBeansOfType(Flow.class).values()).extracting((flow) -> flow.getClass().getName())
					.containsExactlyInAnyOrderElementsOf(ConversationEngine.standardFlows(harness.services)
						.stream()
						.map((flow) -> flow.getClass().getName())
						.toList());
				// and an engine built from the beans shows the standard menu
				ConversationEngine engine = new ConversationEngine(harness.services,
						context.getBeanProvider(Flow.class).orderedStream().toList());
				assertThat(engine.menu()).isEqualTo(harness.engine.menu());
			});
	}

}
