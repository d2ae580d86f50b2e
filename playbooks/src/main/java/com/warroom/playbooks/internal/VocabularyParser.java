package com.warroom.playbooks.internal;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import com.warroom.playbooks.MappingReader;
import com.warroom.playbooks.ValidationError;
import com.warroom.playbooks.Vocabulary;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;

/**
 * Reads a {@code vocabulary.yaml}: {@code roles} and {@code contact_categories}, key →
 * Chinese name.
 */
public final class VocabularyParser {

	private VocabularyParser() {
	}

	public static Optional<Vocabulary> parse(String file, byte[] content, List<ValidationError> errors) {
		int before = errors.size();
		Optional<MappingReader> reader = YamlDocuments.parse(file, content, errors)
			.flatMap((root) -> MappingReader.of(file, "", root, Set.of("roles", "contact_categories"), errors));
		if (reader.isEmpty()) {
			return Optional.empty();
		}
		Map<String, String> roles = names(file, "roles", reader.get(), errors);
		Map<String, String> categories = names(file, "contact_categories", reader.get(), errors);
		return (errors.size() > before) ? Optional.empty() : Optional.of(new Vocabulary(roles, categories));
	}

	private static Map<String, String> names(String file, String key, MappingReader reader,
			List<ValidationError> errors) {
		Map<String, String> names = new LinkedHashMap<>();
		if (!reader.has(key)) {
			return names;
		}
		Node node = reader.node(key);
		if (!(node instanceof MappingNode mapping)) {
			reader.error(key, "应为“键: 名称”的映射");
			return names;
		}
		for (NodeTuple tuple : mapping.getValue()) {
			if (tuple.getKeyNode() instanceof ScalarNode name && tuple.getValueNode() instanceof ScalarNode value
					&& PlaybookParser.ID.matcher(name.getValue()).matches() && !value.getValue().isBlank()) {
				if (names.putIfAbsent(name.getValue(), value.getValue().strip()) != null) {
					errors
						.add(new ValidationError(file, MappingReader.line(name), key + "." + name.getValue(), "重复的键"));
				}
			}
			else {
				errors.add(new ValidationError(file, MappingReader.line(tuple.getKeyNode()), key, "每项应为“小写键: 中文名称”"));
			}
		}
		return names;
	}

}
