package com.warroom.bot.web;

import java.time.Duration;
import java.time.Instant;

import com.warroom.bot.engine.MutableClock;
import com.warroom.bot.engine.TestRedis;
import com.warroom.bot.engine.Texts;
import jakarta.servlet.http.Cookie;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockFilterChain;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

import static org.assertj.core.api.Assertions.assertThat;

/** The guard alone, on servlet mocks (peers at any address) and a real Redis. */
class WebGuardTests {

	private final MutableClock clock = new MutableClock(Instant.parse("2026-11-23T05:58:00Z"));

	private final Sessions sessions = new Sessions(TestRedis.fresh(), clock, Duration.ofHours(2), Duration.ofHours(12));

	private static MockHttpServletRequest request(String method, String path, String from) {
		MockHttpServletRequest request = new MockHttpServletRequest(method, path);
		request.setRemoteAddr(from);
		request.addHeader("Accept", "text/html,application/xhtml+xml");
		return request;
	}

	private Outcome run(WebMode mode, MockHttpServletRequest request) throws Exception {
		WebGuard guard = new WebGuard(mode, sessions, PasswordAccountsTests.ROSTER, Texts.chinese());
		MockHttpServletResponse response = new MockHttpServletResponse();
		MockFilterChain chain = new MockFilterChain();
		guard.doFilter(request, response, chain);
		return new Outcome(response, chain.getRequest() != null, request);
	}

	record Outcome(MockHttpServletResponse response, boolean passed, MockHttpServletRequest request) {

		String body() throws Exception {
			return response.getContentAsString(java.nio.charset.StandardCharsets.UTF_8);
		}

	}

	@Nested
	class LocalMode {

		@Test // GH-6
		void refusesEveryPeerButThisMachine() throws Exception {
			for (String path : new String[] { "/who", "/chat/room", "/board", "/assets/web.css" }) {
				Outcome outcome = run(WebMode.LOCAL, request("GET", path, "192.168.1.20"));
				assertThat(outcome.passed()).as(path).isFalse();
				assertThat(outcome.response().getStatus()).as(path).isEqualTo(403);
				assertThat(outcome.body()).contains("本机试用模式只接受本机访问");
			}
			assertThat(run(WebMode.LOCAL, request("GET", "/who", "::ffff:10.0.0.1")).passed()).isFalse();
			assertThat(run(WebMode.LOCAL, request("GET", "/who", "localhost.evil.example")).passed()).isFalse();
		}

		@Test // GH-6
		void refusesPagesAskedForByAnotherName() throws Exception {
			// DNS rebinding: a site's name pointed at 127.0.0.1
			// from a browser on this machine
			MockHttpServletRequest rebound = request("GET", "/who", "127.0.0.1");
			rebound.setServerName("attacker.example");
			Outcome outcome = run(WebMode.LOCAL, rebound);
			assertThat(outcome.passed()).isFalse();
			assertThat(outcome.response().getStatus()).isEqualTo(403);
			for (String name : new String[] { "localhost", "127.0.0.1", "[::1]", "warroom.localhost" }) {
				MockHttpServletRequest request = request("GET", "/who", "127.0.0.1");
				request.setServerName(name);
				assertThat(run(WebMode.LOCAL, request).passed()).as(name).isTrue();
			}
		}

		@Test // GH-6
		void refusesRequestsAReverseProxyForwarded() throws Exception {
			// a proxy on this machine makes every client look local
			for (String header : new String[] { "X-Forwarded-For", "Forwarded", "X-Real-IP" }) {
				MockHttpServletRequest proxied = request("GET", "/who", "127.0.0.1");
				proxied.addHeader(header, "203.0.113.9");
				Outcome outcome = run(WebMode.LOCAL, proxied);
				assertThat(outcome.passed()).as(header).isFalse();
				assertThat(outcome.response().getStatus()).as(header).isEqualTo(403);
			}
		}

