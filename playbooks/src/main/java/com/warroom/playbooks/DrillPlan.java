package com.warroom.playbooks;

import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

import org.jspecify.annotations.Nullable;

/**
 * A drill plan (4.4 XX系统应急演练计划方案): what is drilled, by whom, when, how success is judged,
 * the timed injects that drive it and how the environment is restored afterwards. Loaded
 * from a YAML file by {@link DrillPlanLoader}; immutable.
 *
 * @param id the plan's id, also its file name without {@code .yaml}
 * @param title the plan's title
 * @param objective 演练目的 (4.4 L15183-15187; 4.2 第九章 L10831 目的)
 * @param environment production or test (4.1 第二十八条 L10068, 4.4 三 L15201)
 * @param environmentNotes 演练环境说明 as written (accounts, exchange, product …); may be empty
 * @param date the planned day (4.4 一 L15191), null when not yet fixed
 * @param windowStart start of the drill window in the company's zone (4.4 L15191: 9:00)
 * @param windowEnd end of the window (4.4 L15191: 15:00), after {@code windowStart}
 * @param participants the people by role (4.4 五 L15293-15309)
 * @param scenarios the scenarios drilled, each on a playbook (4.4 四 (二), (三))
 * @param criteria the success criteria (附件九 演练成功标准), each measurable
 * @param restoration the restoration steps after the drill (4.1 第三十一条 L10079; 4.4 四 (四),
 * (五))
 * @param injects the timed injects, in firing order (by offset, then as written)
 * @param file the file the plan came from, for errors and records
 * @param source the seed lines the plan follows, e.g. {@code 4.4 L15179-15314}; may be
 * empty
 */
