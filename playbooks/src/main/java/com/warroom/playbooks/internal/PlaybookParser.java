package com.warroom.playbooks.internal;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

import com.warroom.playbooks.Answer;
import com.warroom.playbooks.Impact;
import com.warroom.playbooks.Interruption;
import com.warroom.playbooks.MappingReader;
import com.warroom.playbooks.Phase;
import com.warroom.playbooks.Playbook;
import com.warroom.playbooks.ReportingMode;
import com.warroom.playbooks.Step;
import com.warroom.playbooks.StepKind;
import com.warroom.playbooks.SystemClass;
import com.warroom.playbooks.Track;
import com.warroom.playbooks.ValidationError;
import com.warroom.playbooks.Vocabulary;
import org.jspecify.annotations.Nullable;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.ScalarNode;

/**
 * Reads one playbook file into a {@link Playbook}, recording every problem it finds
 * (fields, values, the step graph) instead of stopping at the first. Thread-safe.
 */
public final class PlaybookParser {

	static final Pattern ID = Pattern.compile("[a-z0-9][a-z0-9.-]*");

	private static final Set<String> PLAYBOOK_FIELDS = Set.of("id", "title", "group", "annex", "category",
			"system_class", "affects", "remote_exchange_access", "reporting", "source", "description", "impact",
			"stakeholders", "contacts", "contacts_text", "flow", "steps", "after");

	private static final Set<String> STEP_FIELDS = Set.of("id", "kind", "phase", "role", "confirm", "text", "question",
			"answers", "next", "source");

	private static final Set<String> ANSWER_FIELDS = Set.of("label", "next", "fact");

	private final Vocabulary vocabulary;

	public PlaybookParser(Vocabulary vocabulary) {
		this.vocabulary = vocabulary;
	}

	/**
	 * Parses and validates one file.
	 * @param file the file name, used in errors and checked against the id
	 * @param content the raw bytes
	 * @param errors where problems are added
	 * @return the playbook when the file had no error
	 */
	public Optional<Playbook> parse(String file, byte[] content, List<ValidationError> errors) {
		int before = errors.size();
		Optional<Node> root = YamlDocuments.parse(file, content, errors);
		if (root.isEmpty()) {
			return Optional.empty();
		}
		Optional<MappingReader> maybeReader = MappingReader.of(file, "", root.get(), PLAYBOOK_FIELDS, errors);
		if (maybeReader.isEmpty()) {
			return Optional.empty();
		}
		MappingReader reader = maybeReader.get();
		String id = reader.required("id");
		if (id != null && !ID.matcher(id).matches()) {
			errors.add(new ValidationError(file, reader.line("id"), "id", "只能包含小写字母、数字、点和连字符"));
		}
		if (id != null && !baseName(file).equals(id)) {
			errors.add(new ValidationError(file, reader.line("id"), "id", "与文件名不一致：文件应命名为 " + id + ".yaml"));
		}
		String title = reader.required("title");
		String category = reader.required("category");
		String description = reader.required("description");
		SystemClass systemClass = parseEnum(reader, "system_class", SystemClass::fromKey, true,
				"central-trading、online-trading、bank-transfer、quotes、website、network、branch");
		ReportingMode reporting = parseEnum(reader, "reporting", ReportingMode::fromKey, false, "at-once、by-class");
		List<String> contacts = new ArrayList<>();
		List<Node> contactNodes = reader.list("contacts");
		for (int i = 0; i < contactNodes.size(); i++) {
			Node node = contactNodes.get(i);
			String field = "contacts[" + i + "]";
			if (!(node instanceof ScalarNode scalar) || scalar.getValue().isBlank()) {
				errors.add(new ValidationError(file, MappingReader.line(node), field, "应为联络类别"));
			}
			else if (!vocabulary.contactCategories().containsKey(scalar.getValue().strip())) {
				errors.add(new ValidationError(file, MappingReader.line(node), field, "未知的联络类别 \"" + scalar.getValue()
						+ "\"；可用：" + String.join("、", sortedKeys(vocabulary.contactCategories().keySet()))));
			}
			else {
				contacts.add(scalar.getValue().strip());
			}
		}
		List<Impact> affects = affects(file, reader, systemClass, errors);
		boolean remoteExchangeAccess = reader.bool("remote_exchange_access", false);
		Map<String, StepGraph.Location> locations = new HashMap<>();
		List<Step> flow = parseTrack(file, reader, Track.FLOW, locations, errors);
		List<Step> steps = parseTrack(file, reader, Track.STEPS, locations, errors);
		List<Step> after = parseTrack(file, reader, Track.AFTER, locations, errors);
		if (flow.isEmpty() && steps.isEmpty() && !reader.has("flow") && !reader.has("steps")) {
			errors.add(new ValidationError(file, reader.line(), "steps", "预案至少需要处置流程（flow）或具体处置方法（steps）之一"));
		}
		int fieldErrors = errors.size();
		// the graph is checked even when other fields
		// are wrong, so every error shows at once
		Playbook playbook = new Playbook((id != null) ? id : "", (title != null) ? title : "", reader.optional("group"),
				reader.optional("annex"), (category != null) ? category : "",
				(systemClass != null) ? systemClass : SystemClass.NETWORK,
				(reporting != null) ? reporting : ReportingMode.BY_CLASS, reader.optional("source"),
				(description != null) ? description : "", reader.optional("impact"), reader.optional("stakeholders"),
				contacts, reader.optional("contacts_text"), flow, steps, after, file, affects, remoteExchangeAccess);
		if (stepsComplete(reader, flow, steps, after)) {
			StepGraph.check(playbook, locations, errors);
		}
		return (errors.size() > before || fieldErrors > before) ? Optional.empty() : Optional.of(playbook);
	}

