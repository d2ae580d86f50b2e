package com.warroom.bot.telegram;

import java.util.Locale;

import com.warroom.bot.engine.Texts;
import org.jspecify.annotations.Nullable;

/**
 * What Telegram's answers mean, said in Chinese for the people who read the timeline and
 * the chat (never Telegram's English, which is kept in the log).
 */
final class TelegramRefusals {

	private static final Texts TEXTS = Texts.chinese();

	private TelegramRefusals() {
	}

	/** Whether Telegram refused for good: retrying cannot help (400, 403, 404). */
	static boolean permanent(@Nullable Integer code) {
		return code != null && code >= 400 && code < 500 && code != 429;
	}

	/** A permanent refusal, in Chinese, with Telegram's code. */
	static String explain(@Nullable Integer code, @Nullable String apiResponse) {
		String said = String.valueOf(apiResponse).toLowerCase(Locale.ROOT);
		String why;
		if (said.contains("blocked")) {
			why = TEXTS.get("telegram.refused.blocked");
		}
		else if (said.contains("deactivated")) {
			why = TEXTS.get("telegram.refused.deactivated");
		}
		else if (said.contains("chat not found") || said.contains("initiate conversation")
				|| said.contains("user not found")) {
			why = TEXTS.get("telegram.refused.nochat");
		}
		else if (said.contains("kicked") || said.contains("not a member")) {
			why = TEXTS.get("telegram.refused.kicked");
		}
		else if (said.contains("not enough rights") || said.contains("have no rights")) {
			why = TEXTS.get("telegram.refused.rights");
		}
		else {
			why = TEXTS.get("telegram.refused.other");
		}
		return TEXTS.get("telegram.refused", why, String.valueOf(code));
	}

	/** A failure worth retrying, in Chinese. */
	static String transientFailure(@Nullable Integer code, Throwable ex) {
		if (code != null && code == 429) {
			return TEXTS.get("telegram.failed.throttled");
		}
		if (code != null && code >= 500) {
			return TEXTS.get("telegram.failed.unavailable", String.valueOf(code));
		}
		for (Throwable cause = ex; cause != null; cause = cause.getCause()) {
			if (cause instanceof java.net.SocketTimeoutException || cause instanceof java.io.InterruptedIOException) {
				return TEXTS.get("telegram.failed.timeout");
			}
			if (cause instanceof java.net.ConnectException || cause instanceof java.net.UnknownHostException) {
				return TEXTS.get("telegram.failed.connect");
			}
		}
		return TEXTS.get((code == null || code == 0) ? "telegram.failed.unrecognised" : "telegram.failed.other");
	}

}
