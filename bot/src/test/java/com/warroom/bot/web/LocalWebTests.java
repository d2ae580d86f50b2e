package com.warroom.bot.web;

import com.warroom.WarRoomApplication;
import com.warroom.bot.engine.TestRedis;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * One application for the tests of the embedded default: no Telegram token, no
 * {@code WEB_AUTH}; {@code server.address} asks for every interface, and the local mode
 * binds the loopback address all the same. Shared by the HTTP and the browser tests.
 */
@SpringBootTest(classes = WarRoomApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = "server.address=0.0.0.0")
abstract class LocalWebTests {

	@LocalServerPort
	int port;

	@DynamicPropertySource
	static void properties(DynamicPropertyRegistry registry) {
		registry.add("warroom.redis-url", () -> TestRedis.server().url());
		registry.add("warroom.data-dir", () -> "target/test-data/web-local");
	}

}
