package com.warroom.bot.delivery;

import java.util.List;

import com.warroom.bot.engine.ConversationEngine;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.ApplicationListener;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Lazy;
import org.springframework.core.annotation.Order;

/**
 * Wires the one delivery path: the policies (drill marking first), the channels (every
 * {@link OutboundSink} bean), the person directory (every {@link DirectReach} bean, in
 * their order) and the handling of events with its settling thread.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(DeliveryProperties.class)
class DeliveryConfiguration {

	private static final Logger log = LoggerFactory.getLogger(DeliveryConfiguration.class);

	/**
	 * The first policy. The drill guard (GH-16) is one more {@link DeliveryPolicy} bean,
	 * ordered after it.
	 */
	@Bean
	@Order(DrillMarking.ORDER)
	DrillMarking drillMarking() {
		return new DrillMarking();
	}

	/**
	 * Every outbound action goes to the channel of its chat, through this one component.
	 */
	@Bean
	Delivery delivery(ObjectProvider<OutboundSink> sinks, ObjectProvider<DeliveryPolicy> policies) {
		return new Delivery(() -> sinks.orderedStream().toList(), policies.orderedStream().toList());
	}

	@Bean
	Directory directory(ObjectProvider<DirectReach> channels) {
		return new Directory(() -> channels.orderedStream().toList());
	}

	/** Settles events off the thread that handled them (the Telegram polling thread). */
	@Bean(destroyMethod = "close")
	Settling settling(DeliveryProperties properties) {
		return Settling.background(properties.settlingQueue());
	}

	/**
	 * Lazy engine: the engine's topic opener is a channel that itself handles events
	 * through this.
	 */
	@Bean
	EventHandling eventHandling(@Lazy ConversationEngine engine, Delivery delivery, Settling settling) {
		return new EventHandling(engine, delivery, settling);
	}

	/** Said once at start, not at every reminder: which channel is missing. */
	@Bean
	ApplicationListener<ApplicationReadyEvent> missingChannels(Delivery delivery) {
		return (event) -> {
			if (!delivery.missingChannels(List.of("tg")).isEmpty()) {
				log.info("没有可用的 tg 渠道（未设置 TELEGRAM_BOT_TOKEN）：发往 Telegram 私聊的提醒和升级不会发出，请用网页聊天或其他渠道");
			}
		};
	}

}