	/**
	 * {@code affects}: a list of system classes, each a key ({@code online-trading}:
	 * extent not yet known) or a one-entry map with its extent
	 * ({@code online-trading: partial}).
	 */
	private static List<Impact> affects(String file, MappingReader reader, @Nullable SystemClass own,
			List<ValidationError> errors) {
		List<Impact> affects = new ArrayList<>();
		List<Node> nodes = reader.list("affects");
		for (int i = 0; i < nodes.size(); i++) {
			Node node = nodes.get(i);
			String field = "affects[" + i + "]";
			String key = null;
			String extentKey = "unknown";
			if (node instanceof ScalarNode scalar) {
				key = scalar.getValue().strip();
			}
			else if (node instanceof MappingNode map && map.getValue().size() == 1
					&& map.getValue().get(0).getKeyNode() instanceof ScalarNode k
					&& map.getValue().get(0).getValueNode() instanceof ScalarNode v) {
				key = k.getValue().strip();
				extentKey = v.getValue().strip();
			}
			Optional<SystemClass> system = (key != null) ? SystemClass.fromKey(key) : Optional.empty();
			Optional<Interruption> extent = switch (extentKey) {
				case "full" -> Optional.of(Interruption.FULL);
				case "partial" -> Optional.of(Interruption.PARTIAL);
				case "unknown" -> Optional.of(Interruption.UNKNOWN);
				default -> Optional.empty();
			};
			if (system.isEmpty()) {
				errors.add(new ValidationError(file, MappingReader.line(node), field,
						"应为系统类别（可带中断范围，如 online-trading: partial）：central-trading、online-trading、bank-transfer、quotes、website、network、branch"));
			}
			else if (extent.isEmpty()) {
				errors.add(new ValidationError(file, MappingReader.line(node), field, "中断范围应为 full、partial 或 unknown"));
			}
			else if (system.get() == own || affects.stream().anyMatch((impact) -> impact.system() == system.get())) {
				errors.add(new ValidationError(file, MappingReader.line(node), field,
						"重复的系统类别 " + system.get().key() + "（本预案的 system_class 无需再列）"));
			}
			else {
				affects.add(new Impact(system.get(), extent.get(), Duration.ZERO, true));
			}
		}
		return affects;
	}

	/**
	 * Whether every listed step parsed (a graph with dropped steps would give false
	 * errors).
	 */
	private static boolean stepsComplete(MappingReader reader, List<Step> flow, List<Step> steps, List<Step> after) {
		return reader.size(Track.FLOW.key()) == flow.size() && reader.size(Track.STEPS.key()) == steps.size()
				&& reader.size(Track.AFTER.key()) == after.size();
	}

	private List<Step> parseTrack(String file, MappingReader reader, Track track,
			Map<String, StepGraph.Location> locations, List<ValidationError> errors) {
		List<Step> result = new ArrayList<>();
		List<Node> items = reader.list(track.key());
		for (int i = 0; i < items.size(); i++) {
			String path = track.key() + "[" + i + "]";
			Optional<MappingReader> stepReader = MappingReader.of(file, path, items.get(i), STEP_FIELDS, errors);
			Optional<Step> step = stepReader.flatMap((r) -> parseStep(file, r, errors));
			if (step.isPresent()) {
				StepGraph.Location location = new StepGraph.Location(path, stepReader.get().line(),
						stepReader.get().line("next"));
				StepGraph.Location first = locations.putIfAbsent(step.get().id(), location);
				if (first != null) {
					errors.add(new ValidationError(file, stepReader.get().line("id"), path + ".id",
							"步骤编号 \"" + step.get().id() + "\" 重复（已用于 " + first.field() + "，第 " + first.line() + " 行）"));
				}
				else {
					result.add(step.get());
				}
			}
		}
		if (reader.has(track.key()) && items.isEmpty()) {
			errors.add(new ValidationError(file, reader.line(track.key()), track.key(), "步骤列表为空"));
		}
		return result;
	}

