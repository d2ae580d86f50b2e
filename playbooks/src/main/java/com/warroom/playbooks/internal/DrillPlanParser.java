package com.warroom.playbooks.internal;

import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.warroom.playbooks.DrillInject;
import com.warroom.playbooks.DrillPlan;
import com.warroom.playbooks.Interruption;
import com.warroom.playbooks.MappingReader;
import com.warroom.playbooks.Playbook;
import com.warroom.playbooks.PlaybookLibrary;
import com.warroom.playbooks.Settlement;
import com.warroom.playbooks.SystemClass;
import com.warroom.playbooks.Training;
import com.warroom.playbooks.ValidationError;
import org.jspecify.annotations.Nullable;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.ScalarNode;

/**
 * Reads one drill plan file (or the training plan) into its model, recording every
 * problem with its line, as {@link PlaybookParser} does for playbooks: unknown,
 * duplicate, missing and mistyped fields, ids, times, and references (scenarios to
 * playbooks of the library, injects to scenarios and to earlier declare injects, criteria
 * to injects and steps). Thread-safe.
 */
public final class DrillPlanParser {

	private static final Set<String> PLAN_FIELDS = Set.of("id", "title", "objective", "environment",
			"environment_notes", "date", "window", "participants", "scenarios", "criteria", "restoration", "injects",
			"source");

	private static final Set<String> PARTICIPANT_FIELDS = Set.of("role", "people", "source");

	private static final Set<String> SCENARIO_FIELDS = Set.of("id", "title", "playbook", "description", "content",
			"source");

	private static final Set<String> CRITERION_FIELDS = Set.of("id", "text", "from", "reach", "step", "within",
			"source");

	private static final Set<String> RESTORATION_FIELDS = Set.of("text", "source");

	private static final Set<String> INJECT_FIELDS = Set.of("id", "kind", "at", "scenario", "chat", "text", "incident",
			"fact", "value", "source");

	private static final Set<String> TRAININGS_FIELDS = Set.of("trainings");

	private static final Set<String> TRAINING_FIELDS = Set.of("id", "content", "date", "trainer", "recorder", "note");

	private static final Pattern WINDOW = Pattern.compile("(\\d{1,2}:\\d{2})\\s*[-–~至]\\s*(\\d{1,2}:\\d{2})");

	private final PlaybookLibrary library;

	public DrillPlanParser(PlaybookLibrary library) {
		this.library = library;
	}

	/**
	 * Parses and validates one plan file.
	 * @return the plan when the file had no error
	 */
	public Optional<DrillPlan> parse(String file, byte[] content, List<ValidationError> errors) {
		int before = errors.size();
		Optional<Node> root = YamlDocuments.parse(file, content, errors);
		if (root.isEmpty()) {
			return Optional.empty();
		}
		Optional<MappingReader> maybe = MappingReader.of(file, "", root.get(), PLAN_FIELDS, errors);
		if (maybe.isEmpty()) {
			return Optional.empty();
		}
		MappingReader reader = maybe.get();
		String id = reader.required("id");
		if (id != null && !PlaybookParser.ID.matcher(id).matches()) {
			reader.error("id", "只能包含小写字母、数字、点和连字符");
		}
		if (id != null && !PlaybookParser.baseName(file).equals(id)) {
			reader.error("id", "与文件名不一致：文件应命名为 " + id + ".yaml");
		}
		String title = reader.required("title");
		String objective = reader.required("objective");
		DrillPlan.Environment environment = null;
		String environmentKey = reader.required("environment");
		if (environmentKey != null) {
			environment = DrillPlan.Environment.fromKey(environmentKey).orElse(null);
			if (environment == null) {
				reader.error("environment", "应为 production（生产环境）或 test（测试环境）");
			}
		}
		String notes = orEmpty(reader.optional("environment_notes"));
		LocalDate date = null;
		String dateText = reader.optional("date");
		if (dateText != null) {
			try {
				date = LocalDate.parse(dateText);
			}
			catch (DateTimeParseException ex) {
				reader.error("date", "日期格式应为 2027-03-20");
			}
		}
		LocalTime[] window = window(reader);
		List<DrillPlan.Participant> participants = participants(file, reader, errors);
		List<DrillPlan.Scenario> scenarios = scenarios(file, reader, errors);
		List<DrillInject> injects = injects(file, reader, scenarios, window, errors);
		List<DrillPlan.Criterion> criteria = criteria(file, reader, scenarios, injects, errors);
		List<DrillPlan.Restoration> restoration = new ArrayList<>();
		List<Node> restorationNodes = reader.list("restoration");
		for (int i = 0; i < restorationNodes.size(); i++) {
			Optional<MappingReader> item = MappingReader.of(file, reader.field("restoration") + "[" + i + "]",
					restorationNodes.get(i), RESTORATION_FIELDS, errors);
			if (item.isPresent()) {
				String text = item.get().required("text");
				if (text != null) {
					restoration.add(new DrillPlan.Restoration(text, orEmpty(item.get().optional("source"))));
				}
			}
		}
		if (reader.has("restoration") && restorationNodes.isEmpty() || !reader.has("restoration")) {
			errors.add(new ValidationError(file, reader.line("restoration"), "restoration",
					"至少要有一个演练后的恢复步骤（4.1 第三十一条：恢复清理环境，防止影响真实交易）"));
		}
		if (injects.isEmpty() && reader.size("injects") == 0) {
			errors.add(new ValidationError(file, reader.line("injects"), "injects", "至少要有一个注入（如宣布某场景为演练）"));
		}
		String source = orEmpty(reader.optional("source"));
		if (errors.size() > before || id == null || title == null || objective == null || environment == null
				|| window == null) {
			return Optional.empty();
		}
		List<DrillInject> ordered = new ArrayList<>(injects);
		ordered.sort(java.util.Comparator.comparing(DrillInject::at)); // stable: ties
																		// keep the file's
																		// order
		return Optional.of(new DrillPlan(id, title, objective, environment, notes, date, window[0], window[1],
				participants, scenarios, criteria, restoration, ordered, file, source));
	}

