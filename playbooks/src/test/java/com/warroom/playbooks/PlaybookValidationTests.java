package com.warroom.playbooks;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static com.warroom.playbooks.PlaybookFixtures.VALID;
import static com.warroom.playbooks.PlaybookFixtures.file;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every kind of mistake a company can make in a playbook file, reported with file, line
 * and field.
 */
class PlaybookValidationTests {

	@Test
	void aValidFileLoads() {
		LoadResult result = load(PlaybookFixtures.valid());
		assertThat(result.errors()).isEmpty();
		Playbook playbook = result.orElseThrow().find("test.sample").orElseThrow();
		assertThat(playbook.systemClass()).isEqualTo(SystemClass.CENTRAL_TRADING);
		assertThat(playbook.steps()).extracting(Step::id).containsExactly("m1", "d1", "m2", "m3");
		assertThat(playbook.step("m2").orElseThrow().confirm()).isTrue();
		assertThat(playbook.successor(Track.STEPS, playbook.step("m2").orElseThrow())).isEqualTo("m3");
		assertThat(playbook.successor(Track.STEPS, playbook.step("m3").orElseThrow())).isEqualTo(Step.END);
	}

	@Test
	void unknownFieldIsReportedWithItsLine() {
		LoadResult result = load(file("test.sample.yaml", VALID.replace("category: database", "categroy: database")));
		assertThat(result.ok()).isFalse();
		assertThat(result.errors()).anySatisfy((error) -> {
			assertThat(error.field()).isEqualTo("categroy");
			assertThat(error.line()).isEqualTo(3);
			assertThat(error.message()).contains("未知字段");
		});
		assertThat(result.errors()).anySatisfy((error) -> assertThat(error.field()).isEqualTo("category"));
	}

	@Test
	void missingRequiredStepFieldNamesTheStep() {
		LoadResult result = load(
				file("test.sample.yaml", VALID.replace("    role: dba\n    text: 检查数据库。\n", "    text: 检查数据库。\n")));
		assertThat(result.errors()).singleElement().satisfies((error) -> {
			assertThat(error.file()).isEqualTo("test.sample.yaml");
			assertThat(error.field()).isEqualTo("steps[0].role");
			assertThat(error.line()).isEqualTo(15);
			assertThat(error.message()).contains("缺少必填字段");
		});
	}

	@Test
	void duplicateIdsAcrossFilesAreRejected() {
		PlaybookFile other = file("copy/test.sample.yaml", VALID);
		LoadResult result = PlaybookLoader.load(List.of(PlaybookFixtures.valid(), other), List.of(), null);
		assertThat(result.errors()).singleElement().satisfies((error) -> {
			assertThat(error.file()).isEqualTo("copy/test.sample.yaml");
			assertThat(error.message()).contains("重复").contains("test.sample.yaml");
		});
	}

	@Test
	void duplicateStepIdAndDuplicateKeyAreRejected() {
		String text = VALID.replace("  - id: m3\n", "  - id: m1\n")
			.replace("title: 测试场景\n", "title: 测试场景\ntitle: 又一个\n");
		LoadResult result = load(file("test.sample.yaml", text));
		assertThat(result.errors()).anySatisfy((error) -> assertThat(error.message()).contains("步骤编号 \"m1\" 重复"));
		assertThat(result.errors()).anySatisfy((error) -> {
			assertThat(error.field()).isEqualTo("title");
			assertThat(error.line()).isEqualTo(3);
			assertThat(error.message()).contains("字段重复");
		});
	}

	@Test
	void anAnswerPointingNowhereIsReported() {
		LoadResult result = load(file("test.sample.yaml", VALID.replace("next: m2", "next: m9")));
		assertThat(result.errors()).anySatisfy((error) -> {
			assertThat(error.field()).isEqualTo("steps[1].answers[1].next");
			assertThat(error.message()).contains("\"m9\"").contains("不存在");
		});
	}

	@Test
	void aStepNothingLeadsToIsUnreachable() {
		String text = VALID.replace("        next: m2\n", "        next: m3\n")
			.replace("      - label: 未解决\n", "      - label: 不确定\n");
		LoadResult result = load(file("test.sample.yaml", text));
		assertThat(result.errors()).singleElement().satisfies((error) -> {
			assertThat(error.field()).isEqualTo("steps[2]");
			assertThat(error.line()).isEqualTo(31);
			assertThat(error.message()).contains("永远不会被执行");
		});
	}

