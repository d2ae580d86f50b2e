package com.warroom.bot.web;

import java.io.IOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.List;
import java.util.Optional;

import com.warroom.bot.engine.Texts;
import com.warroom.bot.roster.Person;
import com.warroom.bot.roster.Roster;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Guards every request: security headers on all responses; in the local mode, nobody but
 * this machine; the health probes and the Telegram webhook (which checks its own secret)
 * pass untouched; everything else — pages, documents, event streams — needs a live
 * session, and every POST the session's CSRF token. The sign-in forms, before any
 * session, carry a token that must match a cookie of their own (double submit).
 */
final class WebGuard extends OncePerRequestFilter {

	private static final Logger log = LoggerFactory.getLogger(WebGuard.class);

	/** The cookie the sign-in forms' CSRF token is compared with. */
	static final String FORM_COOKIE = "WARROOM_FORM";

	static final String CSRF_HEADER = "X-CSRF-Token";

	static final String CSRF_FIELD = "_csrf";

	private static final String CSP = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
			+ "connect-src 'self'; font-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; "
			+ "frame-ancestors 'none'";

	private static final List<String> PROBES = List.of("/livez", "/readyz", "/actuator/health");

	private final WebMode mode;

	private final Sessions sessions;

	private final Roster roster;

	private final Texts texts;

	WebGuard(WebMode mode, Sessions sessions, Roster roster, Texts texts) {
		this.mode = mode;
		this.sessions = sessions;
		this.roster = roster;
		this.texts = texts;
	}

