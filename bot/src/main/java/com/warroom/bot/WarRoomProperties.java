package com.warroom.bot;

import java.nio.file.Path;
import java.time.Duration;

import jakarta.validation.constraints.PositiveOrZero;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The playbooks and the rules (PRODUCT.md "How it runs"); each environment variable maps
 * onto one of these in {@code application.yaml}. The other concerns have their own
 * record: the clock's durations {@code clock.ClockProperties}, Redis
 * {@code store.StoreProperties}, drills {@code DrillProperties}, documents and archive
 * {@code documents.DocumentsProperties}, roster and contacts {@code RosterProperties},
 * Telegram, web, delivery.
 *
 * @param playbooksDir extra or overriding playbooks ({@code PLAYBOOKS_DIR}); may be null
 * @param reportCycle the 30-minute unit of the reporting rules ({@code REPORT_CYCLE})
 * @param effectiveCustomers the company's 有效客户数 for grading ({@code EFFECTIVE_CUSTOMERS})
 * @param reportingPolicy a reporting-policy file replacing the bundled one; may be null
 * @param calendar a working-day calendar file replacing the bundled one; may be null
 */
@Validated
@ConfigurationProperties("warroom")
record WarRoomProperties(@Nullable Path playbooksDir, @DefaultValue("PT30M") Duration reportCycle,
		@DefaultValue("0") @PositiveOrZero long effectiveCustomers, @Nullable Path reportingPolicy,
		@Nullable Path calendar) {

	WarRoomProperties {
		playbooksDir = unlessEmpty(playbooksDir);
		reportingPolicy = unlessEmpty(reportingPolicy);
		calendar = unlessEmpty(calendar);
		if (reportCycle.isZero() || reportCycle.isNegative()) {
			throw new IllegalArgumentException(
					"REPORT_CYCLE（warroom.report-cycle）应为正的时长（ISO-8601，如 PT30M），实际是 " + reportCycle);
		}
	}

	/**
	 * An unset variable binds as an empty path, which would mean the working directory.
	 */
	private static @Nullable Path unlessEmpty(@Nullable Path path) {
		return (path == null || path.toString().isBlank()) ? null : path;
	}

}
