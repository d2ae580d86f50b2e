package com.warroom.playbooks;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Grades an incident (事件分级) from its facts, with the rules of 4.2 第四章二 (word for word the
 * same as 4.3 第八条–第九条) and PRODUCT.md "Decisions" 6 for the gaps. "以上" includes the
 * number and "以下" excludes it, so every threshold belongs to the higher level. Pure and
 * thread-safe.
 */
public final class SeverityGrader {

	static final long TEN_THOUSAND_X10 = 100_000;

	static final long MILLION = 1_000_000;

	static final Duration FIVE_MINUTES = Duration.ofMinutes(5);

	static final Duration HALF_HOUR = Duration.ofMinutes(30);

	static final Duration TWO_HOURS = Duration.ofHours(2);

	private static final String SECTION = "4.2 第四章二";

	/**
	 * The level of {@code facts} and every rule that gives it: the worst over the
	 * playbook's own system and every other system the incident touches (4.2 第四章
	 * "符合下列情形之一", L10327). {@link Grade#reasons()} lists the rules at that level,
	 * {@link Grade#lower()} the rules that fired at lower levels.
	 */
	public Grade grade(IncidentFacts facts) {
		List<Candidate> candidates = new ArrayList<>();
		List<Grade.Reason> notes = new ArrayList<>();
		long customers = facts.effectiveCustomers();
		Duration own = facts.clocked();
		system(facts.systemClass(), facts.interruption(), (own != null) ? own : Duration.ZERO, customers, candidates,
				notes);
		for (Impact impact : facts.alsoAffected()) {
			system(impact.system(), impact.extent(), impact.accumulated(), customers, candidates, notes);
		}
		settlement(facts.settlement(), customers, candidates);
		data(facts.investorsDataDamaged(), "发生损毁或者错误等异常情况", new String[] { "（二）5", "（三）3", " 特别重大事件 3" }, candidates);
		data(facts.investorsDataLeaked(), "发生泄露", new String[] { "（二）6", "（三）4", " 特别重大事件 4" }, candidates);
		if (candidates.isEmpty()) {
			if (facts.investorsAffected()) {
				candidates.add(new Candidate(Severity.GENERAL, SECTION + "（一）4",
						"其他对投资者合法权益、期货市场造成影响的事件（本类系统无单独分级标准，按产品决定 6 定为一般）"));
			}
			else if (facts.atOnceReporting()) {
				candidates.add(new Candidate(Severity.GENERAL, AT_ONCE_RULE,
						"本预案要求立即向监管部门报告并每隔 30 分钟上报，不能按轻微事件（内部记录、纳入每月运维报告）处理，至少为一般事件"));
			}
			else {
				candidates.add(new Candidate(Severity.MINOR, "2.8.1 第十条（一）", "未影响投资者，为轻微事件：内部记录，纳入每月运维报告"));
			}
		}
		Severity level = candidates.stream().map(Candidate::level).max(Comparator.naturalOrder()).orElseThrow();
		List<Grade.Reason> reasons = new ArrayList<>();
		candidates.stream()
			.filter((candidate) -> candidate.level() == level)
			.forEach((candidate) -> reasons.add(new Grade.Reason(candidate.rule(), candidate.text())));
		reasons.addAll(notes);
		List<Grade.Reason> lower = new ArrayList<>();
		candidates.stream()
			.filter((candidate) -> candidate.level() != level)
			.sorted(Comparator.comparing(Candidate::level).reversed())
			.forEach((candidate) -> lower
				.add(new Grade.Reason(candidate.rule(), candidate.text() + "（" + candidate.level().label() + "）")));
		return new Grade(level, reasons, lower);
	}

	/** The rule cited when an at-once playbook would otherwise grade 轻微. */
	static final String AT_ONCE_RULE = "附件四 五/六（立即报告的预案）";

	/**
	 * The durations at which the level of a clocked system can rise; empty for others.
	 */
	static List<Duration> thresholds(SystemClass systemClass) {
		return switch (systemClass) {
			case CENTRAL_TRADING, ONLINE_TRADING -> List.of(FIVE_MINUTES, HALF_HOUR, TWO_HOURS);
			case BANK_TRANSFER -> List.of(HALF_HOUR);
			case BRANCH -> List.of(TWO_HOURS);
			default -> List.of();
		};
	}