		@Test
		void letsThisMachineChooseWhoItIs() throws Exception {
			assertThat(run(WebMode.LOCAL, request("GET", "/who", "127.0.0.1")).passed()).isTrue();
			assertThat(run(WebMode.LOCAL, request("GET", "/who", "0:0:0:0:0:0:0:1")).passed()).isTrue();
		}

		@Test
		void sendsPagesWithoutASessionToTheChooser() throws Exception {
			Outcome outcome = run(WebMode.LOCAL, request("GET", "/board", "127.0.0.1"));
			assertThat(outcome.passed()).isFalse();
			assertThat(outcome.response().getRedirectedUrl()).isEqualTo("/who");
		}

		@Test
		void stillNeedsTheFormTokenToChoose() throws Exception {
			MockHttpServletRequest post = request("POST", "/who", "127.0.0.1");
			post.setParameter("person", "zhao-gm");
			assertThat(run(WebMode.LOCAL, post).response().getStatus()).isEqualTo(403);
			post.setCookies(new Cookie(WebGuard.FORM_COOKIE, "t".repeat(43)));
			post.setParameter("_csrf", "t".repeat(43));
			assertThat(run(WebMode.LOCAL, post).passed()).isTrue();
		}

	}

	@Nested
	class PlainRequestsInLocalMode {

		@Test // GH-13
		void aRequestThatIsNotFromABrowserIsToldWhereToGoNotToSignIn() throws Exception {
			MockHttpServletRequest curl = new MockHttpServletRequest("GET", "/");
			curl.setRemoteAddr("127.0.0.1");
			curl.setServerName("localhost");
			curl.setServerPort(8080);
			curl.addHeader("Accept", "*/*");
			Outcome outcome = run(WebMode.LOCAL, curl);
			assertThat(outcome.passed()).isFalse();
			assertThat(outcome.response().getStatus()).isEqualTo(200);
			assertThat(outcome.response().getContentType()).startsWith("text/plain");
			assertThat(outcome.body()).contains("WarRoom 正在运行")
				.contains("http://localhost:8080/")
				.doesNotContain("请先登录")
				.doesNotContain("\n");
			// a post still needs a chosen identity
			MockHttpServletRequest post = new MockHttpServletRequest("POST", "/chat/room/messages");
			post.setRemoteAddr("127.0.0.1");
			post.setServerName("localhost");
			assertThat(run(WebMode.LOCAL, post).response().getStatus()).isEqualTo(401);
		}

	}

	@Nested
	class SignInMode {

		@Test // GH-6
		void refusesPagesDocumentsStreamsAndPostsWithoutASession() throws Exception {
			Outcome page = run(WebMode.SIGN_IN, request("GET", "/board", "203.0.113.9"));
			assertThat(page.passed()).isFalse();
			assertThat(page.response().getRedirectedUrl()).isEqualTo("/login");
			for (String path : new String[] { "/documents/INC-20261123-001/报告书.pdf", "/chat/room/events",
					"/board/events" }) {
				Outcome outcome = run(WebMode.SIGN_IN, request("GET", path, "203.0.113.9"));
				assertThat(outcome.passed()).as(path).isFalse();
				assertThat(outcome.response().getStatus()).as(path).isEqualTo(401);
				assertThat(outcome.body()).isEqualTo("请先登录。");
			}
			assertThat(
					run(WebMode.SIGN_IN, request("POST", "/chat/room/messages", "203.0.113.9")).response().getStatus())
				.isEqualTo(401);
		}

		@Test
		void anExpiredSessionIsToldSo() throws Exception {
			Sessions.Session session = sessions.create("wu-dba");
			clock.advance(Duration.ofHours(2));
			MockHttpServletRequest request = request("GET", "/board", "203.0.113.9");
			request.setCookies(new Cookie(Sessions.COOKIE, session.token()));
			assertThat(run(WebMode.SIGN_IN, request).response().getRedirectedUrl()).isEqualTo("/login?expired");
		}

