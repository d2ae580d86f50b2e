package com.warroom.bot;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Clock;

import com.warroom.bot.assessment.Assessment;
import com.warroom.bot.assessment.Assessments;
import com.warroom.bot.clock.ClockProperties;
import com.warroom.bot.documents.DocumentsProperties;
import com.warroom.bot.engine.ButtonTokens;
import com.warroom.bot.engine.ConversationEngine;
import com.warroom.bot.engine.ConversationState;
import com.warroom.bot.engine.Flow;
import com.warroom.bot.engine.IncidentListener;
import com.warroom.bot.engine.IncidentViews;
import com.warroom.bot.engine.MessageSlots;
import com.warroom.bot.engine.Paperwork;
import com.warroom.bot.engine.ScenarioSearch;
import com.warroom.bot.engine.Texts;
import com.warroom.bot.engine.TopicOpener;
import com.warroom.bot.incident.EventReads;
import com.warroom.bot.incident.IncidentStore;
import com.warroom.bot.roster.ContactBook;
import com.warroom.bot.roster.Roster;
import com.warroom.bot.roster.Synonyms;
import com.warroom.bot.store.JdbcIncidentStore;
import com.warroom.bot.store.RedisIncidentImport;
import com.warroom.bot.store.RedisIncidentStore;
import com.warroom.playbooks.DataFiles;
import com.warroom.playbooks.PlaybookLibrary;
import com.warroom.playbooks.ReportingObligations;
import com.warroom.playbooks.SeverityGrader;
import com.warroom.playbooks.WorkingDayCalendar;
import com.warroom.reports.Archive;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import redis.clients.jedis.UnifiedJedis;

