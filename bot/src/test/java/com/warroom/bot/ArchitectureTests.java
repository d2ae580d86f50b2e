package com.warroom.bot;

import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The boundaries inside {@code bot} (GH-14 "the build checks itself"), checked on the
 * main classes: no cycles between its sub-packages, TelegramBots only in the Telegram
 * adapter, Jedis only in the store and the Redis adapters named below, the engine free of
 * channel, servlet and scheduler types, web and Telegram independent of each other.
 */
class ArchitectureTests {

	private static final JavaClasses BOT = new ClassFileImporter()
		.withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
		.importPackages("com.warroom.bot");

	/**
	 * The classes outside {@code store} that still talk to Redis themselves: small Redis
	 * adapters (button tokens, message slots, pending questions, sessions, sent marks)
	 * and the configurations that hand them the connection. Moving them behind interfaces
	 * in {@code store} is the next step; until then the list is exact (see
	 * {@link #theJedisAllowListIsExact}), so it can only shrink.
	 */
	static final List<String> JEDIS_OUTSIDE_STORE = List.of(
			// the wiring: hands the connection to the adapters
			"com.warroom.bot.EngineConfiguration",
			// clock: the "already sent" marks of reminders
			// and the sensitive-period notice
			"com.warroom.bot.clock.ClockConfiguration", "com.warroom.bot.clock.ReminderPlanner",
			"com.warroom.bot.clock.SensitivePeriods",
			// engine: button tokens, message slots, pending questions (ConversationEngine
			// also catches JedisException to tell a Redis failure; a catch clause is not
			// a dependency ArchUnit sees, so it is not listed here)
			"com.warroom.bot.engine.ButtonTokens", "com.warroom.bot.engine.ConversationState",
			"com.warroom.bot.engine.MessageSlots",
			// telegram: reachability marks, processed updates,
			// opened topics, the outbox channel
			"com.warroom.bot.telegram.Reachability", "com.warroom.bot.telegram.TelegramConfiguration",
			"com.warroom.bot.telegram.TelegramGateway", "com.warroom.bot.telegram.TelegramNotifications",
			"com.warroom.bot.telegram.TelegramSender",
			// web: password lockouts, sessions (the web chat
			// log is in the database since issue 15)
			"com.warroom.bot.web.PasswordAccounts", "com.warroom.bot.web.Sessions",
			"com.warroom.bot.web.WebConfiguration");

	@Test
	void noCyclesBetweenSubPackages() {
		slices().matching("com.warroom.bot.(*)..").should().beFreeOfCycles().check(BOT);
	}

	@Test
	void telegramBotsTypesOnlyInTheTelegramAdapter() {
		noClasses().that()
			.resideOutsideOfPackage("com.warroom.bot.telegram..")
			.should()
			.dependOnClassesThat()
			.resideInAPackage("org.telegram..")
			.check(BOT);
	}

	@Test
	void jedisOnlyInTheStoreAndTheNamedRedisAdapters() {
		noClasses().that()
			.resideOutsideOfPackage("com.warroom.bot.store..")
			.and(DescribedPredicate.not(allowedJedis()))
			.should()
			.dependOnClassesThat()
			.resideInAPackage("redis.clients..")
			.check(BOT);
	}

	@Test
	void theJedisAllowListIsExact() {
		Set<String> users = new TreeSet<>();
		for (JavaClass type : BOT) {
			if (!type.getPackageName().startsWith("com.warroom.bot.store") && type.getDirectDependenciesFromSelf()
				.stream()
				.anyMatch((dependency) -> dependency.getTargetClass().getPackageName().startsWith("redis.clients"))) {
				users.add(topLevel(type.getName()));
			}
		}
		assertThat(users).containsExactlyInAnyOrderElementsOf(JEDIS_OUTSIDE_STORE);
	}

	@Test
	void theEngineIsFreeOfChannelServletAndSchedulerTypes() {
		noClasses().that()
			.resideInAPackage("com.warroom.bot.engine..")
			.should()
			.dependOnClassesThat()
			.resideInAnyPackage("com.warroom.bot.telegram..", "com.warroom.bot.web..", "org.telegram..",
					"jakarta.servlet..", "org.springframework.web..", "org.quartz..", "com.warroom.bot.clock..",
					"com.warroom.notify.internal..")
			.check(BOT);
		noClasses().that()
			.resideInAPackage("com.warroom.bot.engine..")
			.should()
			.dependOnClassesThat()
			.haveFullyQualifiedName("com.warroom.notify.ReminderScheduler")
			.check(BOT);
	}

	@Test
	void webDoesNotDependOnTelegram() {
		noClasses().that()
			.resideInAPackage("com.warroom.bot.web..")
			.should()
			.dependOnClassesThat()
			.resideInAPackage("com.warroom.bot.telegram..")
			.check(BOT);
	}

	@Test
	void telegramDoesNotDependOnWeb() {
		noClasses().that()
			.resideInAPackage("com.warroom.bot.telegram..")
			.should()
			.dependOnClassesThat()
			.resideInAPackage("com.warroom.bot.web..")
			.check(BOT);
	}

	private static DescribedPredicate<JavaClass> allowedJedis() {
		return DescribedPredicate.describe("named Redis adapters",
				(type) -> JEDIS_OUTSIDE_STORE.contains(topLevel(type.getName())));
	}

	/**
	 * {@code a.B$C$1} → {@code a.B}: nested classes and lambdas count as their top-level
	 * class.
	 */
	private static String topLevel(String name) {
		int nested = name.indexOf('$');
		return (nested < 0) ? name : name.substring(0, nested);
	}

}