	/** The training plan: a file with a {@code trainings} list. */
	public Optional<List<Training>> parseTrainings(String file, byte[] content, List<ValidationError> errors) {
		int before = errors.size();
		Optional<Node> root = YamlDocuments.parse(file, content, errors);
		if (root.isEmpty()) {
			return Optional.empty();
		}
		Optional<MappingReader> maybe = MappingReader.of(file, "", root.get(), TRAININGS_FIELDS, errors);
		if (maybe.isEmpty()) {
			return Optional.empty();
		}
		List<Training> trainings = new ArrayList<>();
		Map<String, Integer> ids = new HashMap<>();
		List<Node> nodes = maybe.get().list("trainings");
		for (int i = 0; i < nodes.size(); i++) {
			Optional<MappingReader> item = MappingReader.of(file, "trainings[" + i + "]", nodes.get(i), TRAINING_FIELDS,
					errors);
			if (item.isEmpty()) {
				continue;
			}
			MappingReader r = item.get();
			String id = r.required("id");
			String what = r.required("content");
			String dateText = r.required("date");
			String trainer = r.required("trainer");
			String recorder = r.required("recorder");
			String note = orEmpty(r.optional("note"));
			LocalDate date = null;
			if (dateText != null) {
				try {
					date = LocalDate.parse(dateText);
				}
				catch (DateTimeParseException ex) {
					r.error("date", "日期格式应为 2027-03-20");
				}
			}
			if (id != null) {
				Integer first = ids.putIfAbsent(id, r.line());
				if (first != null) {
					r.error("id", "培训编号重复（第一次出现在第 " + first + " 行）");
				}
			}
			if (id != null && what != null && date != null && trainer != null && recorder != null) {
				trainings.add(new Training(id, what, date, trainer, recorder, note));
			}
		}
		return (errors.size() > before) ? Optional.empty() : Optional.of(List.copyOf(trainings));
	}

	private static LocalTime @Nullable [] window(MappingReader reader) {
		String text = reader.required("window");
		if (text == null) {
			return null;
		}
		Matcher matcher = WINDOW.matcher(text.replace('：', ':'));
		if (!matcher.matches()) {
			reader.error("window", "应为 开始-结束，如 09:00-15:00");
			return null;
		}
		try {
			LocalTime start = LocalTime.parse(pad(matcher.group(1)));
			LocalTime end = LocalTime.parse(pad(matcher.group(2)));
			if (!end.isAfter(start)) {
				reader.error("window", "结束时间应晚于开始时间");
				return null;
			}
			return new LocalTime[] { start, end };
		}
		catch (DateTimeParseException ex) {
			reader.error("window", "时间无效，应为 09:00-15:00 这样的时刻");
			return null;
		}
	}

