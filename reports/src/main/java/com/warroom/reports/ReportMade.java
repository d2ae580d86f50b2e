package com.warroom.reports;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

import org.jspecify.annotations.Nullable;

/**
 * A report made to the regulator and others during an incident (4.3 第十二条: 事件报告的情况), as
 * the post-event report lists it. Immutable.
 *
 * @param sequence the report's 第 N 次 or label
 * @param at when it was made
 * @param channel how: 电话, 书面报告书, 邮件…; {@code null} when not recorded
 * @param recipients to whom, e.g. 当地证监局期货处, 期货业协会
 * @param signers who signed the report book before it counted (签发人), in the order they
 * signed; empty when none was needed or recorded
 */
public record ReportMade(ReportBook.Sequence sequence, Instant at, @Nullable String channel, List<String> recipients,
		List<String> signers) {

	public ReportMade {
		Objects.requireNonNull(sequence, "sequence");
		Objects.requireNonNull(at, "at");
		recipients = List.copyOf(recipients);
		signers = List.copyOf(signers);
	}

	/** A report made without a 签发人. */
	public ReportMade(ReportBook.Sequence sequence, Instant at, @Nullable String channel, List<String> recipients) {
		this(sequence, at, channel, recipients, List.of());
	}

}
