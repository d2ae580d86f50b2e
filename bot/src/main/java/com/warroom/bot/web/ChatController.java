package com.warroom.bot.web;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import com.warroom.bot.engine.Texts;
import jakarta.servlet.http.HttpServletRequest;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestAttribute;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * The web chats: the shared room and each person's own chat with the bot. A page shows
 * the newest messages; lines and presses are posted (by script, or as plain forms) and
 * the answers arrive over the chat's event stream.
 */
@Controller
class ChatController {

	private final WebChatLog chats;

	private final ChatView view;

	private final WebConversation conversation;

	private final WebEvents events;

	private final Layout layout;

	private final Texts texts;

	ChatController(WebChatLog chats, ChatView view, WebConversation conversation, WebEvents events, Layout layout,
			Texts texts) {
		this.chats = chats;
		this.view = view;
		this.conversation = conversation;
		this.events = events;
		this.layout = layout;
		this.texts = texts;
	}

	@GetMapping("/")
	ResponseEntity<Void> home() {
		return ResponseEntity.status(HttpStatus.SEE_OTHER)
			.header(HttpHeaders.LOCATION, "/chat/" + WebUser.ROOM)
			.build();
	}

	@GetMapping("/chat/{chatId}")
	ResponseEntity<String> chat(@RequestAttribute(WebUser.ATTRIBUTE) WebUser user, @PathVariable String chatId) {
		if (!user.mayEnter(chatId)) {
			return forbidden(user);
		}
		long revision = chats.revision(chatId);
		String main = view.page(user, chatId, chats.recent(chatId), revision);
		Layout.Nav nav = WebUser.ROOM.equals(chatId) ? Layout.Nav.ROOM : Layout.Nav.PRIVATE;
		String title = WebUser.ROOM.equals(chatId) ? texts.get("web.nav.room") : texts.get("web.nav.private");
		return html(HttpStatus.OK, layout.page(title, user, nav, "page-chat", main));
	}

	@PostMapping("/chat/{chatId}/messages")
	ResponseEntity<?> say(HttpServletRequest request, @RequestAttribute(WebUser.ATTRIBUTE) WebUser user,
			@PathVariable String chatId, @RequestParam(defaultValue = "") String text,
			@RequestParam(required = false) @Nullable String replyTo) {
		if (!user.mayEnter(chatId)) {
			return forbidden(user);
		}
		return answer(request, chatId,
				conversation.say(user, chatId, text, (replyTo == null || replyTo.isBlank()) ? null : replyTo));
	}

	@PostMapping("/chat/{chatId}/press")
	ResponseEntity<?> press(HttpServletRequest request, @RequestAttribute(WebUser.ATTRIBUTE) WebUser user,
			@PathVariable String chatId, @RequestParam(defaultValue = "") String token,
			@RequestParam(required = false) @Nullable String message) {
		if (!user.mayEnter(chatId)) {
			return forbidden(user);
		}
		return answer(request, chatId, conversation.press(user, chatId, token, message));
	}

	@GetMapping(path = "/chat/{chatId}/events", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
	ResponseEntity<SseEmitter> events(@RequestAttribute(WebUser.ATTRIBUTE) WebUser user, @PathVariable String chatId,
			@RequestParam(defaultValue = "0") long since,
			@RequestHeader(name = "Last-Event-ID", required = false) @Nullable String lastEventId) {
		if (!user.mayEnter(chatId)) {
			return ResponseEntity.status(HttpStatus.FORBIDDEN).build();
		}
		long from = (lastEventId != null && lastEventId.matches("\\d{1,18}")) ? Long.parseLong(lastEventId) : since;
		return ResponseEntity.ok().header("X-Accel-Buffering", "no").body(events.chat(user, chatId, from));
	}

	/** Script gets the notices as JSON; a plain form goes back to the chat. */
	private static ResponseEntity<?> answer(HttpServletRequest request, String chatId,
			List<WebConversation.Notice> notices) {
		if (String.valueOf(request.getHeader(HttpHeaders.ACCEPT)).contains(MediaType.APPLICATION_JSON_VALUE)) {
			return ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON).body(Map.of("notices", notices));
		}
		return ResponseEntity.status(HttpStatus.SEE_OTHER)
			.header(HttpHeaders.LOCATION, "/chat/" + WebHtml.segment(chatId))
			.build();
	}

	private ResponseEntity<String> forbidden(WebUser user) {
		String main = "<section class=\"entry\"><p class=\"problem\">" + WebHtml.text(texts.get("web.chat.forbidden"))
				+ "</p><a class=\"button\" href=\"/chat/room\">" + WebHtml.text(texts.get("web.nav.room"))
				+ "</a></section>";
		return html(HttpStatus.FORBIDDEN,
				layout.page(texts.get("web.nav.room"), user, Layout.Nav.NONE, "page-entry", main));
	}

	static ResponseEntity<String> html(HttpStatus status, String html) {
		return ResponseEntity.status(status)
			.contentType(new MediaType(MediaType.TEXT_HTML, StandardCharsets.UTF_8))
			.body(html);
	}

}
