package com.warroom.playbooks.internal;

import java.io.StringReader;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;

import com.warroom.playbooks.ValidationError;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.Node;

/**
 * Turns the bytes of a data file into a YAML node tree, or into errors: not UTF-8, not
 * YAML, empty, too large. Aliases and deep nesting are bounded, so a hostile file cannot
 * exhaust memory. Thread-safe.
 */
public final class YamlDocuments {

	/** Larger files are refused; the biggest bundled playbook is about 10 KB. */
	public static final int MAX_BYTES = 1024 * 1024;

	private YamlDocuments() {
	}

	public static Optional<Node> parse(String file, byte[] content, List<ValidationError> errors) {
		if (content.length > MAX_BYTES) {
			errors.add(new ValidationError(file, 0, "", "文件过大（超过 1 MB）"));
			return Optional.empty();
		}
		String text;
		try {
			text = StandardCharsets.UTF_8.newDecoder()
				.onMalformedInput(CodingErrorAction.REPORT)
				.onUnmappableCharacter(CodingErrorAction.REPORT)
				.decode(ByteBuffer.wrap(content))
				.toString();
		}
		catch (CharacterCodingException ex) {
			errors.add(new ValidationError(file, firstBadLine(content), "", "文件不是 UTF-8 编码，请以 UTF-8 保存"));
			return Optional.empty();
		}
		if (text.startsWith("\uFEFF")) {
			text = text.substring(1);
		}
		LoaderOptions options = new LoaderOptions();
		options.setAllowDuplicateKeys(true); // reported by MappingReader with both lines
		options.setMaxAliasesForCollections(20);
		options.setNestingDepthLimit(20);
		options.setCodePointLimit(MAX_BYTES);
		options.setProcessComments(false);
		try {
			Node node = new Yaml(options).compose(new StringReader(text));
			if (node == null) {
				errors.add(new ValidationError(file, 0, "", "文件为空"));
				return Optional.empty();
			}
			return Optional.of(node);
		}
		catch (MarkedYAMLException ex) {
			Mark mark = (ex.getProblemMark() != null) ? ex.getProblemMark() : ex.getContextMark();
			int line = (mark != null) ? mark.getLine() + 1 : 0;
			errors.add(new ValidationError(file, line, "", "YAML 格式错误：" + firstLine(ex.getProblem())));
		}
		catch (YAMLException | IllegalArgumentException | IllegalStateException ex) {
			errors.add(new ValidationError(file, 0, "", "YAML 格式错误：" + firstLine(ex.getMessage())));
		}
		return Optional.empty();
	}

	private static String firstLine(String message) {
		if (message == null || message.isBlank()) {
			return "无法解析";
		}
		int end = message.indexOf('\n');
		return (end < 0) ? message : message.substring(0, end);
	}

	/** The 1-based line of the first byte that is not valid UTF-8. */
	private static int firstBadLine(byte[] content) {
		var decoder = StandardCharsets.UTF_8.newDecoder()
			.onMalformedInput(CodingErrorAction.REPORT)
			.onUnmappableCharacter(CodingErrorAction.REPORT);
		int line = 1;
		int start = 0;
		for (int i = 0; i <= content.length; i++) {
			if (i == content.length || content[i] == '\n') {
				try {
					decoder.reset().decode(ByteBuffer.wrap(content, start, i - start));
				}
				catch (CharacterCodingException ex) {
					return line;
				}
				line++;
				start = i + 1;
			}
		}
		return 0;
	}

}
