/** Quartz-backed implementation of the reminders. */
@org.jspecify.annotations.NullMarked
package com.warroom.notify.internal;
