package com.warroom.bot.engine;

import java.util.List;

/**
 * The command menu every channel shows (Telegram's {@code setMyCommands}, the web chat's
 * 命令 list), in menu order; each command's Chinese description is the text
 * {@code cmd.<name>}.
 */
public final class Commands {

	public static final List<String> MENU = List.of("declare", "drill", "status", "steps", "note", "level", "reported",
			"report", "recovered", "summary", "close", "notice", "contacts", "timeline", "ack", "archive", "help");

	private Commands() {
	}

	/** The menu description of {@code name}. */
	public static String description(Texts texts, String name) {
		return texts.get("cmd." + name);
	}

}
