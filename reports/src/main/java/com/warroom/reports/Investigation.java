package com.warroom.reports;

import org.jspecify.annotations.Nullable;

/**
 * The internal investigation of the post-event report (4.8 第六、七 sections; 4.3 第十二条 事件调查情况
 * and 责任追究情况). {@code null} parts print as "—". Immutable.
 *
 * @param conclusion 是否进行过内部调查以及内部调查的结论; {@code null} while none was made
 * @param humanCause 事件的发生有无人为原因
 * @param handlingIssues 事件处理过程有无不当处置
 * @param accountability 是否对相关责任人进行了责任追究
 */
public record Investigation(@Nullable String conclusion, @Nullable String humanCause, @Nullable String handlingIssues,
		@Nullable String accountability) {

	/** No investigation yet. */
	public static final Investigation NONE = new Investigation(null, null, null, null);

}
