package com.warroom.playbooks;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * Breaks the bundled playbooks at random — deleted lines, swapped values, truncated
 * files, wrong encodings, stray bytes — and checks that every mutation yields either a
 * valid library or a list of errors with file and message, never an exception. The seed
 * is fixed, so a failure reproduces.
 */
class PlaybookMutationTests {

	private static final int ROUNDS = 4000;

	enum Mutation {

		DELETE_LINE, DELETE_LINES, SWAP_VALUES, TRUNCATE, GBK, UTF16, STRAY_BYTES, DUPLICATE_LINE, SHIFT_INDENT,
		REPLACE_VALUE

	}

	@Test
	void everyMutationYieldsErrorsOrAValidLibraryNeverAnException() {
		List<PlaybookFile> files = PlaybookLoader.bundledFiles();
		Random random = new Random(20261122L);
		Map<Mutation, int[]> outcomes = new EnumMap<>(Mutation.class);
		for (int round = 0; round < ROUNDS; round++) {
			PlaybookFile original = files.get(random.nextInt(files.size()));
			Mutation mutation = Mutation.values()[round % Mutation.values().length];
			byte[] mutated = mutate(original.content(), mutation, random);
			LoadResult result;
			try {
				result = PlaybookLoader.load(List.of(new PlaybookFile(original.name(), mutated)), List.of(), null);
			}
			catch (RuntimeException ex) {
				fail("round " + round + " (" + mutation + " of " + original.name() + ") threw", ex);
				return;
			}
			if (result.ok()) {
				assertThat(result.errors()).isEmpty();
				assertThat(result.orElseThrow().size()).isEqualTo(1);
			}
			else {
				assertThat(result.library()).isNull();
				assertThat(result.errors()).allSatisfy((error) -> {
					assertThat(error.file()).isEqualTo(original.name());
					assertThat(error.message()).isNotBlank();
					assertThat(error.line()).isBetween(0,
							new String(mutated, StandardCharsets.ISO_8859_1).split("\n", -1).length + 1);
				});
			}
			outcomes.computeIfAbsent(mutation, (key) -> new int[2])[result.ok() ? 0 : 1]++;
		}
		// the mutations do break files: wrong encodings
		// always, truncation and deletions mostly
		assertThat(outcomes.get(Mutation.GBK)[0]).isZero();
		assertThat(outcomes.get(Mutation.UTF16)[0]).isZero();
		assertThat(outcomes.get(Mutation.TRUNCATE)[1]).isGreaterThan(outcomes.get(Mutation.TRUNCATE)[0]);
		assertThat(outcomes.get(Mutation.DELETE_LINES)[1]).isGreaterThan(outcomes.get(Mutation.DELETE_LINES)[0]);
		assertThat(outcomes.get(Mutation.REPLACE_VALUE)[1]).isPositive();
	}

	private static byte[] mutate(byte[] content, Mutation mutation, Random random) {
		String text = new String(content, StandardCharsets.UTF_8);
		List<String> lines = new ArrayList<>(Arrays.asList(text.split("\n", -1)));
		int at = random.nextInt(lines.size());
		switch (mutation) {
			case DELETE_LINE -> lines.remove(at);
			case DELETE_LINES -> {
				int count = 1 + random.nextInt(6);
				for (int i = 0; i < count && at < lines.size(); i++) {
					lines.remove(at);
				}
			}
			case SWAP_VALUES -> {
				int other = random.nextInt(lines.size());
				String a = lines.get(at);
				String b = lines.get(other);
				int ca = a.indexOf(':');
				int cb = b.indexOf(':');
				if (ca > 0 && cb > 0) {
					lines.set(at, a.substring(0, ca + 1) + b.substring(cb + 1));
					lines.set(other, b.substring(0, cb + 1) + a.substring(ca + 1));
				}
			}
			case TRUNCATE -> {
				return Arrays.copyOf(content, random.nextInt(content.length));
			}
			case GBK -> {
				return text.getBytes(Charset.forName("GBK"));
			}
			case UTF16 -> {
				return text.getBytes(StandardCharsets.UTF_16);
			}
			case STRAY_BYTES -> {
				byte[] copy = content.clone();
				for (int i = 0; i < 1 + random.nextInt(4); i++) {
					copy[random.nextInt(copy.length)] = (byte) random.nextInt(256);
				}
				return copy;
			}
			case DUPLICATE_LINE -> lines.add(at, lines.get(at));
			case SHIFT_INDENT -> lines.set(at, (random.nextBoolean() ? " " : "\t") + lines.get(at));
			case REPLACE_VALUE -> {
				String line = lines.get(at);
				int colon = line.indexOf(':');
				String[] values = { " end", " m99", " ", " [", " \"unterminated", " true", " 42", " 发现", " *alias",
						" &a [1]" };
				if (colon > 0) {
					lines.set(at, line.substring(0, colon + 1) + values[random.nextInt(values.length)]);
				}
			}
		}
		return String.join("\n", lines).getBytes(StandardCharsets.UTF_8);
	}

}
