package com.warroom.bot.delivery;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Delivery settings.
 *
 * @param settlingQueue how many settlings (re-grade, re-plan after an event) may wait for
 * the settling thread ({@code warroom.settling-queue}); more are refused and made up by
 * the periodic re-plan
 */
@ConfigurationProperties("warroom")
record DeliveryProperties(@DefaultValue("1000") int settlingQueue) {

	DeliveryProperties {
		if (settlingQueue <= 0) {
			throw new IllegalArgumentException("warroom.settling-queue 应为正整数，实际是 " + settlingQueue);
		}
	}

}
