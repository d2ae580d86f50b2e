package com.warroom.reports;

import java.util.Objects;

/**
 * A customer notice ready to send: its title and its text (lines separated by {@code \n},
 * blank lines between paragraphs). Print it with {@link PdfDocuments#notice}, or post
 * {@link #asText()} in a chat. Immutable.
 *
 * @param title e.g. 交易暂停通知
 * @param text the salutation, body, 特此通知, company and date
 */
public record Notice(String title, String text) {

	public Notice {
		Objects.requireNonNull(title, "title");
		Objects.requireNonNull(text, "text");
	}

	/** The title, a blank line and the text. */
	public String asText() {
		return title + "\n\n" + text;
	}

}
