package com.warroom.playbooks;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

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
		List<PlaybookFile> extra = (directory != null) ? LayeredFiles.directory(directory, errors).orElse(List.of())
				: List.of();
		return load(bundledFiles(), extra, library, errors);
	}

	/**
	 * Loads two layers of files: a plan in {@code overrides} replaces the base plan of
	 * the same id; a {@code trainings.yaml} in a layer replaces the base layer's.
	 */
	public static DrillPlans load(List<PlaybookFile> base, List<PlaybookFile> overrides, PlaybookLibrary library) {
		return load(base, overrides, library, new ArrayList<>());
	}

	private static DrillPlans load(List<PlaybookFile> base, List<PlaybookFile> overrides, PlaybookLibrary library,
			List<ValidationError> errors) {
		DrillPlanParser parser = new DrillPlanParser(library);
		List<List<Training>> trainings = new ArrayList<>(List.of(List.of()));
		Map<String, DrillPlan> plans = LayeredFiles.mergeById(List.of(base, overrides), (file, found) -> {
			if (baseName(file.name()).equals("trainings")) {
				parser.parseTrainings(file.name(), file.content(), found)
					.ifPresent((parsed) -> trainings.set(0, parsed));
				return Optional.empty();
			}
			return parser.parse(file.name(), file.content(), found);
		}, DrillPlan::id, DrillPlan::file, "演练计划", errors);
		List<Training> byDate = new ArrayList<>(trainings.get(0));
		byDate.sort(Comparator.comparing(Training::date));
		return new DrillPlans(List.copyOf(plans.values()), byDate, errors);
	}

	/** The bundled plan files as listed by the index. */
	public static List<PlaybookFile> bundledFiles() {
		return LayeredFiles.bundled(BUNDLED_DIR, BUNDLED_INDEX);
	}

	static String baseName(String file) {
		String name = Path.of(file).getFileName().toString();
		int dot = name.lastIndexOf('.');
		return (dot < 0) ? name : name.substring(0, dot);
	}

}
