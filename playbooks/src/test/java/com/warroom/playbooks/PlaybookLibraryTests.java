package com.warroom.playbooks;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The bundled library against the seed it was transcribed from. */
class PlaybookLibraryTests {

	static PlaybookLibrary library;

	static List<String[]> scenarios;

	@BeforeAll
	static void load() {
		LoadResult result = PlaybookLoader.loadBundled();
		assertThat(result.errors()).isEmpty();
		library = result.orElseThrow();
		scenarios = SeedFiles.lines("scenarios.tsv")
			.stream()
			.skip(1)
			.filter((line) -> !line.isBlank())
			.map((line) -> line.split("\t", -1))
			.toList();
	}

	@Test
	void loadsOnePlaybookPerScenarioWithTheScenarioIdsAsIds() {
		assertThat(scenarios).hasSize(54);
		assertThat(library.all()).extracting(Playbook::id)
			.containsExactlyInAnyOrderElementsOf(scenarios.stream().map((row) -> row[0]).toList());
	}

	@Test
	void eachPlaybookCarriesItsScenarioAnnexCategoryDescriptionAndLineRange() {
		for (String[] row : scenarios) {
			Playbook playbook = library.find(row[0]).orElseThrow();
			assertThat(playbook.annex()).as(row[0]).isEqualTo(row[1]);
			assertThat(playbook.category()).as(row[0]).isEqualTo(row[3]);
			assertThat(row[4]).as(row[0]).endsWith(playbook.title());
			assertThat(playbook.description()).as(row[0]).isEqualTo(row[5]);
			assertThat(playbook.source()).as(row[0]).isEqualTo(row[1] + " L" + row[9] + "-" + row[10]);
			assertThat(playbook.flow()).as(row[0]).hasSize(Integer.parseInt(row[6]));
		}
	}

	@Test
	void annexCountsMatchTheSeed() {
		Map<String, Integer> byAnnex = new HashMap<>();
		library.all().forEach((playbook) -> byAnnex.merge(playbook.annex(), 1, Integer::sum));
		assertThat(byAnnex).containsOnly(Map.entry("附件四", 8), Map.entry("附件五", 9), Map.entry("附件六", 20),
				Map.entry("附件七", 10), Map.entry("附件八", 7));
	}

	/**
	 * The one place the seed's words are deliberately not kept (GH-10): a real city
	 * leaked into the template (L12313, RULES.md a.5) and reads as the template's own
	 * 当地公安机关网监部门; step → { the seed's words, ours }.
	 */
	private static final java.util.Map<String, String[]> REPLACED = java.util.Map.of("online.trading-site-attack/m4",
			new String[] { "杭州公安局网监大队", "当地公安机关网监部门" });

	@Test
	void noStepNamesTheSeedsRealCity() {
		assertThat(library.all().stream().flatMap((p) -> p.allSteps().stream()).map(Step::text))
			.noneMatch((text) -> text.contains("杭州"));
	}

	@Test
	void everyStepTextStandsInTheSeedAtItsSourceLine() {
		List<String> seed = SeedFiles.lines("000_a2617cc3342f8e1a.txt");
		int checked = 0;
		for (Playbook playbook : library.all()) {
			for (Step step : playbook.allSteps()) {
				assertThat(step.source()).as(playbook.id() + "/" + step.id()).matches("L\\d+");
				int line = Integer.parseInt(step.source().substring(1));
				StringBuilder window = new StringBuilder();
				for (int i = line - 1; i < Math.min(seed.size(), line + 30); i++) {
					window.append(seed.get(i));
				}
				String text = step.text();
				String[] replaced = REPLACED.get(playbook.id() + "/" + step.id());
				if (replaced != null) {
					assertThat(text).contains(replaced[1]).doesNotContain(replaced[0]);
					text = text.replace(replaced[1], replaced[0]);
				}
				assertThat(squeeze(window.toString())).as(playbook.id() + "/" + step.id() + " at " + step.source())
					.contains(squeeze(text));
				checked++;
			}
		}
		assertThat(checked).isEqualTo(library.stepCount());
	}

	@Test
	void scenariosWhoseFlowReportsAtOnceAreMarkedSo() {
		for (Playbook playbook : library.all()) {
			boolean saysAtOnce = playbook.flow().stream().anyMatch((step) -> step.text().contains("立即向住所地监管部门报告"));
			assertThat(playbook.reporting()).as(playbook.id())
				.isEqualTo(saysAtOnce ? ReportingMode.AT_ONCE : ReportingMode.BY_CLASS);
		}
		assertThat(library.all()).filteredOn((playbook) -> playbook.reporting() == ReportingMode.AT_ONCE).hasSize(34);
	}

	@Test
	void risksNeedASecondPersonAndDecisionsBranch() {
		Step powerOff = library.find("central.db-host-hardware").orElseThrow().step("m1").orElseThrow();
		assertThat(powerOff.confirm()).isTrue();
		Step standby = library.find("central.db-host-hardware").orElseThrow().step("m2").orElseThrow();
		assertThat(standby.confirm()).isTrue();
		Playbook quotes = library.find("online.quote-site-not-updating").orElseThrow();
		Step decision = quotes.step("d1").orElseThrow();
		assertThat(decision.kind()).isEqualTo(StepKind.DECISION);
		assertThat(decision.answers()).extracting(Answer::next).containsExactly("m3", "m2");
		long decisions = library.all().stream().flatMap((p) -> p.allSteps().stream()).filter(Step::isDecision).count();
		long confirms = library.all().stream().flatMap((p) -> p.allSteps().stream()).filter(Step::confirm).count();
		assertThat(decisions).isGreaterThanOrEqualTo(20);
		assertThat(confirms).isGreaterThanOrEqualTo(25);
	}

	@Test
	void everyStepHasAKnownRoleAndEveryContactAKnownCategory() {
		Vocabulary vocabulary = library.vocabulary();
		for (Playbook playbook : library.all()) {
			playbook.allSteps().forEach((step) -> assertThat(vocabulary.roles()).containsKey(step.role()));
			playbook.contacts().forEach((contact) -> assertThat(vocabulary.contactCategories()).containsKey(contact));
		}
	}

	@Test
	void theIndexListsExactlyTheBundledFiles() throws IOException {
		Path dir = Path.of("src/main/resources/playbooks");
		try (Stream<Path> files = Files.list(dir)) {
			List<String> yaml = files.map((path) -> path.getFileName().toString())
				.filter((name) -> name.endsWith(".yaml"))
				.toList();
			assertThat(PlaybookLoader.bundledFiles()).extracting(PlaybookFile::name)
				.containsExactlyInAnyOrderElementsOf(yaml);
		}
	}

	private static String squeeze(String text) {
		return text.replaceAll("\\s+", "");
	}

}
