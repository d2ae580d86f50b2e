package com.warroom.bot.assessment;

import java.time.Clock;
import java.util.List;

import com.warroom.bot.incident.Incident;
import com.warroom.bot.incident.IncidentStore;
import com.warroom.bot.incident.TimelineEntry;
import com.warroom.playbooks.Playbook;

/**
 * Assesses incidents now, under the company's {@link Assessment.Policy}: the timeline is
 * read from the store only when the reports owed are asked for. Thread-safe.
 */
public class Assessments {

	private final Assessment.Policy policy;

	private final IncidentStore incidents;

	private final Clock clock;

	public Assessments(Assessment.Policy policy, IncidentStore incidents, Clock clock) {
		this.policy = policy;
		this.incidents = incidents;
		this.clock = clock;
	}

	/** The incident as of now. */
	public Assessment assess(Incident incident, Playbook playbook) {
		return Assessment.of(incident, playbook, () -> incidents.timeline(incident.id()), policy, clock.instant());
	}

	/** The incident as of now, with a timeline the caller already read. */
	public Assessment assess(Incident incident, Playbook playbook, List<TimelineEntry> timeline) {
		return Assessment.of(incident, playbook, timeline, policy, clock.instant());
	}

	public Assessment.Policy policy() {
		return policy;
	}

}
