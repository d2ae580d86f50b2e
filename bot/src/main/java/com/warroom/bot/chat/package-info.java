/**
 * Where a conversation happens and who takes part: the channel-neutral chat reference and
 * actor, shared by the engine, the incident model and the channels.
 */
@org.jspecify.annotations.NullMarked
package com.warroom.bot.chat;
