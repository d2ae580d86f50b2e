package com.warroom.playbooks;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

import com.warroom.playbooks.internal.YamlDocuments;
import org.jspecify.annotations.Nullable;

/**
 * Reads one data file the way the playbooks are read: the bytes through
 * {@link YamlDocuments}, the top-level mapping through a {@link MappingReader}, and every
 * problem as {@code file:line: field: message}, by line. Thread-safe.
 */
public final class DataFiles {

	private DataFiles() {
	}

	/**
	 * The bytes of a configured file.
	 * @param subject what the file is, in Chinese, for the exception's message
	 * @throws InvalidDataFileException when it cannot be read (missing, a directory, no
	 * access)
	 */
	public static byte[] content(String subject, Path file) {
		try {
			return Files.readAllBytes(file);
		}
		catch (NoSuchFileException ex) {
			throw new InvalidDataFileException(subject, List.of(new ValidationError(file.toString(), 0, "", "文件不存在")));
		}
		catch (IOException ex) {
			throw new InvalidDataFileException(subject, List
				.of(new ValidationError(file.toString(), 0, "", "无法读取文件（" + ex.getClass().getSimpleName() + "）")));
		}
	}

	/**
	 * The value {@code parse} builds from the file's top-level mapping.
	 * @param subject what the file is, in Chinese, for the exception's message
	 * @param parse records its problems on the reader; may return null when it found any
	 * @throws InvalidDataFileException with every problem, when there is any
	 */
	public static <T> T read(String subject, String file, byte[] content, Set<String> allowed,
			Function<MappingReader, @Nullable T> parse) {
		List<ValidationError> errors = new ArrayList<>();
		Optional<MappingReader> root = YamlDocuments.parse(file, content, errors)
			.flatMap((node) -> MappingReader.of(file, "", node, allowed, errors));
		T value = null;
		if (root.isPresent()) {
			try {
				value = parse.apply(root.get());
			}
			catch (InvalidDataFileException ex) {
				throw ex;
			}
			catch (IllegalArgumentException ex) {
				// a rule the value itself checks (e.g.
				// a date both holiday and working day)
				errors.add(new ValidationError(file, 0, "", ex.getMessage()));
			}
		}
		if (!errors.isEmpty() || value == null) {
			if (errors.isEmpty()) {
				errors.add(new ValidationError(file, 0, "", "无法读取"));
			}
			// by line, as one walks the file (problems of the whole file first)
			errors.sort(Comparator.comparingInt(ValidationError::line));
			throw new InvalidDataFileException(subject, errors);
		}
		return value;
	}

}
