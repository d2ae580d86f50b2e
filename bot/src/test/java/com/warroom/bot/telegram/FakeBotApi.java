package com.warroom.bot.telegram;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;

/** WireMock as the Telegram Bot API, with helpers to read what the bot called. */
final class FakeBotApi implements AutoCloseable {

	static final String TOKEN = "123456:TEST-token-never-logged";

	final WireMockServer server = new WireMockServer(wireMockConfig().dynamicPort().globalTemplating(true));

	private final ObjectMapper mapper = new ObjectMapper();

	FakeBotApi() {
		server.start();
		stubDefaults();
	}

	void stubDefaults() {
		server.stubFor(post(urlPathMatching("(?i)/bot.*/(sendMessage)")).atPriority(5)
			.willReturn(aResponse().withHeader("Content-Type", "application/json")
				.withBody("{\"ok\":true,\"result\":{\"message_id\":{{randomInt lower=1000 upper=999999999}},\"date\":1,"
						+ "\"chat\":{\"id\":{{jsonPath request.body '$.chat_id'}},\"type\":\"supergroup\"},\"text\":\"x\"}}")));
		server.stubFor(post(urlPathMatching("(?i)/bot.*/(sendDocument)")).atPriority(5)
			.willReturn(aResponse().withHeader("Content-Type", "application/json")
				.withBody("{\"ok\":true,\"result\":{\"message_id\":{{randomInt lower=1000 upper=999999999}},\"date\":1,"
						+ "\"chat\":{\"id\":-1,\"type\":\"supergroup\"}}}")));
		server.stubFor(post(urlPathMatching("(?i)/bot.*/(editMessageText)")).atPriority(5)
			.willReturn(aResponse().withHeader("Content-Type", "application/json")
				.withBody("{\"ok\":true,\"result\":true}")));
		server
			.stubFor(post(urlPathMatching("(?i)/bot.*/(answerCallbackQuery|setMyCommands|deleteWebhook)")).atPriority(5)
				.willReturn(aResponse().withHeader("Content-Type", "application/json")
					.withBody("{\"ok\":true,\"result\":true}")));
		server.stubFor(post(urlPathMatching("(?i)/bot.*/createForumTopic")).atPriority(5)
			.willReturn(aResponse().withHeader("Content-Type", "application/json")
				.withBody(
						"{\"ok\":true,\"result\":{\"message_thread_id\":77,\"name\":\"x\",\"icon_color\":7322096}}")));
		server.stubFor(post(urlPathMatching("(?i)/bot.*/getMe")).atPriority(5)
			.willReturn(aResponse().withHeader("Content-Type", "application/json")
				.withBody(
						"{\"ok\":true,\"result\":{\"id\":42,\"is_bot\":true,\"first_name\":\"WarRoom\",\"username\":\"WarRoomBot\"}}")));
		server.stubFor(post(urlPathMatching("(?i)/bot.*/getUpdates")).atPriority(9)
			.willReturn(aResponse().withHeader("Content-Type", "application/json")
				.withFixedDelay(200)
				.withBody("{\"ok\":true,\"result\":[]}")));
	}

	String url() {
		return server.baseUrl();
	}

	/** The JSON bodies of calls to {@code method}, in order. */
	List<JsonNode> calls(String method) {
		List<JsonNode> bodies = new ArrayList<>();
		for (LoggedRequest request : server.findAll(anyRequestedFor(anyUrl()))) {
			if (request.getUrl()
				.toLowerCase(java.util.Locale.ROOT)
				.endsWith("/" + method.toLowerCase(java.util.Locale.ROOT))) {
				try {
					bodies.add(mapper.readTree(request.getBodyAsString()));
				}
				catch (Exception ex) {
					throw new IllegalStateException(ex);
				}
			}
		}
		return bodies;
	}

	/** The multipart requests of {@code method} (sendDocument), in order. */
	List<LoggedRequest> uploads(String method) {
		return server.findAll(anyRequestedFor(anyUrl()))
			.stream()
			.filter((request) -> request.getUrl()
				.toLowerCase(java.util.Locale.ROOT)
				.endsWith("/" + method.toLowerCase(java.util.Locale.ROOT)))
			.toList();
	}

	/** Every method called, in order, in the lower case the client uses. */
	List<String> methods() {
		List<String> methods = new ArrayList<>();
		for (LoggedRequest request : server.findAll(anyRequestedFor(anyUrl()))) {
			String url = request.getUrl();
			methods.add(url.substring(url.lastIndexOf('/') + 1).toLowerCase(java.util.Locale.ROOT));
		}
		return methods;
	}

	/**
	 * Methods called for one chat (and those without a chat, like answerCallbackQuery),
	 * in order.
	 */
	List<String> methodsFor(String chatId) {
		List<String> methods = new ArrayList<>();
		for (LoggedRequest request : server.findAll(anyRequestedFor(anyUrl()))) {
			String url = request.getUrl();
			String method = url.substring(url.lastIndexOf('/') + 1).toLowerCase(java.util.Locale.ROOT);
			try {
				JsonNode body = mapper.readTree(request.getBodyAsString());
				if (!body.has("chat_id") || body.path("chat_id").asText().equals(chatId)) {
					methods.add(method);
				}
			}
			catch (Exception ex) {
				methods.add(method);
			}
		}
		return methods;
	}

	/** Waits until a call to {@code method} matches. */
	JsonNode await(String method, Predicate<JsonNode> match) {
		long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
		while (System.nanoTime() < deadline) {
			Optional<JsonNode> found = calls(method).stream().filter(match).reduce((first, second) -> second);
			if (found.isPresent()) {
				return found.get();
			}
			sleep(20);
		}
		throw new AssertionError("no " + method + " matching; calls: " + methods() + "\n" + calls(method));
	}

	/** The callback_data of the last button labelled {@code label} sent or edited. */
	String button(String label) {
		long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
		while (System.nanoTime() < deadline) {
			String found = null;
			for (String method : List.of("sendMessage", "editMessageText")) {
				for (JsonNode body : calls(method)) {
					for (JsonNode row : body.path("reply_markup").path("inline_keyboard")) {
						for (JsonNode button : row) {
							if (label.equals(button.path("text").asText())) {
								found = button.path("callback_data").asText();
							}
						}
					}
				}
			}
			if (found != null) {
				return found;
			}
			sleep(20);
		}
		throw new AssertionError("no button " + label);
	}

	void reset() {
		server.resetAll();
		stubDefaults();
	}

	static void sleep(long millis) {
		try {
			Thread.sleep(millis);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	@Override
	public void close() {
		server.stop();
	}

}