/**
 * Wires the conversation engine: roster, contacts, the incident record (database),
 * Redis-backed state, texts.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties({ RosterProperties.class, ClockProperties.class, DocumentsProperties.class })
class EngineConfiguration {

	private static final Logger log = LoggerFactory.getLogger(EngineConfiguration.class);

	@Bean
	Roster roster(RosterProperties properties) {
		String file = properties.rosterFile();
		Roster roster = Roster.read(name(file, "warroom/roster.example.yaml"),
				read("应急名册", file, "warroom/roster.example.yaml"));
		log.info("应急名册：{} 人{}", roster.people().size(), file.isBlank() ? "（示例名册，请用 ROSTER_FILE 配置）" : "");
		return roster;
	}

	@Bean
	ContactBook contactBook(RosterProperties properties, PlaybookLibrary library, Synonyms synonyms) {
		String file = properties.contactsFile();
		return ContactBook
			.read(name(file, "warroom/contacts.example.yaml"), read("联络手册", file, "warroom/contacts.example.yaml"),
					library.vocabulary())
			.with(synonyms);
	}

	/** The bundled synonyms, plus a company's own ({@code SYNONYMS_FILE}). */
	@Bean
	Synonyms synonyms(RosterProperties properties) {
		String file = properties.synonymsFile();
		Synonyms bundled = Synonyms.bundled();
		return file.isBlank() ? bundled : bundled.and(Synonyms.read(file, read("同义词表", file, "warroom/synonyms.yaml")));
	}

	/**
	 * The incident record, in the job-store database (issue 15); incidents an earlier
	 * version kept in Redis are copied in first (once: what is there already is skipped).
	 */
	@Bean
	IncidentStore incidentStore(javax.sql.DataSource dataSource, UnifiedJedis redis, WorkingDayCalendar calendar,
			Clock clock, @Value("${warroom.record-store:database}") String recordStore) {
		if (!inDatabase(recordStore)) {
			log.info("事件记录保存在 Redis（RECORD_STORE=redis；默认保存在数据库）");
			return new EventReads(new RedisIncidentStore(redis, calendar.zone()));
		}
		try {
			new RedisIncidentImport(redis, dataSource, clock.millis()).run();
		}
		catch (redis.clients.jedis.exceptions.JedisException ex) {
			log.warn("Redis 不可用，未检查其中是否有旧版本的事件（下次启动时再导入）：{}", ex.getClass().getSimpleName());
		}
		return new EventReads(new JdbcIncidentStore(dataSource, calendar.zone(), clock));
	}

	/**
	 * Where the incident record lives: {@code RECORD_STORE} {@code database} (the
	 * default, the embedded H2 file as well as PostgreSQL: both keep every acknowledged
	 * commit at a {@code kill -9}, see {@code EmbeddedH2KillTests}) or {@code redis};
	 * {@code auto}, the stopgap's default of before, now means the database too.
	 */
	static boolean inDatabase(String recordStore) {
		return switch (recordStore.strip().toLowerCase(java.util.Locale.ROOT)) {
			case "database", "auto", "" -> true;
			case "redis" -> false;
			default -> throw new IllegalStateException("RECORD_STORE 只能是 database 或 redis：" + recordStore);
		};
	}

	/**
	 * Documents issued and closed incidents: {@code ARCHIVE_DIR}, by default
	 * {@code DATA_DIR/archive}.
	 */
	@Bean
	Archive archive(DocumentsProperties properties, Clock clock) {
		return new Archive(properties.archive(), clock);
	}

	@Bean
	ButtonTokens buttonTokens(UnifiedJedis redis) {
		return new ButtonTokens(redis);
	}

	@Bean
	ConversationState conversationState(UnifiedJedis redis) {
		return new ConversationState(redis);
	}

	@Bean
	MessageSlots messageSlots(UnifiedJedis redis) {
		return new MessageSlots(redis);
	}

	@Bean
	Texts texts() {
		return Texts.chinese();
	}

	/**
	 * Grading and the reports owed, for the chat, the board, the clock and the documents.
	 */
	@Bean
	Assessments assessments(SeverityGrader grader, ReportingObligations reporting, WarRoomProperties properties,
			IncidentStore incidents, Clock clock, ClockProperties clockProperties) {
		return new Assessments(new Assessment.Policy(grader, reporting, properties.effectiveCustomers(),
				clockProperties.overdueAfter()), incidents, clock);
	}

	@Bean
	IncidentViews incidentViews(Texts texts, Roster roster, PlaybookLibrary library, ButtonTokens tokens, Clock clock,
			WorkingDayCalendar calendar, Assessments assessments) {
		return new IncidentViews(texts, roster, library.vocabulary(), tokens, clock, calendar.zone(), assessments);
	}

	@Bean
	ConversationEngine.Services engineServices(PlaybookLibrary library, Roster roster, ContactBook contacts,
			IncidentStore incidents, ButtonTokens tokens, ConversationState conversations, MessageSlots slots,
			Texts texts, IncidentViews views, WorkingDayCalendar calendar, Clock clock,
			ObjectProvider<TopicOpener> topics, ObjectProvider<IncidentListener> listener, Paperwork paperwork,
			Synonyms synonyms) {
		return new ConversationEngine.Services(library, roster, contacts, incidents, tokens, conversations, slots,
				texts, views, new ScenarioSearch(library, synonyms), topics.getIfAvailable(TopicOpener::none), clock,
				calendar.zone(), listener.getIfAvailable(IncidentListener::none), paperwork);
	}

	/**
	 * Dispatches over every {@link Flow} bean (the drill plans' flow among them when
	 * drills are configured); two flows declaring the same command or button kind fail
	 * the start.
	 */
	@Bean
	ConversationEngine conversationEngine(ConversationEngine.Services services, ObjectProvider<Flow> flows,
			ObjectProvider<com.warroom.bot.engine.DrillInjects> injects) {
		return new ConversationEngine(services, flows.orderedStream().toList(), injects.getIfAvailable());
	}

	/** The configured file's bytes, or the bundled resource's when none is configured. */
	static byte[] read(String subject, @Nullable String file, String bundled) {
		if (file != null && !file.isBlank()) {
			return DataFiles.content(subject, Path.of(file));
		}
		try (InputStream in = EngineConfiguration.class.getClassLoader().getResourceAsStream(bundled)) {
			return in.readAllBytes();
		}
		catch (IOException ex) {
			throw new UncheckedIOException("无法读取 " + bundled, ex);
		}
	}

	/** The name errors give the file: as configured, or the bundled resource's. */
	static String name(@Nullable String file, String bundled) {
		return (file != null && !file.isBlank()) ? file : bundled;
	}

}
