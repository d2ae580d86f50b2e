/**
 * Incidents, their step states and their append-only timelines; the store is an
 * interface.
 */
@org.jspecify.annotations.NullMarked
package com.warroom.bot.incident;
