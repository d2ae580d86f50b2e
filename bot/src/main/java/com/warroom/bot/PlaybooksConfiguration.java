package com.warroom.bot;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;

import com.warroom.playbooks.LoadResult;
import com.warroom.playbooks.PlaybookLibrary;
import com.warroom.playbooks.PlaybookLoader;
import com.warroom.playbooks.ReportingObligations;
import com.warroom.playbooks.ReportingPolicy;
import com.warroom.playbooks.SeverityGrader;
import com.warroom.playbooks.WorkingDayCalendar;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Loads the playbook library and the rules at start. A library with any error stops
 * the start with every error listed: the bot never runs on half a library.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(WarRoomProperties.class)
class PlaybooksConfiguration {

	private static final Logger log = LoggerFactory.getLogger(PlaybooksConfiguration.class);

	@Bean
	Clock clock() {
		return Clock.systemUTC();
	}

	@Bean
	PlaybookLibrary playbookLibrary(WarRoomProperties properties) {
		LoadResult result = PlaybookLoader.loadBundledWith(properties.playbooksDir());
		PlaybookLibrary library = result.orElseThrow();
		log.info("已加载 {} 个预案（{} 个步骤）{}", library.size(), library.stepCount(),
				(properties.playbooksDir() != null) ? "，含目录 " + properties.playbooksDir() : "");
		return library;
	}

	@Bean
	SeverityGrader severityGrader() {
		return new SeverityGrader();
	}

	@Bean
	WorkingDayCalendar workingDayCalendar(WarRoomProperties properties) {
		return (properties.calendar() != null) ? WorkingDayCalendar.parse(read(properties.calendar()))
				: WorkingDayCalendar.bundled();
	}

	@Bean
	ReportingObligations reportingObligations(WarRoomProperties properties, WorkingDayCalendar calendar) {
		ReportingPolicy policy = (properties.reportingPolicy() != null)
				? ReportingPolicy.parse(read(properties.reportingPolicy())) : ReportingPolicy.bundled();
		return new ReportingObligations(policy.withCycle(properties.reportCycle()), calendar);
	}

	private static String read(Path path) {
		try {
			return Files.readString(path, StandardCharsets.UTF_8);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("无法读取配置文件 " + path, ex);
		}
	}

}
