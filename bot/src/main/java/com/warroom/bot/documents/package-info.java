/**
 * The incident's documents: maps an incident (timeline, facts, grade, summary answers)
 * onto the forms of the {@code reports} module and keeps what it issues in the archive.
 */
@org.jspecify.annotations.NullMarked
package com.warroom.bot.documents;
