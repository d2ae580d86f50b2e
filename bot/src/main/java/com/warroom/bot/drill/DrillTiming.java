package com.warroom.bot.drill;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

import com.warroom.playbooks.WorkingDayCalendar;

/**
 * When a drill should not be held (4.1 第二十八条 L10068-10069: 应尽量选择非交易时段进行，重大演练应选择节假日进行):
 * inside a trading session of a trading day (day sessions, and the night session of the
 * evening before a trading day, from configuration; CALENDAR.md: no night session before
 * a holiday), or in a sensitive period (敏感时期). Gives warnings, never refuses: the
 * coordinator decides. Immutable, thread-safe.
 */
public final class DrillTiming {

	/** A session as clock times; a night session's end may be after midnight. */
	record Session(LocalTime start, LocalTime end) {

		boolean overnight() {
			return !end.isAfter(start);
		}

	}

	private final WorkingDayCalendar calendar;

	private final List<Session> daySessions;

	private final Session nightSession;

	private final Function<LocalDate, Optional<String>> sensitive;

	/**
	 * @param daySessions e.g. {@code 09:00-11:30,13:30-15:00}
	 * @param nightSession e.g. {@code 21:00-02:30}; empty for none
	 * @param sensitive the sensitive period a day is in, shown as written (e.g.
	 * {@code 2026-12-01/2026-12-10})
	 * @throws IllegalArgumentException for a malformed session
	 */
	public DrillTiming(WorkingDayCalendar calendar, String daySessions, String nightSession,
			Function<LocalDate, Optional<String>> sensitive) {
		this.calendar = calendar;
		this.daySessions = parse(daySessions);
		List<Session> night = parse(nightSession);
		this.nightSession = night.isEmpty() ? null : night.get(0);
		this.sensitive = sensitive;
	}

	/**
	 * The warnings for a drill on {@code date} from {@code from} to {@code to} (company
	 * time), in Chinese; empty when the time is a good one.
	 */
	public List<String> warnings(LocalDate date, LocalTime from, LocalTime to) {
		List<String> warnings = new ArrayList<>();
		LocalDateTime start = date.atTime(from);
		LocalDateTime end = !to.isAfter(from) ? date.plusDays(1).atTime(to) : date.atTime(to);
		for (LocalDate day = date.minusDays(1); !day.isAfter(end.toLocalDate()); day = day.plusDays(1)) {
			if (calendar.isTradingDay(day)) {
				for (Session session : daySessions) {
					if (overlaps(start, end, day.atTime(session.start()), day.atTime(session.end()))) {
						warnings.add(day + " 是交易日，" + session.start() + "-" + session.end()
								+ " 为日盘交易时段：演练应尽量选择非交易时段（4.1 第二十八条）");
					}
				}
			}
			if (nightSession != null && nightSessionOn(day)) {
				LocalDateTime nightEnd = session(day, nightSession);
				if (overlaps(start, end, day.atTime(nightSession.start()), nightEnd)) {
					warnings.add(day + " 晚间 " + nightSession.start() + "-" + nightSession.end()
							+ " 为夜盘交易时段：演练应尽量选择非交易时段（4.1 第二十八条）");
				}
			}
		}
		for (LocalDate day = date; !day.isAfter(end.toLocalDate()); day = day.plusDays(1)) {
			Optional<String> period = sensitive.apply(day);
			if (period.isPresent()) {
				warnings.add(day + " 在敏感时期（" + period.get() + "）内：请确认是否应在此期间演练");
				break;
			}
		}
		if (!calendar.covers(date)) {
			warnings.add(date.getYear() + " 年的节假日尚未配置，交易日按周一至周五估算");
		}
		return warnings.stream().distinct().toList();
	}

	/**
	 * For a plan without a date: whether its window meets a trading session of an
	 * ordinary trading day (then it must be held on a non-trading day).
	 */
	public boolean meetsSessions(LocalTime from, LocalTime to) {
		LocalDate day = LocalDate.of(2000, 1, 3);
		LocalDateTime start = day.atTime(from);
		LocalDateTime end = !to.isAfter(from) ? day.plusDays(1).atTime(to) : day.atTime(to);
		for (Session session : daySessions) {
			if (overlaps(start, end, day.atTime(session.start()), day.atTime(session.end()))) {
				return true;
			}
		}
		return nightSession != null
				&& (overlaps(start, end, day.atTime(nightSession.start()), session(day, nightSession))
						|| overlaps(start, end, day.minusDays(1).atTime(nightSession.start()),
								session(day.minusDays(1), nightSession)));
	}

	/**
	 * The evening of {@code day} has a night session: a trading day followed by a trading
	 * day (weekends skipped).
	 */
	private boolean nightSessionOn(LocalDate day) {
		if (!calendar.isTradingDay(day)) {
			return false;
		}
		LocalDate next = day.plusDays(1);
		while (next.getDayOfWeek().getValue() > 5) {
			next = next.plusDays(1);
		}
		return calendar.isTradingDay(next);
	}

	private static LocalDateTime session(LocalDate day, Session session) {
		return session.overnight() ? day.plusDays(1).atTime(session.end()) : day.atTime(session.end());
	}

	private static boolean overlaps(LocalDateTime start, LocalDateTime end, LocalDateTime from, LocalDateTime to) {
		return start.isBefore(to) && from.isBefore(end);
	}

	static List<Session> parse(String text) {
		List<Session> sessions = new ArrayList<>();
		for (String part : text.split(",")) {
			String range = part.strip();
			if (range.isEmpty()) {
				continue;
			}
			String[] ends = range.split("-");
			try {
				if (ends.length != 2) {
					throw new IllegalArgumentException(range);
				}
				sessions.add(new Session(LocalTime.parse(pad(ends[0].strip())), LocalTime.parse(pad(ends[1].strip()))));
			}
			catch (RuntimeException ex) {
				throw new IllegalArgumentException("交易时段应为 HH:MM-HH:MM（多个以逗号分隔）：" + range, ex);
			}
		}
		return List.copyOf(sessions);
	}

	private static String pad(String time) {
		return (time.length() == 4) ? "0" + time : time;
	}

}
