/**
 * Notification fan-out, escalation policies and the Quartz-backed regulator clock
 * (reminders before each report is due, escalation when overdue). Filled by the
 * reporting-clock issue; depends on {@code playbooks} only.
 */
@org.springframework.modulith.ApplicationModule(allowedDependencies = "playbooks")
@org.jspecify.annotations.NullMarked
package com.warroom.notify;
