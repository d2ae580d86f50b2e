package com.warroom.bench;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.ObjLongConsumer;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * A stub Bot API on loopback that enforces Telegram's limits: {@code groupPerMinute}
 * messages (sends, edits, documents) in any 60 s to one group, one a second to a private
 * chat, 30 a second for the bot; beyond, 429 with the {@code retry_after} that would have
 * sufficed. An edit that changes nothing is refused as Telegram refuses it ("message is
 * not modified"). Keeps every message's latest text and buttons, so a driver can press
 * what a person would see. Thread-safe.
 */
final class LimitedBotApi implements AutoCloseable {

	private static final Set<String> MESSAGES = Set.of("sendmessage", "editmessagetext", "senddocument",
			"editmessagereplymarkup", "deletemessage", "sendphoto");

	private static final Pattern PART = Pattern
		.compile("name=\"(chat_id|caption)\"\\r\\n(?:[^\\r\\n]+\\r\\n)*\\r\\n([^\\r]*)");

	record Button(String label, String data) {
	}

	private static final class Message {

		final String chat;

		String text;

		List<Button> buttons;

		Message(String chat, String text, List<Button> buttons) {
			this.chat = chat;
			this.text = text;
			this.buttons = buttons;
		}

	}

	/**
	 * One accepted call: the message it sent or changed ({@code message}, 0 when none)
	 * and its buttons.
	 */
	record Call(long nanos, String method, String chat, String text, long message, List<String> buttons) {
	}

	private final ObjectMapper mapper = new ObjectMapper();

	private final HttpServer server;

	private final String token;

	private final int groupPerMinute;

	private final ObjLongConsumer<String> answered;

	private final Object lock = new Object();

	private final Map<Long, Message> messages = new HashMap<>();

	private final List<Call> calls = new ArrayList<>();

	private final Map<String, Deque<Long>> windows = new HashMap<>();

	private final Deque<Long> bot = new ArrayDeque<>();

	private final Set<String> pressed = new HashSet<>();

	private final Map<String, Integer> tooMany = new HashMap<>();

	private int notModified;

	private long nextId = 100;

	private volatile long lastCall = System.nanoTime();

	LimitedBotApi(String token, int groupPerMinute, ObjLongConsumer<String> answered) throws IOException {
		this.token = token;
		this.groupPerMinute = groupPerMinute;
		this.answered = answered;
		server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 64);
		server.setExecutor(Executors.newFixedThreadPool(16));
		server.createContext("/", this::handle);
		server.start();
	}

	String url() {
		return "http://127.0.0.1:" + server.getAddress().getPort();
	}

	private void handle(HttpExchange exchange) throws IOException {
		long now = System.nanoTime();
		String path = exchange.getRequestURI().getPath();
		String method = path.substring(path.lastIndexOf('/') + 1).toLowerCase(java.util.Locale.ROOT);
		byte[] raw = exchange.getRequestBody().readAllBytes();
		String body = new String(raw, StandardCharsets.UTF_8);
		String answer;
		int status = 200;
		if (!path.startsWith("/bot" + token + "/")) {
			status = 404;
			answer = "{\"ok\":false,\"error_code\":404,\"description\":\"Not Found\"}";
		}
		else if (method.equals("answercallbackquery")) {
			JsonNode json = mapper.readTree(body);
			answered.accept(json.path("callback_query_id").asText(), now);
			answer = "{\"ok\":true,\"result\":true}";
		}
		else if (MESSAGES.contains(method)) {
			String chat;
			String text;
			JsonNode json = null;
			if (method.equals("senddocument")) {
				chat = part(body, "chat_id");
				text = part(body, "caption");
			}
			else {
				json = mapper.readTree(body);
				chat = json.path("chat_id").asText();
				text = json.has("text") ? json.path("text").asText() : json.path("caption").asText();
			}
			synchronized (lock) {
				Integer wait = limit(chat, now);
				if (wait != null) {
					tooMany.merge(chat, 1, Integer::sum);
					status = 429;
					answer = "{\"ok\":false,\"error_code\":429,\"description\":\"Too Many Requests: retry after " + wait
							+ "\",\"parameters\":{\"retry_after\":" + wait + "}}";
				}
				else if (method.equals("editmessagetext") && unchanged(json)) {
					notModified++;
					status = 400;
					answer = "{\"ok\":false,\"error_code\":400,\"description\":\"Bad Request: message is not modified\"}";
				}
				else {
					answer = accept(method, chat, text, json, now);
				}
			}
		}
		else {
			answer = "{\"ok\":true,\"result\":true}";
		}
		lastCall = System.nanoTime();
		byte[] out = answer.getBytes(StandardCharsets.UTF_8);
		exchange.getResponseHeaders().set("Content-Type", "application/json");
		exchange.sendResponseHeaders(status, out.length);
		try (OutputStream stream = exchange.getResponseBody()) {
			stream.write(out);
		}
	}

	/** Seconds to wait, or null when the call may go now. Holds the lock. */
	private Integer limit(String chat, long now) {
		prune(bot, now, TimeUnit.SECONDS.toNanos(1));
		if (bot.size() >= 30) {
			return 1;
		}
		boolean group = chat.startsWith("-");
		long span = group ? TimeUnit.SECONDS.toNanos(60) : TimeUnit.SECONDS.toNanos(1);
		Deque<Long> window = windows.computeIfAbsent(chat, (key) -> new ArrayDeque<>());
		prune(window, now, span);
		if (window.size() >= (group ? groupPerMinute : 1)) {
			return (int) Math.max(1, Math.ceil((window.peekFirst() + span - now) / 1e9));
		}
		window.addLast(now);
		bot.addLast(now);
		return null;
	}

	private static void prune(Deque<Long> window, long now, long span) {
		while (!window.isEmpty() && window.peekFirst() <= now - span) {
			window.pollFirst();
		}
	}

	private boolean unchanged(JsonNode json) {
		Message message = messages.get(json.path("message_id").asLong());
		return message != null && message.text.equals(json.path("text").asText())
				&& message.buttons.equals(buttons(json));
	}

	private String accept(String method, String chat, String text, JsonNode json, long now) {
		List<Button> buttons = (json != null) ? buttons(json) : List.of();
		List<String> labels = buttons.stream().map(Button::label).toList();
		if (method.equals("editmessagetext") || method.equals("editmessagereplymarkup")
				|| method.equals("deletemessage")) {
			long target = json.path("message_id").asLong();
			Message message = messages.get(target);
			if (method.equals("deletemessage")) {
				calls.add(new Call(now, method, chat, (message != null) ? message.text : "", target, List.of()));
				messages.remove(target);
				return "{\"ok\":true,\"result\":true}";
			}
			if (message != null) {
				if (method.equals("editmessagetext")) {
					message.text = text;
				}
				message.buttons = buttons;
			}
			calls.add(new Call(now, method, chat, (message != null) ? message.text : text, target, labels));
			return "{\"ok\":true,\"result\":true}";
		}
		long id = nextId++;
		calls.add(new Call(now, method, chat, text, id, labels));
		messages.put(id, new Message(chat, text, buttons));
		return "{\"ok\":true,\"result\":{\"message_id\":" + id + ",\"date\":1,\"chat\":{\"id\":" + chat + ",\"type\":\""
				+ (chat.startsWith("-") ? "supergroup" : "private") + "\"},\"text\":\"x\"}}";
	}

	private static List<Button> buttons(JsonNode json) {
		List<Button> buttons = new ArrayList<>();
		for (JsonNode row : json.path("reply_markup").path("inline_keyboard")) {
			for (JsonNode button : row) {
				buttons.add(new Button(button.path("text").asText(), button.path("callback_data").asText()));
			}
		}
		return buttons;
	}

	private static String part(String body, String name) {
		Matcher matcher = PART.matcher(body);
		while (matcher.find()) {
			if (matcher.group(1).equals(name)) {
				return matcher.group(2);
			}
		}
		return "";
	}

	/**
	 * The newest message of the chat with an unpressed button matching, whose text
	 * contains {@code text} (or any).
	 */
	String lastButtonMessage(String chat, Predicate<String> label, Predicate<String> text) {
		synchronized (lock) {
			long best = -1;
			for (Map.Entry<Long, Message> entry : messages.entrySet()) {
				Message message = entry.getValue();
				if (message.chat.equals(chat) && entry.getKey() > best && text.test(message.text)
						&& message.buttons.stream()
							.anyMatch((b) -> label.test(b.label()) && !pressed.contains(b.data()))) {
					best = entry.getKey();
				}
			}
			return (best < 0) ? null : String.valueOf(best);
		}
	}

	String lastButtonMessage(long chat, String label, String textContains) {
		return lastButtonMessage(String.valueOf(chat), label::equals,
				(t) -> textContains == null || t.contains(textContains));
	}

	String lastButtonMessageMatching(long chat, Predicate<String> label) {
		return lastButtonMessage(String.valueOf(chat), label, (t) -> true);
	}

	String awaitButton(long chat, String label, int seconds) {
		return await(() -> lastButtonMessage(chat, label, null), seconds, "button " + label);
	}

	/** The newest message after {@code since} with buttons whose text matches. */
	String awaitButtonMessage(long chat, long since, Predicate<String> text, int seconds) {
		return await(() -> {
			String found = lastButtonMessage(String.valueOf(chat), (l) -> true, text);
			return (found != null && Long.parseLong(found) > since) ? found : null;
		}, seconds, "a message with buttons");
	}

	/**
	 * Waits until message {@code messageId} reads {@code text} and has a button not yet
	 * pressed.
	 */
	String awaitText(String messageId, Predicate<String> text, int seconds) {
		return await(() -> {
			synchronized (lock) {
				Message message = messages.get(Long.valueOf(messageId));
				return (message != null && text.test(message.text)
						&& message.buttons.stream().anyMatch((b) -> !pressed.contains(b.data()))) ? messageId : null;
			}
		}, seconds, "message " + messageId + " with the expected text");
	}

	long lastMessageId() {
		synchronized (lock) {
			return nextId - 1;
		}
	}

	private static String await(java.util.function.Supplier<String> probe, int seconds, String what) {
		long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
		while (System.nanoTime() < deadline) {
			String found = probe.get();
			if (found != null) {
				return found;
			}
			BusyGroupBenchmark.FakeClock.sleep(20);
		}
		throw new IllegalStateException("no " + what + " within " + seconds + " s");
	}

	String text(String messageId) {
		synchronized (lock) {
			return messages.get(Long.valueOf(messageId)).text;
		}
	}

	/** The data of the button and marks it pressed. */
	String button(String messageId, String label) {
		synchronized (lock) {
			for (Button button : messages.get(Long.valueOf(messageId)).buttons) {
				if (button.label().equals(label) && !pressed.contains(button.data())) {
					pressed.add(button.data());
					return button.data();
				}
			}
		}
		throw new IllegalStateException("no button " + label + " on " + messageId);
	}

	boolean hasButton(String messageId, String label) {
		synchronized (lock) {
			return messages.get(Long.valueOf(messageId)).buttons.stream()
				.anyMatch((b) -> b.label().equals(label) && !pressed.contains(b.data()));
		}
	}

	String labelMatching(String messageId, Predicate<String> label) {
		synchronized (lock) {
			return messages.get(Long.valueOf(messageId)).buttons.stream()
				.map(Button::label)
				.filter(label)
				.findFirst()
				.orElseThrow();
		}
	}

	String firstLabel(String messageId) {
		synchronized (lock) {
			return messages.get(Long.valueOf(messageId)).buttons.stream()
				.filter((b) -> !pressed.contains(b.data()))
				.map(Button::label)
				.findFirst()
				.orElseThrow();
		}
	}

	boolean anyButton(long chat, String... labels) {
		for (String label : labels) {
			if (lastButtonMessage(chat, label, null) != null) {
				return true;
			}
		}
		return false;
	}

	int callCount() {
		synchronized (lock) {
			return calls.size();
		}
	}

	/**
	 * Waits for an accepted call after the first {@code seen} to the chat (of
	 * {@code method}, or any) whose text matches.
	 */
	long awaitCall(int seen, long chat, String method, Predicate<String> text, int seconds) {
		long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
		String id = String.valueOf(chat);
		while (System.nanoTime() < deadline) {
			synchronized (lock) {
				for (int i = seen; i < calls.size(); i++) {
					Call call = calls.get(i);
					if (call.chat().equals(id) && (method == null || call.method().equalsIgnoreCase(method))
							&& text.test(call.text())) {
						return call.nanos();
					}
				}
			}
			BusyGroupBenchmark.FakeClock.sleep(10);
		}
		throw new IllegalStateException("no reply within " + seconds + " s");
	}

	/** Waits until no call came for {@code quiet}, at most {@code max}. */
	void awaitQuiet(long quiet, long max) {
		long deadline = System.nanoTime() + max;
		while (System.nanoTime() < deadline && System.nanoTime() - lastCall < quiet) {
			BusyGroupBenchmark.FakeClock.sleep(200);
		}
	}

	/** When the accepted calls to the chat whose text matches were made, in order. */
	List<Long> callTimes(long chat, Predicate<String> text) {
		synchronized (lock) {
			return calls.stream()
				.filter((c) -> c.chat().equals(String.valueOf(chat)) && text.test(c.text()))
				.map(Call::nanos)
				.toList();
		}
	}

	int groupMessages(long chat) {
		synchronized (lock) {
			return (int) calls.stream().filter((c) -> c.chat().equals(String.valueOf(chat))).count();
		}
	}

	int maxPerMinute(long chat) {
		synchronized (lock) {
			List<Long> times = calls.stream()
				.filter((c) -> c.chat().equals(String.valueOf(chat)))
				.map(Call::nanos)
				.toList();
			int max = 0;
			int first = 0;
			for (int i = 0; i < times.size(); i++) {
				while (times.get(first) <= times.get(i) - TimeUnit.SECONDS.toNanos(60)) {
					first++;
				}
				max = Math.max(max, i - first + 1);
			}
			return max;
		}
	}

	int tooMany() {
		synchronized (lock) {
			return tooMany.values().stream().mapToInt(Integer::intValue).sum();
		}
	}

	int tooMany(long chat) {
		synchronized (lock) {
			return tooMany.getOrDefault(String.valueOf(chat), 0);
		}
	}

	int notModified() {
		synchronized (lock) {
			return notModified;
		}
	}

	/** Messages sent to the chat whose text an earlier message already had. */
	int duplicateSends(long chat) {
		synchronized (lock) {
			Set<String> seen = new HashSet<>();
			int duplicates = 0;
			for (Call call : calls) {
				if (call.chat().equals(String.valueOf(chat)) && call.method().equals("sendmessage")
						&& !seen.add(call.text())) {
					duplicates++;
				}
			}
			return duplicates;
		}
	}

	/**
	 * Writes every accepted call to a file, when one is named: seconds from the first,
	 * method, chat, the message sent or changed, its whole text (line breaks as ⏎) and
	 * its buttons.
	 */
	void dump(String file) {
		if (file == null) {
			return;
		}
		synchronized (lock) {
			long first = calls.isEmpty() ? 0 : calls.get(0).nanos();
			StringBuilder out = new StringBuilder();
			for (Call call : calls) {
				String text = call.text().replace("\n", " ⏎ ");
				out.append(String.format("%8.3f %-22s %-14s #%-4d %s%s%n", (call.nanos() - first) / 1e9, call.method(),
						call.chat(), call.message(), text, call.buttons().isEmpty() ? "" : "  " + call.buttons()));
			}
			try {
				java.nio.file.Files.writeString(java.nio.file.Path.of(file), out);
			}
			catch (IOException ex) {
				throw new java.io.UncheckedIOException(ex);
			}
		}
	}

	@Override
	public void close() {
		server.stop(0);
	}

}
