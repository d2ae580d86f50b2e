package com.warroom.bot.web;

import java.nio.file.Path;
import java.time.Duration;

import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Web settings ({@code WEB_AUTH}, {@code WEB_PASSWORDS_FILE}, …).
 *
 * @param auth {@code auto} (default): the local identity chooser without a Telegram
 * token, sign-in with one; {@code password}: always sign-in
 * @param passwordsFile the accounts: lines {@code roster-id:bcrypt-hash} (htpasswd
 * format); null or blank for none
 * @param sessionIdle a session ends after this long without a request
 * @param sessionMax a session ends this long after sign-in, whatever happens
 * @param secureCookie mark the session cookie {@code Secure} even when the request did
 * not come over HTTPS (behind a proxy that ends TLS); over HTTPS it always is
 */
@ConfigurationProperties("warroom.web")
record WebProperties(@DefaultValue("auto") String auth, @Nullable Path passwordsFile,
		@DefaultValue("PT2H") Duration sessionIdle, @DefaultValue("PT12H") Duration sessionMax,
		@DefaultValue("false") boolean secureCookie) {

	WebProperties {
		if (!auth.equals("auto") && !auth.equals("password")) {
			throw new IllegalArgumentException("WEB_AUTH must be auto or password, was " + auth);
		}
		if (passwordsFile != null && passwordsFile.toString().isBlank()) {
			passwordsFile = null;
		}
		if (sessionIdle.isNegative() || sessionIdle.isZero() || sessionMax.compareTo(sessionIdle) < 0) {
			throw new IllegalArgumentException("WEB_SESSION_IDLE must be positive and at most WEB_SESSION_MAX, were "
					+ sessionIdle + " / " + sessionMax);
		}
	}

	/** Which mode the web runs in, given whether a Telegram token is configured. */
	WebMode mode(boolean telegramToken) {
		return (auth.equals("password") || telegramToken) ? WebMode.SIGN_IN : WebMode.LOCAL;
	}

}
