package com.warroom.notify.internal;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import com.fasterxml.jackson.databind.JsonNode;
import com.warroom.notify.spi.DeliveryResult;
import com.warroom.notify.spi.Notification;
import com.warroom.notify.spi.NotificationChannel;
import org.apache.commons.text.StringSubstitutor;

/**
 * The group robots Chinese companies use, and a generic SMS gateway, each a
 * {@link NotificationChannel}. Secrets are constructor arguments from the environment;
 * they never appear in a result or a log line.
 */
public final class RobotChannels {

	/**
	 * The default SMS body: {@code {{phone}}} and {@code {{text}}} are filled in (double
	 * braces, not ${…}, so Spring leaves them alone).
	 */
	public static final String SMS_TEMPLATE = "{\"phone\":\"{{phone}}\",\"text\":\"{{text}}\"}";

	private RobotChannels() {
	}

	/**
	 * WeCom (企业微信) group robot: {@code {"msgtype":"text","text":{"content":…}}}, success
	 * {@code errcode 0}.
	 */
	public static NotificationChannel wecom(Duration timeout) {
		HttpRobot http = new HttpRobot(timeout);
		return channel("wecom",
				(n) -> http.post(n.target(),
						HttpRobot.json(Map.of("msgtype", "text", "text", Map.of("content", n.body()))),
						"application/json", (json) -> errcode(json, "errcode", Set.of(45009))));
	}

	/**
	 * DingTalk (钉钉) robot with its signature: {@code timestamp} and
	 * {@code sign = urlencode(base64(HmacSHA256(secret, timestamp + "\n" + secret)))} on
	 * the URL.
	 */
	public static NotificationChannel dingtalk(String secret, Clock clock, Duration timeout) {
		HttpRobot http = new HttpRobot(timeout);
		return channel("dingtalk", (n) -> {
			long timestamp = clock.millis();
			String sign = URLEncoder.encode(hmac(secret, timestamp + "\n" + secret), StandardCharsets.UTF_8);
			String url = n.target() + (n.target().contains("?") ? "&" : "?") + "timestamp=" + timestamp + "&sign="
					+ sign;
			return http.post(url, HttpRobot.json(Map.of("msgtype", "text", "text", Map.of("content", n.body()))),
					"application/json", (json) -> errcode(json, "errcode", Set.of(130101)));
		});
	}

	/**
	 * Feishu (飞书) robot with its signature in the body:
	 * {@code sign = base64(HmacSHA256(key = timestamp + "\n" + secret, data = ""))},
	 * seconds.
	 */
	public static NotificationChannel feishu(String secret, Clock clock, Duration timeout) {
		HttpRobot http = new HttpRobot(timeout);
		return channel("feishu", (n) -> {
			long timestamp = clock.millis() / 1000;
			Map<String, Object> body = new LinkedHashMap<>();
			body.put("timestamp", String.valueOf(timestamp));
			body.put("sign", hmacWithKey(timestamp + "\n" + secret, ""));
			body.put("msg_type", "text");
			body.put("content", Map.of("text", n.body()));
			return http.post(n.target(), HttpRobot.json(body), "application/json", (json) -> errcode(json,
					json != null && json.has("code") ? "code" : "StatusCode", Set.of(9499, 11232)));
		});
	}

	/**
	 * A generic SMS gateway: POST to {@code url} the {@code template} with
	 * {@code {{phone}}} and {@code {{text}}} filled in (values are never interpolated
	 * further); any 2xx is delivered.
	 */
	public static NotificationChannel sms(String url, String template, String contentType, Duration timeout) {
		HttpRobot http = new HttpRobot(timeout);
		boolean jsonBody = contentType.contains("json");
		return channel("sms", (n) -> {
			Map<String, String> values = Map.of("phone", escape(n.target(), jsonBody), "text",
					escape(n.body(), jsonBody));
			StringSubstitutor substitutor = new StringSubstitutor(values, "{{", "}}");
			substitutor.setEnableUndefinedVariableException(true);
			substitutor.setDisableSubstitutionInValues(true);
			return http.post(url, substitutor.replace(template), contentType, (json) -> DeliveryResult.delivered());
		});
	}

	private static NotificationChannel channel(String type,
			java.util.function.Function<Notification, DeliveryResult> send) {
		return new NotificationChannel() {

			@Override
			public String type() {
				return type;
			}

			@Override
			public DeliveryResult deliver(Notification notification) {
				return send.apply(notification);
			}

		};
	}

	private static DeliveryResult errcode(JsonNode json, String field, Set<Integer> rateLimited) {
		if (json == null || !json.has(field) || !json.get(field).canConvertToInt()) {
			return DeliveryResult.retry(null, "应答缺少 " + field);
		}
		int code = json.get(field).asInt();
		if (code == 0) {
			return DeliveryResult.delivered();
		}
		String message = json.path("errmsg").asText(json.path("msg").asText(""));
		if (rateLimited.contains(code)) {
			return DeliveryResult.retry(Duration.ofSeconds(60), "限流 " + code);
		}
		return DeliveryResult.failed("错误码 " + code + (message.isEmpty() ? "" : "：" + message));
	}

	private static String escape(String value, boolean json) {
		if (!json) {
			return value;
		}
		String quoted = HttpRobot.json(value);
		return quoted.substring(1, quoted.length() - 1);
	}

	static String hmac(String secret, String data) {
		return hmacWithKey(secret, data);
	}

	static String hmacWithKey(String key, String data) {
		try {
			Mac mac = Mac.getInstance("HmacSHA256");
			mac.init(new SecretKeySpec(key.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
			return Base64.getEncoder().encodeToString(mac.doFinal(data.getBytes(StandardCharsets.UTF_8)));
		}
		catch (NoSuchAlgorithmException | InvalidKeyException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
