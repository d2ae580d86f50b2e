package com.warroom.playbooks;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A fully validated, immutable set of playbooks with the vocabulary they use.
 * Thread-safe.
 */
public final class PlaybookLibrary {

	private final Map<String, Playbook> byId;

	private final Vocabulary vocabulary;

	PlaybookLibrary(Collection<Playbook> playbooks, Vocabulary vocabulary) {
		Map<String, Playbook> map = new LinkedHashMap<>();
		playbooks.stream()
			.sorted(java.util.Comparator.comparing(Playbook::id))
			.forEach((playbook) -> map.put(playbook.id(), playbook));
		this.byId = java.util.Collections.unmodifiableMap(map);
		this.vocabulary = vocabulary;
	}

	/** All playbooks, ordered by id. */
	public List<Playbook> all() {
		return List.copyOf(byId.values());
	}

	public Optional<Playbook> find(String id) {
		return Optional.ofNullable(byId.get(id));
	}

	public int size() {
		return byId.size();
	}

	/** The number of steps across all playbooks and tracks. */
	public int stepCount() {
		return byId.values().stream().mapToInt((playbook) -> playbook.allSteps().size()).sum();
	}

	public Vocabulary vocabulary() {
		return vocabulary;
	}

}
