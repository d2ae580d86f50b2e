package com.warroom.bot.roster;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import com.warroom.playbooks.DataFiles;
import com.warroom.playbooks.InvalidDataFileException;

/**
 * What responders say and what the playbooks and the contact book call it ("上期所" is
 * 上海期货交易所, "中央交易系统" is 集中交易系统): the bundled {@code warroom/synonyms.yaml} plus a
 * company's own file ({@code SYNONYMS_FILE}). Immutable and thread-safe.
 */
public final class Synonyms {

	/** Longest word first, so "主机供应商" wins over a shorter word inside it. */
	private final Map<String, String> words;

	private Synonyms(Map<String, String> words) {
		Map<String, String> sorted = new LinkedHashMap<>();
		words.entrySet()
			.stream()
			.sorted(Comparator.comparingInt((Map.Entry<String, String> e) -> e.getKey().length())
				.reversed()
				.thenComparing(Map.Entry::getKey))
			.forEach((e) -> sorted.put(e.getKey(), e.getValue()));
		this.words = sorted;
	}

	/** None: every query as typed. */
	public static Synonyms none() {
		return new Synonyms(Map.of());
	}

	/** The bundled synonyms. */
	public static Synonyms bundled() {
		try (var in = Synonyms.class.getClassLoader().getResourceAsStream("warroom/synonyms.yaml")) {
			return read("warroom/synonyms.yaml", in.readAllBytes());
		}
		catch (java.io.IOException ex) {
			throw new java.io.UncheckedIOException(ex);
		}
	}

	/**
	 * Reads a synonyms file: {@code synonyms:} mapping a word to a phrase.
	 * @throws InvalidDataFileException with every entry that is wrong, as
	 * {@code file:line: field: message}
	 */
	public static Synonyms parse(String yaml, String file) {
		return read(file, yaml.getBytes(StandardCharsets.UTF_8));
	}

	/**
	 * Reads the synonyms file {@code file} ({@code SYNONYMS_FILE}).
	 * @throws InvalidDataFileException with every entry that is wrong, as
	 * {@code file:line: field: message}
	 */
	public static Synonyms read(String file, byte[] content) {
		return DataFiles.read("同义词表", file, content, Set.of("synonyms"), (root) -> {
			if (!root.has("synonyms")) {
				root.error("synonyms", "应有 synonyms 键值对（词: 含义）");
			}
			Map<String, String> words = new LinkedHashMap<>();
			root.textMap("synonyms", "“词: 含义”")
				.forEach((word, meaning) -> words.put(word.toLowerCase(Locale.ROOT), meaning));
			return root.failed() ? null : new Synonyms(words);
		});
	}

	/**
	 * These with {@code more} added (an entry of {@code more} replaces one of the same
	 * word).
	 */
	public Synonyms and(Synonyms more) {
		Map<String, String> all = new LinkedHashMap<>(words);
		all.putAll(more.words);
		return new Synonyms(all);
	}

	/**
	 * The query in the library's words: every known word replaced by its meaning (longest
	 * first, each part of the query replaced at most once). Lower case.
	 */
	public String expand(String query) {
		String text = query.toLowerCase(Locale.ROOT);
		List<String> done = new ArrayList<>();
		for (Map.Entry<String, String> entry : words.entrySet()) {
			int at = text.indexOf(entry.getKey());
			if (at >= 0) {
				// a placeholder keeps a meaning from being
				// expanded again by a shorter word
				done.add(entry.getValue());
				text = text.substring(0, at) + " \u0000" + (done.size() - 1) + "\u0000 "
						+ text.substring(at + entry.getKey().length());
			}
		}
		for (int i = 0; i < done.size(); i++) {
			text = text.replace("\u0000" + i + "\u0000", done.get(i).toLowerCase(Locale.ROOT));
		}
		return text.replaceAll("\\s+", " ").strip();
	}

}
