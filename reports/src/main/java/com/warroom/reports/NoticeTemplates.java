package com.warroom.reports;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Stream;

import com.warroom.reports.NoticeException.Problem;
import com.warroom.reports.internal.TemplateFile;
import org.apache.commons.text.StringSubstitutor;
import org.jspecify.annotations.Nullable;

/**
 * The customer notice templates of 附件十 (交易（行情）暂停通知, 结算数据延迟通知) and the 恢复通知 that follows
 * them (service-restored), as editable text files: bundled under
 * {@code warroom/notices/}, and optionally overridden or added to by {@code *.txt} files
 * in a directory of the company's (same file name = same id).
 * <p>
 * A template's {@code ${名称}} placeholders are filled from a plain map of the incident's
 * values and nothing else: no lookups ({@code ${env:…}}, {@code ${sys:…}},
 * {@code ${file:…}} are refused when a template is loaded), and a value is printed
 * exactly as typed, even when it contains {@code ${…}}. {@code $${…}} in a template
 * prints {@code ${…}}.
 * <p>
 * Templates are read once, at construction, and checked (a bad file fails with its name
 * and line). Immutable and thread-safe.
 */
public final class NoticeTemplates {

	/** The causes 附件十 offers: （计算机系统/电力供应/通讯系统）. */
	public static final List<String> CAUSES = List.of("计算机系统", "电力供应", "通讯系统");

	static final List<String> BUNDLED = List.of("trading-halt", "settlement-delay", "service-restored");

	private final Map<String, Template> templates;

	private final List<String> order;

	/** The bundled templates only. */
	public NoticeTemplates() {
		this(null);
	}

	/**
	 * The bundled templates, overridden or added to by the {@code *.txt} files in
	 * {@code overrides}.
	 * @param overrides a directory, or {@code null}; a directory that does not exist is
	 * ignored
	 * @throws IllegalArgumentException naming the file and line of a template that is not
	 * valid
	 */
	public NoticeTemplates(@Nullable Path overrides) {
		Map<String, Template> all = new LinkedHashMap<>();
		for (String id : BUNDLED) {
			all.put(id, TemplateFile.parse(id, "classpath:warroom/notices/" + id + ".txt", bundled(id)));
		}
		if (overrides != null && Files.isDirectory(overrides)) {
			try (Stream<Path> files = Files.list(overrides)) {
				for (Path file : files.filter((f) -> f.getFileName().toString().endsWith(".txt")).sorted().toList()) {
					String name = file.getFileName().toString();
					String id = name.substring(0, name.length() - ".txt".length());
					all.put(id,
							TemplateFile.parse(id, file.toString(), Files.readString(file, StandardCharsets.UTF_8)));
				}
			}
			catch (IOException ex) {
				throw new UncheckedIOException("Cannot read the notice templates in " + overrides, ex);
			}
		}
		this.templates = Map.copyOf(all);
		this.order = List.copyOf(all.keySet());
	}

	/** Every template, the bundled ones first. */
	public List<Template> list() {
		return order.stream().map(templates::get).toList();
	}

	/** The template with this id, e.g. {@code trading-halt}. */
	public Optional<Template> find(String id) {
		return Optional.ofNullable(templates.get(id));
	}

	/**
	 * Fills a template with the incident's values.
	 * @param values by placeholder name, e.g. 原因 → 计算机系统; names the template does not use
	 * are ignored; values are trimmed and printed as typed
	 * @throws NoticeException for an unknown template, missing values, or a value that is
	 * not one of its field's choices
	 */
	public Notice compose(String templateId, Map<String, String> values) {
		Template template = templates.get(templateId);
		if (template == null) {
			throw new NoticeException(Problem.UNKNOWN_TEMPLATE, List.of(), "没有“" + templateId + "”这个通知模板。可用的模板："
					+ String.join("、", list().stream().map((t) -> t.name() + "（" + t.id() + "）").toList()) + "。");
		}
		Map<String, String> given = new HashMap<>();
		List<String> missing = new ArrayList<>();
		for (String field : template.fields()) {
			String value = values.get(field);
			if (value != null && !value.isBlank()) {
				given.put(field, value.strip());
				checkChoice(template, field, value.strip());
			}
			else if (template.required().contains(field)) {
				missing.add(field);
			}
		}
		if (!missing.isEmpty()) {
			throw new NoticeException(Problem.MISSING_VALUES, missing,
					"“" + template.name() + "”还缺少：" + String.join("、", missing) + "。");
		}
		return new Notice(substitute(template.title(), given), substitute(template.body(), given));
	}

	/** {@link #compose} as one text: the title, a blank line, the notice. */
	public String render(String templateId, Map<String, String> values) {
		return compose(templateId, values).asText();
	}

	/** A date as the notices write it: 2026年11月22日. */
	public static String date(LocalDate date) {
		return date.getYear() + "年" + date.getMonthValue() + "月" + date.getDayOfMonth() + "日";
	}

	private static void checkChoice(Template template, String field, String value) {
		List<String> choices = template.choices().getOrDefault(field, List.of());
		if (!choices.isEmpty() && !choices.contains(value)) {
			throw new NoticeException(Problem.NOT_A_CHOICE, List.of(field),
					"“" + field + "”应为以下之一：" + String.join("、", choices) + "（收到：" + value + "）。");
		}
	}

	/** A map-only substitutor, made per call (StringSubstitutor is not thread-safe). */
	private static String substitute(String text, Map<String, String> values) {
		StringSubstitutor substitutor = new StringSubstitutor(values);
		substitutor.setDisableSubstitutionInValues(true);
		substitutor.setEnableSubstitutionInVariables(false);
		substitutor.setEnableUndefinedVariableException(true);
		return substitutor.replace(text);
	}

	private static String bundled(String id) {
		String resource = "/warroom/notices/" + id + ".txt";
		try (InputStream in = NoticeTemplates.class.getResourceAsStream(resource)) {
			return new String(Objects.requireNonNull(in, resource).readAllBytes(), StandardCharsets.UTF_8);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot read " + resource, ex);
		}
	}

	/**
	 * A notice template. Immutable.
	 *
	 * @param id its file name without {@code .txt}, e.g. {@code trading-halt}
	 * @param name how people call it, e.g. 交易（行情）暂停通知
	 * @param source where it was read from
	 * @param title the title line, with placeholders
	 * @param body the notice's text, with placeholders
	 * @param fields every placeholder, in order of first use
	 * @param required the placeholders without a default: a notice needs a value for each
	 * @param choices the allowed values of some fields, e.g. 原因 → {@link #CAUSES}
	 */
	public record Template(String id, String name, String source, String title, String body, List<String> fields,
			List<String> required, Map<String, List<String>> choices) {

		public Template {
			fields = List.copyOf(fields);
			required = List.copyOf(required);
			choices = Map.copyOf(choices);
		}

	}

}
