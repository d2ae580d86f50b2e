package com.warroom.playbooks;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.jspecify.annotations.Nullable;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

/**
 * Reads the fields of one YAML mapping, reporting unknown, duplicate, missing and
 * mistyped fields as {@link ValidationError}s with their line. Never throws for bad
 * input. Not thread-safe; one per mapping. The one line-aware reader of every data file:
 * the playbooks, and the roster, contact book, synonyms, escalation policy, reporting
 * policy and calendar.
 */
public final class MappingReader {

	private final String file;

	private final String path;

	private final Node node;

	private final List<ValidationError> errors;

	private final Map<String, Node> values = new LinkedHashMap<>();

	private final Map<String, Integer> keyLines = new HashMap<>();

	private MappingReader(String file, String path, Node node, List<ValidationError> errors) {
		this.file = file;
		this.path = path;
		this.node = node;
		this.errors = errors;
	}

	/**
	 * A reader for {@code node}, or empty (with an error recorded) when it is not a
	 * mapping.
	 */
	public static Optional<MappingReader> of(String file, String path, Node node, Set<String> allowed,
			List<ValidationError> errors) {
		if (!(node instanceof MappingNode mapping)) {
			errors.add(new ValidationError(file, line(node), path, "应为键值对（映射），实际是" + describe(node)));
			return Optional.empty();
		}
		MappingReader reader = new MappingReader(file, path, node, errors);
		for (NodeTuple tuple : mapping.getValue()) {
			Node keyNode = tuple.getKeyNode();
			if (!(keyNode instanceof ScalarNode scalarKey)) {
				errors.add(new ValidationError(file, line(keyNode), path, "字段名必须是文字"));
				continue;
			}
			String key = scalarKey.getValue();
			String field = reader.field(key);
			if (!allowed.contains(key)) {
				errors.add(new ValidationError(file, line(keyNode), field,
						"未知字段；允许的字段：" + String.join("、", sorted(allowed))));
			}
			else if (reader.values.containsKey(key)) {
				errors.add(new ValidationError(file, line(keyNode), field,
						"字段重复（第一次出现在第 " + reader.keyLines.get(key) + " 行）"));
			}
			else {
				reader.values.put(key, tuple.getValueNode());
				reader.keyLines.put(key, line(keyNode));
			}
		}
		return Optional.of(reader);
	}

	public String field(String key) {
		return path.isEmpty() ? key : path + "." + key;
	}

	public int line() {
		return line(node);
	}

	public int line(String key) {
		return keyLines.getOrDefault(key, line(node));
	}

	/** Records a problem with the value of {@code key}. */
	public void error(String key, String message) {
		Node value = values.get(key);
		errors.add(new ValidationError(file, (value != null) ? line(value) : line(node), field(key), message));
	}

	/** The raw value node of {@code key}; call {@link #has} first. */
	public Node node(String key) {
		return values.get(key);
	}

	public boolean has(String key) {
		return values.containsKey(key);
	}

	/** A non-blank text, or null with "missing" recorded. */
	@Nullable public String required(String key) {
		if (!values.containsKey(key)) {
			errors.add(new ValidationError(file, line(node), field(key), "缺少必填字段"));
			return null;
		}
		return optional(key);
	}

	/** A non-blank text, null when absent; a blank or non-text value is an error. */
	@Nullable public String optional(String key) {
		Node value = values.get(key);
		if (value == null) {
			return null;
		}
		if (!(value instanceof ScalarNode scalar) || "tag:yaml.org,2002:null".equals(value.getTag().getValue())) {
			errors.add(new ValidationError(file, line(value), field(key), "应为文字，实际是" + describe(value)));
			return null;
		}
		String text = scalar.getValue().strip();
		if (text.isEmpty()) {
			errors.add(new ValidationError(file, line(value), field(key), "不能为空"));
			return null;
		}
		return text;
	}

	/** {@code true}/{@code false}, the default when absent. */
	public boolean bool(String key, boolean defaultValue) {
		Node value = values.get(key);
		if (value == null) {
			return defaultValue;
		}
		if (value instanceof ScalarNode scalar) {
			String text = scalar.getValue().strip();
			if (text.equals("true")) {
				return true;
			}
			if (text.equals("false")) {
				return false;
			}
		}
		errors.add(new ValidationError(file, line(value), field(key), "应为 true 或 false"));
		return defaultValue;
	}

	/** The items of a list, empty when absent; a non-list value is an error. */
	public List<Node> list(String key) {
		Node value = values.get(key);
		if (value == null) {
			return List.of();
		}
		if (!(value instanceof SequenceNode sequence)) {
			errors.add(new ValidationError(file, line(value), field(key), "应为列表，实际是" + describe(value)));
			return List.of();
		}
		return sequence.getValue();
	}

	/**
	 * The number of items of a list value, 0 when absent or not a list; records nothing.
	 */
	public int size(String key) {
		return (values.get(key) instanceof SequenceNode sequence) ? sequence.getValue().size() : 0;
	}

	/** The file this mapping is in. */
	public String file() {
		return file;
	}

	/** This mapping's own path, e.g. {@code people[3]}; empty at the top. */
	public String path() {
		return path;
	}

	/** The keys present, in file order (unknown and duplicate ones left out). */
	public Set<String> keys() {
		return values.keySet();
	}

	/**
	 * Records a problem with this mapping as a whole (e.g. two fields that exclude each
	 * other).
	 */
	public void error(String message) {
		errors.add(new ValidationError(file, line(node), path, message));
	}

