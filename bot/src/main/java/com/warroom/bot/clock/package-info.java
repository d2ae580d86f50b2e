/**
 * The regulator clock in the bot: plans each incident's reminders from its reporting
 * obligations, and turns fired reminders into messages to the incident's chat and
 * escalations to the leaders.
 */
@org.jspecify.annotations.NullMarked
package com.warroom.bot.clock;
