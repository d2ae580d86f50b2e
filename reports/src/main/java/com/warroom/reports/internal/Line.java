package com.warroom.reports.internal;

/**
 * One printed line of a value or a list: an optional prefix (a time, a number, a label
 * such as 原因：) and the text, drawn with a hanging indent so wrapped lines align under the
 * text rather than under the prefix.
 *
 * @param prefix printed first, e.g. {@code 13:58:16　} or {@code 1、}; may be empty
 * @param text the rest
 */
record Line(String prefix, String text) {

	static Line of(String text) {
		return new Line("", text);
	}

	String whole() {
		return prefix + text;
	}

}