	@Test
	void aDecisionLoopWithoutExitIsReported() {
		String text = VALID.replace("        next: m3\n", "        next: m1\n")
			.replace("    text: 启用备份数据库。\n", "    text: 启用备份数据库。\n    next: d1\n");
		LoadResult result = load(file("test.sample.yaml", text));
		assertThat(result.errors()).filteredOn((error) -> error.message().contains("循环"))
			.extracting(ValidationError::field)
			.containsExactly("steps[0]", "steps[1]", "steps[2]");
		// with both answers looping back, m3 is also cut off
		assertThat(result.errors()).filteredOn((error) -> error.message().contains("永远不会被执行"))
			.extracting(ValidationError::field)
			.containsExactly("steps[3]");
	}

	@Test
	void unknownRoleAndUnknownContactCategoryAreReported() {
		String text = VALID.replace("role: dba\n    confirm", "role: janitor\n    confirm")
			.replace("[integrator]", "[integrator, plumber]");
		LoadResult result = load(file("test.sample.yaml", text));
		assertThat(result.errors()).extracting(ValidationError::field)
			.containsExactlyInAnyOrder("steps[2].role", "contacts[1]");
		assertThat(result.errors()).allSatisfy((error) -> assertThat(error.message()).containsAnyOf("未知角色", "未知的联络类别"));
	}

	@Test
	void badEnumValuesListTheAllowedOnes() {
		String text = VALID.replace("system_class: central-trading", "system_class: mainframe")
			.replace("kind: action\n    phase: 处理\n    role: dba\n    text: 检查",
					"kind: act\n    phase: 处理\n    role: dba\n    text: 检查")
			.replace("phase: 善后", "phase: 收尾");
		LoadResult result = load(file("test.sample.yaml", text));
		assertThat(result.errors()).extracting(ValidationError::field)
			.containsExactlyInAnyOrder("system_class", "steps[0].kind", "steps[3].phase");
		assertThat(result.errors()).allSatisfy((error) -> assertThat(error.message()).contains("可用"));
	}

	@Test
	void everyErrorOfEveryFileIsReportedAtOnceAndNothingHalfLoads() {
		PlaybookFile first = file("test.sample.yaml",
				VALID.replace("category: database\n", "").replace("next: m2", "next: nowhere"));
		PlaybookFile second = file("other.yaml", VALID.replace("id: test.sample", "id: other")
			.replace("role: tech-manager\n    text: 立即", "role: nobody\n    text: 立即"));
		PlaybookFile third = file("fine.yaml", VALID.replace("id: test.sample", "id: fine"));
		LoadResult result = PlaybookLoader.load(List.of(first, second, third), List.of(), null);
		assertThat(result.library()).isNull();
		assertThat(result.errors()).extracting(ValidationError::file).contains("test.sample.yaml", "other.yaml");
		assertThat(result.errors()).hasSizeGreaterThanOrEqualTo(3);
	}

	@Test
	void notUtf8AndNotYamlAndEmptyFilesAreErrorsNotExceptions() {
		byte[] gbk = VALID.getBytes(java.nio.charset.Charset.forName("GBK"));
		LoadResult result = PlaybookLoader.load(List.of(new PlaybookFile("test.sample.yaml", gbk),
				file("broken.yaml", "id: [unclosed\n  title: x"), file("empty.yaml", "")), List.of(), null);
		assertThat(result.errors()).extracting(ValidationError::message)
			.anySatisfy((message) -> assertThat(message).contains("UTF-8"))
			.anySatisfy((message) -> assertThat(message).contains("YAML 格式错误"))
			.anySatisfy((message) -> assertThat(message).contains("文件为空"));
		assertThat(result.errors()).filteredOn((error) -> error.file().equals("test.sample.yaml"))
			.singleElement()
			.satisfies((error) -> assertThat(error.line()).isEqualTo(2));
	}

	@Test
	void fileNameMustMatchTheId() {
		LoadResult result = load(file("sample.yaml", VALID));
		assertThat(result.errors()).singleElement()
			.satisfies((error) -> assertThat(error.message()).contains("test.sample.yaml"));
	}