	/** Records a problem at {@code node} (an item of a list, a key of a mapping). */
	public void error(Node at, String field, String message) {
		errors.add(new ValidationError(file, line(at), field, message));
	}

	/**
	 * Whether any problem has been recorded in this file so far (by this reader or
	 * another).
	 */
	public boolean failed() {
		return !errors.isEmpty();
	}

	/**
	 * A reader of {@code node} (a value of this mapping's entries), in the same file,
	 * recording into the same errors.
	 */
	public Optional<MappingReader> reader(Node node, String path, Set<String> allowed) {
		return of(file, path, node, allowed, errors);
	}

	/**
	 * A reader of the mapping under {@code key}, empty when absent or (with an error) not
	 * a mapping.
	 */
	public Optional<MappingReader> mapping(String key, Set<String> allowed) {
		Node value = values.get(key);
		return (value == null) ? Optional.empty() : of(file, field(key), value, allowed, errors);
	}

	/**
	 * Readers of the mappings a list holds, each with its path {@code key[i]}; a
	 * non-mapping item is an error.
	 */
	public List<MappingReader> mappings(String key, Set<String> allowed) {
		List<MappingReader> readers = new ArrayList<>();
		List<Node> items = list(key);
		for (int i = 0; i < items.size(); i++) {
			of(file, field(key) + "[" + i + "]", items.get(i), allowed, errors).ifPresent(readers::add);
		}
		return readers;
	}

	/**
	 * The texts of a list of words, empty when absent; a blank or non-text item is an
	 * error at its line.
	 */
	public List<String> texts(String key) {
		List<String> texts = new ArrayList<>();
		List<Node> items = list(key);
		for (int i = 0; i < items.size(); i++) {
			String text = text(items.get(i), field(key) + "[" + i + "]");
			if (text != null) {
				texts.add(text);
			}
		}
		return texts;
	}

	/**
	 * A mapping of words to texts ({@code accounts: { telegram: "9000" }}), in file
	 * order, empty when absent; a non-mapping, a duplicate key or a blank value is an
	 * error.
	 * @param what how the expected form is named in the error, e.g. {@code “渠道: 账号”}
	 */
	public Map<String, String> textMap(String key, String what) {
		Map<String, String> texts = new LinkedHashMap<>();
		for (Map.Entry<String, Node> entry : entries(key, what).entrySet()) {
			String text = text(entry.getValue(), field(key) + "." + entry.getKey());
			if (text != null) {
				texts.put(entry.getKey(), text);
			}
		}
		return texts;
	}

	/**
	 * The entries of a free-form mapping (keys not known in advance: years, system
	 * classes), in file order, empty when absent; a non-mapping, a blank or non-text key
	 * or a duplicate key is an error at its line.
	 */
	public Map<String, Node> entries(String key, String what) {
		Map<String, Node> entries = new LinkedHashMap<>();
		Node value = values.get(key);
		if (value == null) {
			return entries;
		}
		if (!(value instanceof MappingNode mapping)) {
			errors.add(new ValidationError(file, line(value), field(key), "应为" + what + "的键值对，实际是" + describe(value)));
			return entries;
		}
		for (NodeTuple tuple : mapping.getValue()) {
			if (!(tuple.getKeyNode() instanceof ScalarNode name) || name.getValue().isBlank()) {
				errors.add(new ValidationError(file, line(tuple.getKeyNode()), field(key), "键必须是文字"));
				continue;
			}
			String entryKey = name.getValue().strip();
			if (entries.putIfAbsent(entryKey, tuple.getValueNode()) != null) {
				errors.add(new ValidationError(file, line(name), field(key) + "." + entryKey, "键重复"));
			}
		}
		return entries;
	}

	/** A positive whole number, the default when absent. */
	public int positive(String key, int defaultValue) {
		Node value = values.get(key);
		if (value == null) {
			return defaultValue;
		}
		if (value instanceof ScalarNode scalar && scalar.getValue().strip().matches("[0-9]{1,9}")
				&& Integer.parseInt(scalar.getValue().strip()) > 0) {
			return Integer.parseInt(scalar.getValue().strip());
		}
		errors.add(new ValidationError(file, line(value), field(key), "应为正整数"));
		return defaultValue;
	}

	/**
	 * The non-blank text of a scalar node, or null with the error recorded under
	 * {@code field}.
	 */
	@Nullable public String text(Node value, String field) {
		if (!(value instanceof ScalarNode scalar) || "tag:yaml.org,2002:null".equals(value.getTag().getValue())) {
			errors.add(new ValidationError(file, line(value), field, "应为文字，实际是" + describe(value)));
			return null;
		}
		String text = scalar.getValue().strip();
		if (text.isEmpty()) {
			errors.add(new ValidationError(file, line(value), field, "不能为空"));
			return null;
		}
		return text;
	}

	public static int line(Node node) {
		return node.getStartMark() != null ? node.getStartMark().getLine() + 1 : 0;
	}

	private static String describe(Node node) {
		if (node instanceof MappingNode) {
			return "键值对";
		}
		if (node instanceof SequenceNode) {
			return "列表";
		}
		if ("tag:yaml.org,2002:null".equals(node.getTag().getValue())) {
			return "空值";
		}
		return "文字";
	}

	private static List<String> sorted(Set<String> keys) {
		return keys.stream().sorted().toList();
	}

}
