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
import java.util.function.Function;
import java.util.stream.Stream;

/**
 * The layered loading the playbook and drill-plan loaders share: the bundled files a
 * classpath index lists, the {@code *.yaml} files of an extra directory on top, and items
 * merged by id, an item of a later layer replacing the one of an earlier layer with the
 * same id. Never throws for bad file content; thread-safe.
 */
final class LayeredFiles {

	private LayeredFiles() {
	}

	/**
	 * The bundled files that {@code index} (one name a line, {@code #} comments) lists
	 * under {@code dir}.
	 */
	static List<PlaybookFile> bundled(String dir, String index) {
		String names = new String(resource(index), StandardCharsets.UTF_8);
		return names.lines()
			.map(String::strip)
			.filter((line) -> !line.isEmpty() && !line.startsWith("#"))
			.map((name) -> new PlaybookFile(name, resource(dir + name)))
			.toList();
	}

	/**
	 * The {@code *.yaml} and {@code *.yml} files of {@code directory}, by name; empty,
	 * with the error recorded, when it is not a readable directory.
	 */
	static Optional<List<PlaybookFile>> directory(Path directory, List<ValidationError> errors) {
		if (!Files.isDirectory(directory)) {
			errors.add(new ValidationError(directory.toString(), 0, "", "目录不存在或不是目录"));
			return Optional.empty();
		}
		List<PlaybookFile> found = new ArrayList<>();
		try (Stream<Path> files = Files.list(directory)) {
			for (Path path : files.sorted().toList()) {
				String name = path.getFileName().toString();
				if (Files.isRegularFile(path) && (name.endsWith(".yaml") || name.endsWith(".yml"))) {
					found.add(new PlaybookFile(path.toString(), Files.readAllBytes(path)));
				}
			}
		}
		catch (IOException ex) {
			errors.add(new ValidationError(directory.toString(), 0, "", "无法读取目录：" + ex.getMessage()));
			return Optional.empty();
		}
		return Optional.of(found);
	}

	/**
	 * Parses every file of every layer and merges the items by id: an id twice in one
	 * layer is an error naming both files ({@code "<noun>编号 "x" 重复，已在 a.yaml 中定义"}), an
	 * id of a later layer replaces the earlier one in place.
	 * @param noun what an item is called in the error, e.g. {@code 预案}
	 */
	static <T> Map<String, T> mergeById(List<List<PlaybookFile>> layers, Parser<T> parser, Function<T, String> id,
			Function<T, String> file, String noun, List<ValidationError> errors) {
		Map<String, T> merged = new LinkedHashMap<>();
		for (List<PlaybookFile> layer : layers) {
			Map<String, T> layerIds = new LinkedHashMap<>();
			for (PlaybookFile source : layer) {
				Optional<T> item = parser.parse(source, errors);
				if (item.isEmpty()) {
					continue;
				}
				T first = layerIds.putIfAbsent(id.apply(item.get()), item.get());
				if (first != null) {
					errors.add(new ValidationError(source.name(), 0, "id",
							noun + "编号 \"" + id.apply(item.get()) + "\" 重复，已在 " + file.apply(first) + " 中定义"));
				}
				else {
					merged.put(id.apply(item.get()), item.get());
				}
			}
		}
		return merged;
	}

	/** A bundled resource; it ships with the jar. */
	static byte[] resource(String name) {
		try (InputStream in = LayeredFiles.class.getClassLoader().getResourceAsStream(name)) {
			if (in == null) {
				throw new IllegalStateException("missing bundled resource " + name);
			}
			return in.readAllBytes();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/** Parses one file into an item, recording its errors; empty when it has any. */
	@FunctionalInterface
	interface Parser<T> {

		Optional<T> parse(PlaybookFile file, List<ValidationError> errors);

	}

}
