package com.warroom.notify.internal;

import javax.sql.DataSource;

import org.springframework.boot.quartz.autoconfigure.SchedulerFactoryBeanCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Quartz on the JDBC job store: embedded H2 under the data directory by default,
 * PostgreSQL when {@code DATABASE_URL} points at one; clustered, so two instances on one
 * database fire each trigger once.
 */
@Configuration(proxyBeanMethods = false)
class NotifyConfiguration {

	/**
	 * The job store's database: {@code DATABASE_URL} (a JDBC URL) when set, otherwise an
	 * H2 file under the data directory (absolute: H2 refuses implicit relative paths).
	 */
	@Bean(destroyMethod = "close")
	com.zaxxer.hikari.HikariDataSource dataSource(
			@org.springframework.beans.factory.annotation.Value("${warroom.database-url:}") String url,
			@org.springframework.beans.factory.annotation.Value("${warroom.database-user:sa}") String user,
			@org.springframework.beans.factory.annotation.Value("${warroom.database-password:}") String password,
			@org.springframework.beans.factory.annotation.Value("${warroom.data-dir:./data}") java.nio.file.Path dataDir) {
		com.zaxxer.hikari.HikariDataSource dataSource = new com.zaxxer.hikari.HikariDataSource();
		dataSource.setJdbcUrl(url.isBlank()
				? "jdbc:h2:file:" + dataDir.resolve("quartz").resolve("quartz").toAbsolutePath() + ";WRITE_DELAY=0" : url);
		dataSource.setUsername(user);
		dataSource.setPassword(password);
		dataSource.setPoolName("warroom-quartz");
		dataSource.setMaximumPoolSize(8);
		return dataSource;
	}

	@Bean
	SchedulerFactoryBeanCustomizer warroomQuartz(DataSource dataSource) {
		QuartzSchemaInitializer.ensure(dataSource);
		boolean postgres = QuartzSchemaInitializer.postgres(dataSource);
		return (factory) -> {
			java.util.Properties properties = new java.util.Properties();
			properties.put("org.quartz.jobStore.isClustered", "true");
			properties.put("org.quartz.scheduler.instanceId", "AUTO");
			properties.put("org.quartz.jobStore.clusterCheckinInterval", "5000");
			properties.put("org.quartz.jobStore.misfireThreshold", "5000");
			properties.put("org.quartz.threadPool.threadCount", "4");
			properties.put("org.quartz.jobStore.driverDelegateClass", postgres
					? "org.quartz.impl.jdbcjobstore.PostgreSQLDelegate" : "org.quartz.impl.jdbcjobstore.StdJDBCDelegate");
			factory.setQuartzProperties(properties);
			factory.setWaitForJobsToCompleteOnShutdown(true);
		};
	}

}
