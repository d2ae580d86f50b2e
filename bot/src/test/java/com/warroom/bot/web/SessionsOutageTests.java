package com.warroom.bot.web;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;

import com.warroom.bot.engine.MutableClock;
import com.warroom.bot.engine.Texts;
import com.warroom.bot.store.EmbeddedRedis;
import com.warroom.bot.store.RedisClients;
import com.warroom.playbooks.PlaybookLoader;
import jakarta.servlet.http.Cookie;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.mock.web.MockFilterChain;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;
import redis.clients.jedis.UnifiedJedis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

/**
 * GH-15: web sessions while Redis is unreachable (a real redis-server of this test,
 * stopped and started again). A session this instance validated within the grace period
 * keeps an open page working; one it never saw, a sign-in, or one past the grace period
 * gets a polite Chinese 503, never a 500 or a redirect to a sign-in that cannot work. The
 * clock is injected.
 */
class SessionsOutageTests {

	private static final Duration GRACE = Duration.ofMinutes(15);

	private final MutableClock clock = new MutableClock(Instant.parse("2026-11-23T05:58:00Z"));

	@TempDir
	Path data;

	private int port;

	private EmbeddedRedis server;

	private UnifiedJedis redis;

	private Sessions sessions;

	@BeforeEach
	void start() throws Exception {
		try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
			port = socket.getLocalPort();
		}
		server = EmbeddedRedis.start(data.resolve("redis"), port);
		redis = RedisClients.create(server.url());
		sessions = new Sessions(redis, clock, Duration.ofHours(2), Duration.ofHours(12), GRACE);
	}

	@AfterEach
	void stop() {
		redis.close();
		server.close();
	}

	@Test
	void aSessionValidatedHereKeepsWorkingThroughAnOutageForTheGracePeriodOnly() {
		Sessions.Session session = sessions.create("wu-dba");
		assertThat(sessions.find(session.token())).isPresent();

		server.close();
		clock.advance(Duration.ofMinutes(10));
		assertThat(sessions.find(session.token())).hasValueSatisfying((found) -> {
			assertThat(found.personId()).isEqualTo("wu-dba");
			assertThat(found.csrf()).isEqualTo(session.csrf());
		});
		sessions.touch(session);

		clock.advance(Duration.ofMinutes(5));
		assertThatThrownBy(() -> sessions.find(session.token())).isInstanceOf(Sessions.Unavailable.class);

		// Redis back: the session is Redis's again, as it was
		server = EmbeddedRedis.start(data.resolve("redis"), port);
		assertThat(sessions.find(session.token())).isPresent();
	}

	@Test
	void theIdleAndMaximumAgeStillApplyFromTheCache() {
		Sessions shortIdle = new Sessions(redis, clock, Duration.ofMinutes(5), Duration.ofHours(12), GRACE);
		Sessions.Session session = shortIdle.create("wu-dba");
		server.close();
		clock.advance(Duration.ofMinutes(5));
		assertThatThrownBy(() -> shortIdle.find(session.token())).isInstanceOf(Sessions.Unavailable.class);
	}

	@Test
	void whatTheCacheCannotAnswerIsUnavailableNotEmpty() {
		Sessions elsewhere = new Sessions(redis, clock, Duration.ofHours(2), Duration.ofHours(12), GRACE);
		Sessions.Session ofAnotherInstance = elsewhere.create("zhao-gm");
		server.close();

		assertThatThrownBy(() -> sessions.find(ofAnotherInstance.token())).isInstanceOf(Sessions.Unavailable.class);
		assertThatThrownBy(() -> sessions.create("wu-dba")).isInstanceOf(Sessions.Unavailable.class);
		// without a grace period nothing is taken from the cache
		Sessions strict = new Sessions(redis, clock, Duration.ofHours(2), Duration.ofHours(12));
		assertThatThrownBy(() -> strict.find(ofAnotherInstance.token())).isInstanceOf(Sessions.Unavailable.class);
	}

	@Test
	void aSignOutDuringTheOutageHoldsHereAtOnceAndInRedisOnceItIsBack() {
		Sessions.Session session = sessions.create("wu-dba");
		assertThat(sessions.find(session.token())).isPresent();
		server.close();

		sessions.end(session.token());
		assertThatThrownBy(() -> sessions.find(session.token())).isInstanceOf(Sessions.Unavailable.class);

		server = EmbeddedRedis.start(data.resolve("redis"), port);
		assertThat(sessions.find(session.token())).isEmpty();
		assertThat(new Sessions(redis, clock, Duration.ofHours(2), Duration.ofHours(12)).find(session.token()))
			.isEmpty();
	}

	@Test
	void theGuardLetsAKnownSessionThroughAndAnswersAnUnknownOnePolitely() throws Exception {
		Sessions.Session known = sessions.create("wu-dba");
		Sessions.Session unknown = new Sessions(redis, clock, Duration.ofHours(2), Duration.ofHours(12))
			.create("zhao-gm");
		server.close();
		WebGuard guard = new WebGuard(WebMode.SIGN_IN, sessions, PasswordAccountsTests.ROSTER, Texts.chinese());

		MockHttpServletResponse passed = new MockHttpServletResponse();
		MockFilterChain chain = new MockFilterChain();
		guard.doFilter(page(known), passed, chain);
		assertThat(chain.getRequest()).isNotNull();
		assertThat(((WebUser) chain.getRequest().getAttribute(WebUser.ATTRIBUTE)).person().id()).isEqualTo("wu-dba");

		MockHttpServletResponse refused = new MockHttpServletResponse();
		MockFilterChain notReached = new MockFilterChain();
		guard.doFilter(page(unknown), refused, notReached);
		assertThat(notReached.getRequest()).isNull();
		assertThat(refused.getStatus()).isEqualTo(503);
		assertThat(refused.getContentAsString(StandardCharsets.UTF_8)).contains("会话服务暂时不可用")
			.doesNotContain(unknown.token());
	}

	@Test
	void signingInWhileRedisIsDownGetsAPoliteChineseMessage() throws Exception {
		Texts texts = Texts.chinese();
		PasswordAccounts accounts = PasswordAccounts.load(
				Path.of("src/test/resources/com/warroom/bot/web/web-passwords.txt"), PasswordAccountsTests.ROSTER,
				redis);
		SignInController controller = new SignInController(WebMode.SIGN_IN, PasswordAccountsTests.ROSTER, sessions,
				accounts, new WebProperties("password", null, Duration.ofHours(2), Duration.ofHours(12), false),
				new SignInPages(texts, PlaybookLoader.bundledVocabulary()), new Layout(texts, WebMode.SIGN_IN), texts);
		MockMvc mvc = MockMvcBuilders.standaloneSetup(controller).build();
		server.close();

		MvcResult result = mvc.perform(post("/login").param("person", "wu-dba").param("password", "Wu-dba-pw-2026"))
			.andReturn();

		assertThat(result.getResponse().getStatus()).isEqualTo(503);
		assertThat(result.getResponse().getContentAsString(StandardCharsets.UTF_8)).contains("登录服务暂时不可用")
			.doesNotContain("Wu-dba-pw-2026");
		assertThat(result.getResponse().getHeaders("Set-Cookie"))
			.noneMatch((cookie) -> cookie.startsWith(Sessions.COOKIE));
	}

	private static MockHttpServletRequest page(Sessions.Session session) {
		MockHttpServletRequest request = new MockHttpServletRequest("GET", "/board");
		request.setRemoteAddr("198.51.100.7");
		request.addHeader("Accept", "text/html");
		request.setCookies(new Cookie(Sessions.COOKIE, session.token()));
		return request;
	}

}
