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
		assertThat(manifest).contains("{\"name\": \"记录表.pdf\", \"size\": 6, \"sha256\": \"70ce871f8a3d3fb449bc3c3ace6547cef02dfc74ffe48d912532a724bfdbe5b9\"}");
		assertThat(archive.verify(ID)).isEmpty();
		assertThat(archive.sealedIds()).containsExactly(ID);
		assertThat(archive.documents(ID)).extracting(Archive.StoredDocument::name).containsExactly("记录表.pdf");

		Files.writeString(root.resolve("2026").resolve(ID).resolve("记录表.pdf"), "forged");
		assertThat(archive.verify(ID)).containsExactly("记录表.pdf");
		assertThat(archive.seal(ID, "{}").sealedAt()).isEqualTo(sealed.sealedAt());
		assertThat(archive.read(ID, "timeline.json")).hasValueSatisfying(
				(b) -> assertThat(new String(b, StandardCharsets.UTF_8)).contains(ID));
	}

	@Test
	void aSealedArchiveTakesNoNewDocumentAndAnInterruptedSealCanBeRunAgain() throws Exception {
		Archive archive = new Archive(root, clock);
		archive.store(ID, "报告书.pdf", bytes("book"));
		// a seal that stopped after writing the timeline, before the manifest
		Files.writeString(root.resolve("2026").resolve(ID).resolve("timeline.json"), "{\"first\":true}");
		Archive.Sealed sealed = archive.seal(ID, "{\"second\":true}");
		assertThat(sealed.files()).extracting(Archive.StoredDocument::name).containsExactly("timeline.json", "报告书.pdf");
		assertThat(new String(archive.read(ID, "timeline.json").orElseThrow(), StandardCharsets.UTF_8)).contains("first");
		assertThat(archive.verify(ID)).isEmpty();
		org.assertj.core.api.Assertions.assertThatIllegalStateException()
			.isThrownBy(() -> archive.store(ID, "后来的.pdf", bytes("late")));
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

	private static byte[] bytes(String text) {
		return text.getBytes(StandardCharsets.UTF_8);
	}

}
