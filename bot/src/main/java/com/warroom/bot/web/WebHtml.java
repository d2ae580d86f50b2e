package com.warroom.bot.web;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;

import org.jspecify.annotations.Nullable;

/** Escaping for the pages: every string a page prints goes through one of these. */
final class WebHtml {

	/** The tags of the engine's HTML subset (as Telegram renders it). */
	private static final List<String> ENGINE_TAGS = List.of("<b>", "</b>", "<i>", "</i>", "<code>", "</code>", "<pre>",
			"</pre>");

	private WebHtml() {
	}

	/** Escapes text for element content and double- or single-quoted attributes. */
	static String text(String text) {
		return com.warroom.bot.engine.Html.escape(text);
	}

	/**
	 * The engine's HTML (user text already escaped) made safe to embed: the subset's tags
	 * pass, any other {@code <} is escaped, and a {@code &} that does not start an entity
	 * is escaped — so even a string the engine forgot to escape cannot become markup.
	 */
	static String engine(String html) {
		StringBuilder out = new StringBuilder(html.length() + 16);
		int i = 0;
		while (i < html.length()) {
			char c = html.charAt(i);
			if (c == '<') {
				String tag = tagAt(html, i);
				out.append((tag != null) ? tag : "&lt;");
				i += (tag != null) ? tag.length() : 1;
				continue;
			}
			if (c == '&') {
				out.append(isEntity(html, i) ? "&" : "&amp;");
			}
			else if (c == '"') {
				out.append("&quot;");
			}
			else {
				out.append(c);
			}
			i++;
		}
		return out.toString();
	}

	/** One URL path segment. */
	static String segment(String value) {
		return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
	}

	private static @Nullable String tagAt(String html, int at) {
		for (String tag : ENGINE_TAGS) {
			if (html.startsWith(tag, at)) {
				return tag;
			}
		}
		return null;
	}

	private static boolean isEntity(String html, int at) {
		int end = html.indexOf(';', at);
		if (end < 0 || end - at > 10) {
			return false;
		}
		String name = html.substring(at + 1, end);
		return name.matches("[a-zA-Z]{2,8}|#\\d{1,7}|#x[0-9a-fA-F]{1,6}");
	}

}
