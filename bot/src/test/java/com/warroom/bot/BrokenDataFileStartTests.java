package com.warroom.bot;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import com.warroom.WarRoomApplication;
import com.warroom.playbooks.InvalidDataFileException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * GH-14: a broken roster or a missing escalation policy stops the start (a broken
 * calendar, contact book or reporting policy goes the same way: one exception, one
 * analyzer), and the start-up report lists every error as
 * {@code file:line: field: message}, as a broken playbook does.
 */
@ExtendWith(OutputCaptureExtension.class)
class BrokenDataFileStartTests {

	private static Throwable start(Path dir, String... args) {
		String[] all = new String[args.length + 2];
		all[0] = "--server.port=0";
		all[1] = "--warroom.data-dir=" + dir.resolve("data");
		System.arraycopy(args, 0, all, 2, args.length);
		return catchThrowable(() -> {
			try (ConfigurableApplicationContext context = new SpringApplicationBuilder(WarRoomApplication.class)
				.run(all)) {
				context.getBean(com.warroom.bot.roster.Roster.class);
			}
		});
	}

	@Test // GH-14
	void aBrokenRosterStopsTheStartWithEveryErrorListed(@TempDir Path dir, CapturedOutput output) throws IOException {
		Path roster = dir.resolve("roster.yml");
		Files.writeString(roster, """
				people:
				  - id: zhao-gm
				    name: 赵总经理
				    roles: [leader]
				    deputy: nobody
				  - id: qian-deputy
				    name: 钱副总经理
				    roles: [leader]
				    telegram_id: qian
				""");

		Throwable failure = start(dir, "--warroom.roster-file=" + roster);

		assertThat(failure).hasRootCauseInstanceOf(InvalidDataFileException.class);
		assertThat(output).contains("应急名册有 2 处错误，机器人未启动：", roster + ":9: people[1].telegram_id: 必须是数字（Telegram 用户编号）",
				roster + ":5: people[0].deputy: 名册中没有 nobody");
		assertThat(output).doesNotContain("\tat com.warroom");
	}

	@Test // GH-14
	void aMissingEscalationFileStopsTheStartNamingIt(@TempDir Path dir, CapturedOutput output) {
		assertThat(start(dir, "--warroom.escalation-file=" + dir.resolve("none.yml")))
			.hasRootCauseInstanceOf(InvalidDataFileException.class);
		assertThat(output).contains("升级策略有 1 处错误，机器人未启动：", dir.resolve("none.yml") + ": 文件不存在");
	}

	@Test // GH-14
	void theAnalyzerListsEveryErrorOfTheFile() {
		InvalidDataFileException cause = new InvalidDataFileException("联络手册",
				java.util.List.of(new com.warroom.playbooks.ValidationError("c.yml", 3, "contacts[1].unit", "缺少必填字段"),
						new com.warroom.playbooks.ValidationError("c.yml", 0, "", "文件为空")));

		FailureAnalysis analysis = new InvalidDataFileFailureAnalyzer().analyze(new IllegalStateException(cause));

		assertThat(analysis.getDescription())
			.isEqualTo("联络手册有 2 处错误，机器人未启动：\n  c.yml:3: contacts[1].unit: 缺少必填字段\n  c.yml: 文件为空");
	}

}
