package com.warroom.bot.web;

import java.time.Duration;
import java.time.Instant;

import com.warroom.bot.engine.MutableClock;
import com.warroom.bot.engine.TestRedis;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Session expiry by the injected clock: no sleeping, Redis is real. */
class SessionsTests {

	private final MutableClock clock = new MutableClock(Instant.parse("2026-11-23T05:58:00Z"));

	private final Sessions sessions = new Sessions(TestRedis.fresh(), clock, Duration.ofMinutes(30),
			Duration.ofHours(8));

	@Test // GH-6
	void aNewSessionIsFoundByItsTokenWithItsPersonAndCsrfToken() {
		Sessions.Session session = sessions.create("wu-dba");
		assertThat(session.token()).hasSize(43).isNotEqualTo(session.csrf());
		assertThat(sessions.find(session.token())).hasValueSatisfying((found) -> {
			assertThat(found.personId()).isEqualTo("wu-dba");
			assertThat(found.csrf()).isEqualTo(session.csrf());
		});
	}

	@Test
	void endsAfterTheIdleTimeWithoutARequest() {
		Sessions.Session session = sessions.create("wu-dba");
		clock.advance(Duration.ofMinutes(29));
		assertThat(sessions.find(session.token())).isPresent();
		clock.advance(Duration.ofMinutes(1));
		assertThat(sessions.find(session.token())).isEmpty();
		// and it is gone for good, even if the clock went back
		clock.advance(Duration.ofMinutes(-30));
		assertThat(sessions.find(session.token())).isEmpty();
	}

	@Test
	void eachRequestRestartsTheIdleTime() {
		Sessions.Session session = sessions.create("wu-dba");
		for (int i = 0; i < 4; i++) {
			clock.advance(Duration.ofMinutes(20));
			Sessions.Session found = sessions.find(session.token()).orElseThrow();
			sessions.touch(found);
		}
		assertThat(sessions.find(session.token())).isPresent();
	}

	@Test
	void endsAtTheMaximumAgeHoweverBusy() {
		Sessions.Session session = sessions.create("wu-dba");
		for (int i = 0; i < 16; i++) {
			clock.advance(Duration.ofMinutes(29));
			sessions.find(session.token()).ifPresent(sessions::touch);
		}
		assertThat(Duration.ofMinutes(29 * 16)).isLessThan(Duration.ofHours(8));
		assertThat(sessions.find(session.token())).isPresent();
		clock.advance(Duration.ofMinutes(29));
		assertThat(sessions.find(session.token())).isEmpty();
	}

	@Test
	void signingOutEndsTheSession() {
		Sessions.Session session = sessions.create("wu-dba");
		sessions.end(session.token());
		assertThat(sessions.find(session.token())).isEmpty();
	}

	@Test
	void unknownAndMalformedTokensFindNothing() {
		assertThat(sessions.find(sessions.randomToken())).isEmpty();
		assertThat(sessions.find("")).isEmpty();
		assertThat(sessions.find("wr:web:session:*")).isEmpty();
	}

	@Test
	void redisKeepsOnlyAHashOfTheToken() {
		Sessions.Session session = sessions.create("wu-dba");
		assertThat(TestRedis.client().keys("wr:web:session:*")).singleElement()
			.satisfies((key) -> assertThat(key).doesNotContain(session.token()));
	}

}
