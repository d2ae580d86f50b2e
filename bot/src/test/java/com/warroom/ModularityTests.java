package com.warroom;

import org.junit.jupiter.api.Test;
import org.springframework.modulith.core.ApplicationModules;
import org.springframework.modulith.docs.Documenter;

/** The module structure: bot → notify/reports → playbooks, nothing depends on bot. */
class ModularityTests {

	private final ApplicationModules modules = ApplicationModules.of(WarRoomApplication.class);

	@Test
	void verifiesModularStructure() {
		modules.verify();
	}

	@Test
	void writesModuleDocumentation() {
		new Documenter(modules).writeDocumentation();
	}

}
