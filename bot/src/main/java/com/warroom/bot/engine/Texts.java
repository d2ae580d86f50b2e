package com.warroom.bot.engine;

import java.text.MessageFormat;
import java.util.Locale;
import java.util.MissingResourceException;
import java.util.ResourceBundle;

import com.warroom.playbooks.ObligationKind;

/**
 * The bot's texts from the message bundle {@code warroom/messages} (Simplified Chinese by
 * default; {@code messages_en} beside it is English). Patterns use {@link MessageFormat}.
 * Arguments are inserted as given: escape user text with {@link Html#escape} first. The
 * JVM default locale never takes part in the lookup: a locale without a bundle of its own
 * gets the Chinese base bundle, not the bundle of the default locale. Thread-safe.
 */
public class Texts {

	private static final ResourceBundle.Control NO_DEFAULT_LOCALE = ResourceBundle.Control
		.getNoFallbackControl(ResourceBundle.Control.FORMAT_PROPERTIES);

	private final ResourceBundle bundle;

	private final Locale locale;

	public Texts(Locale locale) {
		this.locale = locale;
		this.bundle = bundle("warroom.messages", locale);
	}

	/**
	 * The bundle {@code baseName} for {@code locale}, falling back to the base bundle
	 * (Chinese) and never to the bundle of the JVM default locale.
	 */
	public static ResourceBundle bundle(String baseName, Locale locale) {
		return ResourceBundle.getBundle(baseName, locale, NO_DEFAULT_LOCALE);
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

	/**
	 * The shown name of a constant of the playbooks' vocabulary (severity, system class,
	 * obligation kind, phase, settlement, track, interruption, a drill's environment and
	 * role) in this locale, from the key {@code enum.<Type>.<CONSTANT>}, e.g.
	 * {@code enum.Severity.LARGER} or {@code enum.DrillPlan.Role.RECORDER} (an
	 * obligation's kind has had its key {@code obligation.<KIND>} since before, and keeps
	 * it). The Chinese value equals the constant's own {@code label()}, which stays the
	 * value of data (playbook and plan files, stored facts, the regulator's forms).
	 * @param constant the constant, never {@code null}
	 * @return the label
	 * @throws IllegalArgumentException when the bundle has no label for the constant
	 */
	public String label(Enum<?> constant) {
		return get(labelKey(constant));
	}

	/**
	 * The bundle key of the label of {@code constant}, e.g. {@code enum.Severity.LARGER}.
	 */
	public static String labelKey(Enum<?> constant) {
		if (constant instanceof ObligationKind) {
			return "obligation." + constant.name();
		}
		Class<?> type = constant.getDeclaringClass();
		String name = type.getName().substring(type.getPackageName().length() + 1).replace('$', '.');
		return "enum." + name + "." + constant.name();
	}

}
