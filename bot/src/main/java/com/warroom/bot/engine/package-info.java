/**
 * The channel-independent conversation engine: inbound events in, outbound actions out.
 * No channel's types appear here.
 */
@org.jspecify.annotations.NullMarked
package com.warroom.bot.engine;
