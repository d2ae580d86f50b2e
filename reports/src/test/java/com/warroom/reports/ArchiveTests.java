package com.warroom.reports;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class ArchiveTests {

	private static final String ID = "INC-20261123-001";

	@TempDir
	Path root;

	private final Clock clock = Clock.fixed(Instant.parse("2026-11-23T06:30:00Z"), ZoneId.of("Asia/Shanghai"));

	@Test
	void aYearsOwnFolderKeepsTheYearlyDrillReportAndIsNoIncident() throws Exception {
		Archive archive = new Archive(root, clock);
		archive.store("DRL-2026", "2026年度应急演练情况总结报告.pdf", bytes("y1"));
		Archive.StoredDocument again = archive.store("DRL-2026", "2026年度应急演练情况总结报告.pdf", bytes("y2"));

		assertThat(again.name()).isEqualTo("2026年度应急演练情况总结报告-2.pdf");
		assertThat(Files
			.readString(root.resolve("drills").resolve("2026").resolve("DRL-2026").resolve("2026年度应急演练情况总结报告.pdf")))
			.isEqualTo("y1");
		assertThat(archive.read("DRL-2026", "2026年度应急演练情况总结报告-2.pdf"))
			.hasValueSatisfying((b) -> assertThat(b).isEqualTo(bytes("y2")));
		assertThat(archive.sealedIds()).doesNotContain("DRL-2026");
		assertThatIllegalArgumentException().isThrownBy(() -> archive.store("DRL-26", "x.pdf", bytes("x")));
	}

	@Test
	void aDrillIsKeptApartFromTheRealIncidentsAndAnOlderDrillStaysWhereItWas() throws Exception {
		Archive archive = new Archive(root, clock);
		archive.store("DRL-20261123-001", "应急演练记录.pdf", bytes("d1"));
		archive.seal("DRL-20261123-001", "{}");
		// kept by an earlier version in the year's folder, like a real incident
		Path before = Files.createDirectories(root.resolve("2026").resolve("DRL-20261120-001"));
		Files.writeString(before.resolve("应急演练记录.pdf"), "old");
		archive.store(ID, "报告书-第1次.pdf", bytes("r1"));

		assertThat(root.resolve("drills").resolve("2026").resolve("DRL-20261123-001").resolve("应急演练记录.pdf"))
			.hasContent("d1");
		assertThat(root.resolve("2026").resolve("DRL-20261123-001")).doesNotExist();
		assertThat(root.resolve("2026").resolve(ID).resolve("报告书-第1次.pdf")).hasContent("r1");
		assertThat(archive.read("DRL-20261123-001", "应急演练记录.pdf"))
			.hasValueSatisfying((b) -> assertThat(b).isEqualTo(bytes("d1")));
		assertThat(archive.sealed("DRL-20261123-001")).isPresent();
		assertThat(archive.verify("DRL-20261123-001")).isEmpty();
		assertThat(archive.sealedIds()).containsExactly("DRL-20261123-001");
		assertThat(archive.read("DRL-20261120-001", "应急演练记录.pdf"))
			.hasValueSatisfying((b) -> assertThat(b).isEqualTo(bytes("old")));
		archive.store("DRL-20261120-001", "应急演练情况总结报告.pdf", bytes("s"));
		assertThat(before.resolve("应急演练情况总结报告.pdf")).hasContent("s");
		assertThat(root.resolve("drills").resolve("2026").resolve("DRL-20261120-001")).doesNotExist();
		archive.seal("DRL-20261120-001", "{}");
		assertThat(archive.sealedIds()).containsExactly("DRL-20261123-001", "DRL-20261120-001");
	}

	@Test
	void keepsEveryVersionOfADocumentUnderTheIncidentsYear() throws Exception {
		Archive archive = new Archive(root, clock);
		archive.store(ID, "报告书-第1次.pdf", bytes("v1"));
		Archive.StoredDocument second = archive.store(ID, "报告书-第1次.pdf", bytes("v2"));

		assertThat(second.name()).isEqualTo("报告书-第1次-2.pdf");
		assertThat(Files.readString(root.resolve("2026").resolve(ID).resolve("报告书-第1次.pdf"))).isEqualTo("v1");
		assertThat(archive.documents(ID)).extracting(Archive.StoredDocument::name)
			.containsExactlyInAnyOrder("报告书-第1次.pdf", "报告书-第1次-2.pdf");
		assertThat(archive.read(ID, "报告书-第1次-2.pdf")).hasValueSatisfying((b) -> assertThat(b).isEqualTo(bytes("v2")));
		assertThat(root.resolve("2026").resolve(ID)).isDirectoryNotContaining("glob:**.tmp");
	}

	@Test
	void sealingWritesTheTimelineAndAManifestThatCatchesChanges() throws Exception {
		Archive archive = new Archive(root, clock);
		archive.store(ID, "记录表.pdf", bytes("record"));
		Archive.Sealed sealed = archive.seal(ID, "{\"incident\":\"" + ID + "\"}");

		assertThat(sealed.files()).extracting(Archive.StoredDocument::name).containsExactly("timeline.json", "记录表.pdf");
		String manifest = new String(archive.read(ID, "manifest.json").orElseThrow(), StandardCharsets.UTF_8);
		assertThat(manifest).contains(
				"{\"name\": \"记录表.pdf\", \"size\": 6, \"sha256\": \"70ce871f8a3d3fb449bc3c3ace6547cef02dfc74ffe48d912532a724bfdbe5b9\"}");
		assertThat(archive.verify(ID)).isEmpty();
		assertThat(archive.sealedIds()).containsExactly(ID);
		assertThat(archive.documents(ID)).extracting(Archive.StoredDocument::name).containsExactly("记录表.pdf");

		Files.writeString(root.resolve("2026").resolve(ID).resolve("记录表.pdf"), "forged");
		assertThat(archive.verify(ID)).containsExactly("记录表.pdf");
		assertThat(archive.seal(ID, "{}").sealedAt()).isEqualTo(sealed.sealedAt());
		assertThat(archive.read(ID, "timeline.json"))
			.hasValueSatisfying((b) -> assertThat(new String(b, StandardCharsets.UTF_8)).contains(ID));
	}

	@Test
	void aSealedArchiveTakesNoNewDocumentAndAnInterruptedSealCanBeRunAgain() throws Exception {
		Archive archive = new Archive(root, clock);
		archive.store(ID, "报告书.pdf", bytes("book"));
		// a seal that stopped after writing the timeline, before the manifest
		Files.writeString(root.resolve("2026").resolve(ID).resolve("timeline.json"), "{\"first\":true}");
		Archive.Sealed sealed = archive.seal(ID, "{\"second\":true}");
		assertThat(sealed.files()).extracting(Archive.StoredDocument::name).containsExactly("timeline.json", "报告书.pdf");
		assertThat(new String(archive.read(ID, "timeline.json").orElseThrow(), StandardCharsets.UTF_8))
			.contains("first");
		assertThat(archive.verify(ID)).isEmpty();
		org.assertj.core.api.Assertions.assertThatIllegalStateException()
			.isThrownBy(() -> archive.store(ID, "后来的.pdf", bytes("late")));
	}

	@Test // GH-12
	void aDocumentMadeAfterCloseIsASealedSupplementChainedToTheManifestBeforeIt() throws Exception {
		Archive archive = new Archive(root, clock);
		archive.store(ID, "记录表.pdf", bytes("record"));
		archive.seal(ID, "{\"v\":1}");
		byte[] sealManifest = archive.read(ID, "manifest.json").orElseThrow();

		Archive.Supplement first = archive.supplement(ID, "事件处理情况报告.pdf", bytes("summary"), "{\"v\":2}");
		Archive.Supplement second = archive.supplement(ID, "事件处理情况报告.pdf", bytes("summary, final"), null);

		assertThat(first.number()).isEqualTo(2);
		assertThat(first.manifest()).isEqualTo("manifest-2.json");
		assertThat(first.previousSha256()).isEqualTo(sha256(sealManifest));
		assertThat(second.manifest()).isEqualTo("manifest-3.json");
		assertThat(second.previousSha256()).isEqualTo(sha256(archive.read(ID, "manifest-2.json").orElseThrow()));
		assertThat(second.document().name()).isEqualTo("事件处理情况报告-2.pdf");
		String manifest2 = new String(archive.read(ID, "manifest-2.json").orElseThrow(), StandardCharsets.UTF_8);
		assertThat(manifest2).contains("\"supplement\": 2", "\"previous\": \"manifest.json\"",
				"\"previousSha256\": \"" + sha256(sealManifest) + "\"", "\"name\": \"事件处理情况报告.pdf\"",
				"\"name\": \"timeline-2.json\"");
		assertThat(archive.read(ID, "manifest.json")).hasValueSatisfying((b) -> assertThat(b).isEqualTo(sealManifest));
		assertThat(archive.read(ID, "timeline-2.json"))
			.hasValueSatisfying((b) -> assertThat(b).isEqualTo(bytes("{\"v\":2}")));
		assertThat(archive.verify(ID)).isEmpty();
		assertThat(archive.supplements(ID)).containsExactly("manifest-2.json", "manifest-3.json");
		assertThat(archive.documents(ID)).extracting(Archive.StoredDocument::name)
			.containsExactlyInAnyOrder("记录表.pdf", "事件处理情况报告.pdf", "事件处理情况报告-2.pdf");
		assertThat(archive.sealedIds()).containsExactly(ID);
		org.assertj.core.api.Assertions.assertThatIllegalStateException()
			.isThrownBy(() -> archive.store(ID, "后来的.pdf", bytes("late")));
		assertThatIllegalArgumentException()
			.isThrownBy(() -> archive.supplement(ID, "manifest-4.json", bytes("x"), null));
	}

	@Test // GH-12
	void verifyChecksTheWholeChainAndRefusesToChainOntoATamperedArchive() throws Exception {
		Archive archive = new Archive(root, clock);
		archive.store(ID, "记录表.pdf", bytes("record"));
		archive.seal(ID, "{}");
		archive.supplement(ID, "报告书-补.pdf", bytes("late book"), null);
		archive.supplement(ID, "总结.pdf", bytes("summary"), null);
		Path dir = root.resolve("2026").resolve(ID);

		Files.writeString(dir.resolve("报告书-补.pdf"), "forged");
		assertThat(archive.verify(ID)).containsExactly("报告书-补.pdf");
		org.assertj.core.api.Assertions.assertThatIllegalStateException()
			.isThrownBy(() -> archive.supplement(ID, "再补.pdf", bytes("x"), null));
		Files.writeString(dir.resolve("报告书-补.pdf"), "late book");
		assertThat(archive.verify(ID)).isEmpty();

		// a forger who rewrites the seal's manifest to match a changed file breaks the
		// link of the next one
		String manifest = Files.readString(dir.resolve("manifest.json"));
		Files.writeString(dir.resolve("记录表.pdf"), "forged");
		Files.writeString(dir.resolve("manifest.json"),
				manifest.replace(sha256(bytes("record")), sha256(bytes("forged"))));
		assertThat(archive.verify(ID)).containsExactly("manifest-2.json");

		// a supplement removed from the middle leaves a
		// gap: the one after it is no longer chained
		Files.writeString(dir.resolve("manifest.json"), manifest);
		Files.writeString(dir.resolve("记录表.pdf"), "record");
		Files.delete(dir.resolve("manifest-2.json"));
		assertThat(archive.verify(ID)).contains("manifest-3.json", "报告书-补.pdf (unlisted)");

		// and a file slipped in that no manifest lists is named
		Files.writeString(dir.resolve("manifest-2.json"), "{}");
		Files.writeString(dir.resolve("后补.pdf"), "slipped in");
		assertThat(archive.verify(ID)).contains("后补.pdf (unlisted)", "manifest-2.json");
	}

	@Test // GH-12
	void onlyASealedArchiveTakesSupplements() {
		Archive archive = new Archive(root, clock);
		archive.store(ID, "报告书.pdf", bytes("book"));
		org.assertj.core.api.Assertions.assertThatIllegalStateException()
			.isThrownBy(() -> archive.supplement(ID, "总结.pdf", bytes("x"), null));
		assertThat(archive.supplements(ID)).isEmpty();
	}

	@Test
	void sealedIncidentsAreListedNewestFirstWhateverTheirKind() {
		Archive archive = new Archive(root, clock);
		for (String id : List.of("INC-20261101-002", "DRL-20261120-001", "INC-20261101-010", "INC-20251231-001")) {
			archive.seal(id, "{}");
		}
		assertThat(archive.sealedIds()).containsExactly("DRL-20261120-001", "INC-20261101-010", "INC-20261101-002",
				"INC-20251231-001");
	}

	@Test
	void refusesNamesThatLeaveTheArchive() {
		Archive archive = new Archive(root, clock);
		assertThatIllegalArgumentException().isThrownBy(() -> archive.store("../../etc", "x.pdf", bytes("x")));
		assertThatIllegalArgumentException().isThrownBy(() -> archive.store(ID, "../x.pdf", bytes("x")));
		assertThatIllegalArgumentException().isThrownBy(() -> archive.store(ID, ".hidden", bytes("x")));
		assertThatIllegalArgumentException().isThrownBy(() -> archive.store(ID, "manifest.json", bytes("x")));
		assertThat(archive.read(ID, "../../../etc/passwd")).isEmpty();
		assertThat(archive.read("x/../..", "a.pdf")).isEmpty();
		assertThat(archive.documents(ID)).isEmpty();
		assertThat(archive.sealedIds()).isEmpty();
	}

	private static String sha256(byte[] content) throws Exception {
		return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(content));
	}

	private static byte[] bytes(String text) {
		return text.getBytes(StandardCharsets.UTF_8);
	}

}
