/** Channels that deliver notifications; webhook robots here, Telegram in bot. */
@org.springframework.modulith.NamedInterface("spi")
@org.jspecify.annotations.NullMarked
package com.warroom.notify.spi;
