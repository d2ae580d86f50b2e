package com.warroom.bot;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import com.warroom.WarRoomApplication;
import com.warroom.playbooks.LoadResult;
import com.warroom.playbooks.PlaybookLibrary;
import com.warroom.playbooks.ReportingObligations;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@SpringBootTest(classes = WarRoomApplication.class, webEnvironment = SpringBootTest.WebEnvironment.NONE,
		properties = { "warroom.report-cycle=PT2M", "warroom.data-dir=target/test-data/app" })
class WarRoomApplicationIntegrationTests {

	@Autowired
	PlaybookLibrary library;

	@Autowired
	ReportingObligations obligations;

	@Test
	void startsWithTheBundledLibraryAndTheConfiguredCycle() {
		assertThat(library.size()).isEqualTo(54);
		assertThat(obligations.policy().cycle()).isEqualTo(Duration.ofMinutes(2));
	}

	@Test
	void refusesToStartOnABrokenPlaybookDirectoryAndListsEveryError(@TempDir Path dir) throws IOException {
		Files.writeString(dir.resolve("broken.yaml"), "id: broken\ntitle: 坏的\nsystem_class: mainframe\n");
		SpringApplicationBuilder app = new SpringApplicationBuilder(WarRoomApplication.class);
		assertThatThrownBy(() -> {
			try (ConfigurableApplicationContext context = app.run("--server.port=0", "--warroom.playbooks-dir=" + dir,
					"--warroom.data-dir=" + dir.resolve("data"))) {
				context.getBean(PlaybookLibrary.class);
			}
		}).hasRootCauseInstanceOf(LoadResult.InvalidPlaybooksException.class)
			.rootCause()
			.hasMessageContaining("broken.yaml:3: system_class: 无效的值 \"mainframe\"")
			.hasMessageContaining("category: 缺少必填字段");
	}

	@Test
	void loadsExtraPlaybooksFromTheConfiguredDirectory(@TempDir Path dir) throws IOException {
		String extra = Files.readString(Path.of("../playbooks/src/main/resources/playbooks/website.ddos.yaml"))
			.replace("id: website.ddos", "id: website.ddos-copy");
		Files.writeString(dir.resolve("website.ddos-copy.yaml"), extra);
		try (ConfigurableApplicationContext context = new SpringApplicationBuilder(WarRoomApplication.class)
			.run("--server.port=0", "--warroom.playbooks-dir=" + dir, "--warroom.data-dir=" + dir.resolve("data"))) {
			assertThat(context.getBean(PlaybookLibrary.class).size()).isEqualTo(55);
		}
	}

}
