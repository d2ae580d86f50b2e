package com.warroom.bot.engine;

import java.text.MessageFormat;
import java.util.Locale;
import java.util.MissingResourceException;
import java.util.ResourceBundle;

/**
 * The bot's texts from the message bundle {@code warroom/messages} (Simplified Chinese
 * by default; an English bundle can sit beside it). Patterns use {@link MessageFormat}.
 * Arguments are inserted as given: escape user text with {@link Html#escape} first.
 * Thread-safe.
 */
public class Texts {

	private final ResourceBundle bundle;

	private final Locale locale;

	public Texts(Locale locale) {
		this.locale = locale;
		this.bundle = ResourceBundle.getBundle("warroom.messages", locale);
	}

	public static Texts chinese() {
		return new Texts(Locale.SIMPLIFIED_CHINESE);
	}

	public String get(String key, Object... args) {
		String pattern;
		try {
			pattern = bundle.getString(key);
		}
		catch (MissingResourceException ex) {
			throw new IllegalArgumentException("missing message " + key, ex);
		}
		if (args.length == 0) {
			return pattern;
		}
		return new MessageFormat(pattern, locale).format(args);
	}

}
