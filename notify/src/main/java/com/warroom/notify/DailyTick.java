package com.warroom.notify;

import java.time.Instant;

/**
 * Published once a day at the configured time (Quartz cron, clustered: one instance).
 *
 * @param name which daily schedule
 * @param firedAt when it fired
 */
public record DailyTick(String name, Instant firedAt) {
}
