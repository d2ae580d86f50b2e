package com.warroom.reports;

import java.time.Instant;
import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * A section of the incident record (2.8.4: 事件分析, 处理方案, 处理过程, 改进计划, 跟踪情况, 事件管理人意见) with
 * who signed it and when. Text and lines may both be present; an empty section prints as
 * "—" with its signature line left blank. Immutable.
 *
 * @param text the section's text
 * @param lines timed lines, e.g. the handling steps from the timeline
 * @param signedBy 事件管理人 or 事件处理人, as the form asks
 * @param signedAt 时间
 */
public record SignedSection(@Nullable String text, List<TimedLine> lines, @Nullable String signedBy,
		@Nullable Instant signedAt) {

	/** Nothing written, nothing signed. */
	public static final SignedSection EMPTY = new SignedSection(null, List.of(), null, null);

	public SignedSection {
		lines = List.copyOf(lines);
	}

	/** A section of text only. */
	public static SignedSection of(@Nullable String text, @Nullable String signedBy, @Nullable Instant signedAt) {
		return new SignedSection(text, List.of(), signedBy, signedAt);
	}

}
