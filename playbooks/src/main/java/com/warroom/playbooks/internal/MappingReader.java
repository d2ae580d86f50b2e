package com.warroom.playbooks.internal;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import com.warroom.playbooks.ValidationError;
import org.jspecify.annotations.Nullable;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

/**
 * Reads the fields of one YAML mapping, reporting unknown, duplicate, missing and
 * mistyped fields as {@link ValidationError}s with their line. Never throws for bad
 * input. Not thread-safe; one per mapping.
 */
final class MappingReader {

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
	static Optional<MappingReader> of(String file, String path, Node node, Set<String> allowed,
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

	String field(String key) {
		return path.isEmpty() ? key : path + "." + key;
	}

	int line() {
		return line(node);
	}

	int line(String key) {
		return keyLines.getOrDefault(key, line(node));
	}

	/** Records a problem with the value of {@code key}. */
	void error(String key, String message) {
		Node value = values.get(key);
		errors.add(new ValidationError(file, (value != null) ? line(value) : line(node), field(key), message));
	}

	/** The raw value node of {@code key}; call {@link #has} first. */
	Node node(String key) {
		return values.get(key);
	}

	boolean has(String key) {
		return values.containsKey(key);
	}

	/** A non-blank text, or null with "missing" recorded. */
	@Nullable
	String required(String key) {
		if (!values.containsKey(key)) {
			errors.add(new ValidationError(file, line(node), field(key), "缺少必填字段"));
			return null;
		}
		return optional(key);
	}

	/** A non-blank text, null when absent; a blank or non-text value is an error. */
	@Nullable
	String optional(String key) {
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
	boolean bool(String key, boolean defaultValue) {
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
	List<Node> list(String key) {
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

	/** The number of items of a list value, 0 when absent or not a list; records nothing. */
	int size(String key) {
		return (values.get(key) instanceof SequenceNode sequence) ? sequence.getValue().size() : 0;
	}

	static int line(Node node) {
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
