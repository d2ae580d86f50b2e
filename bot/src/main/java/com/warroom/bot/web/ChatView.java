package com.warroom.bot.web;

import java.time.Instant;
import java.util.List;
import java.util.function.Supplier;

import com.warroom.bot.engine.Button;
import com.warroom.bot.engine.ConversationEngine;
import com.warroom.bot.engine.IncidentViews;
import com.warroom.bot.engine.Texts;

/**
 * Renders a web chat: its messages (the bot's HTML subset, people's plain text, document
 * links, buttons as small forms that work without script too) and the composer with the
 * command menu. Thread-safe.
 */
final class ChatView {

	private final Texts texts;

	private final IncidentViews views;

	private final Supplier<List<ConversationEngine.MenuEntry>> menu;

	/**
	 * {@code menu}: the command menu as every channel shows it (the engine's, derived
	 * from its flows).
	 */
	ChatView(Texts texts, IncidentViews views, Supplier<List<ConversationEngine.MenuEntry>> menu) {
		this.texts = texts;
		this.views = views;
		this.menu = menu;
	}

	/** The main content of a chat page. */
	String page(WebUser user, String chatId, List<WebMessage> messages, long revision) {
		String base = "/chat/" + WebHtml.segment(chatId);
		StringBuilder html = new StringBuilder(8192);
		String title = WebUser.ROOM.equals(chatId) ? texts.get("web.chat.room")
				: texts.get("web.chat.private", user.person().name());
		html.append("<section class=\"chat\" data-events=\"")
			.append(WebHtml.text(base + "/events"))
			.append("\" data-rev=\"")
			.append(revision)
			.append("\">\n<div class=\"chat-head\"><h1>")
			.append(WebHtml.text(title))
			.append("</h1><p class=\"hint\">")
			.append(WebHtml
				.text(texts.get(WebUser.ROOM.equals(chatId) ? "web.chat.room.hint" : "web.chat.private.hint")))
			.append("</p><span class=\"live\" id=\"live\" hidden>")
			.append(WebHtml.text(texts.get("web.chat.offline")))
			.append("</span></div>\n<ol class=\"messages\" id=\"messages\">\n");
		if (messages.isEmpty()) {
			html.append("<li class=\"empty\" id=\"empty\">")
				.append(WebHtml.text(texts.get("web.chat.empty")))
				.append("</li>\n");
		}
		for (WebMessage message : messages) {
			html.append(message(message, chatId, user)).append('\n');
		}
		html.append("</ol>\n").append(composer(user, base)).append("</section>");
		return html.toString();
	}

	/** One message as a list item whose id ({@code m-N}) later edits replace. */
	String message(WebMessage message, String chatId, WebUser viewer) {
		WebMessage.Post post = message.post();
		boolean person = post.kind() == WebMessage.Kind.PERSON;
		boolean mine = person && viewer.id().equals(post.personId());
		StringBuilder html = new StringBuilder(512);
		html.append("<li class=\"msg ")
			.append(person ? (mine ? "person mine" : "person") : "bot")
			.append((post.kind() == WebMessage.Kind.DOCUMENT) ? " document" : "")
			.append("\" id=\"m-")
			.append(message.id())
			.append("\" data-rev=\"")
			.append(message.rev())
			.append("\">\n<div class=\"meta\"><span class=\"who\">")
			.append(WebHtml.text(post.author()))
			.append("</span><time>")
			.append(WebHtml.text(views.time(Instant.ofEpochMilli(post.at()))))
			.append("</time>");
		if (post.edited()) {
			html.append("<span class=\"edited\">").append(WebHtml.text(texts.get("web.chat.edited"))).append("</span>");
		}
		if (post.incidentId() != null && !person) {
			html.append("<button type=\"button\" class=\"reply link\" data-reply=\"")
				.append(message.id())
				.append("\" data-label=\"")
				.append(WebHtml.text(post.incidentId()))
				.append("\" title=\"")
				.append(WebHtml.text(texts.get("web.chat.reply.hint")))
				.append("\">")
				.append(WebHtml.text(texts.get("web.chat.reply")))
				.append("</button>");
		}
		html.append("</div>\n<div class=\"text\">")
			.append(person ? WebHtml.text(post.html()) : WebHtml.engine(post.html()))
			.append("</div>\n");
		if (post.kind() == WebMessage.Kind.DOCUMENT && post.incidentId() != null && post.document() != null) {
			html.append("<a class=\"file\" href=\"")
				.append(WebHtml.text(documentUrl(post.incidentId(), post.document())))
				.append("\" download>")
				.append(WebHtml.text(post.document()))
				.append("</a>\n");
		}
		if (!post.buttons().isEmpty()) {
			html.append("<div class=\"buttons\">");
			for (List<Button> row : post.buttons()) {
				html.append("<div class=\"row\">");
				for (Button button : row) {
					html.append(button(button, chatId, message.id(), viewer.csrf()));
				}
				html.append("</div>");
			}
			html.append("</div>\n");
		}
		return html.append("</li>").toString();
	}

	static String documentUrl(String incidentId, String name) {
		return "/documents/" + WebHtml.segment(incidentId) + "/" + WebHtml.segment(name);
	}

	private static String button(Button button, String chatId, long messageId, String csrf) {
		return "<form method=\"post\" class=\"press\" action=\"/chat/" + WebHtml.text(WebHtml.segment(chatId))
				+ "/press\">" + Layout.csrfField(csrf) + "<input type=\"hidden\" name=\"token\" value=\""
				+ WebHtml.text(button.token()) + "\"><input type=\"hidden\" name=\"message\" value=\"" + messageId
				+ "\"><button type=\"submit\">" + WebHtml.text(button.label()) + "</button></form>";
	}

	private String composer(WebUser user, String base) {
		StringBuilder html = new StringBuilder(2048);
		html.append("<form class=\"composer\" id=\"composer\" method=\"post\" action=\"")
			.append(WebHtml.text(base))
			.append("/messages\">")
			.append(Layout.csrfField(user.csrf()))
			.append("<input type=\"hidden\" name=\"replyTo\" id=\"reply-to\" value=\"\">")
			.append("<div class=\"replying\" id=\"replying\" hidden><span id=\"replying-label\" data-template=\"")
			.append(WebHtml.text(texts.get("web.chat.replying", "{0}")))
			.append("\"></span><button type=\"button\" class=\"link\" id=\"reply-cancel\">✕</button></div>")
			.append("<details class=\"commands\"><summary>")
			.append(WebHtml.text(texts.get("web.chat.commands")))
			.append("</summary><ul>");
		for (ConversationEngine.MenuEntry entry : menu.get()) {
			String command = entry.command();
			html.append("<li><button type=\"button\" class=\"command\" data-command=\"/")
				.append(command)
				.append(" \"><code>/")
				.append(command)
				.append("</code><span>")
				.append(WebHtml.text(entry.description()))
				.append("</span></button></li>");
		}
		html.append("</ul></details><div class=\"line\"><textarea name=\"text\" id=\"text\" rows=\"1\" maxlength=\"")
			.append(WebConversation.MAX_TEXT)
			.append("\" autocomplete=\"off\" placeholder=\"")
			.append(WebHtml.text(texts.get("web.chat.placeholder")))
			.append("\" aria-label=\"")
			.append(WebHtml.text(texts.get("web.chat.input")))
			.append("\"></textarea><button type=\"submit\" class=\"send\">")
			.append(WebHtml.text(texts.get("web.chat.send")))
			.append("</button></div></form>\n");
		return html.toString();
	}

}
