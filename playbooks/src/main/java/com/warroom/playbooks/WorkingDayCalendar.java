package com.warroom.playbooks;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.DateTimeException;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

import org.yaml.snakeyaml.nodes.Node;

/**
 * Working days (工作日) and trading days, from a configured holiday calendar. Public
 * holidays are neither; make-up days (调休上班) are working days though weekends, and never
 * trading days (the exchanges do not trade on weekends). Immutable, thread-safe.
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
			return read("warroom/calendar.yaml", in.readAllBytes());
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/**
	 * Reads a calendar file: {@code zone}, and per year {@code holidays} (dates or
	 * {@code from/to} ranges) and {@code make_up_working_days}.
	 * @throws InvalidDataFileException with every bad entry as
	 * {@code file:line: field: message}
	 */
	public static WorkingDayCalendar parse(String yaml) {
		return read("calendar.yaml", yaml.getBytes(StandardCharsets.UTF_8));
	}

	/**
	 * Reads the calendar file {@code file} ({@code CALENDAR_FILE}).
	 * @throws InvalidDataFileException with every bad entry as
	 * {@code file:line: field: message}
	 */
	public static WorkingDayCalendar read(String file, byte[] content) {
		return DataFiles.read("工作日历", file, content, Set.of("zone", "years"), (root) -> {
			ZoneId zone = ZoneId.of("Asia/Shanghai");
			String zoneText = root.optional("zone");
			if (zoneText != null) {
				try {
					zone = ZoneId.of(zoneText);
				}
				catch (DateTimeException ex) {
					root.error("zone", "未知的时区 \"" + zoneText + "\"（例如 Asia/Shanghai）");
				}
			}
			Map<LocalDate, Node> holidays = new HashMap<>();
			Map<LocalDate, Node> makeUp = new HashMap<>();
			Set<Integer> years = new HashSet<>();
			for (Map.Entry<String, Node> entry : root.entries("years", "“年份: 假日与调休”").entrySet()) {
				String field = "years." + entry.getKey();
				if (!entry.getKey().matches("[0-9]{4}")) {
					root.error(entry.getValue(), field, "年份应为四位数字");
					continue;
				}
				years.add(Integer.parseInt(entry.getKey()));
				Optional<MappingReader> days = root.reader(entry.getValue(), field,
						Set.of("holidays", "make_up_working_days"));
				if (days.isPresent()) {
					dates(days.get(), "holidays", holidays);
					dates(days.get(), "make_up_working_days", makeUp);
				}
			}
			for (Map.Entry<LocalDate, Node> day : new TreeMap<>(makeUp).entrySet()) {
				if (holidays.containsKey(day.getKey())) {
					root.error(day.getValue(), "years." + day.getKey().getYear() + ".make_up_working_days",
							"日期既是假日又是调休上班日：" + day.getKey());
				}
			}
			if (root.failed()) {
				return null;
			}
			return new WorkingDayCalendar(zone, holidays.keySet(), makeUp.keySet(), years);
		});
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
	 * e.g. the last day of "5 个工作日内" counted from the day of recovery. Days of a year the
	 * calendar does not hold count Monday to Friday: ask {@link #missingYears} so that
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

	private static boolean isWeekend(LocalDate date) {
		return date.getDayOfWeek() == DayOfWeek.SATURDAY || date.getDayOfWeek() == DayOfWeek.SUNDAY;
	}

	/**
	 * The days of a list of dates and {@code from/to} ranges, each with the node it came
	 * from.
	 */
	private static void dates(MappingReader days, String key, Map<LocalDate, Node> into) {
		List<Node> items = days.list(key);
		for (int i = 0; i < items.size(); i++) {
			String field = days.field(key) + "[" + i + "]";
			String text = days.text(items.get(i), field);
			if (text == null) {
				continue;
			}
			try {
				String[] range = text.split("/");
				LocalDate from = LocalDate.parse(range[0].strip());
				LocalDate to = (range.length > 1) ? LocalDate.parse(range[1].strip()) : from;
				if (range.length > 2 || to.isBefore(from)) {
					days.error(items.get(i), field, "日期范围无效：" + text);
					continue;
				}
				for (LocalDate day = from; !day.isAfter(to); day = day.plusDays(1)) {
					into.putIfAbsent(day, items.get(i));
				}
			}
			catch (DateTimeParseException ex) {
				days.error(items.get(i), field, "日期格式应为 YYYY-MM-DD 或 YYYY-MM-DD/YYYY-MM-DD：" + text);
			}
		}
	}

}
