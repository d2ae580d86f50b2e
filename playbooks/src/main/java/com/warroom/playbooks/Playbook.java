package com.warroom.playbooks;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

import org.jspecify.annotations.Nullable;

/**
 * One failure scenario of the emergency plan, as data.
 *
 * @param id stable id, e.g. {@code central.db-host-hardware}; also the file name
 * @param title the scenario's heading without its numbering
 * @param group the 附件六 group heading the scenario belongs to, if any
 * @param annex the seed annex, e.g. 附件四
 * @param category the business domain, e.g. {@code database}
 * @param systemClass the class of the affected system
 * @param reporting whether the playbook's own flow demands an immediate regulator report
 * @param source annex and line range in the seed
 * @param description 事件描述
 * @param impact 影响范围, where the seed gives one
 * @param stakeholders 相关单位、客户等处理办法
 * @param contacts contact-book categories to call (keys of the {@link Vocabulary})
 * @param contactsText the seed's 相关联系电话 line
 * @param flow 处置流程
 * @param steps 具体处置方法
 * @param after 事后处理
 * @param file where the playbook was loaded from
 * @param affects the other systems its failure takes down, from its 影响范围 (附件六 playbooks
 * take the class of what they take down, PRODUCT.md Decision 1): the initial set of an
 * incident's affected systems besides {@code systemClass}, each with its extent (clock at
 * zero)
 * @param remoteExchangeAccess the fault involves remote access to exchange systems (4.2
 * L10669-10671: the 12-hour analysis then also goes to the exchanges)
 */
public record Playbook(String id, String title, @Nullable String group, @Nullable String annex, String category,
		SystemClass systemClass, ReportingMode reporting, @Nullable String source, String description,
		@Nullable String impact, @Nullable String stakeholders, List<String> contacts, @Nullable String contactsText,
		List<Step> flow, List<Step> steps, List<Step> after, String file, List<Impact> affects,
		boolean remoteExchangeAccess) {

	public Playbook {
		Objects.requireNonNull(id, "id");
		Objects.requireNonNull(title, "title");
		Objects.requireNonNull(systemClass, "systemClass");
		contacts = List.copyOf(contacts);
		flow = List.copyOf(flow);
		steps = List.copyOf(steps);
		after = List.copyOf(after);
		affects = List.copyOf(affects);
	}

	/** The steps of one track, in file order. */
	public List<Step> track(Track track) {
		return switch (track) {
			case FLOW -> flow;
			case STEPS -> steps;
			case AFTER -> after;
		};
	}

	/** Every step of every track. */
	public List<Step> allSteps() {
		List<Step> all = new ArrayList<>(flow.size() + steps.size() + after.size());
		all.addAll(flow);
		all.addAll(steps);
		all.addAll(after);
		return Collections.unmodifiableList(all);
	}

	public Optional<Step> step(String stepId) {
		return allSteps().stream().filter((step) -> step.id().equals(stepId)).findFirst();
	}

	/** The title with its 附件六 group, e.g. 主机房与灾备机房互联故障 / 线路故障. */
	public String fullTitle() {
		return (group != null) ? group + " / " + title : title;
	}

	/**
	 * The step that follows {@code step} when it is not a decision: its explicit
	 * {@code next}, else the following step of its track, else {@link Step#END}.
	 */
	public String successor(Track track, Step step) {
		if (step.next() != null) {
			return step.next();
		}
		List<Step> list = track(track);
		int index = list.indexOf(step);
		return (index >= 0 && index + 1 < list.size()) ? list.get(index + 1).id() : Step.END;
	}

}
