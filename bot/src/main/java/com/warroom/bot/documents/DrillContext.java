package com.warroom.bot.documents;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.jspecify.annotations.Nullable;

/**
 * What a drill's plan adds to its documents (GH-16): when the inject that declared the
 * incident fired (模拟故障发生时间), the plan's success criteria in measurable form, its
 * environment, participants by role and the follow-up items (整改) of the run. Immutable.
 *
 * @param injectAt when the declaring inject fired, or null
 * @param title the plan's title
 * @param environment 演练环境 (生产环境 / 测试环境 and the plan's notes), or null
 * @param participants people by role, e.g. {@code 数据库切换：吴数据库管理员}
 * @param fixes the run's follow-up items, e.g. {@code 整理核对清单（吴数据库管理员，2026-12-10 前）}
 * @param injects the run's injects that concerned this incident, when each fired and what
 * it said
 */
public record DrillContext(@Nullable Instant injectAt, String title, @Nullable String objective,
		@Nullable String environment, List<DrillMeasures.Criterion> criteria, List<String> participants,
		List<String> fixes, List<com.warroom.reports.TimedLine> injects) {

	public DrillContext {
		injects = List.copyOf(injects);
		criteria = List.copyOf(criteria);
		participants = List.copyOf(participants);
		fixes = List.copyOf(fixes);
	}

	/** A drill without a plan (an ad-hoc {@code /drill}). */
	public static Optional<DrillContext> none() {
		return Optional.empty();
	}

}
