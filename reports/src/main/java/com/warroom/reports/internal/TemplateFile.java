package com.warroom.reports.internal;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.warroom.reports.NoticeTemplates.Template;

/**
 * Reads a notice template file: {@code #} lines are comments, {@code # 名称: …} names the
 * template and {@code # 选项 字段: a/b/c} lists a field's choices; the first other line is
 * the title and the rest the text. Placeholders are {@code ${名称}} or {@code ${名称:-默认值}};
 * names are words (letters, digits, _, full-width brackets), so nothing resembling a
 * lookup ({@code ${env:HOME}}) is accepted. Stateless.
 */
public final class TemplateFile {

	private static final Pattern PLACEHOLDER = Pattern.compile("\\$(\\$?)\\{([^}]*)\\}");

	private static final Pattern NAME = Pattern.compile("[\\p{L}\\p{N}_（）]+");

	private static final Pattern META = Pattern.compile("#\\s*(名称|选项\\s+(\\S+?))\\s*[:：]\\s*(.+)");

	private TemplateFile() {
	}

	/**
	 * @throws IllegalArgumentException naming {@code source} and the line of what is
	 * wrong
	 */
	public static Template parse(String id, String source, String content) {
		String name = id;
		Map<String, List<String>> choices = new LinkedHashMap<>();
		List<String> text = new ArrayList<>();
		Set<String> fields = new LinkedHashSet<>();
		Set<String> optional = new LinkedHashSet<>();
		String[] lines = content.replace("\uFEFF", "").replace("\r\n", "\n").replace('\r', '\n').split("\n", -1);
		for (int n = 0; n < lines.length; n++) {
			String line = lines[n];
			if (text.isEmpty() && line.startsWith("#")) {
				Matcher meta = META.matcher(line.strip());
				if (meta.matches() && meta.group(2) == null) {
					name = meta.group(3).strip();
				}
				else if (meta.matches()) {
					choices.put(meta.group(2), List.of(meta.group(3).strip().split("\\s*[/／]\\s*")));
				}
				continue;
			}
			if (text.isEmpty() && line.isBlank()) {
				continue;
			}
			text.add(line.stripTrailing());
			placeholders(source, n + 1, line, fields, optional);
		}
		while (!text.isEmpty() && text.get(text.size() - 1).isBlank()) {
			text.remove(text.size() - 1);
		}
		if (text.isEmpty()) {
			throw new IllegalArgumentException(source + ": 模板没有标题和正文");
		}
		String body = String.join("\n", text.subList(1, text.size())).strip();
		List<String> required = fields.stream().filter((f) -> !optional.contains(f)).toList();
		return new Template(id, name, source, text.get(0).strip(), body, List.copyOf(fields), required, choices);
	}

	private static void placeholders(String source, int line, String text, Set<String> fields, Set<String> optional) {
		Matcher placeholder = PLACEHOLDER.matcher(text);
		while (placeholder.find()) {
			if (!placeholder.group(1).isEmpty()) {
				continue; // $${…}: printed as ${…}
			}
			String inside = placeholder.group(2);
			int dflt = inside.indexOf(":-");
			String field = ((dflt >= 0) ? inside.substring(0, dflt) : inside).strip();
			if (!NAME.matcher(field).matches()) {
				throw new IllegalArgumentException(source + " 第 " + line + " 行：占位符 ${" + inside
						+ "} 不可用，名称只能由文字、数字和下划线组成（不支持 env:、sys:、file: 等查找）");
			}
			fields.add(field);
			if (dflt >= 0) {
				optional.add(field);
			}
		}
	}

}
