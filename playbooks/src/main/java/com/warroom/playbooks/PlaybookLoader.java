package com.warroom.playbooks;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

import com.warroom.playbooks.internal.PlaybookParser;
import com.warroom.playbooks.internal.VocabularyParser;
import org.jspecify.annotations.Nullable;

/**
 * Loads the playbook library: the bundled playbooks, then the files of an optional
 * directory ({@code PLAYBOOKS_DIR}) that add playbooks or override bundled ones by id.
 * Every file is validated and every error reported; a library with any error is not
 * returned. Thread-safe; never throws for bad file content.
 */
public final class PlaybookLoader {

	/** Classpath folder of the bundled playbooks. */
	public static final String BUNDLED_DIR = "playbooks/";

	/** Lists the bundled playbook files, one name a line (a jar cannot be listed). */
	public static final String BUNDLED_INDEX = BUNDLED_DIR + "index.txt";

	/** The bundled vocabulary of roles and contact categories. */
	public static final String BUNDLED_VOCABULARY = "warroom/vocabulary.yaml";

	/** In an extra directory, this file adds roles and contact categories. */
	public static final String VOCABULARY_FILE = "vocabulary.yaml";

	private PlaybookLoader() {
	}

	/** The bundled library alone. */
	public static LoadResult loadBundled() {
		return load(bundledFiles(), List.of(), null);
	}

	/**
	 * The bundled library with the files of {@code directory} on top.
	 * @param directory may be null (bundled only)
	 */
	public static LoadResult loadBundledWith(@Nullable Path directory) {
		if (directory == null) {
			return loadBundled();
		}
		List<ValidationError> errors = new ArrayList<>();
		List<PlaybookFile> extra = new ArrayList<>();
		PlaybookFile vocabulary = null;
		if (!Files.isDirectory(directory)) {
			errors.add(new ValidationError(directory.toString(), 0, "", "目录不存在或不是目录"));
			return new LoadResult(null, errors);
		}
		try (Stream<Path> files = Files.list(directory)) {
			for (Path path : files.sorted().toList()) {
				String name = path.getFileName().toString();
				if (!Files.isRegularFile(path) || !(name.endsWith(".yaml") || name.endsWith(".yml"))) {
					continue;
				}
				PlaybookFile file = new PlaybookFile(path.toString(), Files.readAllBytes(path));
				if (name.equals(VOCABULARY_FILE)) {
					vocabulary = file;
				}
				else {
					extra.add(file);
				}
			}
		}
		catch (IOException ex) {
			errors.add(new ValidationError(directory.toString(), 0, "", "无法读取目录：" + ex.getMessage()));
			return new LoadResult(null, errors);
		}
		return load(bundledFiles(), extra, vocabulary);
	}

	/**
	 * Loads two layers: {@code base} and {@code overrides}, where an override replaces
	 * the base playbook with the same id. Ids must be unique within each layer.
	 * @param extraVocabulary adds roles and contact categories; may be null
	 */
	public static LoadResult load(List<PlaybookFile> base, List<PlaybookFile> overrides,
			@Nullable PlaybookFile extraVocabulary) {
		List<ValidationError> errors = new ArrayList<>();
		Vocabulary vocabulary = bundledVocabulary();
		if (extraVocabulary != null) {
			Optional<Vocabulary> extra = VocabularyParser.parse(extraVocabulary.name(), extraVocabulary.content(), errors);
			if (extra.isPresent()) {
				vocabulary = vocabulary.merge(extra.get());
			}
		}
		PlaybookParser parser = new PlaybookParser(vocabulary);
		Map<String, Playbook> library = new LinkedHashMap<>();
		for (List<PlaybookFile> layer : List.of(base, overrides)) {
			Map<String, Playbook> layerIds = new LinkedHashMap<>();
			for (PlaybookFile file : layer) {
				Optional<Playbook> playbook = parser.parse(file.name(), file.content(), errors);
				if (playbook.isEmpty()) {
					continue;
				}
				Playbook first = layerIds.putIfAbsent(playbook.get().id(), playbook.get());
				if (first != null) {
					errors.add(new ValidationError(file.name(), 0, "id",
							"预案编号 \"" + playbook.get().id() + "\" 重复，已在 " + first.file() + " 中定义"));
				}
				else {
					library.put(playbook.get().id(), playbook.get());
				}
			}
		}
		if (!errors.isEmpty()) {
			return new LoadResult(null, errors);
		}
		if (library.isEmpty()) {
			errors.add(new ValidationError("", 0, "", "预案库为空：没有找到任何预案文件"));
			return new LoadResult(null, errors);
		}
		return new LoadResult(new PlaybookLibrary(library.values(), vocabulary), List.of());
	}

	/** The bundled vocabulary; it ships with the jar and is valid by test. */
	public static Vocabulary bundledVocabulary() {
		List<ValidationError> errors = new ArrayList<>();
		return VocabularyParser.parse(BUNDLED_VOCABULARY, resource(BUNDLED_VOCABULARY), errors)
			.orElseThrow(() -> new IllegalStateException("bundled vocabulary is invalid: " + errors));
	}

	/** The bundled playbook files as listed by the index. */
	public static List<PlaybookFile> bundledFiles() {
		String index = new String(resource(BUNDLED_INDEX), StandardCharsets.UTF_8);
		return index.lines()
			.map(String::strip)
			.filter((line) -> !line.isEmpty() && !line.startsWith("#"))
			.map((name) -> new PlaybookFile(name, resource(BUNDLED_DIR + name)))
			.toList();
	}

	private static byte[] resource(String name) {
		try (InputStream in = PlaybookLoader.class.getClassLoader().getResourceAsStream(name)) {
			if (in == null) {
				throw new IllegalStateException("missing bundled resource " + name);
			}
			return in.readAllBytes();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
