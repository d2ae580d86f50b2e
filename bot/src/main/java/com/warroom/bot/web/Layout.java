package com.warroom.bot.web;

import com.warroom.bot.engine.Texts;
import org.jspecify.annotations.Nullable;

/**
 * The frame of every page: head, top bar with navigation and the signed-in person, and
 * the main content. Styles and script come from {@code /assets} (the content security
 * policy allows nothing inline). Thread-safe.
 */
final class Layout {

	private final Texts texts;

	private final WebMode mode;

	Layout(Texts texts, WebMode mode) {
		this.texts = texts;
		this.mode = mode;
	}

	/** Which navigation entry a page belongs to. */
	enum Nav {

		ROOM, PRIVATE, BOARD, ARCHIVE, NONE

	}

	/**
	 * A whole page.
	 * @param user the signed-in person, or null on the sign-in pages
	 * @param main the page's content, already escaped
	 */
	String page(String title, @Nullable WebUser user, Nav nav, String pageClass, String main) {
		StringBuilder html = new StringBuilder(4096 + main.length());
		html.append("<!doctype html>\n<html lang=\"zh-CN\">\n<head>\n<meta charset=\"utf-8\">\n")
			.append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
			.append("<title>")
			.append(WebHtml.text(title))
			.append(" · WarRoom</title>\n")
			.append("<link rel=\"stylesheet\" href=\"/assets/web.css\">\n");
		if (user != null) {
			html.append("<meta name=\"csrf\" content=\"").append(WebHtml.text(user.csrf())).append("\">\n");
		}
		html.append("<script src=\"/assets/web.js\" defer></script>\n</head>\n<body class=\"")
			.append(WebHtml.text(pageClass))
			.append("\">\n<header class=\"top\">\n")
			.append("<a class=\"brand\" href=\"/\"><span class=\"logo\">WR</span><span class=\"name\">")
			.append(WebHtml.text(texts.get("web.title")))
			.append("</span></a>\n");
		if (mode == WebMode.LOCAL) {
			html.append("<span class=\"badge local\" title=\"")
				.append(WebHtml.text(texts.get("web.local.hint")))
				.append("\">")
				.append(WebHtml.text(texts.get("web.local.badge")))
				.append("</span>\n");
		}
		if (user != null) {
			html.append("<nav class=\"nav\">")
				.append(link("/chat/" + WebUser.ROOM, texts.get("web.nav.room"), nav == Nav.ROOM))
				.append(link("/chat/" + WebHtml.segment(user.privateChat()), texts.get("web.nav.private"),
						nav == Nav.PRIVATE))
				.append(link("/board", texts.get("web.nav.board"), nav == Nav.BOARD))
				.append(user.person().may(com.warroom.bot.roster.Permission.ARCHIVE)
						? link("/board/archive", texts.get("web.nav.archive"), nav == Nav.ARCHIVE) : "")
				.append("</nav>\n<div class=\"me\"><span class=\"who\">")
				.append(WebHtml.text(user.person().name()))
				.append("</span><span class=\"roles\">")
				.append(WebHtml.text(user.roles(texts)))
				.append("</span>")
				.append("<form method=\"post\" action=\"/logout\">")
				.append(csrfField(user.csrf()))
				.append("<button type=\"submit\" class=\"link\">")
				.append(WebHtml.text(texts.get((mode == WebMode.LOCAL) ? "web.nav.switch" : "web.nav.logout")))
				.append("</button></form></div>\n");
		}
		html.append("</header>\n<main id=\"main\">\n")
			.append(main)
			.append("\n</main>\n")
			.append("<div class=\"toast\" id=\"toast\" role=\"status\" aria-live=\"polite\" hidden></div>\n")
			.append("</body>\n</html>\n");
		return html.toString();
	}

	/** The hidden field that carries a form's CSRF token. */
	static String csrfField(String token) {
		return "<input type=\"hidden\" name=\"_csrf\" value=\"" + WebHtml.text(token) + "\">";
	}

	private static String link(String href, String label, boolean active) {
		return "<a href=\"" + WebHtml.text(href) + "\"" + (active ? " class=\"active\" aria-current=\"page\"" : "")
				+ ">" + WebHtml.text(label) + "</a>";
	}

}
