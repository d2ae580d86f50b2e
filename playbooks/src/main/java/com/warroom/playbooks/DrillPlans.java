package com.warroom.playbooks;

import java.util.List;
import java.util.Optional;

/**
 * The outcome of loading drill plans and the training plan: what loaded, and every error
 * found. Unlike the playbook library, one bad plan does not hide the good ones (a
 * coordinator fixes it while the others stay usable); a plan with any error is left out.
 *
 * @param plans the valid plans, by id order of their files
 * @param trainings the planned trainings (4.5), by date
 * @param errors every problem, as {@code file:line: field: message}
 */
public record DrillPlans(List<DrillPlan> plans, List<Training> trainings, List<ValidationError> errors) {

	public DrillPlans {
		plans = List.copyOf(plans);
		trainings = List.copyOf(trainings);
		errors = List.copyOf(errors);
	}

	public Optional<DrillPlan> find(String id) {
		return plans.stream().filter((plan) -> plan.id().equals(id)).findFirst();
	}

	public boolean ok() {
		return errors.isEmpty();
	}

}
