package com.warroom.bot.web;

import java.net.InetAddress;
import java.util.List;

import com.warroom.bot.assessment.Assessments;
import com.warroom.bot.delivery.Delivery;
import com.warroom.bot.delivery.Directory;
import com.warroom.bot.delivery.EventHandling;
import com.warroom.bot.delivery.Settling;
import com.warroom.bot.delivery.TestDirectory;
import com.warroom.bot.engine.ConversationEngine;
import com.warroom.bot.engine.EngineHarness;
import com.warroom.bot.engine.IncidentViews;
import com.warroom.bot.engine.MessageSlots;
import com.warroom.bot.engine.TestRedis;
import com.warroom.bot.engine.Texts;
import com.warroom.bot.incident.IncidentStore;
import com.warroom.bot.roster.Roster;
import com.warroom.playbooks.PlaybookLibrary;
import com.warroom.playbooks.WorkingDayCalendar;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.config.BeanDefinitionCustomizer;
import org.springframework.boot.convert.ApplicationConversionService;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import redis.clients.jedis.UnifiedJedis;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The web's configuration modes in a context runner (GH-14 "the missing middle layer"):
 * the web configuration alone over the engine's real beans, no server. Without a Telegram
 * token the web is the local trial (the identity chooser, the loopback address only);
 * with one, or with {@code WEB_AUTH=password}, roster people sign in and the server
 * listens where {@code server.address} says; a wrong setting stops the start and says
 * which.
 */
class WebModeContextTests {

	/**
	 * The beans lent by the test (the shared test Redis client above all) outlive each
	 * context: none is closed with it.
	 */
	private static final BeanDefinitionCustomizer KEEP = (definition) -> definition.setDestroyMethodName("");

	private final UnifiedJedis redis = TestRedis.fresh();

	private final EngineHarness harness = new EngineHarness(redis);

	private final ApplicationContextRunner runner = runner();

	private ApplicationContextRunner runner() {
		ConversationEngine.Services services = harness.services;
		Delivery delivery = Delivery.of(List.of());
		// the web chat log is in the job-store database, migrated as the application does
		org.h2.jdbcx.JdbcDataSource database = new org.h2.jdbcx.JdbcDataSource();
		database.setURL("jdbc:h2:mem:web-modes-" + java.util.UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
		com.warroom.notify.JobStoreSchema.migrate(database);
		// as SpringApplication does: durations in @Value parameters
		return new ApplicationContextRunner()
			.withInitializer((context) -> context.getBeanFactory()
				.setConversionService(ApplicationConversionService.getSharedInstance()))
			.withUserConfiguration(WebConfiguration.class)
			.withBean(UnifiedJedis.class, () -> redis, KEEP)
			.withBean(javax.sql.DataSource.class, () -> database, KEEP)
			.withBean(java.time.Clock.class, services::clock, KEEP)
			.withBean(Roster.class, services::roster, KEEP)
			.withBean(Texts.class, services::texts, KEEP)
			.withBean(PlaybookLibrary.class, services::library, KEEP)
			.withBean(IncidentStore.class, services::incidents, KEEP)
			.withBean(IncidentViews.class, services::views, KEEP)
			.withBean(Assessments.class, () -> services.views().assessments(), KEEP)
			.withBean(WorkingDayCalendar.class, WorkingDayCalendar::bundled, KEEP)
			.withBean(ConversationEngine.class, () -> harness.engine, KEEP)
			.withBean(MessageSlots.class, () -> harness.slots, KEEP)
			.withBean(Delivery.class, () -> delivery, KEEP)
			.withBean(Directory.class, TestDirectory::webAndTelegram, KEEP)
			.withBean(EventHandling.class, () -> new EventHandling(harness.engine, delivery, Settling.inline()), KEEP);
	}

	@Test // GH-14
	void withoutATelegramTokenTheWebIsTheLocalTrialOnTheLoopbackAddress() throws Exception {
		runner.withPropertyValues("server.address=0.0.0.0").run((context) -> {
			assertThat(context).hasNotFailed();
			assertThat(context.getBean(WebMode.class)).isEqualTo(WebMode.LOCAL);
			assertThat(context).hasSingleBean(WebChannel.class)
				.hasSingleBean(WebEvents.class)
				.hasSingleBean(Board.class)
				.hasSingleBean(Sessions.class)
				.hasSingleBean(FilterRegistrationBean.class);
			assertThat(context.getBean(Layout.class)).isNotNull();
			assertThat(address(context)).isEqualTo(InetAddress.getLoopbackAddress());
		});
	}

	@Test // GH-14
	void aTelegramTokenMeansSigningInWhereverServerAddressSays() throws Exception {
		runner.withPropertyValues("warroom.telegram.token=123:abc", "server.address=0.0.0.0").run((context) -> {
			assertThat(context).hasNotFailed();
			assertThat(context.getBean(WebMode.class)).isEqualTo(WebMode.SIGN_IN);
			assertThat(context).hasSingleBean(WebChannel.class).hasSingleBean(PasswordAccounts.class);
			assertThat(address(context)).isNull();
		});
	}

	@Test // GH-14
	void webAuthPasswordMeansSigningInWithoutTelegramToo() {
		runner
			.withPropertyValues("warroom.web.auth=password",
					"warroom.web.passwords-file=src/test/resources/com/warroom/bot/web/web-passwords.txt")
			.run((context) -> {
				assertThat(context).hasNotFailed();
				assertThat(context.getBean(WebMode.class)).isEqualTo(WebMode.SIGN_IN);
				assertThat(context.getBean(PasswordAccounts.class).size()).isPositive();
				assertThat(address(context)).isNull();
			});
	}

	@Test // GH-14
	void aWrongWebAuthStopsTheStartSayingWhich() {
		runner.withPropertyValues("warroom.web.auth=ldap").run((context) -> {
			assertThat(context).hasFailed();
			assertThat(context.getStartupFailure())
				.hasStackTraceContaining("WEB_AUTH must be auto or password, was ldap");
		});
	}

	@Test // GH-14
	void sessionsThatEndIdleAfterTheirMaximumStopTheStartSayingWhich() {
		runner.withPropertyValues("warroom.web.session-idle=PT13H").run((context) -> {
			assertThat(context).hasFailed();
			assertThat(context.getStartupFailure()).hasStackTraceContaining(
					"WEB_SESSION_IDLE must be positive and at most WEB_SESSION_MAX, were PT13H / PT12H");
		});
	}

	/**
	 * The address the server would listen on once the web's customizers ran (null: as
	 * configured).
	 */
	@SuppressWarnings("unchecked")
	private static InetAddress address(org.springframework.context.ApplicationContext context) {
		TomcatServletWebServerFactory factory = new TomcatServletWebServerFactory();
		context.getBeansOfType(WebServerFactoryCustomizer.class)
			.values()
			.forEach((customizer) -> customizer.customize(factory));
		return factory.getAddress();
	}

}
