/** Incidents, their step states and their append-only timelines, kept in Redis. */
@org.jspecify.annotations.NullMarked
package com.warroom.bot.incident;
