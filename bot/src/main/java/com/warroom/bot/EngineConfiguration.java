package com.warroom.bot;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;

import com.warroom.bot.engine.ButtonTokens;
import com.warroom.bot.engine.ConversationEngine;
import com.warroom.bot.engine.ConversationState;
import com.warroom.bot.engine.IncidentListener;
import com.warroom.bot.engine.IncidentViews;
import com.warroom.bot.engine.MessageSlots;
import com.warroom.bot.engine.Paperwork;
import com.warroom.bot.engine.ScenarioSearch;
import com.warroom.bot.engine.Texts;
import com.warroom.bot.engine.TopicOpener;
import com.warroom.bot.incident.IncidentStore;
import com.warroom.bot.roster.ContactBook;
import com.warroom.bot.roster.Roster;
import com.warroom.bot.roster.Synonyms;
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
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import redis.clients.jedis.UnifiedJedis;

/** Wires the conversation engine: roster, contacts, Redis-backed stores, texts. */
@Configuration(proxyBeanMethods = false)
class EngineConfiguration {

	private static final Logger log = LoggerFactory.getLogger(EngineConfiguration.class);

	@Bean
	Roster roster(@Value("${warroom.roster-file:}") String file) {
		Roster roster = Roster.parse(read(file, "warroom/roster.example.yaml"));
		log.info("应急名册：{} 人{}", roster.people().size(), file.isBlank() ? "（示例名册，请用 ROSTER_FILE 配置）" : "");
		return roster;
	}

	@Bean
	ContactBook contactBook(@Value("${warroom.contacts-file:}") String file, PlaybookLibrary library, Synonyms synonyms) {
		return ContactBook.parse(read(file, "warroom/contacts.example.yaml"), library.vocabulary()).with(synonyms);
	}

	/** The bundled synonyms, plus a company's own ({@code SYNONYMS_FILE}). */
	@Bean
	Synonyms synonyms(@Value("${warroom.synonyms-file:}") String file) {
		Synonyms bundled = Synonyms.bundled();
		return file.isBlank() ? bundled : bundled.and(Synonyms.parse(read(file, "warroom/synonyms.yaml"), file));
	}

	@Bean
	IncidentStore incidentStore(UnifiedJedis redis, WorkingDayCalendar calendar) {
		return new IncidentStore(redis, calendar.zone());
	}

	/** Documents issued and closed incidents: {@code ARCHIVE_DIR}, by default {@code DATA_DIR/archive}. */
	@Bean
	Archive archive(@Value("${warroom.archive-dir:}") String dir, @Value("${warroom.data-dir:./data}") Path dataDir,
			Clock clock) {
		return new Archive(dir.isBlank() ? dataDir.resolve("archive") : Path.of(dir), clock);
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

	@Bean
	IncidentViews incidentViews(Texts texts, Roster roster, PlaybookLibrary library, SeverityGrader grader,
			ReportingObligations reporting, ButtonTokens tokens, Clock clock, WorkingDayCalendar calendar,
			WarRoomProperties properties, IncidentStore incidents,
			@org.springframework.beans.factory.annotation.Value("${warroom.overdue-after:PT5M}") java.time.Duration overdueAfter) {
		return new IncidentViews(texts, roster, library.vocabulary(), grader, reporting, tokens, clock, calendar.zone(),
				properties.effectiveCustomers(), incidents, overdueAfter);
	}

	@Bean
	ConversationEngine conversationEngine(PlaybookLibrary library, Roster roster, ContactBook contacts,
			IncidentStore incidents, ButtonTokens tokens, ConversationState conversations, MessageSlots slots,
			Texts texts, IncidentViews views, WorkingDayCalendar calendar, Clock clock,
			ObjectProvider<TopicOpener> topics, ObjectProvider<IncidentListener> listener, Paperwork paperwork,
			Synonyms synonyms, ObjectProvider<com.warroom.bot.engine.DrillSetup> drills) {
		return new ConversationEngine(new ConversationEngine.Services(library, roster, contacts, incidents, tokens,
				conversations, slots, texts, views, new ScenarioSearch(library, synonyms), topics.getIfAvailable(TopicOpener::none),
				clock, calendar.zone(), listener.getIfAvailable(IncidentListener::none), paperwork), drills.getIfAvailable());
	}

	private static String read(@Nullable String file, String bundled) {
		try {
			if (file != null && !file.isBlank()) {
				return Files.readString(Path.of(file), StandardCharsets.UTF_8);
			}
			try (InputStream in = EngineConfiguration.class.getClassLoader().getResourceAsStream(bundled)) {
				return new String(in.readAllBytes(), StandardCharsets.UTF_8);
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException("无法读取 " + (file != null && !file.isBlank() ? file : bundled), ex);
		}
	}

}
