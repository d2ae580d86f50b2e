package com.warroom.playbooks.internal;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.warroom.playbooks.Answer;
import com.warroom.playbooks.Playbook;
import com.warroom.playbooks.Step;
import com.warroom.playbooks.Track;
import com.warroom.playbooks.ValidationError;

/**
 * Checks the step graph of each track: every target exists in the same track, every step
 * can be reached from the first one, and from every step the track can end (no decision
 * loop without a way out).
 */
final class StepGraph {

	/** Where a step sits in its file. */
	record Location(String field, int line, int nextLine) {
	}

	private StepGraph() {
	}

	static void check(Playbook playbook, Map<String, Location> locations, List<ValidationError> errors) {
		for (Track track : Track.values()) {
			List<Step> steps = playbook.track(track);
			if (!steps.isEmpty()) {
				checkTrack(playbook, track, steps, locations, errors);
			}
		}
	}

	private static void checkTrack(Playbook playbook, Track track, List<Step> steps, Map<String, Location> locations,
			List<ValidationError> errors) {
		String file = playbook.file();
		Map<String, Step> byId = new LinkedHashMap<>();
		steps.forEach((step) -> byId.put(step.id(), step));
		Map<String, List<String>> edges = new HashMap<>();
		boolean targetsValid = true;
		for (Step step : steps) {
			Location at = locations.get(step.id());
			List<String> targets = new ArrayList<>();
			if (step.isDecision()) {
				for (int i = 0; i < step.answers().size(); i++) {
					Answer answer = step.answers().get(i);
					if (!validTarget(answer.next(), byId)) {
						targetsValid = false;
						errors.add(new ValidationError(file, at.line(), at.field() + ".answers[" + i + "].next",
								missing(answer.next(), playbook, track)));
					}
					targets.add(answer.next());
				}
			}
			else {
				String next = playbook.successor(track, step);
				if (!validTarget(next, byId)) {
					targetsValid = false;
					errors.add(new ValidationError(file, at.nextLine(), at.field() + ".next",
							missing(next, playbook, track)));
				}
				targets.add(next);
			}
			edges.put(step.id(), targets);
		}
		if (!targetsValid) {
			return;
		}
		Set<String> reachable = reach(steps.get(0).id(), edges);
		Set<String> canEnd = canEnd(byId.keySet(), edges);
		for (Step step : steps) {
			Location at = locations.get(step.id());
			if (!reachable.contains(step.id())) {
				errors.add(new ValidationError(file, at.line(), at.field(),
						"步骤 \"" + step.id() + "\" 永远不会被执行：没有任何步骤或决策答案指向它"));
			}
			else if (!canEnd.contains(step.id())) {
				errors.add(new ValidationError(file, at.line(), at.field(),
						"步骤 \"" + step.id() + "\" 陷入循环，无法走到流程结束（决策循环没有出口）"));
			}
		}
	}

	private static boolean validTarget(String target, Map<String, Step> byId) {
		return Step.END.equals(target) || byId.containsKey(target);
	}

	private static String missing(String target, Playbook playbook, Track track) {
		boolean elsewhere = playbook.step(target).isPresent();
		return "指向的步骤 \"" + target + "\" " + (elsewhere ? "不在同一轨道（" + track.key() + "）中" : "不存在") + "；可用 end 表示结束";
	}

	private static Set<String> reach(String start, Map<String, List<String>> edges) {
		Set<String> seen = new HashSet<>();
		Deque<String> queue = new ArrayDeque<>(List.of(start));
		while (!queue.isEmpty()) {
			String id = queue.pop();
			if (!Step.END.equals(id) && seen.add(id)) {
				queue.addAll(edges.getOrDefault(id, List.of()));
			}
		}
		return seen;
	}

	private static Set<String> canEnd(Set<String> ids, Map<String, List<String>> edges) {
		Set<String> ending = new HashSet<>();
		boolean changed = true;
		while (changed) {
			changed = false;
			for (String id : ids) {
				if (!ending.contains(id) && edges.getOrDefault(id, List.of())
					.stream()
					.anyMatch((target) -> Step.END.equals(target) || ending.contains(target))) {
					ending.add(id);
					changed = true;
				}
			}
		}
		return ending;
	}

}
