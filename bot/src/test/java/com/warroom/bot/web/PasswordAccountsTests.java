package com.warroom.bot.web;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;

import com.warroom.bot.PasswordHashCli;
import com.warroom.bot.engine.TestRedis;
import com.warroom.bot.roster.Roster;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PasswordAccountsTests {

	static final Roster ROSTER = roster();

	private final PasswordAccounts accounts = PasswordAccounts
		.load(Path.of("src/test/resources/com/warroom/bot/web/web-passwords.txt"), ROSTER, TestRedis.fresh());

	@Test // GH-6
	void acceptsTheRightPasswordOnly() {
		assertThat(accounts.size()).isEqualTo(5);
		assertThat(accounts.check("wu-dba", "Wu-dba-pw-2026")).isEqualTo(PasswordAccounts.Outcome.OK);
		assertThat(accounts.check("wu-dba", "wu-dba-pw-2026")).isEqualTo(PasswordAccounts.Outcome.WRONG);
		assertThat(accounts.check("wu-dba", "")).isEqualTo(PasswordAccounts.Outcome.WRONG);
	}

	@Test
	void aPasswordLongerThanBcryptReadsIsWrongNotAnError() {
		assertThat(accounts.check("wu-dba", "Wu-dba-pw-2026" + "x".repeat(80)))
			.isEqualTo(PasswordAccounts.Outcome.WRONG);
		assertThat(accounts.check("wu-dba", "密".repeat(30))).isEqualTo(PasswordAccounts.Outcome.WRONG);
		assertThatThrownBy(() -> PasswordHashCli.hash("密".repeat(30))).hasMessageContaining("72 字节");
	}

	@Test
	void readsHashesAsHtpasswdWritesThem() {
		assertThat(accounts.check("zhao-gm", "Zhao-gm-pw-2026")).isEqualTo(PasswordAccounts.Outcome.OK);
	}

	@Test
	void peopleWithoutAnAccountAndStrangersAreRefusedAlike() {
		assertThat(accounts.check("chu-audit", "anything")).isEqualTo(PasswordAccounts.Outcome.WRONG);
		assertThat(accounts.check("mallory", "Wu-dba-pw-2026")).isEqualTo(PasswordAccounts.Outcome.WRONG);
	}

	@Test
	void locksAnIdAfterFiveFailuresEvenForTheRightPassword() {
		for (int i = 0; i < PasswordAccounts.MAX_FAILURES; i++) {
			assertThat(accounts.check("zheng-sys", "guess-" + i)).isEqualTo(PasswordAccounts.Outcome.WRONG);
		}
		assertThat(accounts.check("zheng-sys", "Zheng-sys-pw-2026")).isEqualTo(PasswordAccounts.Outcome.LOCKED);
		assertThat(TestRedis.client().ttl("wr:web:fail:zheng-sys")).isBetween(1L, PasswordAccounts.LOCK.toSeconds());
		// others are not affected
		assertThat(accounts.check("wu-dba", "Wu-dba-pw-2026")).isEqualTo(PasswordAccounts.Outcome.OK);
	}

	@Test // GH-11: six wrong passwords lock only the failing source
	void failuresLockOnlyTheirSourceAndTheOwnerIsTold() {
		List<String> told = new java.util.concurrent.CopyOnWriteArrayList<>();
		accounts.onLock((id, source) -> told.add(id + "@" + source));
		for (int i = 0; i <= PasswordAccounts.MAX_FAILURES; i++) {
			accounts.check("zhao-gm", "guess-" + i, "203.0.113.9");
		}
		assertThat(accounts.check("zhao-gm", "Zhao-gm-pw-2026", "203.0.113.9"))
			.isEqualTo(PasswordAccounts.Outcome.LOCKED);
		assertThat(told).containsExactly("zhao-gm@203.0.113.9");
		// the leader, from the office, still signs in
		assertThat(accounts.check("zhao-gm", "Zhao-gm-pw-2026", "198.51.100.7")).isEqualTo(PasswordAccounts.Outcome.OK);
		assertThat(accounts.check("zhao-gm", "Zhao-gm-pw-2026", "203.0.113.9"))
			.isEqualTo(PasswordAccounts.Outcome.LOCKED);
	}

	@Test // GH-11
	void aSourceFailingOnManyIdsIsLockedOutOfAll() {
		String[] ids = { "wu-dba", "zheng-sys", "zhao-gm", "chu-audit", "mallory" };
		for (int i = 0; i < PasswordAccounts.MAX_SOURCE_FAILURES; i++) {
			assertThat(accounts.check(ids[i % ids.length], "guess-" + i, "203.0.113.10"))
				.isEqualTo(PasswordAccounts.Outcome.WRONG);
		}
		assertThat(accounts.check("wu-dba", "Wu-dba-pw-2026", "203.0.113.10"))
			.isEqualTo(PasswordAccounts.Outcome.LOCKED);
		assertThat(accounts.check("wu-dba", "Wu-dba-pw-2026", "198.51.100.7")).isEqualTo(PasswordAccounts.Outcome.OK);
	}

	@Test
	void aSuccessClearsEarlierFailures() {
		for (int i = 0; i < PasswordAccounts.MAX_FAILURES - 1; i++) {
			accounts.check("wu-dba", "guess-" + i);
		}
		assertThat(accounts.check("wu-dba", "Wu-dba-pw-2026")).isEqualTo(PasswordAccounts.Outcome.OK);
		assertThat(accounts.check("wu-dba", "guess")).isEqualTo(PasswordAccounts.Outcome.WRONG);
		assertThat(accounts.check("wu-dba", "Wu-dba-pw-2026")).isEqualTo(PasswordAccounts.Outcome.OK);
	}

	@Test
	void refusesPlainPasswordsWithTheLine() {
		assertThatThrownBy(() -> PasswordAccounts.parse("web.txt", List.of("# accounts", "wu-dba:secret123"), ROSTER))
			.hasMessageContaining("web.txt:2:")
			.hasMessageContaining("不是 BCrypt 哈希");
	}

	@Test
	void refusesWeakHashesIdsNotOnTheRosterAndDuplicates() {
		String weak = "$2a$04$" + "a".repeat(53);
		String good = "$2a$10$vvlAE5UNPohKrcQsD7kWCutoKpXBlcN2751SmeSVdPPWzD8j3mI6m";
		assertThatThrownBy(() -> PasswordAccounts.parse("f", List.of("wu-dba:" + weak), ROSTER))
			.hasMessageContaining("f:1: wu-dba 的 BCrypt 强度低于 10");
		assertThatThrownBy(() -> PasswordAccounts.parse("f", List.of("mallory:" + good), ROSTER))
			.hasMessageContaining("f:1: 名册中没有 mallory");
		assertThatThrownBy(() -> PasswordAccounts.parse("f", List.of("wu-dba:" + good, "wu-dba:" + good), ROSTER))
			.hasMessageContaining("f:2: wu-dba 重复");
		assertThatThrownBy(() -> PasswordAccounts.parse("f", List.of("just-a-line"), ROSTER))
			.hasMessageContaining("f:1: 应为");
	}

	@Test
	void hashesForTheFileAreBcryptOfCostTwelve() {
		String hash = PasswordHashCli.hash("a long password");
		assertThat(hash).startsWith("$2a$12$");
		assertThat(PasswordAccounts.parse("f", List.of("wu-dba:" + hash), ROSTER)).containsKey("wu-dba");
	}

	static Roster roster() {
		try (var in = PasswordAccountsTests.class.getClassLoader().getResourceAsStream("warroom/roster.example.yaml")) {
			return Roster.parse(new String(in.readAllBytes(), StandardCharsets.UTF_8));
		}
		catch (java.io.IOException ex) {
			throw new java.io.UncheckedIOException(ex);
		}
	}

}
