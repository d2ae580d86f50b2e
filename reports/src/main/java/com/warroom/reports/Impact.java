package com.warroom.reports;

import org.jspecify.annotations.Nullable;

/**
 * The impact of an incident: 事件影响范围、影响程度、影响人数、经济损失情况. Free text each, because the seed
 * writes estimates ("约为 500 至 1000 人", "100 万元以下"); a {@code null} or blank part prints
 * as "—". Immutable.
 *
 * @param scope 影响范围
 * @param degree 影响程度
 * @param people 影响人数
 * @param loss 经济损失情况
 */
public record Impact(@Nullable String scope, @Nullable String degree, @Nullable String people, @Nullable String loss) {

	/** Nothing known yet. */
	public static final Impact UNKNOWN = new Impact(null, null, null, null);

}
