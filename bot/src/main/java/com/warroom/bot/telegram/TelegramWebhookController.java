package com.warroom.bot.telegram;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;
import org.telegram.telegrambots.meta.api.objects.Update;

/**
 * Webhook mode: Telegram posts updates here. Anything without the configured
 * {@code X-Telegram-Bot-Api-Secret-Token} is rejected; the body is parsed with the
 * library's own (Jackson 2) model.
 */
@RestController
@ConditionalOnExpression("!'${warroom.telegram.token:}'.isBlank()")
class TelegramWebhookController {

	private static final Logger log = LoggerFactory.getLogger(TelegramWebhookController.class);

	private final TelegramProperties properties;

	private final TelegramGateway gateway;

	private final ObjectMapper mapper = TelegramPolling.mapper();

	TelegramWebhookController(TelegramProperties properties, TelegramGateway gateway) {
		this.properties = properties;
		this.gateway = gateway;
	}

	@PostMapping("/telegram/webhook")
	ResponseEntity<Void> receive(@RequestHeader(name = "X-Telegram-Bot-Api-Secret-Token", required = false) String secret,
			@RequestBody String body) {
		if (!properties.webhook() || properties.webhookSecret().isBlank() || secret == null
				|| !MessageDigest.isEqual(secret.getBytes(StandardCharsets.UTF_8),
						properties.webhookSecret().getBytes(StandardCharsets.UTF_8))) {
			return ResponseEntity.status(HttpStatus.FORBIDDEN).build();
		}
		Update update;
		try {
			update = mapper.readValue(body, Update.class);
		}
		catch (Exception ex) {
			log.warn("无法解析 Webhook 更新：{}", ex.getClass().getSimpleName());
			return ResponseEntity.badRequest().build();
		}
		gateway.handle(update);
		return ResponseEntity.ok().build();
	}

}
