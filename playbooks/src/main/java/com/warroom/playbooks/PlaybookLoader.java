package com.warroom.playbooks;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

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
		Optional<List<PlaybookFile>> files = LayeredFiles.directory(directory, errors);
		if (files.isEmpty()) {
			return new LoadResult(null, errors);
		}
		List<PlaybookFile> extra = new ArrayList<>();
		PlaybookFile vocabulary = null;
		for (PlaybookFile file : files.get()) {
			if (Path.of(file.name()).getFileName().toString().equals(VOCABULARY_FILE)) {
				vocabulary = file;
			}
			else {
				extra.add(file);
			}
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
			Optional<Vocabulary> extra = VocabularyParser.parse(extraVocabulary.name(), extraVocabulary.content(),
					errors);
			if (extra.isPresent()) {
				vocabulary = vocabulary.merge(extra.get());
			}
		}
		PlaybookParser parser = new PlaybookParser(vocabulary);
		Map<String, Playbook> library = LayeredFiles.mergeById(List.of(base, overrides),
				(file, found) -> parser.parse(file.name(), file.content(), found), Playbook::id, Playbook::file, "预案",
				errors);
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
		return VocabularyParser.parse(BUNDLED_VOCABULARY, LayeredFiles.resource(BUNDLED_VOCABULARY), errors)
			.orElseThrow(() -> new IllegalStateException("bundled vocabulary is invalid: " + errors));
	}

	/** The bundled playbook files as listed by the index. */
	public static List<PlaybookFile> bundledFiles() {
		return LayeredFiles.bundled(BUNDLED_DIR, BUNDLED_INDEX);
	}

}
