package com.warroom.reports.internal;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import com.warroom.reports.TimedLine;
import org.jspecify.annotations.Nullable;

/**
 * How values are written on the forms: dates in Chinese, empty values as a dash, and user
 * text made safe to draw (control characters dropped, characters the font lacks shown as
 * 〓 with their code point, so nothing is lost silently). Immutable and thread-safe.
 */
public final class Texts {

	/** What an empty value prints as where the form expects one. */
	public static final String EMPTY = "—";

	private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("yyyy年M月d日", Locale.CHINA);

	private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss", Locale.CHINA);

	private static final DateTimeFormatter MINUTE = DateTimeFormatter.ofPattern("HH:mm", Locale.CHINA);

	private static final DateTimeFormatter FORM_TIME = DateTimeFormatter.ofPattern("yyyy 年 M 月 d 日 HH 时 mm 分",
			Locale.CHINA);

	private final ZoneId zone;

	public Texts(ZoneId zone) {
		this.zone = zone;
	}

	public ZoneId zone() {
		return zone;
	}

	/** The text made drawable; {@code null} becomes empty. Line breaks are kept. */
	public String clean(@Nullable String text) {
		if (text == null) {
			return "";
		}
		StringBuilder out = new StringBuilder(text.length());
		text.codePoints().forEach((cp) -> append(out, cp));
		return out.toString().strip();
	}

	private static void append(StringBuilder out, int cp) {
		if (cp == '\n') {
			out.append('\n');
		}
		else if (cp == '\t') {
			out.append(' ');
		}
		else if (Character.isISOControl(cp) || cp == '\uFEFF' || Character.getType(cp) == Character.FORMAT) {
			// dropped: nothing to draw, and some would confuse the text layout
		}
		else if (Character.isWhitespace(cp) || Character.isSpaceChar(cp)) {
			out.append(cp == '\u3000' ? '\u3000' : ' ');
		}
		else if (Fonts.covers(cp)) {
			out.appendCodePoint(cp);
		}
		else {
			out.append('〓').append(String.format(Locale.ROOT, "(U+%04X)", cp));
		}
	}

	/** The cleaned text, or {@value #EMPTY} when there is none. */
	public String orDash(@Nullable String text) {
		String clean = clean(text);
		return clean.isEmpty() ? EMPTY : clean;
	}

	public static boolean isBlank(@Nullable String text) {
		return text == null || text.isBlank();
	}

	/** 2012年6月15日 13:58:16. */
	public String dateTime(Instant at) {
		ZonedDateTime local = at.atZone(zone);
		return DATE.format(local) + " " + TIME.format(local);
	}

	/** 2012年6月15日 15:00, for signatures. */
	public String dateMinute(Instant at) {
		ZonedDateTime local = at.atZone(zone);
		return DATE.format(local) + " " + MINUTE.format(local);
	}

	/** {@link #dateTime}, or {@value #EMPTY}. */
	public String dateTimeOrDash(@Nullable Instant at) {
		return (at != null) ? dateTime(at) : EMPTY;
	}

	/** 2012年6月15日. */
	public String date(Instant at) {
		return DATE.format(at.atZone(zone));
	}

	public LocalDate day(Instant at) {
		return at.atZone(zone).toLocalDate();
	}

	/** The form's own way: 2012 年 6 月 15 日 14 时 05 分; blanks when unknown. */
	public String formTime(@Nullable Instant at) {
		return (at != null) ? FORM_TIME.format(at.atZone(zone)) : "　　　 年　　 月　　 日　　 时　　 分";
	}

	/** The time alone when it falls on {@code day}, else with its date. */
	public String timeOn(@Nullable Instant at, @Nullable LocalDate day) {
		if (at == null) {
			return EMPTY;
		}
		return day(at).equals(day) ? TIME.format(at.atZone(zone)) : dateTime(at);
	}

	/**
	 * Timed lines as printed: the date on a line of its own first and wherever it changes
	 * (an incident across midnight), then each line with its time.
	 */
	List<Line> timeline(List<TimedLine> lines) {
		List<Line> out = new ArrayList<>(lines.size() + 1);
		LocalDate day = null;
		for (TimedLine line : lines) {
			LocalDate today = day(line.at());
			if (!today.equals(day)) {
				out.add(Line.of(date(line.at())));
				day = today;
			}
			out.add(new Line(TIME.format(line.at().atZone(zone)) + "　", orDash(line.text())));
		}
		return out;
	}

	/** The time alone when it falls on {@code previousDay}, else with its date. */
	public String stamp(Instant at, @Nullable LocalDate previousDay) {
		return (previousDay == null) ? dateTime(at) : timeOn(at, previousDay);
	}

	/** A span as 1 分 29 秒, 2 小时 5 分 0 秒, 1 天 3 小时 2 分 0 秒. */
	public static String duration(Instant from, Instant to) {
		Duration span = Duration.between(from, to);
		if (span.isNegative()) {
			return EMPTY;
		}
		StringBuilder out = new StringBuilder();
		if (span.toDays() > 0) {
			out.append(span.toDays()).append(" 天 ");
		}
		if (out.length() > 0 || span.toHoursPart() > 0) {
			out.append(span.toHoursPart()).append(" 小时 ");
		}
		if (out.length() > 0 || span.toMinutesPart() > 0) {
			out.append(span.toMinutesPart()).append(" 分 ");
		}
		return out.append(span.toSecondsPart()).append(" 秒").toString();
	}

	/**
	 * Items numbered the seed's way: 1、… 2、… An item typed with its own number ("1、…",
	 * "2.", "（三）", "④") loses it, so the form never prints "1、1、…".
	 */
	List<Line> numbered(List<String> items) {
		List<Line> out = new ArrayList<>(items.size());
		for (int i = 0; i < items.size(); i++) {
			out.add(new Line((i + 1) + "、", tidy(orDash(unnumbered(items.get(i))))));
		}
		return out;
	}

	/** Leading enumerators typed with an item: 1、 2. 3． (4) （五） 六、 ① - • ·. */
	private static final java.util.regex.Pattern ENUMERATOR = java.util.regex.Pattern.compile(
			"^\\s*(?:(?:[(（]\\s*(?:\\d{1,3}|[一二三四五六七八九十]{1,3})\\s*[)）])|(?:(?:\\d{1,3}|[一二三四五六七八九十]{1,3})\\s*(?:[、.．,，:：)）](?!\\d)))|[①-⑳]|[-•·*])\\s*");

	/**
	 * The text without a number the writer put in front of it; {@code null} stays
	 * {@code null}.
	 */
	public static @Nullable String unnumbered(@Nullable String text) {
		if (text == null) {
			return null;
		}
		String stripped = ENUMERATOR.matcher(text).replaceFirst("");
		return stripped.isBlank() ? text : stripped;
	}

	/** Sentence-ending punctuation at the end of a text, as joins must not double it. */
	private static final java.util.regex.Pattern END = java.util.regex.Pattern.compile("[。．.；;，,、\\s]+$");

	/** The text without its closing 。；，、, so that a join adds exactly one. */
	public static String sentence(String text) {
		return END.matcher(text).replaceAll("");
	}

	/**
	 * Doubled sentence punctuation collapsed, the last mark kept: "。；" → "；", "。。" → "。",
	 * "；。" → "。".
	 */
	public static String tidy(String text) {
		return text.replaceAll("[。；，、]+([。；，、])", "$1");
	}

}
