package com.warroom.bot.drill;

import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicReference;

import com.warroom.playbooks.DrillPlanLoader;
import com.warroom.playbooks.DrillPlans;
import com.warroom.playbooks.PlaybookLibrary;
import org.jspecify.annotations.Nullable;

/**
 * The drill plans now in use: the bundled ones and those of {@code DRILL_PLANS_DIR},
 * reloaded on {@code /drill plan validate}. A reload with errors keeps every plan that
 * loaded. Thread-safe.
 */
public class DrillPlanSource {

	private final @Nullable Path directory;

	private final PlaybookLibrary library;

	private final AtomicReference<DrillPlans> current = new AtomicReference<>();

	/**
	 * @param directory {@code DRILL_PLANS_DIR}, null for the bundled plans only
	 */
	public DrillPlanSource(@Nullable Path directory, PlaybookLibrary library) {
		this.directory = directory;
		this.library = library;
		reload();
	}

	public DrillPlans plans() {
		return current.get();
	}

	/** Reads the files again; the result is used from now on. */
	public DrillPlans reload() {
		DrillPlans plans = DrillPlanLoader.load(directory, library);
		current.set(plans);
		return plans;
	}

}
