package com.warroom.bot.telegram;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.http.HttpServletRequest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;
import org.telegram.telegrambots.meta.api.objects.Update;

/**
 * Webhook mode: Telegram posts updates here. The {@code X-Telegram-Bot-Api-Secret-Token}
 * header is checked before a byte of the body is read (403 without it); the body is read
 * only up to {@link #MAX_BODY} (413 beyond: Telegram's updates are a few KB) and parsed
 * with the library's own (Jackson 2) model; a malformed update gets 400 and changes
 * nothing. An update whose handling throws gets 500, so Telegram sends it again (it then
 * takes effect once, see {@link TelegramGateway#handle}).
 */
@RestController
@ConditionalOnExpression("!'${warroom.telegram.token:}'.isBlank()")
class TelegramWebhookController {

	private static final Logger log = LoggerFactory.getLogger(TelegramWebhookController.class);

	/** The largest body read: 1 MB. */
	static final int MAX_BODY = 1024 * 1024;

	private final TelegramProperties properties;

	private final TelegramGateway gateway;

	private final ObjectMapper mapper = TelegramPolling.mapper();

	TelegramWebhookController(TelegramProperties properties, TelegramGateway gateway) {
		this.properties = properties;
		this.gateway = gateway;
	}

	@PostMapping("/telegram/webhook")
	ResponseEntity<Void> receive(HttpServletRequest request) throws IOException {
		String secret = request.getHeader("X-Telegram-Bot-Api-Secret-Token");
		if (!properties.webhook() || properties.webhookSecret().isBlank() || secret == null
				|| !MessageDigest.isEqual(secret.getBytes(StandardCharsets.UTF_8),
						properties.webhookSecret().getBytes(StandardCharsets.UTF_8))) {
			return ResponseEntity.status(HttpStatus.FORBIDDEN).build();
		}
		if (request.getContentLengthLong() > MAX_BODY) {
			log.warn("拒绝过大的 Webhook 请求（{} 字节）", request.getContentLengthLong());
			return ResponseEntity.status(HttpStatus.CONTENT_TOO_LARGE).build();
		}
		byte[] body;
		try (InputStream in = request.getInputStream()) {
			body = in.readNBytes(MAX_BODY + 1);
		}
		if (body.length > MAX_BODY) {
			log.warn("拒绝过大的 Webhook 请求（超过 {} 字节）", MAX_BODY);
			return ResponseEntity.status(HttpStatus.CONTENT_TOO_LARGE).build();
		}
		Update update;
		try {
			update = mapper.readValue(body, Update.class);
		}
		catch (Exception ex) {
			log.warn("无法解析 Webhook 更新：{}", ex.getClass().getSimpleName());
			return ResponseEntity.badRequest().build();
		}
		if (gateway.handle(update) == TelegramGateway.Outcome.MALFORMED) {
			return ResponseEntity.badRequest().build();
		}
		return ResponseEntity.ok().build();
	}

}
