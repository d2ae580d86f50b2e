package com.warroom.playbooks;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

import com.warroom.playbooks.internal.DrillPlanParser;
import org.jspecify.annotations.Nullable;

/**
 * Loads drill plans: the bundled ones (the seed's 4.4 plan), then the {@code *.yaml}
 * files of an optional directory ({@code DRILL_PLANS_DIR}) that add plans or override
 * bundled ones by id; a {@code trainings.yaml} there is the training plan (4.5). Errors
 * are reported as the playbook loader reports them ({@code file:line: field: message}).
 * Thread-safe; never throws for bad file content.
 */
public final class DrillPlanLoader {

	/** Classpath folder of the bundled plans. */
	public static final String BUNDLED_DIR = "drills/";

	/** Lists the bundled plan files, one name a line. */
	public static final String BUNDLED_INDEX = BUNDLED_DIR + "index.txt";

	/** In the plans directory (or bundled), the training plan. */
	public static final String TRAININGS_FILE = "trainings.yaml";

	private DrillPlanLoader() {
	}

	/**
	 * The bundled plans with the files of {@code directory} on top, checked against
	 * {@code library} (scenario playbooks and criterion steps must exist).
	 * @param directory may be null (bundled only)
	 */
	public static DrillPlans load(@Nullable Path directory, PlaybookLibrary library) {
		List<ValidationError> errors = new ArrayList<>();
		List<PlaybookFile> extra = new ArrayList<>();
		if (directory != null) {
			if (!Files.isDirectory(directory)) {
				errors.add(new ValidationError(directory.toString(), 0, "", "目录不存在或不是目录"));
			}
			else {
				try (Stream<Path> files = Files.list(directory)) {
					for (Path path : files.sorted().toList()) {
						String name = path.getFileName().toString();
						if (Files.isRegularFile(path) && (name.endsWith(".yaml") || name.endsWith(".yml"))) {
							extra.add(new PlaybookFile(path.toString(), Files.readAllBytes(path)));
						}
					}
				}
				catch (IOException ex) {
					errors.add(new ValidationError(directory.toString(), 0, "", "无法读取目录：" + ex.getMessage()));
				}
			}
		}
		return load(bundledFiles(), extra, library, errors);
	}

	/**
	 * Loads two layers of files: a plan in {@code overrides} replaces the base plan of the
	 * same id; a {@code trainings.yaml} in a layer replaces the base layer's.
	 */
	public static DrillPlans load(List<PlaybookFile> base, List<PlaybookFile> overrides, PlaybookLibrary library) {
		return load(base, overrides, library, new ArrayList<>());
	}

	private static DrillPlans load(List<PlaybookFile> base, List<PlaybookFile> overrides, PlaybookLibrary library,
			List<ValidationError> errors) {
		DrillPlanParser parser = new DrillPlanParser(library);
		Map<String, DrillPlan> plans = new LinkedHashMap<>();
		List<Training> trainings = List.of();
		for (List<PlaybookFile> layer : List.of(base, overrides)) {
			Map<String, DrillPlan> layerIds = new LinkedHashMap<>();
			for (PlaybookFile file : layer) {
				if (baseName(file.name()).equals("trainings")) {
					Optional<List<Training>> parsed = parser.parseTrainings(file.name(), file.content(), errors);
					if (parsed.isPresent()) {
						trainings = parsed.get();
					}
					continue;
				}
				Optional<DrillPlan> plan = parser.parse(file.name(), file.content(), errors);
				if (plan.isEmpty()) {
					continue;
				}
				DrillPlan first = layerIds.putIfAbsent(plan.get().id(), plan.get());
				if (first != null) {
					errors.add(new ValidationError(file.name(), 0, "id",
							"演练计划编号 \"" + plan.get().id() + "\" 重复，已在 " + first.file() + " 中定义"));
				}
				else {
					plans.put(plan.get().id(), plan.get());
				}
			}
		}
		List<Training> byDate = new ArrayList<>(trainings);
		byDate.sort(Comparator.comparing(Training::date));
		return new DrillPlans(List.copyOf(plans.values()), byDate, errors);
	}

	/** The bundled plan files as listed by the index. */
	public static List<PlaybookFile> bundledFiles() {
		String index = new String(resource(BUNDLED_INDEX), StandardCharsets.UTF_8);
		return index.lines()
			.map(String::strip)
			.filter((line) -> !line.isEmpty() && !line.startsWith("#"))
			.map((name) -> new PlaybookFile(name, resource(BUNDLED_DIR + name)))
			.toList();
	}

	static String baseName(String file) {
		String name = Path.of(file).getFileName().toString();
		int dot = name.lastIndexOf('.');
		return (dot < 0) ? name : name.substring(0, dot);
	}

	private static byte[] resource(String name) {
		try (InputStream in = DrillPlanLoader.class.getClassLoader().getResourceAsStream(name)) {
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
