package com.warroom.notify.internal;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Function;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.warroom.notify.spi.DeliveryResult;

/**
 * The HTTP part every robot webhook shares: a POST with a time limit, and the mapping of
 * what came back — 2xx with the peer's own success code, 429 (with Retry-After), 5xx,
 * time-outs, broken connections and answers that are not the expected JSON — onto
 * delivered / retry / failed. Thread-safe.
 */
final class HttpRobot {

	private static final ObjectMapper JSON = new ObjectMapper();

	private final HttpClient http;

	private final Duration timeout;

	HttpRobot(Duration timeout) {
		this.timeout = timeout;
		this.http = HttpClient.newBuilder().connectTimeout(timeout).build();
	}

	/**
	 * Posts {@code body} as {@code contentType} to {@code url} and judges a 2xx answer
	 * with {@code judge} (which gets the parsed JSON, or null when the body is empty).
	 */
	DeliveryResult post(String url, String body, String contentType, Function<JsonNode, DeliveryResult> judge) {
		HttpRequest request;
		try {
			request = HttpRequest.newBuilder(URI.create(url))
				.timeout(timeout)
				.header("Content-Type", contentType)
				.POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8))
				.build();
		}
		catch (IllegalArgumentException ex) {
			return DeliveryResult.failed("地址无效");
		}
		HttpResponse<String> response;
		try {
			response = http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
		}
		catch (HttpTimeoutException ex) {
			return DeliveryResult.retry(null, "超时");
		}
		catch (IOException ex) {
			return DeliveryResult.retry(null, "连接失败：" + ex.getClass().getSimpleName());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return DeliveryResult.retry(null, "被中断");
		}
		int status = response.statusCode();
		if (status == 429) {
			return DeliveryResult.retry(retryAfter(response).orElse(null), "HTTP 429");
		}
		if (status >= 500) {
			return DeliveryResult.retry(retryAfter(response).orElse(null), "HTTP " + status);
		}
		if (status >= 400) {
			return DeliveryResult.failed("HTTP " + status);
		}
		if (response.body() == null || response.body().isBlank()) {
			return judge.apply(null);
		}
		try {
			return judge.apply(JSON.readTree(response.body()));
		}
		catch (IOException ex) {
			// 2xx but not the robot's JSON: the outcome
			// is unknown, so try again (same id)
			return DeliveryResult.retry(null, "无法解析的应答");
		}
	}

	static String json(Object value) {
		try {
			return JSON.writeValueAsString(value);
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static Optional<Duration> retryAfter(HttpResponse<String> response) {
		return response.headers()
			.firstValue("Retry-After")
			.filter((value) -> value.matches("\\d{1,5}"))
			.map((value) -> Duration.ofSeconds(Long.parseLong(value)));
	}

}
