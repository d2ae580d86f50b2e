package com.warroom.bot.web;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

import java.time.Instant;

import com.warroom.WarRoomApplication;
import com.warroom.bot.engine.MutableClock;
import com.warroom.bot.engine.TestRedis;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * One application for the tests of the deployed web ({@code WEB_AUTH=password}, test
 * accounts, the embedded Redis, a fresh archive, a clock the tests move), shared by the
 * HTTP and the browser tests through Spring's context cache.
 */
@SpringBootTest(classes = { WarRoomApplication.class, SignedInWebTests.Time.class },
		webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
abstract class SignedInWebTests {

	static final Path ARCHIVE = temp();

	@LocalServerPort
	int port;

	/**
	 * The rules' clock, which tests move by hand (it starts at the real time: Quartz
	 * fires in real time).
	 */
	@Autowired
	MutableClock clock;

	@TestConfiguration(proxyBeanMethods = false)
	static class Time {

		@Bean
		@Primary
		MutableClock testClock() {
			return new MutableClock(Instant.now());
		}

	}

	@DynamicPropertySource
	static void properties(DynamicPropertyRegistry registry) {
		registry.add("warroom.web.auth", () -> "password");
		registry.add("warroom.web.passwords-file", () -> "src/test/resources/com/warroom/bot/web/web-passwords.txt");
		registry.add("warroom.web.poll", () -> "PT0.2S");
		// a stream's response head goes out with its first event: a heartbeat soon, not
		// 15 s on
		registry.add("warroom.web.heartbeat", () -> "PT0.5S");
		registry.add("warroom.redis-url", () -> TestRedis.server().url());
		registry.add("warroom.data-dir", () -> "target/test-data/web-signin");
		registry.add("warroom.archive-dir", ARCHIVE::toString);
		registry.add("server.address", () -> "127.0.0.1");
	}

	private static Path temp() {
		try {
			return Files.createTempDirectory("warroom-web-archive");
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
