package com.warroom.bot.engine;

import java.util.Objects;

/**
 * An inline button.
 *
 * @param label the text shown
 * @param token an opaque token of at most 64 bytes, resolved by {@link ButtonTokens}
 */
public record Button(String label, String token) {

	public Button {
		Objects.requireNonNull(label, "label");
		Objects.requireNonNull(token, "token");
		if (token.getBytes(java.nio.charset.StandardCharsets.UTF_8).length > 64) {
			throw new IllegalArgumentException("button token longer than 64 bytes");
		}
	}

}
