package com.warroom.bot;

import java.util.stream.Collectors;

import com.warroom.playbooks.LoadResult.InvalidPlaybooksException;
import com.warroom.playbooks.ValidationError;
import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Turns a refused playbook library into a readable start-up report instead of a stack
 * trace.
 */
class InvalidPlaybooksFailureAnalyzer extends AbstractFailureAnalyzer<InvalidPlaybooksException> {

	@Override
	protected FailureAnalysis analyze(Throwable rootFailure, InvalidPlaybooksException cause) {
		String errors = cause.errors().stream().map(ValidationError::toString).collect(Collectors.joining("\n  "));
		return new FailureAnalysis("预案库有 " + cause.errors().size() + " 处错误，机器人未启动：\n  " + errors,
				"修改上述文件后重新启动；可先运行 java -jar warroom-exec.jar validate-playbooks <目录> 检查。", cause);
	}

}
