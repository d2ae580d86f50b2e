package com.warroom.notify.internal;

import javax.sql.DataSource;

import org.springframework.boot.quartz.autoconfigure.SchedulerFactoryBeanCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Quartz on the JDBC job store: embedded H2 under the data directory by default,
 * PostgreSQL when {@code DATABASE_URL} points at one; clustered there, so two instances
 * on one database fire each trigger once (the embedded H2 file belongs to one instance).
 */
@Configuration(proxyBeanMethods = false)
class NotifyConfiguration {

	/**
	 * The job store's database: {@code DATABASE_URL} (a JDBC URL) when set, otherwise an
	 * H2 file under the data directory (absolute: H2 refuses implicit relative paths).
	 * Migrated by Flyway before it is returned.
	 */
	@Bean(destroyMethod = "close")
	com.zaxxer.hikari.HikariDataSource dataSource(
			@org.springframework.beans.factory.annotation.Value("${warroom.database-url:}") String url,
			@org.springframework.beans.factory.annotation.Value("${warroom.database-user:sa}") String user,
			@org.springframework.beans.factory.annotation.Value("${warroom.database-password:}") String password,
			@org.springframework.beans.factory.annotation.Value("${warroom.data-dir:./data}") java.nio.file.Path dataDir) {
		com.zaxxer.hikari.HikariDataSource dataSource;
		if (url.isBlank()) {
			dataSource = EmbeddedH2.dataSource(dataDir.resolve("quartz").resolve("quartz"), user, password);
		}
		else {
			dataSource = new com.zaxxer.hikari.HikariDataSource();
			dataSource.setJdbcUrl(url);
			dataSource.setUsername(user);
			dataSource.setPassword(password);
			dataSource.setPoolName("warroom-quartz");
			dataSource.setMaximumPoolSize(8);
		}
		// the schema before anyone uses the pool: Quartz, the outboxes and the incident
		// record (Flyway, never dropped; see JobStoreSchema)
		com.warroom.notify.JobStoreSchema.migrate(dataSource);
		// the embedded file is this process's: what a killed earlier one held is lapsed
		com.warroom.notify.Leases.lapseAll(dataSource);
		return dataSource;
	}

	/**
	 * Quartz gets its DataSource through a provider, so Spring does not know the
	 * scheduler needs it and could close the pool first on shutdown; declare the
	 * dependency.
	 */
	@Bean
	static org.springframework.beans.factory.config.BeanFactoryPostProcessor quartzAfterDataSource() {
		return (factory) -> {
			if (factory.containsBeanDefinition("quartzScheduler")) {
				var definition = factory.getBeanDefinition("quartzScheduler");
				java.util.List<String> dependsOn = new java.util.ArrayList<>();
				if (definition.getDependsOn() != null) {
					dependsOn.addAll(java.util.List.of(definition.getDependsOn()));
				}
				dependsOn.add("dataSource");
				definition.setDependsOn(dependsOn.toArray(String[]::new));
			}
		};
	}

	/**
	 * Group robots, the SMS gateway and e-mail (when {@code spring.mail.host} is set);
	 * secrets come from the environment (never logged).
	 */
	@Bean
	java.util.List<com.warroom.notify.spi.NotificationChannel> robotChannels(java.time.Clock clock,
			org.springframework.beans.factory.ObjectProvider<org.springframework.mail.javamail.JavaMailSender> mail,
			@org.springframework.beans.factory.annotation.Value("${warroom.notify.mail-from:warroom@localhost}") String mailFrom,
			@org.springframework.beans.factory.annotation.Value("${warroom.notify.http-timeout:PT10S}") java.time.Duration timeout,
			@org.springframework.beans.factory.annotation.Value("${warroom.notify.dingtalk-secret:}") String dingtalkSecret,
			@org.springframework.beans.factory.annotation.Value("${warroom.notify.feishu-secret:}") String feishuSecret,
			@org.springframework.beans.factory.annotation.Value("${warroom.notify.sms-url:}") String smsUrl,
			@org.springframework.beans.factory.annotation.Value("${warroom.notify.sms-template:}") String smsTemplate,
			@org.springframework.beans.factory.annotation.Value("${warroom.notify.sms-content-type:application/json}") String smsType) {
		java.util.List<com.warroom.notify.spi.NotificationChannel> channels = new java.util.ArrayList<>();
		channels.add(RobotChannels.wecom(timeout));
		mail.ifAvailable((sender) -> channels.add(new MailChannel(sender, mailFrom)));
		if (!dingtalkSecret.isBlank()) {
			channels.add(RobotChannels.dingtalk(dingtalkSecret, clock, timeout));
		}
		if (!feishuSecret.isBlank()) {
			channels.add(RobotChannels.feishu(feishuSecret, clock, timeout));
		}
		if (!smsUrl.isBlank()) {
			channels.add(RobotChannels.sms(smsUrl, smsTemplate.isBlank() ? RobotChannels.SMS_TEMPLATE : smsTemplate,
					smsType, timeout));
		}
		return channels;
	}

