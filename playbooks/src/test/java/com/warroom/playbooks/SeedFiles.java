package com.warroom.playbooks;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Finds {@code shared/seeds} beside the checkout (CI and developers have it there). */
final class SeedFiles {

	private SeedFiles() {
	}

	static Path seeds() {
		for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
			Path candidate = dir.resolve("shared/seeds");
			if (Files.isRegularFile(candidate.resolve("scenarios.tsv"))) {
				return candidate;
			}
		}
		throw new IllegalStateException("shared/seeds not found above " + Path.of("").toAbsolutePath()
				+ ": the seeds must sit beside the checkout, as on CI");
	}

	static List<String> lines(String name) {
		try {
			return Files.readAllLines(seeds().resolve(name), StandardCharsets.UTF_8);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
