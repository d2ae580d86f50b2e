package com.warroom.bot;

import java.util.stream.Collectors;

import com.warroom.playbooks.InvalidDataFileException;
import com.warroom.playbooks.ValidationError;
import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Turns a refused roster, contact book, synonyms, escalation policy, reporting policy or
 * calendar into a readable start-up report listing every error, as the playbooks' is.
 */
class InvalidDataFileFailureAnalyzer extends AbstractFailureAnalyzer<InvalidDataFileException> {

	@Override
	protected FailureAnalysis analyze(Throwable rootFailure, InvalidDataFileException cause) {
		String errors = cause.errors().stream().map(ValidationError::toString).collect(Collectors.joining("\n  "));
		return new FailureAnalysis(cause.subject() + "有 " + cause.errors().size() + " 处错误，机器人未启动：\n  " + errors,
				"修改上述文件后重新启动。", cause);
	}

}
