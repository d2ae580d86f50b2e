/**
 * The web channel: the local web chat (the embedded default, no Telegram needed), the
 * leaders' board with its incident pages and the archive, and the sign-in that guards
 * them whenever the web is not the token-less local default. Pages are rendered on the
 * server; a little vanilla JavaScript sends commands and presses and listens to
 * server-sent events.
 */
@org.jspecify.annotations.NullMarked
package com.warroom.bot.web;
