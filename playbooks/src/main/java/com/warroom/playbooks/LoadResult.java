package com.warroom.playbooks;

import java.util.List;
import java.util.stream.Collectors;

import org.jspecify.annotations.Nullable;

/**
 * The outcome of loading: a library when there was no error at all, otherwise every error
 * found (a library with any error does not half-load).
 */
public record LoadResult(@Nullable PlaybookLibrary library, List<ValidationError> errors) {

	public LoadResult {
		errors = List.copyOf(errors);
		if ((library == null) == errors.isEmpty()) {
			throw new IllegalArgumentException("a result has either a library or errors");
		}
	}

	public boolean ok() {
		return library != null;
	}

	/** The library, or an exception listing every error. */
	public PlaybookLibrary orElseThrow() {
		if (library == null) {
			throw new InvalidPlaybooksException(errors);
		}
		return library;
	}

	/** Thrown when a library with errors is required to be valid. */
	public static final class InvalidPlaybooksException extends RuntimeException {

		private final List<ValidationError> errors;

		InvalidPlaybooksException(List<ValidationError> errors) {
			super("预案库有 " + errors.size() + " 处错误：\n"
					+ errors.stream().map(ValidationError::toString).collect(Collectors.joining("\n")));
			this.errors = errors;
		}

		public List<ValidationError> errors() {
			return errors;
		}

	}

}