	/**
	 * Headers a reverse proxy adds; their presence means the peer is not this machine's
	 * user.
	 */
	private static final List<String> FORWARDED = List.of("X-Forwarded-For", "Forwarded", "X-Real-IP",
			"X-Forwarded-Host");

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		String path = request.getRequestURI().substring(request.getContextPath().length());
		headers(request, response, path);
		if (PROBES.stream().anyMatch((probe) -> path.equals(probe) || path.startsWith(probe + "/"))) {
			chain.doFilter(request, response);
			return;
		}
		if (mode == WebMode.LOCAL && FORWARDED.stream().anyMatch((header) -> request.getHeader(header) != null)) {
			// a proxy on this machine makes every client look local: the local mode is
			// not for it
			log.warn("本机模式拒绝经代理转发的请求");
			refuse(response, HttpServletResponse.SC_FORBIDDEN, texts.get("web.refused.remote"));
			return;
		}
		if (mode == WebMode.LOCAL && !loopback(request.getRemoteAddr())) {
			log.warn("本机模式拒绝来自 {} 的请求", request.getRemoteAddr());
			refuse(response, HttpServletResponse.SC_FORBIDDEN, texts.get("web.refused.remote"));
			return;
		}
		if (mode == WebMode.LOCAL && !loopbackName(request.getServerName())) {
			// a page elsewhere whose name was rebound
			// to 127.0.0.1 must not reach the chooser
			refuse(response, HttpServletResponse.SC_FORBIDDEN, texts.get("web.refused.host"));
			return;
		}
		if (path.equals("/telegram/webhook") || path.startsWith("/assets/") || path.equals("/favicon.ico")) {
			chain.doFilter(request, response);
			return;
		}
		if (unsafe(request) && "cross-site".equals(request.getHeader("Sec-Fetch-Site"))) {
			// browsers say where a request comes from: a cross-site POST is never ours
			refuse(response, HttpServletResponse.SC_FORBIDDEN, texts.get("web.csrf"));
			return;
		}
		if (path.equals("/login") || path.equals("/who")) {
			if (unsafe(request) && !matches(cookie(request, FORM_COOKIE), request.getParameter(CSRF_FIELD))) {
				refuse(response, HttpServletResponse.SC_FORBIDDEN, texts.get("web.csrf"));
				return;
			}
			chain.doFilter(request, response);
			return;
		}
		Optional<WebUser> user;
		try {
			user = user(request);
		}
		catch (Sessions.Unavailable ex) {
			// Redis is away and this instance has not seen
			// the session lately: nothing to decide with
			refuse(response, HttpServletResponse.SC_SERVICE_UNAVAILABLE, texts.get("web.session.unavailable"));
			return;
		}
		if (user.isEmpty()) {
			unauthenticated(request, response, path);
			return;
		}
		if (unsafe(request) && !matches(user.get().csrf(), csrfToken(request))) {
			refuse(response, HttpServletResponse.SC_FORBIDDEN, texts.get("web.csrf"));
			return;
		}
		sessions.touch(user.get().session());
		request.setAttribute(WebUser.ATTRIBUTE, user.get());
		chain.doFilter(request, response);
	}

	/**
	 * The first cookie of that name holding a live session: a cookie planted beside ours
	 * does not hide it.
	 */
	private Optional<WebUser> user(HttpServletRequest request) {
		Cookie[] cookies = request.getCookies();
		for (Cookie cookie : (cookies != null) ? cookies : new Cookie[0]) {
			if (!cookie.getName().equals(Sessions.COOKIE)) {
				continue;
			}
			Optional<Sessions.Session> session = sessions.find(cookie.getValue());
			if (session.isEmpty()) {
				continue;
			}
			Optional<Person> person = roster.byId(session.get().personId());
			if (person.isEmpty()) {
				// taken off the roster since: the session ends with it
				sessions.end(cookie.getValue());
				continue;
			}
			return Optional.of(new WebUser(person.get(), session.get()));
		}
		return Optional.empty();
	}

	/**
	 * Pages send the browser to sign in; documents, event streams and posts get 401. In
	 * the local mode other GETs (no {@code Accept: text/html}, e.g. curl) get a short
	 * plain answer saying which address to open, not a request to sign in.
	 */
	private void unauthenticated(HttpServletRequest request, HttpServletResponse response, String path)
			throws IOException {
		boolean page = "GET".equals(request.getMethod()) && !path.startsWith("/documents/") && !path.endsWith("/events")
				&& String.valueOf(request.getHeader("Accept")).contains("text/html");
		if (page) {
			String entry = (mode == WebMode.LOCAL) ? "/who" : "/login";
			boolean expired = cookie(request, Sessions.COOKIE) != null;
			response.sendRedirect(
					request.getContextPath() + entry + (expired && mode == WebMode.SIGN_IN ? "?expired" : ""));
			return;
		}
		if (mode == WebMode.LOCAL && "GET".equals(request.getMethod()) && !path.startsWith("/documents/")
				&& !path.endsWith("/events")) {
			// curl, a probe, a script: this machine's user, told where to go (there is
			// nothing to sign in to)
			refuse(response, HttpServletResponse.SC_OK, texts.get("web.local.plain",
					request.getScheme() + "://localhost:" + request.getServerPort() + "/"));
			return;
		}
		refuse(response, HttpServletResponse.SC_UNAUTHORIZED,
				texts.get((mode == WebMode.LOCAL) ? "web.refused.choose" : "web.refused.signin"));
	}

	private static void headers(HttpServletRequest request, HttpServletResponse response, String path) {
		response.setHeader("Content-Security-Policy", CSP);
		response.setHeader("X-Content-Type-Options", "nosniff");
		response.setHeader("X-Frame-Options", "DENY");
		response.setHeader("Referrer-Policy", "same-origin");
		response.setHeader("Cross-Origin-Opener-Policy", "same-origin");
		response.setHeader("Permissions-Policy", "camera=(), microphone=(), geolocation=(), payment=()");
		if (request.isSecure()) {
			response.setHeader("Strict-Transport-Security", "max-age=31536000");
		}
		if (!path.startsWith("/assets/")) {
			response.setHeader("Cache-Control", "no-store");
		}
	}

	private static void refuse(HttpServletResponse response, int status, String message) throws IOException {
		response.setStatus(status);
		response.setContentType("text/plain;charset=UTF-8");
		response.getOutputStream().write(message.getBytes(StandardCharsets.UTF_8));
	}

	private static boolean unsafe(HttpServletRequest request) {
		String method = request.getMethod();
		return !(method.equals("GET") || method.equals("HEAD") || method.equals("OPTIONS"));
	}

	private static @Nullable String csrfToken(HttpServletRequest request) {
		String header = request.getHeader(CSRF_HEADER);
		return (header != null) ? header : request.getParameter(CSRF_FIELD);
	}

	private static boolean matches(@Nullable String expected, @Nullable String given) {
		return expected != null && given != null && !expected.isEmpty() && MessageDigest
			.isEqual(expected.getBytes(StandardCharsets.UTF_8), given.getBytes(StandardCharsets.UTF_8));
	}

	static @Nullable String cookie(HttpServletRequest request, String name) {
		Cookie[] cookies = request.getCookies();
		if (cookies == null) {
			return null;
		}
		for (Cookie cookie : cookies) {
			if (cookie.getName().equals(name)) {
				return cookie.getValue();
			}
		}
		return null;
	}

	/**
	 * The name the browser asked for: {@code localhost} (or a name under it) or a
	 * loopback address.
	 */
	static boolean loopbackName(String host) {
		String name = host.toLowerCase(java.util.Locale.ROOT);
		return name.equals("localhost") || name.endsWith(".localhost") || name.equals("[::1]") || name.equals("::1")
				|| name.matches("127\\.\\d{1,3}\\.\\d{1,3}\\.\\d{1,3}");
	}

	/** Only literal addresses arrive here (no name lookups). */
	static boolean loopback(String address) {
		try {
			return address.matches("[0-9a-fA-F:.]+") && InetAddress.getByName(address).isLoopbackAddress();
		}
		catch (UnknownHostException ex) {
			return false;
		}
	}

}
