package com.warroom.bot.web;

import java.nio.file.Path;
import java.time.Duration;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class WebPropertiesTests {

	private static WebProperties auth(String auth) {
		return new WebProperties(auth, null, Duration.ofHours(2), Duration.ofHours(12), false);
	}

	@Test // GH-6
	void theLocalModeIsOnlyTheTokenlessDefault() {
		assertThat(auth("auto").mode(false)).isEqualTo(WebMode.LOCAL);
		assertThat(auth("auto").mode(true)).isEqualTo(WebMode.SIGN_IN);
		assertThat(auth("password").mode(false)).isEqualTo(WebMode.SIGN_IN);
		assertThat(auth("password").mode(true)).isEqualTo(WebMode.SIGN_IN);
	}

	@Test
	void refusesUnknownModesAndSessionTimesThatMakeNoSense() {
		assertThatThrownBy(() -> auth("none")).hasMessageContaining("WEB_AUTH must be auto or password");
		assertThatThrownBy(() -> new WebProperties("auto", null, Duration.ofHours(13), Duration.ofHours(12), false))
			.hasMessageContaining("WEB_SESSION_IDLE");
		assertThatThrownBy(() -> new WebProperties("auto", null, Duration.ZERO, Duration.ofHours(12), false))
			.hasMessageContaining("WEB_SESSION_IDLE");
	}

	@Test
	void anUnsetPasswordsFileIsNone() {
		assertThat(new WebProperties("auto", Path.of(""), Duration.ofHours(2), Duration.ofHours(12), false)
			.passwordsFile()).isNull();
	}

	@org.junit.jupiter.api.Test // GH-13
	void startUpSaysWhichAddressToOpen() {
		org.assertj.core.api.Assertions.assertThat(WebConfiguration.startupLine(WebMode.LOCAL, "0.0.0.0", 8080))
			.startsWith("请在浏览器中打开 http://localhost:8080/");
		org.assertj.core.api.Assertions.assertThat(WebConfiguration.startupLine(WebMode.SIGN_IN, "10.0.0.5", 9090))
			.startsWith("请在浏览器中打开 http://10.0.0.5:9090/")
			.contains("登录");
	}

}
