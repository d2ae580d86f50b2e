package com.warroom.playbooks;

import java.util.List;
import java.util.stream.Collectors;

/**
 * A data file (roster, contact book, synonyms, escalation policy, reporting policy,
 * calendar) that cannot be used, with every problem found in it as
 * {@code file:line: field: message}. Start-up stops with the list; nothing half-loads.
 */
public class InvalidDataFileException extends IllegalArgumentException {

	private final String subject;

	private final List<ValidationError> errors;

	/**
	 * @param subject what the file is, in Chinese, e.g. {@code 应急名册}
	 * @param errors at least one
	 */
	public InvalidDataFileException(String subject, List<ValidationError> errors) {
		super(subject + "有 " + errors.size() + " 处错误：\n"
				+ errors.stream().map(ValidationError::toString).collect(Collectors.joining("\n")));
		this.subject = subject;
		this.errors = List.copyOf(errors);
	}

	public String subject() {
		return subject;
	}

	public List<ValidationError> errors() {
		return errors;
	}

}