	private static List<DrillPlan.Participant> participants(String file, MappingReader reader,
			List<ValidationError> errors) {
		List<DrillPlan.Participant> participants = new ArrayList<>();
		List<Node> nodes = reader.list("participants");
		if (!reader.has("participants")) {
			errors.add(new ValidationError(file, reader.line(), "participants", "缺少必填字段"));
		}
		Map<DrillPlan.Role, Integer> seen = new HashMap<>();
		for (int i = 0; i < nodes.size(); i++) {
			Optional<MappingReader> item = MappingReader.of(file, "participants[" + i + "]", nodes.get(i),
					PARTICIPANT_FIELDS, errors);
			if (item.isEmpty()) {
				continue;
			}
			MappingReader r = item.get();
			String roleText = r.required("role");
			DrillPlan.Role role = (roleText == null) ? null : DrillPlan.Role.fromLabel(roleText).orElse(null);
			if (roleText != null && role == null) {
				r.error("role", "未知角色；允许的角色：" + String.join("、",
						java.util.Arrays.stream(DrillPlan.Role.values()).map(DrillPlan.Role::label).toList()));
			}
			if (role != null) {
				Integer first = seen.putIfAbsent(role, r.line());
				if (first != null) {
					r.error("role", "角色重复（第一次出现在第 " + first + " 行）");
				}
			}
			List<String> people = texts(file, r, "people", errors);
			if (r.has("people") && people.isEmpty() && r.size("people") == 0 || !r.has("people")) {
				errors.add(new ValidationError(file, r.line("people"), r.field("people"), "至少要有一名人员"));
			}
			if (role != null) {
				participants.add(new DrillPlan.Participant(role, people, orEmpty(r.optional("source"))));
			}
		}
		return participants;
	}

	private List<DrillPlan.Scenario> scenarios(String file, MappingReader reader, List<ValidationError> errors) {
		List<DrillPlan.Scenario> scenarios = new ArrayList<>();
		List<Node> nodes = reader.list("scenarios");
		if (!reader.has("scenarios") || nodes.isEmpty()) {
			errors.add(new ValidationError(file, reader.line("scenarios"), "scenarios", "至少要有一个演练场景"));
		}
		Map<String, Integer> ids = new HashMap<>();
		for (int i = 0; i < nodes.size(); i++) {
			Optional<MappingReader> item = MappingReader.of(file, "scenarios[" + i + "]", nodes.get(i), SCENARIO_FIELDS,
					errors);
			if (item.isEmpty()) {
				continue;
			}
			MappingReader r = item.get();
			String id = id(r, ids, "场景");
			String title = r.required("title");
			String playbook = r.required("playbook");
			if (playbook != null && library.find(playbook).isEmpty()) {
				r.error("playbook", "预案库中没有预案 \"" + playbook + "\"");
			}
			String description = r.required("description");
			List<String> content = texts(file, r, "content", errors);
			if (id != null && title != null && playbook != null && description != null) {
				scenarios.add(new DrillPlan.Scenario(id, title, playbook, description, content,
						orEmpty(r.optional("source"))));
			}
		}
		return scenarios;
	}

	private static List<DrillInject> injects(String file, MappingReader reader, List<DrillPlan.Scenario> scenarios,
			LocalTime @Nullable [] window, List<ValidationError> errors) {
		List<DrillInject> injects = new ArrayList<>();
		Map<String, Integer> ids = new HashMap<>();
		Map<String, Duration> declares = new HashMap<>();
		List<Node> nodes = reader.list("injects");
		for (int i = 0; i < nodes.size(); i++) {
			Optional<MappingReader> item = MappingReader.of(file, "injects[" + i + "]", nodes.get(i), INJECT_FIELDS,
					errors);
			if (item.isEmpty()) {
				continue;
			}
			MappingReader r = item.get();
			String id = id(r, ids, "注入");
			Duration at = duration(r, "at");
			if (at != null && window != null && at.compareTo(Duration.between(window[0], window[1])) > 0) {
				r.error("at", "晚于演练窗口的结束（" + window[0] + "-" + window[1] + "）");
			}
			String kind = r.required("kind");
			String source = orEmpty(r.optional("source"));
			if (kind == null) {
				continue;
			}
			switch (kind) {
				case "declare" -> {
					only(r, Set.of("scenario", "chat"));
					String scenario = r.required("scenario");
					if (scenario != null && scenarios.stream().noneMatch((s) -> s.id().equals(scenario))) {
						r.error("scenario", "计划中没有场景 \"" + scenario + "\"");
					}
					String chat = r.optional("chat");
					if (id != null && at != null && scenario != null) {
						declares.put(id, at);
						injects.add(new DrillInject.Declare(id, at, scenario, chat, source));
					}
				}
				case "complication" -> {
					only(r, Set.of("text", "incident"));
					String text = r.required("text");
					String incident = r.optional("incident");
					if (incident != null) {
						declaredBefore(r, declares, incident, at);
					}
					if (id != null && at != null && text != null) {
						injects.add(new DrillInject.Complication(id, at, text, incident, source));
					}
				}
				case "fact" -> {
					only(r, Set.of("incident", "fact", "value", "text"));
					String incident = r.required("incident");
					if (incident != null) {
						declaredBefore(r, declares, incident, at);
					}
					String fact = r.required("fact");
					String value = r.required("value");
					if (fact != null && !DrillInject.FactChange.FACTS.contains(fact)) {
						r.error("fact",
								"未知事实；允许：" + String.join("、", DrillInject.FactChange.FACTS.stream().sorted().toList()));
					}
					else if (fact != null && value != null) {
						String problem = factValueProblem(fact, value);
						if (problem != null) {
							r.error("value", problem);
						}
					}
					if (id != null && at != null && incident != null && fact != null && value != null) {
						injects.add(new DrillInject.FactChange(id, at, incident, fact, value,
								orEmpty(r.optional("text")), source));
					}
				}
				default -> r.error("kind", "应为 declare（宣布演练）、complication（情况通报）或 fact（事实变化）");
			}
		}
		return injects;
	}

