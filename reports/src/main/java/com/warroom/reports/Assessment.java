package com.warroom.reports;

import com.warroom.playbooks.Severity;
import org.jspecify.annotations.Nullable;

/**
 * The judgement on an incident: 事件导致的后果、发生原因和事件性质判断 in the report book
 * (初步判断 while the incident is open), 第四 and 第六 sections of the post-event report.
 * Any part may be {@code null} while unknown; it prints as "—". Immutable.
 *
 * @param consequences 后果
 * @param cause 发生原因
 * @param eventClass 事件分类 by cause
 * @param level 事件级别
 * @param levelReason why that level, e.g. the grading rule applied ("集中交易系统中断 5 分钟以上")
 * @param nature 事件性质: 责任事件 / 非责任事件
 */
public record Assessment(@Nullable String consequences, @Nullable String cause, @Nullable EventClass eventClass,
		@Nullable Severity level, @Nullable String levelReason, @Nullable Nature nature) {

	/** Nothing judged yet. */
	public static final Assessment UNKNOWN = new Assessment(null, null, null, null, null, null);

}
