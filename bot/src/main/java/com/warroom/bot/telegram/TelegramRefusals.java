package com.warroom.bot.telegram;

import java.util.Locale;

import org.jspecify.annotations.Nullable;

/**
 * What Telegram's answers mean, said in Chinese for the people who read the timeline and
 * the chat (never Telegram's English, which is kept in the log).
 */
final class TelegramRefusals {

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
			why = "对方已屏蔽机器人";
		}
		else if (said.contains("deactivated")) {
			why = "对方的 Telegram 账号已停用";
		}
		else if (said.contains("chat not found") || said.contains("initiate conversation") || said.contains("user not found")) {
			why = "对方尚未与机器人开始私聊（从未发送 /start），机器人无法主动联系";
		}
		else if (said.contains("kicked") || said.contains("not a member")) {
			why = "机器人已不在该群中";
		}
		else if (said.contains("not enough rights") || said.contains("have no rights")) {
			why = "机器人在该群中没有发言权限";
		}
		else {
			why = "Telegram 拒绝了该消息";
		}
		return why + "（Telegram " + code + "）";
	}

	/** A failure worth retrying, in Chinese. */
	static String transientFailure(@Nullable Integer code, Throwable ex) {
		if (code != null && code == 429) {
			return "Telegram 限流（429）";
		}
		if (code != null && code >= 500) {
			return "Telegram 暂时不可用（" + code + "）";
		}
		for (Throwable cause = ex; cause != null; cause = cause.getCause()) {
			if (cause instanceof java.net.SocketTimeoutException || cause instanceof java.io.InterruptedIOException) {
				return "连接 Telegram 超时";
			}
			if (cause instanceof java.net.ConnectException || cause instanceof java.net.UnknownHostException) {
				return "无法连接 Telegram";
			}
		}
		return (code == null || code == 0) ? "Telegram 暂时不可用（无法识别的应答，可能是网关错误页）" : "Telegram 调用失败";
	}

}
