package com.warroom.bot.web;

import java.time.Duration;
import java.util.Optional;

import com.warroom.bot.engine.Texts;
import com.warroom.bot.roster.Person;
import com.warroom.bot.roster.Roster;
import jakarta.servlet.http.HttpServletRequest;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseCookie;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestAttribute;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * Who is at the keyboard: in the local mode they pick themselves from the roster
 * ({@code /who}); otherwise they sign in with their roster id and password
 * ({@code /login}). Either way a new session starts; {@code /logout} ends it.
 */
@Controller
class SignInController {

	private static final Logger log = LoggerFactory.getLogger(SignInController.class);

	private final WebMode mode;

	private final Roster roster;

	private final Sessions sessions;

	private final PasswordAccounts accounts;

	private final WebProperties properties;

	private final SignInPages pages;

	private final Layout layout;

	private final Texts texts;

	SignInController(WebMode mode, Roster roster, Sessions sessions, PasswordAccounts accounts,
			WebProperties properties, SignInPages pages, Layout layout, Texts texts) {
		this.mode = mode;
		this.roster = roster;
		this.sessions = sessions;
		this.accounts = accounts;
		this.properties = properties;
		this.pages = pages;
		this.layout = layout;
		this.texts = texts;
	}

	@GetMapping("/who")
	ResponseEntity<String> who(HttpServletRequest request) {
		if (mode != WebMode.LOCAL) {
			return ResponseEntity.notFound().build();
		}
		return chooser(request, HttpStatus.OK, null);
	}

	@PostMapping("/who")
	ResponseEntity<String> choose(HttpServletRequest request, @RequestParam(defaultValue = "") String person) {
		if (mode != WebMode.LOCAL) {
			return ResponseEntity.notFound().build();
		}
		Optional<Person> chosen = roster.byId(person);
		if (chosen.isEmpty()) {
			return chooser(request, HttpStatus.BAD_REQUEST, texts.get("web.who.unknown", abbreviate(person)));
		}
		try {
			return signedIn(request, chosen.get());
		}
		catch (Sessions.Unavailable ex) {
			return chooser(request, HttpStatus.SERVICE_UNAVAILABLE, texts.get("web.login.unavailable"));
		}
	}

	@GetMapping("/login")
	ResponseEntity<String> login(HttpServletRequest request, @RequestParam(required = false) @Nullable String expired,
			@RequestParam(required = false) @Nullable String out) {
		if (mode == WebMode.LOCAL) {
			return redirect("/who", null);
		}
		String notice = (expired != null) ? texts.get("web.login.expired")
				: (out != null) ? texts.get("web.login.out") : null;
		return loginPage(request, HttpStatus.OK, null, notice, "");
	}

	@PostMapping("/login")
	ResponseEntity<String> signIn(HttpServletRequest request, @RequestParam(defaultValue = "") String person,
			@RequestParam(defaultValue = "") String password) {
		if (mode == WebMode.LOCAL) {
			return redirect("/who", null);
		}
		String id = person.strip();
		PasswordAccounts.Outcome outcome;
		try {
			outcome = accounts.check(id, password, request.getRemoteAddr());
			if (outcome == PasswordAccounts.Outcome.OK) {
				Optional<Person> known = roster.byId(id);
				if (known.isPresent()) {
					log.info("网页登录：{}", id);
					return signedIn(request, known.get());
				}
			}
		}
		catch (Sessions.Unavailable ex) {
			log.warn("网页登录暂不可用（Redis 不可达）：{}", abbreviate(id.replaceAll("[^\\w.-]", "?")));
			return loginPage(request, HttpStatus.SERVICE_UNAVAILABLE, texts.get("web.login.unavailable"), null, id);
		}
		log.info("网页登录失败（{}）：{}", outcome, abbreviate(id.replaceAll("[^\\w.-]", "?")));
		if (outcome == PasswordAccounts.Outcome.LOCKED) {
			return loginPage(request, HttpStatus.TOO_MANY_REQUESTS,
					texts.get("web.login.locked", String.valueOf(PasswordAccounts.LOCK.toMinutes())), null, id);
		}
		return loginPage(request, HttpStatus.UNAUTHORIZED, texts.get("web.login.failed"), null, id);
	}

	@PostMapping("/logout")
	ResponseEntity<String> logout(HttpServletRequest request, @RequestAttribute(WebUser.ATTRIBUTE) WebUser user) {
		sessions.end(user.session().token());
		return redirect((mode == WebMode.LOCAL) ? "/who" : "/login?out",
				cookie(request, Sessions.COOKIE, "", Duration.ZERO));
	}

	private ResponseEntity<String> signedIn(HttpServletRequest request, Person person) {
		String old = WebGuard.cookie(request, Sessions.COOKIE);
		if (old != null) {
			sessions.end(old);
		}
		Sessions.Session session = sessions.create(person.id());
		return redirect("/chat/" + WebUser.ROOM, cookie(request, Sessions.COOKIE, session.token(), null));
	}

	private ResponseEntity<String> chooser(HttpServletRequest request, HttpStatus status, @Nullable String problem) {
		String token = formToken(request);
		String html = layout.page(texts.get("web.who.title"), null, Layout.Nav.NONE, "page-entry",
				pages.chooser(roster.people(), token, problem));
		return page(status, html, cookie(request, WebGuard.FORM_COOKIE, token, null));
	}

	private ResponseEntity<String> loginPage(HttpServletRequest request, HttpStatus status, @Nullable String problem,
			@Nullable String notice, String personId) {
		String token = formToken(request);
		String html = layout.page(texts.get("web.login.title"), null, Layout.Nav.NONE, "page-entry",
				pages.login(token, problem, notice, personId, accounts.size() > 0));
		return page(status, html, cookie(request, WebGuard.FORM_COOKIE, token, null));
	}

	private String formToken(HttpServletRequest request) {
		String existing = WebGuard.cookie(request, WebGuard.FORM_COOKIE);
		return (existing != null && existing.matches("[A-Za-z0-9_-]{43}")) ? existing : sessions.randomToken();
	}

	/**
	 * A cookie for the whole site, never readable by script; {@code maxAge} null: until
	 * the browser closes.
	 */
	private String cookie(HttpServletRequest request, String name, String value, @Nullable Duration maxAge) {
		ResponseCookie.ResponseCookieBuilder cookie = ResponseCookie.from(name, value)
			.path("/")
			.httpOnly(true)
			.secure(request.isSecure() || properties.secureCookie())
			.sameSite(name.equals(WebGuard.FORM_COOKIE) ? "Strict" : "Lax");
		if (maxAge != null) {
			cookie.maxAge(maxAge);
		}
		return cookie.build().toString();
	}

	private static ResponseEntity<String> page(HttpStatus status, String html, String cookie) {
		return ResponseEntity.status(status)
			.contentType(new MediaType(MediaType.TEXT_HTML, java.nio.charset.StandardCharsets.UTF_8))
			.header(HttpHeaders.SET_COOKIE, cookie)
			.body(html);
	}

	private static ResponseEntity<String> redirect(String location, @Nullable String cookie) {
		ResponseEntity.BodyBuilder builder = ResponseEntity.status(HttpStatus.SEE_OTHER)
			.header(HttpHeaders.LOCATION, location);
		if (cookie != null) {
			builder.header(HttpHeaders.SET_COOKIE, cookie);
		}
		return builder.build();
	}

	private static String abbreviate(String text) {
		return (text.length() <= 32) ? text : text.substring(0, 32) + "…";
	}

}