	@Test
	void aDirectoryAddsAndOverridesBundledPlaybooks(@TempDir Path dir) throws IOException {
		String override = Files.readString(Path.of("src/main/resources/playbooks/central.db-host-hardware.yaml"))
			.replace("title: \"数据库主机硬件故障\"", "title: \"数据库主机硬件故障（本公司版）\"");
		Files.writeString(dir.resolve("central.db-host-hardware.yaml"), override);
		Files.writeString(dir.resolve("test.sample.yaml"), VALID);
		Files.writeString(dir.resolve("vocabulary.yaml"), "roles:\n  night-operator: 夜班操作员\n");
		LoadResult result = PlaybookLoader.loadBundledWith(dir);
		assertThat(result.errors()).isEmpty();
		PlaybookLibrary library = result.orElseThrow();
		assertThat(library.size()).isEqualTo(55);
		assertThat(library.find("central.db-host-hardware").orElseThrow().title()).isEqualTo("数据库主机硬件故障（本公司版）");
		assertThat(library.vocabulary().roles()).containsEntry("night-operator", "夜班操作员").containsKey("dba");
	}

	@Test
	void theCommandLineValidatorExitsZeroWhenValidAndListsErrorsOtherwise(@TempDir Path dir) throws IOException {
		Files.writeString(dir.resolve("test.sample.yaml"), VALID);
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		ByteArrayOutputStream err = new ByteArrayOutputStream();
		assertThat(PlaybookCli.run(new String[] { dir.toString() }, print(out), print(err))).isZero();
		assertThat(out.toString(StandardCharsets.UTF_8)).contains("55 个预案");

		Files.writeString(dir.resolve("test.sample.yaml"), VALID.replace("role: dba", "role: janitor"));
		assertThat(PlaybookCli.run(new String[] { dir.toString() }, print(out), print(err))).isEqualTo(1);
		assertThat(err.toString(StandardCharsets.UTF_8)).contains("test.sample.yaml:")
			.contains("未知角色")
			.contains("共 3 处错误");
		assertThat(PlaybookCli.run(new String[0], print(out), print(err))).isEqualTo(2);
	}

	@Test
	void aBrokenCopyOfTheWholeLibraryIsRejectedWithAllItsErrors(@TempDir Path dir) throws IOException {
		for (PlaybookFile file : PlaybookLoader.bundledFiles()) {
			Files.write(dir.resolve(file.name()), file.content());
		}
		Path quotes = dir.resolve("online.quote-site-not-updating.yaml");
		Files.writeString(quotes, Files.readString(quotes).replace("next: m2", "next: m20"));
		Path db = dir.resolve("central.db-host-hardware.yaml");
		Files.writeString(db,
				Files.readString(db).replace("role: dba", "role: dbadmin").replace("phase: 善后", "phase: 之后"));
		Path website = dir.resolve("website.ddos.yaml");
		Files.writeString(website, Files.readString(website).replace("description:", "descripton:"));
		Files.copy(db, dir.resolve("copy-of-db.yaml"));

		List<ValidationError> errors = PlaybookLoader.loadBundledWith(dir).errors();
		assertThat(errors).extracting((error) -> Path.of(error.file()).getFileName().toString() + " " + error.field())
			.containsExactlyInAnyOrder("online.quote-site-not-updating.yaml steps[1].answers[1].next",
					"central.db-host-hardware.yaml steps[0].role", "central.db-host-hardware.yaml steps[1].role",
					"central.db-host-hardware.yaml steps[2].role", "copy-of-db.yaml steps[2].role",
					"central.db-host-hardware.yaml flow[6].phase", "central.db-host-hardware.yaml steps[4].phase",
					"central.db-host-hardware.yaml steps[6].phase", "central.db-host-hardware.yaml after[0].phase",
					"central.db-host-hardware.yaml after[1].phase", "central.db-host-hardware.yaml after[2].phase",
					"copy-of-db.yaml id", "copy-of-db.yaml steps[0].role", "copy-of-db.yaml steps[1].role",
					"copy-of-db.yaml flow[6].phase", "copy-of-db.yaml steps[4].phase", "copy-of-db.yaml steps[6].phase",
					"copy-of-db.yaml after[0].phase", "copy-of-db.yaml after[1].phase",
					"copy-of-db.yaml after[2].phase", "website.ddos.yaml descripton", "website.ddos.yaml description");
	}

	private static PrintStream print(ByteArrayOutputStream out) {
		return new PrintStream(out, true, StandardCharsets.UTF_8);
	}

	private static LoadResult load(PlaybookFile file) {
		return PlaybookLoader.load(List.of(file), List.of(), null);
	}

}