	private static void only(MappingReader r, Set<String> allowed) {
		for (String key : List.of("scenario", "chat", "text", "incident", "fact", "value")) {
			if (r.has(key) && !allowed.contains(key)) {
				r.error(key, "此类注入不用这个字段");
			}
		}
	}

	private static void declaredBefore(MappingReader r, Map<String, Duration> declares, String incident,
			@Nullable Duration at) {
		Duration declaredAt = declares.get(incident);
		if (declaredAt == null) {
			r.error("incident", "应为在它之前写出的宣布注入（kind: declare）的编号，没有 \"" + incident + "\"");
		}
		else if (at != null && at.compareTo(declaredAt) < 0) {
			r.error("at", "早于它所针对的宣布注入 " + incident + "（" + declaredAt + "）");
		}
	}

	/** What is wrong with a fact's value, or null. */
	static @Nullable String factValueProblem(String fact, String value) {
		switch (fact) {
			case "interruption" -> {
				return enumProblem(Interruption.class, value);
			}
			case "settlement" -> {
				return enumProblem(Settlement.class, value);
			}
			case "investorsAffected", "remoteAccess", "causeKnown" -> {
				return (value.equals("true") || value.equals("false")) ? null : "应为 true 或 false";
			}
			case "system" -> {
				String[] parts = value.split(":", 2);
				if (parts.length < 2 || SystemClass.fromKey(parts[0]).isEmpty()
						|| !Set.of("add", "FULL", "PARTIAL", "end").contains(parts[1])) {
					return "应为 系统:操作，系统为 "
							+ String.join("、",
									java.util.Arrays.stream(SystemClass.values()).map(SystemClass::key).toList())
							+ "，操作为 add、FULL、PARTIAL 或 end，如 bank-transfer:add";
				}
				return null;
			}
			default -> {
				return "未知事实";
			}
		}
	}

	private static <E extends Enum<E>> @Nullable String enumProblem(Class<E> type, String value) {
		for (E constant : type.getEnumConstants()) {
			if (constant.name().equals(value)) {
				return null;
			}
		}
		return "应为 " + String.join("、", java.util.Arrays.stream(type.getEnumConstants()).map(Enum::name).toList())
				+ " 之一";
	}

	private List<DrillPlan.Criterion> criteria(String file, MappingReader reader, List<DrillPlan.Scenario> scenarios,
			List<DrillInject> injects, List<ValidationError> errors) {
		List<DrillPlan.Criterion> criteria = new ArrayList<>();
		Map<String, Integer> ids = new HashMap<>();
		List<Node> nodes = reader.list("criteria");
		if (!reader.has("criteria") || nodes.isEmpty()) {
			errors.add(new ValidationError(file, reader.line("criteria"), "criteria", "至少要有一条演练成功标准"));
		}
		for (int i = 0; i < nodes.size(); i++) {
			Optional<MappingReader> item = MappingReader.of(file, "criteria[" + i + "]", nodes.get(i), CRITERION_FIELDS,
					errors);
			if (item.isEmpty()) {
				continue;
			}
			MappingReader r = item.get();
			String id = id(r, ids, "成功标准");
			String text = r.required("text");
			String from = r.required("from");
			DrillInject inject = (from == null) ? null
					: injects.stream().filter((candidate) -> candidate.id().equals(from)).findFirst().orElse(null);
			if (from != null && inject == null) {
				r.error("from", "计划中没有注入 \"" + from + "\"");
			}
			String reachText = r.required("reach");
			DrillPlan.Milestone milestone = (reachText == null) ? null
					: DrillPlan.Milestone.fromKey(reachText).orElse(null);
			if (reachText != null && milestone == null) {
				r.error("reach", "应为 declared（已宣布）、step（某步骤完成）、decision（某决策已作出）或 recovered（已恢复）");
			}
			String step = r.optional("step");
			boolean needsStep = milestone == DrillPlan.Milestone.STEP || milestone == DrillPlan.Milestone.DECISION;
			if (needsStep && step == null) {
				errors.add(new ValidationError(file, r.line(), r.field("step"), "reach 为 step 或 decision 时必填"));
			}
			else if (!needsStep && step != null && milestone != null) {
				r.error("step", "只有 reach 为 step 或 decision 时才用");
			}
			else if (needsStep && inject != null) {
				stepProblem(r, scenarios, injects, inject, step, milestone);
			}
			Duration within = duration(r, "within");
			if (within != null && within.isZero()) {
				r.error("within", "应大于零");
			}
			if (id != null && text != null && from != null && milestone != null && within != null) {
				criteria.add(new DrillPlan.Criterion(id, text, from, milestone, needsStep ? step : null, within,
						orEmpty(r.optional("source"))));
			}
		}
		return criteria;
	}