	private Optional<Step> parseStep(String file, MappingReader reader, List<ValidationError> errors) {
		int before = errors.size();
		String id = reader.required("id");
		if (id != null && (!ID.matcher(id).matches() || id.equals(Step.END))) {
			errors.add(
					new ValidationError(file, reader.line("id"), reader.field("id"), "步骤编号只能包含小写字母、数字、点和连字符，且不能是 end"));
		}
		StepKind kind = parseEnum(reader, "kind", StepKind::fromKey, true, "action、decision、notify、report、approval");
		Phase phase = parseEnum(reader, "phase", Phase::fromLabel, true, "发现、处理、善后");
		String role = reader.required("role");
		if (role != null && !vocabulary.roles().containsKey(role)) {
			errors.add(new ValidationError(file, reader.line("role"), reader.field("role"),
					"未知角色 \"" + role + "\"；可用：" + String.join("、", sortedKeys(vocabulary.roles().keySet()))));
		}
		boolean confirm = reader.bool("confirm", false);
		String text = reader.required("text");
		String question = reader.optional("question");
		String next = reader.optional("next");
		List<Answer> answers = parseAnswers(file, reader, errors);
		if (kind == StepKind.DECISION) {
			if (question == null && !reader.has("question")) {
				errors.add(new ValidationError(file, reader.line(), reader.field("question"), "决策步骤必须有问题（question）"));
			}
			if (answers.size() < 2 && reader.has("answers")) {
				errors.add(new ValidationError(file, reader.line("answers"), reader.field("answers"), "决策步骤至少需要两个答案"));
			}
			else if (!reader.has("answers")) {
				errors.add(new ValidationError(file, reader.line(), reader.field("answers"), "决策步骤必须有答案（answers）"));
			}
			if (next != null) {
				errors.add(
						new ValidationError(file, reader.line("next"), reader.field("next"), "决策步骤的去向由答案决定，不能再写 next"));
			}
		}
		else if (kind != null && (reader.has("answers") || reader.has("question"))) {
			String key = reader.has("answers") ? "answers" : "question";
			errors
				.add(new ValidationError(file, reader.line(key), reader.field(key), "只有决策步骤（kind: decision）才能有问题和答案"));
		}
		if (confirm && kind == StepKind.APPROVAL) {
			errors.add(new ValidationError(file, reader.line("confirm"), reader.field("confirm"), "审批步骤由领导批准，不需要双岗复核"));
		}
		if (confirm && kind == StepKind.DECISION) {
			errors.add(new ValidationError(file, reader.line("confirm"), reader.field("confirm"), "决策步骤不需要双岗复核"));
		}
		if (errors.size() > before || id == null || kind == null || phase == null || role == null || text == null) {
			return Optional.empty();
		}
		return Optional
			.of(new Step(id, kind, phase, role, confirm, text, question, answers, next, reader.optional("source")));
	}

	private List<Answer> parseAnswers(String file, MappingReader reader, List<ValidationError> errors) {
		List<Answer> answers = new ArrayList<>();
		List<Node> items = reader.list("answers");
		for (int i = 0; i < items.size(); i++) {
			String path = reader.field("answers") + "[" + i + "]";
			Optional<MappingReader> answer = MappingReader.of(file, path, items.get(i), ANSWER_FIELDS, errors);
			if (answer.isPresent()) {
				String label = answer.get().required("label");
				String next = answer.get().required("next");
				if (label != null && answers.stream().anyMatch((a) -> a.label().equals(label))) {
					errors.add(new ValidationError(file, answer.get().line("label"), path + ".label", "答案重复"));
				}
				String fact = answer.get().optional("fact");
				if (fact != null && !Answer.CRIME.equals(fact)) {
					errors.add(new ValidationError(file, answer.get().line("fact"), path + ".fact",
							"未知的事实 \"" + fact + "\"；可用：" + Answer.CRIME));
				}
				else if (label != null && next != null) {
					answers.add(new Answer(label, next, fact));
				}
			}
		}
		return answers;
	}

	@Nullable private static <E> E parseEnum(MappingReader reader, String key,
			java.util.function.Function<String, Optional<E>> lookup, boolean required, String allowed) {
		String value = required ? reader.required(key) : reader.optional(key);
		if (value == null) {
			return null;
		}
		Optional<E> parsed = lookup.apply(value);
		if (parsed.isEmpty()) {
			reader.error(key, "无效的值 \"" + value + "\"；可用：" + allowed);
			return null;
		}
		return parsed.get();
	}

	static String baseName(String file) {
		String name = file.replace('\\', '/');
		name = name.substring(name.lastIndexOf('/') + 1);
		int dot = name.lastIndexOf('.');
		return (dot > 0) ? name.substring(0, dot) : name;
	}

	private static List<String> sortedKeys(Set<String> keys) {
		return keys.stream().sorted().toList();
	}

}
