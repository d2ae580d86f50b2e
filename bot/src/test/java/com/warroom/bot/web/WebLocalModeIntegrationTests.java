package com.warroom.bot.web;

import java.net.InetAddress;
import java.net.http.HttpResponse;
import java.util.Map;

import com.warroom.bot.engine.TestRedis;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.web.server.ConfigurableWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.ArgumentMatchers.any;

/**
 * The embedded default: no Telegram token, so the web chat is the way in. Whoever sits at
 * this machine picks who they are from the roster; the server listens on the loopback
 * address only (peers elsewhere are refused by the guard too: {@link WebGuardTests}).
 */
class WebLocalModeIntegrationTests extends LocalWebTests {

	@Autowired
	WebMode mode;

	@Autowired
	WebServerFactoryCustomizer<ConfigurableWebServerFactory> loopbackOnly;

	WebClient web;

	@BeforeEach
	void fresh() {
		TestRedis.fresh();
		web = new WebClient(port);
	}

	@Test // GH-6
	void isTheDefaultWithoutATelegramToken() {
		assertThat(mode).isEqualTo(WebMode.LOCAL);
	}

	@Test // GH-6
	void listensOnTheLoopbackAddressWhateverServerAddressSays() {
		ConfigurableWebServerFactory factory = mock(ConfigurableWebServerFactory.class);
		loopbackOnly.customize(factory);
		verify(factory).setAddress(InetAddress.getLoopbackAddress());

		ConfigurableWebServerFactory deployed = mock(ConfigurableWebServerFactory.class);
		new WebConfiguration().loopbackOnly(WebMode.SIGN_IN).customize(deployed);
		verify(deployed, never()).setAddress(any());
	}

	@Test // GH-6
	void offersTheWholeRosterToChooseFrom() {
		HttpResponse<String> who = web.get("/who");
		assertThat(who.statusCode()).isEqualTo(200);
		assertThat(who.body()).contains("请选择您的身份")
			.contains("赵总经理")
			.contains("褚稽核部经理")
			.contains("value=\"wu-dba\"")
			.contains("本机试用");
		assertThat(web.get("/login").headers().firstValue("Location")).hasValue("/who");
		assertThat(web.get("/board").headers().firstValue("Location"))
			.hasValueSatisfying((to) -> assertThat(to).endsWith("/who"));
	}

	@Test
	void choosingStartsASessionAsThatPerson() {
		HttpResponse<String> chosen = web.choose("zhao-gm");
		assertThat(chosen.statusCode()).isEqualTo(303);
		assertThat(chosen.headers().firstValue("Location")).hasValue("/chat/room");
		String room = web.get("/chat/room").body();
		assertThat(room).contains("赵总经理").contains("应急领导小组").contains("切换身份");
		web.say("room", "/help");
		assertThat(web.get("/chat/room").body()).contains("赵总经理，您好。");
	}

	@Test
	void choosingNeedsTheFormsToken() {
		web.get("/who");
		assertThat(web.post("/who", Map.of("person", "zhao-gm")).statusCode()).isEqualTo(403);
		assertThat(web.cookie(Sessions.COOKIE)).isEmpty();
	}

	@Test
	void someoneNotOnTheRosterIsToldPolitely() {
		HttpResponse<String> unknown = web.choose("mallory<b>");
		assertThat(unknown.statusCode()).isEqualTo(400);
		assertThat(unknown.body()).contains("名册中没有编号为“mallory&lt;b&gt;”的人员，请从下面的名单中选择。");
		assertThat(web.cookie(Sessions.COOKIE)).isEmpty();
	}

	@Test
	void switchingIdentityEndsTheSession() {
		web.choose("wu-dba");
		HttpResponse<String> out = web.post("/logout", Map.of("_csrf", web.csrf()));
		assertThat(out.headers().firstValue("Location")).hasValue("/who");
		assertThat(web.get("/chat/room").statusCode()).isEqualTo(302);
	}

}
