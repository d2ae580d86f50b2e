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
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import org.jspecify.annotations.Nullable;
import org.yaml.snakeyaml.nodes.Node;

/**
 * The reporting policy: what each kind of incident owes, read from
 * {@code reporting-policy.yaml} (bundled defaults from the seed, overridable). Immutable
 * and thread-safe.
 *
 * @param cycle the reporting unit (REPORT_CYCLE), 30 minutes by default
 * @param deadlineTime the time of day working-day deadlines end
 * @param recipients recipient key to name
 * @param classes the rule for each system class
 * @param atOnceScenario the cycle for playbooks whose flow says "at once, every 30
 * minutes"
 * @param dataIncidentRule the rule cited when investor data damage or a leak triggers
 * reporting
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
 * operations report instead of owing the post-recovery reports (2.8.1 第十条（一）; the seed's
 * default is yes)
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
	 * @param unresolvedCycles for {@link First#AFTER_UNRESOLVED}: how many cycles
	 * unresolved
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
	 * @param extraRecipients for the analysis report: the exchanges, when remote access
	 * is involved
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
			return read("warroom/reporting-policy.yaml", in.readAllBytes());
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
	 * @throws InvalidDataFileException with every field that is missing or wrong, as
	 * {@code file:line: field: message}
	 */
	public static ReportingPolicy parse(String yaml) {
		return read("reporting-policy.yaml", yaml.getBytes(StandardCharsets.UTF_8));
	}

	/**
	 * Reads the policy file {@code file} ({@code REPORTING_POLICY_FILE}).
	 * @throws InvalidDataFileException with every field that is missing or wrong, as
	 * {@code file:line: field: message}
	 */
	public static ReportingPolicy read(String file, byte[] content) {
		return DataFiles.read("报告策略", file, content, ROOT_FIELDS, ReportingPolicy::parse);
	}

	private static final Set<String> ROOT_FIELDS = Set.of("cycle", "deadline_time", "recipients", "classes",
			"at_once_scenario", "data_incident", "crime", "internal_after_handling", "final_after_recovery", "analysis",
			"summary", "supplementary", "minor");

	private static final Set<String> DEADLINE_FIELDS = Set.of("within", "working_days", "recipients",
			"remote_access_recipients", "rule");

	private static @Nullable ReportingPolicy parse(MappingReader root) {
		Duration cycle = duration(root, "cycle");
		if (cycle != null && (cycle.isZero() || cycle.isNegative())) {
			root.error("cycle", "报告周期必须为正");
		}
		LocalTime deadlineTime = LocalTime.of(23, 59);
		String deadlineText = root.optional("deadline_time");
		if (deadlineText != null) {
			try {
				deadlineTime = LocalTime.parse(deadlineText);
			}
			catch (DateTimeParseException ex) {
				root.error("deadline_time", "应为 HH:MM");
			}
		}
		if (!root.has("recipients")) {
			root.error("recipients", "缺少必填字段");
		}
		Map<String, String> recipients = root.textMap("recipients", "“键: 报送对象名称”");
		Map<SystemClass, ClassRule> classes = new EnumMap<>(SystemClass.class);
		Set<SystemClass> given = EnumSet.noneOf(SystemClass.class);
		if (!root.has("classes")) {
			root.error("classes", "缺少必填字段");
		}
		for (Map.Entry<String, Node> entry : root.entries("classes", "“系统类别: 规则”").entrySet()) {
			String path = "classes." + entry.getKey();
			Optional<SystemClass> systemClass = SystemClass.fromKey(entry.getKey());
			if (systemClass.isEmpty()) {
				root.error(entry.getValue(), path, "未知的系统类别（可用 " + classKeys() + "）");
				continue;
			}
			given.add(systemClass.get());
			root.reader(entry.getValue(), path,
					Set.of("first", "unresolved", "every", "recipients", "approval", "rule"))
				.map((node) -> classRule(node, recipients))
				.ifPresent((rule) -> classes.put(systemClass.get(), rule));
		}
		if (root.has("classes")) {
			for (SystemClass systemClass : SystemClass.values()) {
				if (!given.contains(systemClass)) {
					root.error("classes", "缺少系统类别 " + systemClass.key());
				}
			}
		}
		ClassRule atOnceRule = section(root, "at_once_scenario", Set.of("every", "rule"))
			.map((node) -> new ClassRule(First.AT_ONCE, 0, node.positive("every", 1), List.of(), List.of(), rule(node)))
			.orElse(null);
		String dataRule = section(root, "data_incident", Set.of("rule")).map(ReportingPolicy::rule).orElse(null);
		Optional<MappingReader> crime = section(root, "crime", Set.of("recipients", "rule"));
		List<String> crimeRecipients = crime.map((node) -> keys(node, "recipients", recipients)).orElse(List.of());
		String crimeRule = crime.map(ReportingPolicy::rule).orElse(null);
		Optional<MappingReader> internal = section(root, "internal_after_handling",
				Set.of("within", "classes", "rule"));
		Duration internalWithin = internal.map((node) -> duration(node, "within")).orElse(null);
		Set<SystemClass> internalClasses = EnumSet.noneOf(SystemClass.class);
		internal.ifPresent((node) -> {
			List<Node> items = node.list("classes");
			for (int i = 0; i < items.size(); i++) {
				String key = node.text(items.get(i), node.field("classes") + "[" + i + "]");
				if (key != null && SystemClass.fromKey(key).isEmpty()) {
					node.error(items.get(i), node.field("classes") + "[" + i + "]",
							"未知的系统类别 " + key + "（可用 " + classKeys() + "）");
				}
				else if (key != null) {
					internalClasses.add(SystemClass.fromKey(key).get());
				}
			}
		});
		String internalRule = internal.map(ReportingPolicy::rule).orElse(null);
		String finalRule = section(root, "final_after_recovery", Set.of("rule")).map(ReportingPolicy::rule)
			.orElse(null);
		Deadline analysis = section(root, "analysis", DEADLINE_FIELDS).map((node) -> deadline(node, recipients))
			.orElse(null);
		Deadline summary = section(root, "summary", DEADLINE_FIELDS).map((node) -> deadline(node, recipients))
			.orElse(null);
		Deadline supplementary = section(root, "supplementary", DEADLINE_FIELDS)
			.map((node) -> deadline(node, recipients))
			.orElse(null);
		// optional, so that a company's own policy file from before keeps working
		Optional<MappingReader> minor = root.mapping("minor", Set.of("monthly_report", "rule"));
		boolean monthly = minor.map((node) -> node.bool("monthly_report", true)).orElse(true);
		String minorRule = minor.map(ReportingPolicy::rule).orElse(root.has("minor") ? null : DEFAULT_MINOR_RULE);
		if (root.failed()) {
			return null;
		}
		return new ReportingPolicy(cycle, deadlineTime, recipients, classes, atOnceRule, dataRule, crimeRecipients,
				crimeRule, internalWithin, internalClasses, internalRule, finalRule, analysis, summary, supplementary,
				monthly, minorRule);
	}

	/** A required section, with "missing" recorded when absent. */
	private static Optional<MappingReader> section(MappingReader root, String key, Set<String> allowed) {
		if (!root.has(key)) {
			root.error(key, "缺少必填字段");
			return Optional.empty();
		}
		return root.mapping(key, allowed);
	}

	private static @Nullable String rule(MappingReader node) {
		return node.required("rule");
	}

	private static @Nullable ClassRule classRule(MappingReader node, Map<String, String> recipients) {
		String firstText = node.required("first");
		First first = null;
		if (firstText != null) {
			try {
				first = First.valueOf(firstText.toUpperCase(java.util.Locale.ROOT).replace('-', '_'));
			}
			catch (IllegalArgumentException ex) {
				node.error("first", "无效的值 " + firstText + "（可用 at-once、after-unresolved、on-halt、none）");
			}
		}
		int unresolved = node.positive("unresolved", 1);
		int every = node.positive("every", 1);
		List<String> to = keys(node, "recipients", recipients);
		List<String> approval = node.texts("approval");
		String rule = rule(node);
		return (first == null || rule == null) ? null : new ClassRule(first, unresolved, every, to, approval, rule);
	}

	private static @Nullable Deadline deadline(MappingReader node, Map<String, String> recipients) {
		Duration within = node.has("within") ? duration(node, "within") : null;
		int workingDays = node.positive("working_days", 0);
		if (!node.has("within") && !node.has("working_days") || node.has("within") && node.has("working_days")) {
			node.error("within 与 working_days 必须且只能有一个");
		}
		List<String> to = keys(node, "recipients", recipients);
		List<String> extra = keys(node, "remote_access_recipients", recipients);
		String rule = rule(node);
		return (rule == null || (within == null && workingDays == 0)) ? null
				: new Deadline(within, workingDays, to, extra, rule);
	}

	private static @Nullable Duration duration(MappingReader node, String key) {
		String value = node.required(key);
		if (value == null) {
			return null;
		}
		try {
			return Duration.parse(value);
		}
		catch (DateTimeParseException ex) {
			node.error(key, "应为 ISO-8601 时长，如 PT30M");
			return null;
		}
	}

	/** A list of recipient keys, each one of {@code known}. */
	private static List<String> keys(MappingReader node, String key, Map<String, String> known) {
		List<String> keys = new ArrayList<>();
		List<Node> items = node.list(key);
		for (int i = 0; i < items.size(); i++) {
			String field = node.field(key) + "[" + i + "]";
			String text = node.text(items.get(i), field);
			if (text != null && !known.containsKey(text)) {
				node.error(items.get(i), field,
						"未知的报送对象 " + text + "（recipients 中有 " + String.join("、", known.keySet()) + "）");
			}
			else if (text != null) {
				keys.add(text);
			}
		}
		return keys;
	}

	private static String classKeys() {
		return java.util.Arrays.stream(SystemClass.values()).map(SystemClass::key).collect(Collectors.joining("、"));
	}

}
