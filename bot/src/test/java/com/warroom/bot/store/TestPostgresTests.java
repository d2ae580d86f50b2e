package com.warroom.bot.store;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class TestPostgresTests {

	@Test
	void theTestServerIsARealPostgresqlAndFreshDatabasesAreEmpty() throws Exception {
		String url = TestPostgres.freshDatabase();
		try (Connection connection = DriverManager.getConnection(url);
				Statement statement = connection.createStatement()) {
			ResultSet version = statement.executeQuery("SHOW server_version_num");
			version.next();
			assertThat(Integer.parseInt(version.getString(1))).isGreaterThanOrEqualTo(150000);
			ResultSet tables = statement
				.executeQuery("SELECT count(*) FROM information_schema.tables WHERE table_schema = 'public'");
			tables.next();
			assertThat(tables.getInt(1)).isZero();
		}
	}

	@Test
	void aFreshDatabaseKeepsTheServerAndTheParameters() {
		assertThat(TestPostgres.withDatabase("jdbc:postgresql://127.0.0.1:5432/warroom?user=postgres", "t_1"))
			.isEqualTo("jdbc:postgresql://127.0.0.1:5432/t_1?user=postgres");
		assertThat(TestPostgres.withDatabase("jdbc:postgresql://h:1/w", "t_2")).isEqualTo("jdbc:postgresql://h:1/t_2");
	}

}