	/**
	 * A criterion's step must be a step (a decision, for DECISION) of the playbook its
	 * inject declares.
	 */
	private void stepProblem(MappingReader r, List<DrillPlan.Scenario> scenarios, List<DrillInject> injects,
			DrillInject inject, String step, DrillPlan.Milestone milestone) {
		String declareId = (inject instanceof DrillInject.Declare declare) ? declare.id()
				: (inject instanceof DrillInject.Complication complication) ? complication.incidentInject()
						: ((DrillInject.FactChange) inject).incidentInject();
		Optional<Playbook> playbook = injects.stream()
			.filter((candidate) -> candidate.id().equals(declareId) && candidate instanceof DrillInject.Declare)
			.map((candidate) -> ((DrillInject.Declare) candidate).scenarioId())
			.flatMap((scenarioId) -> scenarios.stream().filter((s) -> s.id().equals(scenarioId)))
			.findFirst()
			.flatMap((scenario) -> library.find(scenario.playbookId()));
		if (playbook.isEmpty()) {
			r.error("from", "此注入没有对应的演练事件，无法衡量步骤");
			return;
		}
		Optional<com.warroom.playbooks.Step> found = playbook.get().step(step);
		if (found.isEmpty()) {
			r.error("step", "预案 " + playbook.get().id() + " 中没有步骤 \"" + step + "\"");
		}
		else if (milestone == DrillPlan.Milestone.DECISION && !found.get().isDecision()) {
			r.error("step", "预案 " + playbook.get().id() + " 的步骤 " + step + " 不是决策步骤");
		}
	}

	private static @Nullable String id(MappingReader r, Map<String, Integer> ids, String what) {
		String id = r.required("id");
		if (id == null) {
			return null;
		}
		if (!PlaybookParser.ID.matcher(id).matches()) {
			r.error("id", "只能包含小写字母、数字、点和连字符");
			return null;
		}
		Integer first = ids.putIfAbsent(id, r.line("id"));
		if (first != null) {
			r.error("id", what + "编号重复（第一次出现在第 " + first + " 行）");
			return null;
		}
		return id;
	}

	private static @Nullable Duration duration(MappingReader r, String key) {
		String text = r.required(key);
		if (text == null) {
			return null;
		}
		try {
			Duration duration = Duration.parse(text);
			if (duration.isNegative()) {
				r.error(key, "不能为负");
				return null;
			}
			return duration;
		}
		catch (DateTimeParseException ex) {
			r.error(key, "应为 ISO-8601 时长，如 PT0M、PT10M、PT1H30M");
			return null;
		}
	}

	private static List<String> texts(String file, MappingReader r, String key, List<ValidationError> errors) {
		List<String> texts = new ArrayList<>();
		List<Node> nodes = r.list(key);
		for (int i = 0; i < nodes.size(); i++) {
			Node node = nodes.get(i);
			if (node instanceof ScalarNode scalar && !"tag:yaml.org,2002:null".equals(node.getTag().getValue())
					&& !scalar.getValue().isBlank()) {
				texts.add(scalar.getValue().strip());
			}
			else {
				errors.add(new ValidationError(file, MappingReader.line(node), r.field(key) + "[" + i + "]", "应为非空文字"));
			}
		}
		return texts;
	}

	private static String pad(String time) {
		return (time.length() == 4) ? "0" + time : time;
	}

	private static String orEmpty(@Nullable String text) {
		return (text == null) ? "" : text;
	}

}