	@Bean(destroyMethod = "close")
	JdbcOutbox outbox(DataSource dataSource, java.util.List<com.warroom.notify.spi.NotificationChannel> robotChannels,
			org.springframework.context.ApplicationEventPublisher events, java.time.Clock clock,
			@org.springframework.beans.factory.annotation.Value("${warroom.notify.give-up-after:PT30M}") java.time.Duration giveUp,
			@org.springframework.beans.factory.annotation.Value("${warroom.notify.poll:PT1S}") java.time.Duration poll,
			org.springframework.beans.factory.ObjectProvider<com.warroom.notify.DrillGuard> guard,
			org.springframework.beans.factory.ObjectProvider<com.warroom.notify.DrillCoordinators> coordinators,
			@org.springframework.beans.factory.annotation.Value("${warroom.cluster.outbox-lease:PT1M}") java.time.Duration lease) {
		JdbcOutbox outbox = new JdbcOutbox(dataSource, robotChannels, events, clock, giveUp, poll, lease);
		// drills never reach a real-only target (GH-16);
		// without a configured guard the defaults hold
		outbox.guard(guard.getIfAvailable(com.warroom.notify.DrillGuard::defaults),
				coordinators.getIfAvailable(() -> com.warroom.notify.DrillCoordinators.NONE));
		return outbox;
	}

	/** How a reminder whose handling failed (Redis unreachable) is tried again. */
	@Bean
	ReminderRetry reminderRetry(
			@org.springframework.beans.factory.annotation.Value("${warroom.reminder-retry-first:PT1S}") java.time.Duration first,
			@org.springframework.beans.factory.annotation.Value("${warroom.reminder-retry-max:PT1M}") java.time.Duration max) {
		return new ReminderRetry(first, max);
	}

	@Bean
	SchedulerFactoryBeanCustomizer warroomQuartz(DataSource dataSource,
			@org.springframework.beans.factory.annotation.Value("${warroom.database-url:}") String url,
			@org.springframework.beans.factory.annotation.Value("${warroom.data-dir:./data}") java.nio.file.Path dataDir,
			@org.springframework.beans.factory.annotation.Value("${warroom.cluster.checkin-interval:PT5S}") java.time.Duration checkin) {
		boolean postgres = QuartzSchemaInitializer.postgres(dataSource);
		// Spring registers the job store's DataSource JVM-wide under the scheduler's
		// name, so two schedulers of one name in one JVM would share (and close) each
		// other's pool. A shared database (a cluster) keeps the one name every instance
		// must use; the embedded H2 file, which no other machine shares, names its
		// scheduler after its path.
		String name = url.isBlank()
				? "warroom-" + Integer.toHexString(dataDir.toAbsolutePath().normalize().toString().hashCode())
				: "warroom";
		java.util.Properties properties = quartzProperties(postgres, checkin);
		return (factory) -> {
			factory.setSchedulerName(name);
			factory.setQuartzProperties(properties);
			factory.setWaitForJobsToCompleteOnShutdown(true);
		};
	}

	/**
	 * Clustered on PostgreSQL (instances check in every {@code checkin}; one that misses
	 * its check-ins has its fired triggers recovered by another); the H2 file is one
	 * instance's own and stays unclustered.
	 */
	static java.util.Properties quartzProperties(boolean postgres, java.time.Duration checkin) {
		java.util.Properties properties = new java.util.Properties();
		properties.put("org.quartz.jobStore.class", OwnDataSourceJobStore.class.getName());
		properties.put("org.quartz.jobStore.isClustered", String.valueOf(postgres));
		properties.put("org.quartz.scheduler.instanceId", "AUTO");
		properties.put("org.quartz.jobStore.clusterCheckinInterval", String.valueOf(checkin.toMillis()));
		properties.put("org.quartz.jobStore.misfireThreshold", "5000");
		// many reminders can come due at once (a shared cycle, a restart): fetch them in
		// batches and run them on enough threads (bench/ReminderLatenessBenchmark)
		properties.put("org.quartz.threadPool.threadCount", "10");
		properties.put("org.quartz.scheduler.batchTriggerAcquisitionMaxCount", "10");
		// acquire within the store's lock: with batches, a job deleted by a re-plan while
		// its trigger was being acquired logged "Couldn't
		// acquire next trigger … No record found"
		properties.put("org.quartz.jobStore.acquireTriggersWithinLock", "true");
		properties.put("org.quartz.jobStore.driverDelegateClass", postgres
				? "org.quartz.impl.jdbcjobstore.PostgreSQLDelegate" : "org.quartz.impl.jdbcjobstore.StdJDBCDelegate");
		return properties;
	}

}
