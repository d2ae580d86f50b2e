package com.warroom.bot.incident;

import com.warroom.playbooks.Severity;
import org.jspecify.annotations.Nullable;

/**
 * What is known of an incident's level besides what the rules compute: a leader's
 * override, and what the clock has announced so far.
 *
 * @param override the level a leader or commander set, or null
 * @param reason the override's reason, or null
 * @param by the roster id of who set the override, or null
 * @param announced the computed level last announced (at declaration, then each rise), or
 * null before the first
 * @param overrideAnnounced the override last escalated ({@code LEVEL|by|reason}), or null
 */
public record LevelState(@Nullable Severity override, @Nullable String reason, @Nullable String by,
		@Nullable Severity announced, @Nullable String overrideAnnounced) {
}
