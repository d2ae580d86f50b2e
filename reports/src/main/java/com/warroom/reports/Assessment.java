package com.warroom.reports;

import com.warroom.playbooks.Severity;
import org.jspecify.annotations.Nullable;

/**
 * The judgement on an incident: 事件导致的后果、发生原因和事件性质判断 in the report book (初步判断 while the
 * incident is open), 第四 and 第六 sections of the post-event report. Any part may be
 * {@code null} while unknown; it prints as "—". Immutable.
 *
 * @param consequences 后果
 * @param cause 发生原因
 * @param eventClass 事件分类 by cause
 * @param level 事件级别: the effective level (a leader's override when there is one)
 * @param levelReason why the grading rules give their level, e.g. the rule applied
 * ("集中交易系统中断 5 分钟以上")
 * @param nature 事件性质: 责任事件 / 非责任事件
 * @param computedLevel the level the grading rules give, when a leader's override differs
 * from it or stands ({@code null} when there is no override: {@code level} is computed)
 * @param overrideReason the reason the leader gave for the override; {@code null} when
 * none
 */
public record Assessment(@Nullable String consequences, @Nullable String cause, @Nullable EventClass eventClass,
		@Nullable Severity level, @Nullable String levelReason, @Nullable Nature nature,
		@Nullable Severity computedLevel, @Nullable String overrideReason) {

	/** Nothing judged yet. */
	public static final Assessment UNKNOWN = new Assessment(null, null, null, null, null, null);

	/** A judgement with the computed level and no override. */
	public Assessment(@Nullable String consequences, @Nullable String cause, @Nullable EventClass eventClass,
			@Nullable Severity level, @Nullable String levelReason, @Nullable Nature nature) {
		this(consequences, cause, eventClass, level, levelReason, nature, null, null);
	}

	/**
	 * Whether a leader set the level (an override), rather than the grading rules alone.
	 */
	public boolean overridden() {
		return computedLevel != null || (overrideReason != null && !overrideReason.isBlank());
	}

}