		@Test
		void letsASessionInAndNamesItsPerson() throws Exception {
			Sessions.Session session = sessions.create("wu-dba");
			MockHttpServletRequest request = request("GET", "/board", "203.0.113.9");
			request.setCookies(new Cookie(Sessions.COOKIE, session.token()));
			Outcome outcome = run(WebMode.SIGN_IN, request);
			assertThat(outcome.passed()).isTrue();
			assertThat(((WebUser) outcome.request().getAttribute(WebUser.ATTRIBUTE)).person().name())
				.isEqualTo("吴数据库管理员");
		}

		@Test // GH-6
		void postsNeedTheSessionsCsrfToken() throws Exception {
			Sessions.Session session = sessions.create("wu-dba");
			MockHttpServletRequest none = request("POST", "/chat/room/messages", "203.0.113.9");
			none.setCookies(new Cookie(Sessions.COOKIE, session.token()));
			assertThat(run(WebMode.SIGN_IN, none).response().getStatus()).isEqualTo(403);

			MockHttpServletRequest wrong = request("POST", "/chat/room/messages", "203.0.113.9");
			wrong.setCookies(new Cookie(Sessions.COOKIE, session.token()));
			wrong.addHeader(WebGuard.CSRF_HEADER, sessions.create("wu-dba").csrf());
			assertThat(run(WebMode.SIGN_IN, wrong).response().getStatus()).isEqualTo(403);

			MockHttpServletRequest header = request("POST", "/chat/room/messages", "203.0.113.9");
			header.setCookies(new Cookie(Sessions.COOKIE, session.token()));
			header.addHeader(WebGuard.CSRF_HEADER, session.csrf());
			assertThat(run(WebMode.SIGN_IN, header).passed()).isTrue();

			MockHttpServletRequest field = request("POST", "/logout", "203.0.113.9");
			field.setCookies(new Cookie(Sessions.COOKIE, session.token()));
			field.setParameter("_csrf", session.csrf());
			assertThat(run(WebMode.SIGN_IN, field).passed()).isTrue();
		}

		@Test
		void refusesCrossSitePostsWhateverTheyCarry() throws Exception {
			Sessions.Session session = sessions.create("wu-dba");
			MockHttpServletRequest request = request("POST", "/chat/room/messages", "203.0.113.9");
			request.setCookies(new Cookie(Sessions.COOKIE, session.token()));
			request.addHeader(WebGuard.CSRF_HEADER, session.csrf());
			request.addHeader("Sec-Fetch-Site", "cross-site");
			assertThat(run(WebMode.SIGN_IN, request).response().getStatus()).isEqualTo(403);
		}

		@Test
		void leavesProbesAndTheTelegramWebhookAlone() throws Exception {
			assertThat(run(WebMode.SIGN_IN, request("GET", "/livez", "203.0.113.9")).passed()).isTrue();
			assertThat(run(WebMode.SIGN_IN, request("GET", "/readyz", "203.0.113.9")).passed()).isTrue();
			// the webhook checks its own secret header; no session, no CSRF token
			assertThat(run(WebMode.SIGN_IN, request("POST", "/telegram/webhook", "149.154.160.1")).passed()).isTrue();
		}

		@Test
		void setsSecurityHeadersOnEveryResponse() throws Exception {
			MockHttpServletResponse response = run(WebMode.SIGN_IN, request("GET", "/login", "203.0.113.9")).response();
			assertThat(response.getHeader("Content-Security-Policy")).contains("default-src 'self'")
				.contains("frame-ancestors 'none'")
				.doesNotContain("unsafe-inline");
			assertThat(response.getHeader("X-Content-Type-Options")).isEqualTo("nosniff");
			assertThat(response.getHeader("X-Frame-Options")).isEqualTo("DENY");
			assertThat(response.getHeader("Cache-Control")).isEqualTo("no-store");
		}

	}

}
