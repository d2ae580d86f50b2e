package com.warroom.playbooks;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * Working days (工作日) and trading days, from a configured holiday calendar. Public
 * holidays are neither; make-up days (调休上班) are working days though weekends, and
 * never trading days (the exchanges do not trade on weekends). Immutable, thread-safe.
 */
public final class WorkingDayCalendar {

	private final ZoneId zone;

	private final Set<LocalDate> holidays;

	private final Set<LocalDate> makeUpDays;

	private final Set<Integer> years;

	public WorkingDayCalendar(ZoneId zone, Set<LocalDate> holidays, Set<LocalDate> makeUpDays, Set<Integer> years) {
		this.zone = Objects.requireNonNull(zone, "zone");
		this.holidays = Set.copyOf(holidays);
		this.makeUpDays = Set.copyOf(makeUpDays);
		this.years = Set.copyOf(years);
		Set<LocalDate> both = new HashSet<>(holidays);
		both.retainAll(makeUpDays);
		if (!both.isEmpty()) {
			throw new IllegalArgumentException("日期既是假日又是调休上班日：" + new TreeSet<>(both));
		}
	}

	/** The bundled calendar ({@code warroom/calendar.yaml}: 2026). */
	public static WorkingDayCalendar bundled() {
		try (InputStream in = WorkingDayCalendar.class.getClassLoader().getResourceAsStream("warroom/calendar.yaml")) {
			if (in == null) {
				throw new IllegalStateException("missing bundled calendar");
			}
			return parse(new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/**
	 * Reads a calendar file: {@code zone}, and per year {@code holidays} (dates or
	 * {@code from/to} ranges) and {@code make_up_working_days}.
	 * @throws IllegalArgumentException with a Chinese message naming the bad entry
	 */
	public static WorkingDayCalendar parse(String yaml) {
		Object root;
		try {
			root = new Yaml(new DatesAsText()).load(yaml);
		}
		catch (RuntimeException ex) {
			throw new IllegalArgumentException("日历文件不是有效的 YAML：" + ex.getMessage(), ex);
		}
		if (!(root instanceof Map<?, ?> map)) {
			throw new IllegalArgumentException("日历文件应为键值对");
		}
		Object zoneValue = map.get("zone");
		ZoneId zone = ZoneId.of((zoneValue != null) ? String.valueOf(zoneValue) : "Asia/Shanghai");
		Set<LocalDate> holidays = new HashSet<>();
		Set<LocalDate> makeUp = new HashSet<>();
		Set<Integer> years = new HashSet<>();
		if (map.get("years") instanceof Map<?, ?> byYear) {
			for (Map.Entry<?, ?> entry : byYear.entrySet()) {
				int year = Integer.parseInt(String.valueOf(entry.getKey()));
				years.add(year);
				if (entry.getValue() instanceof Map<?, ?> days) {
					holidays.addAll(dates(days.get("holidays"), year));
					makeUp.addAll(dates(days.get("make_up_working_days"), year));
				}
			}
		}
		return new WorkingDayCalendar(zone, holidays, makeUp, years);
	}

	public ZoneId zone() {
		return zone;
	}

	/** Whether the calendar holds the State Council notice for {@code date}'s year. */
	public boolean covers(LocalDate date) {
		return years.contains(date.getYear());
	}

	/** The years the calendar holds, ascending. */
	public List<Integer> years() {
		return years.stream().sorted().toList();
	}

	/**
	 * The years from {@code from} to {@code to} (inclusive) the calendar does not hold,
	 * ascending: working days counted there fall back to Monday to Friday.
	 */
	public List<Integer> missingYears(LocalDate from, LocalDate to) {
		List<Integer> missing = new java.util.ArrayList<>();
		for (int year = from.getYear(); year <= to.getYear(); year++) {
			if (!years.contains(year)) {
				missing.add(year);
			}
		}
		return missing;
	}

	public boolean isWorkingDay(LocalDate date) {
		if (makeUpDays.contains(date)) {
			return true;
		}
		return !isWeekend(date) && !holidays.contains(date);
	}

	/** Trading days: weekdays that are not public holidays. */
	public boolean isTradingDay(LocalDate date) {
		return !isWeekend(date) && !holidays.contains(date);
	}

	/**
	 * The {@code n}-th working day after {@code date} (not counting {@code date} itself),
	 * e.g. the last day of "5 个工作日内" counted from the day of recovery. Days of a year
	 * the calendar does not hold count Monday to Friday: ask {@link #missingYears} so that
	 * the caller can say so.
	 */
	public LocalDate plusWorkingDays(LocalDate date, int n) {
		if (n < 0) {
			throw new IllegalArgumentException("n must not be negative");
		}
		LocalDate day = date;
		int counted = 0;
		while (counted < n) {
			day = day.plusDays(1);
			if (isWorkingDay(day)) {
				counted++;
			}
		}
		return day;
	}

	/** Reads bare dates as text: YAML's own timestamps are lenient (2026-13-01 would become 2027-01-01). */
	private static final class DatesAsText extends SafeConstructor {

		DatesAsText() {
			super(new LoaderOptions());
			this.yamlConstructors.put(Tag.TIMESTAMP, new ConstructYamlStr());
		}

	}

	private static boolean isWeekend(LocalDate date) {
		return date.getDayOfWeek() == DayOfWeek.SATURDAY || date.getDayOfWeek() == DayOfWeek.SUNDAY;
	}

	private static Set<LocalDate> dates(Object value, int year) {
		Set<LocalDate> result = new HashSet<>();
		if (value == null) {
			return result;
		}
		if (!(value instanceof List<?> list)) {
			throw new IllegalArgumentException(year + " 年的日期应为列表");
		}
		for (Object item : list) {
			String text = String.valueOf(item).strip();
			try {
				String[] range = text.split("/");
				LocalDate from = LocalDate.parse(range[0].strip());
				LocalDate to = (range.length > 1) ? LocalDate.parse(range[1].strip()) : from;
				if (range.length > 2 || to.isBefore(from)) {
					throw new IllegalArgumentException("日期范围无效：" + text);
				}
				for (LocalDate day = from; !day.isAfter(to); day = day.plusDays(1)) {
					result.add(day);
				}
			}
			catch (DateTimeParseException ex) {
				throw new IllegalArgumentException("日期格式应为 YYYY-MM-DD 或 YYYY-MM-DD/YYYY-MM-DD：" + text, ex);
			}
		}
		return result;
	}

}