	/**
	 * How much longer the incident must last, if nothing else changes, before its level
	 * rises; empty when no running clock can raise it. Every running clock (its own
	 * system's and each other affected system's) advances together.
	 */
	public Optional<Duration> untilNextLevel(IncidentFacts facts) {
		List<Duration> deltas = new ArrayList<>();
		if (facts.clockRunning()) {
			Duration now = facts.clocked();
			thresholds(facts.systemClass()).stream()
				.filter((t) -> t.compareTo(now) > 0)
				.map((t) -> t.minus(now))
				.forEach(deltas::add);
		}
		for (Impact impact : facts.alsoAffected()) {
			if (impact.clockRunning()) {
				thresholds(impact.system()).stream()
					.filter((t) -> t.compareTo(impact.accumulated()) > 0)
					.map((t) -> t.minus(impact.accumulated()))
					.forEach(deltas::add);
			}
		}
		Severity current = grade(facts).level();
		return deltas.stream()
			.distinct()
			.sorted()
			.filter((delta) -> grade(advanced(facts, delta)).level().isHigherThan(current))
			.findFirst();
	}

	private static IncidentFacts advanced(IncidentFacts facts, Duration delta) {
		IncidentFacts advanced = facts.withOthersAdvancedBy(delta);
		return facts.clockRunning() ? advanced.withClocked(facts.clocked().plus(delta)) : advanced;
	}

	/**
	 * The moment the level rises if nothing changes.
	 * @param asOf the moment {@code facts} describe
	 */
	public Optional<Instant> nextLevelAt(IncidentFacts facts, Instant asOf) {
		return untilNextLevel(facts).map(asOf::plus);
	}

	private static void system(SystemClass systemClass, Interruption extent, Duration t, long customers,
			List<Candidate> candidates, List<Grade.Reason> notes) {
		Interruption interruption = extent;
		if (interruption == Interruption.UNKNOWN) {
			interruption = Interruption.FULL;
			Grade.Reason note = new Grade.Reason("2.8.1 第九条", systemClass.label() + "中断范围尚不明确，按全部中断（高级别）判定");
			if (!notes.contains(note)) {
				notes.add(note);
			}
		}
		if (interruption == Interruption.NONE) {
			return;
		}
		boolean full = interruption == Interruption.FULL;
		switch (systemClass) {
			case CENTRAL_TRADING, ONLINE_TRADING -> trading(systemClass, extent, t, full, customers, candidates);
			case BANK_TRANSFER -> {
				if (t.compareTo(HALF_HOUR) < 0) {
					candidates.add(new Candidate(Severity.GENERAL, SECTION + "（一）2",
							"银期转账系统全部或者部分停止运行，影响业务时间累计 30 分钟以下（" + minutes(t) + "）"));
				}
				else {
					candidates.add(new Candidate(Severity.LARGER, SECTION + "（二）2",
							"银期转账系统全部或者部分停止运行，影响业务时间累计 30 分钟以上（" + minutes(t) + "）"));
				}
			}
			case BRANCH -> {
				if (t.compareTo(TWO_HOURS) < 0) {
					candidates.add(new Candidate(Severity.GENERAL, SECTION + "（一）3",
							"营业部现场行情或者现场交易系统发生故障，影响交易时间累计 2 小时以下（" + minutes(t) + "）"));
				}
				else {
					candidates.add(new Candidate(Severity.LARGER, SECTION + "（二）4",
							"营业部现场行情或者现场交易系统发生故障，影响交易时间累计 2 小时以上（" + minutes(t) + "）"));
				}
			}
			default -> {
				// quotes, website, network: no thresholds
				// of their own (PRODUCT.md Decisions 6)
			}
		}
	}