public record DrillPlan(String id, String title, String objective, Environment environment, String environmentNotes,
		@Nullable LocalDate date, LocalTime windowStart, LocalTime windowEnd, List<Participant> participants,
		List<Scenario> scenarios, List<Criterion> criteria, List<Restoration> restoration, List<DrillInject> injects,
		String file, String source) {

	public DrillPlan {
		Objects.requireNonNull(id, "id");
		Objects.requireNonNull(title, "title");
		Objects.requireNonNull(objective, "objective");
		Objects.requireNonNull(environment, "environment");
		Objects.requireNonNull(environmentNotes, "environmentNotes");
		Objects.requireNonNull(windowStart, "windowStart");
		Objects.requireNonNull(windowEnd, "windowEnd");
		participants = List.copyOf(participants);
		scenarios = List.copyOf(scenarios);
		criteria = List.copyOf(criteria);
		restoration = List.copyOf(restoration);
		injects = List.copyOf(injects);
		Objects.requireNonNull(file, "file");
		Objects.requireNonNull(source, "source");
	}

	/** The length of the window (15:00 - 9:00 = 6 hours in the seed's plan). */
	public Duration window() {
		return Duration.between(windowStart, windowEnd);
	}

	public Optional<Scenario> scenario(String scenarioId) {
		return scenarios.stream().filter((scenario) -> scenario.id().equals(scenarioId)).findFirst();
	}

	public Optional<DrillInject> inject(String injectId) {
		return injects.stream().filter((inject) -> inject.id().equals(injectId)).findFirst();
	}

	/** Where a drill is run (4.1 第二十八条; 4.4 三 runs on the production environment). */
	public enum Environment {

		PRODUCTION("production", "生产环境"), TEST("test", "测试环境");

		private final String key;

		private final String label;

		Environment(String key, String label) {
			this.key = key;
			this.label = label;
		}

		public String key() {
			return key;
		}

		public String label() {
			return label;
		}

		public static Optional<Environment> fromKey(String key) {
			for (Environment environment : values()) {
				if (environment.key.equals(key)) {
					return Optional.of(environment);
				}
			}
			return Optional.empty();
		}

	}

	/**
	 * The roles of a drill (4.4 五 L15295-15305). Roster ids of the people who hold them
	 * are in {@link Participant}.
	 */
	public enum Role {

		COORDINATION("总体协调指挥"), GATEWAY_SWITCH("报盘切换"), DATABASE_SWITCH("数据库切换"), TECH_SERVICE("技术服务岗"),
		RECORDER("备岗记录人员"), NETWORK_CHECK("网络设备检查");

		private final String label;

		Role(String label) {
			this.label = label;
		}

		/** The Chinese name, also the value written in plan files. */
		public String label() {
			return label;
		}

		public static Optional<Role> fromLabel(String label) {
			for (Role role : values()) {
				if (role.label.equals(label)) {
					return Optional.of(role);
				}
			}
			return Optional.empty();
		}

	}

	/**
	 * One role of the drill and who holds it.
	 *
	 * @param role the role
	 * @param people roster ids (or names when not on the roster); at least one
	 * @param source the seed line
	 */
	public record Participant(Role role, List<String> people, String source) {

		public Participant {
			Objects.requireNonNull(role, "role");
			people = List.copyOf(people);
			Objects.requireNonNull(source, "source");
		}

	}

	/**
	 * One scenario drilled (演练场景): a playbook run as a drill.
	 *
	 * @param id the scenario's id within the plan, named by declare injects
	 * @param title e.g. 报盘切换演练
	 * @param playbookId the playbook declared for it (an id of the library)
	 * @param description 演练场景 as written, e.g. 模拟中金报盘服务器出现故障，需切换至冷备服务器。
	 * @param content 演练内容 as written, one item each; may be empty
	 * @param source the seed lines
	 */
	public record Scenario(String id, String title, String playbookId, String description, List<String> content,
			String source) {

		public Scenario {
			Objects.requireNonNull(id, "id");
			Objects.requireNonNull(title, "title");
			Objects.requireNonNull(playbookId, "playbookId");
			Objects.requireNonNull(description, "description");
			content = List.copyOf(content);
			Objects.requireNonNull(source, "source");
		}

	}

	/** What a success criterion waits for after its inject. */
	public enum Milestone {

		/** The inject's scenario was declared (a drill incident exists). */
		DECLARED("declared"),
		/** A step of the scenario's playbook was done ({@link Criterion#stepId}). */
		STEP("step"),
		/** A decision step was answered ({@link Criterion#stepId}). */
		DECISION("decision"),
		/** The drill incident was marked recovered ({@code /recovered}). */
		RECOVERED("recovered");

		private final String key;

		Milestone(String key) {
			this.key = key;
		}

		public String key() {
			return key;
		}

		public static Optional<Milestone> fromKey(String key) {
			for (Milestone milestone : values()) {
				if (milestone.key.equals(key)) {
					return Optional.of(milestone);
				}
			}
			return Optional.empty();
		}

	}

	/**
	 * A success criterion in a measurable form: {@code milestone} (of the incident the
	 * inject {@code fromInject} declared or concerns) reached within {@code within} of
	 * that inject's firing. E.g. "15 分钟内切换至热备数据库": from the database inject, step
	 * {@code m3} of {@code central.db-host-hardware} done within PT15M.
	 *
	 * @param id the criterion's id within the plan
	 * @param text how people say it (附件九 演练成功标准)
	 * @param fromInject the inject the time is measured from
	 * @param milestone what must be reached
	 * @param stepId the step, for {@link Milestone#STEP} and {@link Milestone#DECISION};
	 * else null
	 * @param within the time allowed
	 * @param source where the criterion comes from
	 */
	public record Criterion(String id, String text, String fromInject, Milestone milestone, @Nullable String stepId,
			Duration within, String source) {

		public Criterion {
			Objects.requireNonNull(id, "id");
			Objects.requireNonNull(text, "text");
			Objects.requireNonNull(fromInject, "fromInject");
			Objects.requireNonNull(milestone, "milestone");
			Objects.requireNonNull(within, "within");
			Objects.requireNonNull(source, "source");
		}

		/**
		 * Whether the milestone reached at {@code reachedAt} (null: not reached) met this
		 * criterion for an inject fired at {@code injectAt}.
		 */
		public boolean met(java.time.Instant injectAt, java.time.@Nullable Instant reachedAt) {
			return reachedAt != null && !reachedAt.isAfter(injectAt.plus(within));
		}

	}

	/**
	 * A restoration step after the drill (4.1 第三十一条: 恢复清理环境，防止影响真实交易).
	 *
	 * @param text what is done
	 * @param source the seed lines
	 */
	public record Restoration(String text, String source) {

		public Restoration {
			Objects.requireNonNull(text, "text");
			Objects.requireNonNull(source, "source");
		}

	}

}
