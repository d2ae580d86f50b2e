/**
 * The bot: the conversation engine, its channel adapters (Telegram, the local web chat)
 * and the wiring of the other modules. Nothing depends on it.
 */
@org.springframework.modulith.ApplicationModule(
		allowedDependencies = { "playbooks", "notify", "notify :: spi", "reports" })
@org.jspecify.annotations.NullMarked
package com.warroom.bot;
