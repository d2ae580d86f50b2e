package com.warroom.playbooks;

import java.util.Objects;

/**
 * One problem found while loading playbooks.
 *
 * @param file the file name (or path as given)
 * @param line 1-based line, 0 when the problem concerns the whole file
 * @param field the field path, e.g. {@code steps[2].next}; empty for the whole file
 * @param message what is wrong, in Chinese
 */
public record ValidationError(String file, int line, String field, String message) {

	public ValidationError {
		Objects.requireNonNull(file, "file");
		Objects.requireNonNull(field, "field");
		Objects.requireNonNull(message, "message");
	}

	/** {@code file:line: field: message}, the form editors and IDEs understand. */
	@Override
	public String toString() {
		StringBuilder text = new StringBuilder(file);
		if (line > 0) {
			text.append(':').append(line);
		}
		text.append(": ");
		if (!field.isEmpty()) {
			text.append(field).append(": ");
		}
		return text.append(message).toString();
	}

}
