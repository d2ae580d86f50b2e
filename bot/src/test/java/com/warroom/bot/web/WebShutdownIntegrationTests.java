package com.warroom.bot.web;

import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;

import com.warroom.WarRoomApplication;
import com.warroom.bot.store.EmbeddedRedis;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * GH-14, found measuring the test time: an open page (its event stream is a request that
 * never ends by itself) held every stop of the application for the web server's whole
 * grace period (30 s): the streams end when the application stops, before the server
 * waits for the requests still open. Its own application and redis-server, on random
 * ports.
 */
class WebShutdownIntegrationTests {

	@Test // GH-14
	void anOpenPageDoesNotHoldTheStop(@TempDir Path data) throws Exception {
		try (EmbeddedRedis redis = EmbeddedRedis.start(data.resolve("redis"), 0)) {
			ConfigurableApplicationContext app = new SpringApplicationBuilder(WarRoomApplication.class).run(
					"--server.port=0", "--server.address=127.0.0.1", "--warroom.data-dir=" + data.resolve("app"),
					"--warroom.redis-url=" + redis.url(), "--warroom.web.auth=password",
					"--warroom.web.passwords-file=src/test/resources/com/warroom/bot/web/web-passwords.txt",
					"--warroom.web.heartbeat=PT0.5S");
			try {
				int port = Integer.parseInt(app.getEnvironment().getProperty("local.server.port"));
				WebClient web = new WebClient(port);
				assertThat(web.signIn("wu-dba", "Wu-dba-pw-2026").statusCode()).isEqualTo(303);
				HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/board/events"))
					.header("Accept", "text/event-stream")
					.header("Cookie", Sessions.COOKIE + "=" + web.cookie(Sessions.COOKIE).orElseThrow())
					.build();
				// the page stays open (the heartbeat keeps the
				// stream alive) while the application stops
				HttpResponse<InputStream> stream = HttpClient.newHttpClient()
					.send(request, HttpResponse.BodyHandlers.ofInputStream());
				assertThat(stream.statusCode()).isEqualTo(200);
				long start = System.nanoTime();
				app.close();
				assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(10));
				// the server ended the stream: it reads to its end (what came first, a
				// heartbeat or a refresh, then nothing)
				assertThat(stream.body().readAllBytes()).isNotEmpty();
			}
			finally {
				app.close();
			}
		}
	}

}
