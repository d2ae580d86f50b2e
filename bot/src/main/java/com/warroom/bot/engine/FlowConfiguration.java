package com.warroom.bot.engine;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The standard flows as beans (the same as {@link ConversationEngine#standardFlows}); the
 * engine dispatches over every {@link Flow} bean, so a new flow is one more bean.
 */
@Configuration(proxyBeanMethods = false)
class FlowConfiguration {

	@Bean
	ChatFlow chatFlow(ConversationEngine.Services services) {
		return new ChatFlow(services);
	}

	@Bean
	DeclareFlow declareFlow(ConversationEngine.Services services) {
		return new DeclareFlow(services);
	}

	@Bean
	StepFlow stepFlow(ConversationEngine.Services services) {
		return new StepFlow(services);
	}

	@Bean
	FactFlow factFlow(ConversationEngine.Services services) {
		return new FactFlow(services);
	}

	@Bean
	LifecycleFlow lifecycleFlow(ConversationEngine.Services services, FactFlow facts) {
		return new LifecycleFlow(services, facts);
	}

	@Bean
	ReportFlow reportFlow(ConversationEngine.Services services) {
		return new ReportFlow(services);
	}

	@Bean
	DocumentFlow documentFlow(ConversationEngine.Services services) {
		return new DocumentFlow(services);
	}

}