	private static void trading(SystemClass systemClass, Interruption extent, Duration t, boolean full, long customers,
			List<Candidate> candidates) {
		String system = (systemClass == SystemClass.ONLINE_TRADING) ? "网上交易系统" : "集中交易系统";
		String how = (extent == Interruption.UNKNOWN) ? "中断（范围不明，按全部中断计）" : full ? "全部中断" : "部分中断";
		if (t.compareTo(FIVE_MINUTES) < 0) {
			candidates.add(new Candidate(Severity.GENERAL, SECTION + "（一）1",
					system + how + "，影响交易时间累计 5 分钟以下（" + minutes(t) + "）"));
		}
		else {
			candidates.add(new Candidate(Severity.LARGER, SECTION + "（二）1",
					system + how + "，影响交易时间累计 5 分钟以上（" + minutes(t) + "）"));
		}
		if (full && customers >= TEN_THOUSAND_X10 && t.compareTo(HALF_HOUR) >= 0) {
			candidates.add(new Candidate(Severity.MAJOR, SECTION + "（三）1",
					"有效客户数 " + customers + " 人（10 万人以上），" + system + "全部中断，影响交易时间累计 30 分钟以上（" + minutes(t) + "）"));
		}
		if (full && customers >= MILLION && t.compareTo(TWO_HOURS) >= 0) {
			candidates.add(new Candidate(Severity.EXTRAORDINARY, SECTION + " 特别重大事件 1",
					"有效客户数 " + customers + " 人（100 万人以上），" + system + "全部中断，影响交易时间累计 2 小时以上（" + minutes(t) + "）"));
		}
	}

	private static void settlement(Settlement settlement, long customers, List<Candidate> candidates) {
		if (settlement == Settlement.NORMAL) {
			return;
		}
		if (customers < TEN_THOUSAND_X10) {
			candidates.add(new Candidate(Severity.LARGER, SECTION + "（二）3",
					"有效客户数 " + customers + " 人（10 万人以下），" + settlement.label() + "，影响投资者正常交易"));
			return;
		}
		if (settlement == Settlement.DATA_ERROR) {
			candidates.add(new Candidate(Severity.LARGER, "2.8.1 第九条",
					"有效客户数 10 万人以上，结算数据出现错误但非重大错误：分级标准未覆盖，按高级别判定为较大（产品决定 6）"));
			return;
		}
		candidates.add(new Candidate(Severity.MAJOR, SECTION + "（三）2",
				"有效客户数 " + customers + " 人（10 万人以上），" + settlement.label() + "，影响投资者正常交易"));
		if (customers >= MILLION) {
			candidates.add(new Candidate(Severity.EXTRAORDINARY, SECTION + " 特别重大事件 2",
					"有效客户数 " + customers + " 人（100 万人以上），" + settlement.label() + "，影响投资者正常交易"));
		}
	}

	private static void data(long investors, String what, String[] items, List<Candidate> candidates) {
		if (investors <= 0) {
			return;
		}
		if (investors >= MILLION) {
			candidates.add(
					new Candidate(Severity.EXTRAORDINARY, SECTION + items[2], investors + " 名投资者（100 万人以上）的数据" + what));
		}
		else if (investors >= TEN_THOUSAND_X10) {
			candidates.add(new Candidate(Severity.MAJOR, SECTION + items[1], investors + " 名投资者（10 万人以上）的数据" + what));
		}
		else {
			candidates.add(new Candidate(Severity.LARGER, SECTION + items[0], investors + " 名投资者（10 万人以下）的数据" + what));
		}
	}

	static String minutes(Duration duration) {
		long seconds = duration.toSeconds();
		long hours = seconds / 3600;
		long minutes = (seconds % 3600) / 60;
		long rest = seconds % 60;
		StringBuilder text = new StringBuilder("已 ");
		if (hours > 0) {
			text.append(hours).append(" 小时 ");
		}
		if (minutes > 0 || hours > 0) {
			// whole minutes read "分钟", as the documents'
			// durations do ("已 1 分" read cut off)
			text.append(minutes).append((hours == 0 && rest == 0) ? " 分钟" : " 分");
		}
		if (rest > 0 || seconds == 0) {
			text.append((minutes > 0 || hours > 0) ? " " : "").append(rest).append(" 秒");
		}
		return text.toString().strip();
	}

	private record Candidate(Severity level, String rule, String text) {
	}

}
