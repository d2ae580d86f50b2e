package com.warroom.playbooks;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * The reporting policy: what each kind of incident owes, read from
 * {@code reporting-policy.yaml} (bundled defaults from the seed, overridable).
 * Immutable and thread-safe.
 *
 * @param cycle the reporting unit (REPORT_CYCLE), 30 minutes by default
 * @param deadlineTime the time of day working-day deadlines end
 * @param recipients recipient key to name
 * @param classes the rule for each system class
 * @param atOnceScenario the cycle for playbooks whose flow says "at once, every 30 minutes"
 * @param dataIncidentRule the rule cited when investor data damage or a leak triggers reporting
 * @param crimeRecipients extra recipients when a crime is suspected
 * @param crimeRule the rule cited for them
 * @param internalWithin the internal report deadline after handling ends
 * @param internalClasses the classes owing that internal report when there is no halt
 * @param internalRule its rule
 * @param finalRule the rule for the report after recovery
 * @param analysis the 12-hour analysis report
 * @param summary the 5-working-day summary report
 * @param supplementary the 30-working-day supplementary report
 * @param minorToMonthlyReport whether an incident graded 轻微 goes to the monthly
 * operations report instead of owing the post-recovery reports (2.8.1 第十条（一）; the
 * seed's default is yes)
 * @param minorRule the rule cited for that
 */
public record ReportingPolicy(Duration cycle, LocalTime deadlineTime, Map<String, String> recipients,
		Map<SystemClass, ClassRule> classes, ClassRule atOnceScenario, String dataIncidentRule,
		List<String> crimeRecipients, String crimeRule, Duration internalWithin, Set<SystemClass> internalClasses,
		String internalRule, String finalRule, Deadline analysis, Deadline summary, Deadline supplementary,
		boolean minorToMonthlyReport, String minorRule) {

	static final String DEFAULT_MINOR_RULE = "2.8.1 第十条（一）：轻微事件做好记录，汇总至每月运维报告";

	/** When the first external report of a class is owed. */
	public enum First {

		AT_ONCE, AFTER_UNRESOLVED, ON_HALT, NONE

	}

	/**
	 * The external cycle of one class.
	 *
	 * @param first when the first report is owed
	 * @param unresolvedCycles for {@link First#AFTER_UNRESOLVED}: how many cycles unresolved
	 * @param everyCycles the cycle, in units of {@code cycle}
	 * @param recipients recipient keys
	 * @param approvers roles whose approval the report book needs
	 * @param rule citation
	 */
	public record ClassRule(First first, int unresolvedCycles, int everyCycles, List<String> recipients,
			List<String> approvers, String rule) {

		public ClassRule {
			recipients = List.copyOf(recipients);
			approvers = List.copyOf(approvers);
		}

	}

	/**
	 * A post-recovery deadline: a fixed duration or a number of working days.
	 *
	 * @param within the duration after recovery, or null
	 * @param workingDays working days after the day of recovery, or 0
	 * @param recipients recipient keys
	 * @param extraRecipients for the analysis report: the exchanges, when remote access is involved
	 * @param rule citation
	 */
	public record Deadline(@org.jspecify.annotations.Nullable Duration within, int workingDays, List<String> recipients,
			List<String> extraRecipients, String rule) {

		public Deadline {
			recipients = List.copyOf(recipients);
			extraRecipients = List.copyOf(extraRecipients);
		}

	}

	public ReportingPolicy {
		Objects.requireNonNull(cycle, "cycle");
		if (cycle.isZero() || cycle.isNegative()) {
			throw new IllegalArgumentException("报告周期必须为正：" + cycle);
		}
		recipients = Map.copyOf(recipients);
		classes = Map.copyOf(classes);
		crimeRecipients = List.copyOf(crimeRecipients);
		internalClasses = Set.copyOf(internalClasses);
	}

	/** The bundled policy. */
	public static ReportingPolicy bundled() {
		try (InputStream in = ReportingPolicy.class.getClassLoader()
			.getResourceAsStream("warroom/reporting-policy.yaml")) {
			if (in == null) {
				throw new IllegalStateException("missing bundled reporting policy");
			}
			return parse(new String(in.readAllBytes(), StandardCharsets.UTF_8));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/** This policy with another reporting unit (REPORT_CYCLE). */
	public ReportingPolicy withCycle(Duration value) {
		return new ReportingPolicy(value, deadlineTime, recipients, classes, atOnceScenario, dataIncidentRule,
				crimeRecipients, crimeRule, internalWithin, internalClasses, internalRule, finalRule, analysis, summary,
				supplementary, minorToMonthlyReport, minorRule);
	}

	/** Recipient names for keys. */
	public List<String> recipientNames(List<String> keys) {
		return keys.stream().map((key) -> recipients.getOrDefault(key, key)).toList();
	}

	/**
	 * Reads a policy file.
	 * @throws IllegalArgumentException naming the field that is missing or wrong
	 */
	public static ReportingPolicy parse(String yaml) {
		Map<?, ?> root = map(load(yaml), "报告策略");
		Map<String, String> recipients = new LinkedHashMap<>();
		map(root.get("recipients"), "recipients").forEach((key, value) -> recipients.put(String.valueOf(key),
				String.valueOf(value)));
		Map<?, ?> classNodes = map(root.get("classes"), "classes");
		Map<SystemClass, ClassRule> classes = new EnumMap<>(SystemClass.class);
		for (Map.Entry<?, ?> entry : classNodes.entrySet()) {
			SystemClass systemClass = SystemClass.fromKey(String.valueOf(entry.getKey()))
				.orElseThrow(() -> new IllegalArgumentException("classes：未知的系统类别 " + entry.getKey()));
			classes.put(systemClass, classRule(map(entry.getValue(), "classes." + entry.getKey()), "classes."
					+ entry.getKey(), recipients));
		}
		for (SystemClass systemClass : SystemClass.values()) {
			if (!classes.containsKey(systemClass)) {
				throw new IllegalArgumentException("classes：缺少系统类别 " + systemClass.key());
			}
		}
		Map<?, ?> atOnce = map(root.get("at_once_scenario"), "at_once_scenario");
		ClassRule atOnceRule = new ClassRule(First.AT_ONCE, 0, integer(atOnce, "every", "at_once_scenario", 1),
				List.of(), List.of(), text(atOnce, "rule", "at_once_scenario"));
		Map<?, ?> crime = map(root.get("crime"), "crime");
		Map<?, ?> internal = map(root.get("internal_after_handling"), "internal_after_handling");
		Set<SystemClass> internalClasses = EnumSet.noneOf(SystemClass.class);
		for (String key : keys(internal.get("classes"), "internal_after_handling.classes", null)) {
			internalClasses.add(SystemClass.fromKey(key)
				.orElseThrow(() -> new IllegalArgumentException("internal_after_handling.classes：未知的系统类别 " + key)));
		}
		// optional, so that a company's own policy file from before keeps working
		Map<?, ?> minor = root.containsKey("minor") ? map(root.get("minor"), "minor") : Map.of("rule", DEFAULT_MINOR_RULE);
		Object monthlyValue = minor.containsKey("monthly_report") ? minor.get("monthly_report") : Boolean.TRUE;
		if (!(monthlyValue instanceof Boolean)) {
			throw new IllegalArgumentException("minor.monthly_report：应为 true 或 false");
		}
		boolean monthly = (Boolean) monthlyValue;
		LocalTime deadlineTime;
		try {
			deadlineTime = LocalTime.parse(String.valueOf(root.containsKey("deadline_time") ? root.get("deadline_time") : "23:59"));
		}
		catch (DateTimeParseException ex) {
			throw new IllegalArgumentException("deadline_time 应为 HH:MM", ex);
		}
		return new ReportingPolicy(duration(root, "cycle", ""), deadlineTime, recipients, classes, atOnceRule,
				text(map(root.get("data_incident"), "data_incident"), "rule", "data_incident"),
				keys(crime.get("recipients"), "crime.recipients", recipients), text(crime, "rule", "crime"),
				duration(internal, "within", "internal_after_handling"), internalClasses,
				text(internal, "rule", "internal_after_handling"),
				text(map(root.get("final_after_recovery"), "final_after_recovery"), "rule", "final_after_recovery"),
				deadline(root, "analysis", recipients), deadline(root, "summary", recipients),
				deadline(root, "supplementary", recipients), monthly, text(minor, "rule", "minor"));
	}

	private static ClassRule classRule(Map<?, ?> node, String path, Map<String, String> recipients) {
		String firstText = text(node, "first", path);
		First first;
		try {
			first = First.valueOf(firstText.toUpperCase(java.util.Locale.ROOT).replace('-', '_'));
		}
		catch (IllegalArgumentException ex) {
			throw new IllegalArgumentException(path + ".first：无效的值 " + firstText
					+ "（可用 at-once、after-unresolved、on-halt、none）", ex);
		}
		int unresolved = integer(node, "unresolved", path, 1);
		int every = integer(node, "every", path, 1);
		return new ClassRule(first, unresolved, every, keys(node.get("recipients"), path + ".recipients", recipients),
				keys(node.get("approval"), path + ".approval", null), text(node, "rule", path));
	}

	private static Deadline deadline(Map<?, ?> root, String key, Map<String, String> recipients) {
		Map<?, ?> node = map(root.get(key), key);
		Duration within = node.containsKey("within") ? duration(node, "within", key) : null;
		int workingDays = integer(node, "working_days", key, 0);
		if ((within == null) == (workingDays == 0)) {
			throw new IllegalArgumentException(key + "：within 与 working_days 必须且只能有一个");
		}
		return new Deadline(within, workingDays, keys(node.get("recipients"), key + ".recipients", recipients),
				keys(node.get("remote_access_recipients"), key + ".remote_access_recipients", recipients),
				text(node, "rule", key));
	}

	private static Object load(String yaml) {
		try {
			return new Yaml(new SafeConstructor(new LoaderOptions())).load(yaml);
		}
		catch (RuntimeException ex) {
			throw new IllegalArgumentException("报告策略不是有效的 YAML：" + ex.getMessage(), ex);
		}
	}

	private static Map<?, ?> map(Object value, String path) {
		if (value instanceof Map<?, ?> map) {
			return map;
		}
		throw new IllegalArgumentException(path + "：缺少或应为键值对");
	}

	private static String text(Map<?, ?> node, String key, String path) {
		Object value = node.get(key);
		if (value == null || String.valueOf(value).isBlank()) {
			throw new IllegalArgumentException(join(path, key) + "：缺少必填字段");
		}
		return String.valueOf(value).strip();
	}

	private static int integer(Map<?, ?> node, String key, String path, int defaultValue) {
		Object value = node.get(key);
		if (value == null) {
			return defaultValue;
		}
		if (value instanceof Integer number && number > 0) {
			return number;
		}
		throw new IllegalArgumentException(join(path, key) + "：应为正整数");
	}

	private static Duration duration(Map<?, ?> node, String key, String path) {
		String value = text(node, key, path);
		try {
			return Duration.parse(value);
		}
		catch (DateTimeParseException ex) {
			throw new IllegalArgumentException(join(path, key) + "：应为 ISO-8601 时长，如 PT30M", ex);
		}
	}

	private static List<String> keys(Object value, String path, @org.jspecify.annotations.Nullable Map<String, String> known) {
		if (value == null) {
			return List.of();
		}
		if (!(value instanceof List<?> list)) {
			throw new IllegalArgumentException(path + "：应为列表");
		}
		List<String> keys = new ArrayList<>();
		for (Object item : list) {
			String key = String.valueOf(item);
			if (known != null && !known.containsKey(key)) {
				throw new IllegalArgumentException(path + "：未知的报送对象 " + key);
			}
			keys.add(key);
		}
		return keys;
	}

	private static String join(String path, String key) {
		return path.isEmpty() ? key : path + "." + key;
	}

}
