package com.warroom.bot.web;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.CookieManager;
import java.net.CookiePolicy;
import java.net.HttpCookie;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * A browser without a screen: real HTTP to the test server, with its own cookies; never
 * follows redirects.
 */
final class WebClient {

	private static final Pattern CSRF = Pattern.compile("<meta name=\"csrf\" content=\"([^\"]+)\">");

	private final String base;

	private final CookieManager cookies = new CookieManager(null, CookiePolicy.ACCEPT_ALL);

	private final HttpClient http;

	WebClient(int port) {
		this.base = "http://127.0.0.1:" + port;
		this.http = HttpClient.newBuilder().cookieHandler(cookies).followRedirects(HttpClient.Redirect.NEVER).build();
	}

	HttpResponse<String> get(String path) {
		return send(HttpRequest.newBuilder(uri(path)).header("Accept", "text/html").GET());
	}

	HttpResponse<String> get(String path, String accept) {
		return send(HttpRequest.newBuilder(uri(path)).header("Accept", accept).GET());
	}

	/** A form post; {@code csrf} as the {@code _csrf} field when not null. */
	HttpResponse<String> post(String path, Map<String, String> fields) {
		return send(HttpRequest.newBuilder(uri(path))
			.header("Content-Type", "application/x-www-form-urlencoded")
			.header("Accept", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString(form(fields))));
	}

	/** Signs in on the password form; returns the response of the post. */
	HttpResponse<String> signIn(String person, String password) {
		get("/login");
		return post("/login",
				Map.of("_csrf", cookie(WebGuard.FORM_COOKIE).orElse(""), "person", person, "password", password));
	}

	/** Chooses who one is in the local mode. */
	HttpResponse<String> choose(String person) {
		get("/who");
		return post("/who", Map.of("_csrf", cookie(WebGuard.FORM_COOKIE).orElse(""), "person", person));
	}

	/** The CSRF token of the session, as the pages carry it. */
	String csrf() {
		Matcher matcher = CSRF.matcher(get("/chat/room").body());
		if (!matcher.find()) {
			throw new AssertionError("no CSRF token on the chat page");
		}
		return matcher.group(1);
	}

	/** Types a line in a chat, as the page's script does. */
	HttpResponse<String> say(String chat, String line) {
		Map<String, String> fields = new LinkedHashMap<>();
		fields.put("_csrf", csrf());
		fields.put("text", line);
		return post("/chat/" + chat + "/messages", fields);
	}

	Optional<String> cookie(String name) {
		return cookies.getCookieStore()
			.getCookies()
			.stream()
			.filter((c) -> c.getName().equals(name))
			.map(HttpCookie::getValue)
			.findFirst();
	}

	void forgetCookies() {
		cookies.getCookieStore().removeAll();
	}

	void setCookie(String name, String value) {
		HttpCookie cookie = new HttpCookie(name, value);
		cookie.setPath("/");
		cookie.setVersion(0);
		cookies.getCookieStore().add(URI.create(base), cookie);
	}

	private URI uri(String path) {
		return URI.create(base + path);
	}

	private HttpResponse<String> send(HttpRequest.Builder request) {
		try {
			return http.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	private static String form(Map<String, String> fields) {
		return fields.entrySet()
			.stream()
			.map((e) -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
					+ URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
			.collect(Collectors.joining("&"));
	}

}
