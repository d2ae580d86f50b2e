package com.warroom.bot.store;

import javax.sql.DataSource;

import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Tracks the database of every application context a test starts (registered in the test
 * {@code META-INF/spring.factories}), so that {@code TestRedis.fresh()} empties its
 * incident record as it empties Redis: the tests that share one context and start each
 * case from a flushed Redis start from no incidents, as they did when incidents were in
 * Redis.
 */
public class TrackDataSources implements ApplicationContextInitializer<ConfigurableApplicationContext> {

	@Override
	public void initialize(ConfigurableApplicationContext context) {
		context.getBeanFactory().addBeanPostProcessor(new BeanPostProcessor() {

			@Override
			public Object postProcessAfterInitialization(Object bean, String name) {
				if (bean instanceof DataSource dataSource) {
					TestDatabase.track(dataSource);
				}
				return bean;
			}

		});
	}

}
