package com.warroom.notify;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;

import org.jspecify.annotations.Nullable;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Leases in the job-store database (H2 or PostgreSQL), one row per name: a holder, an
 * expiry and an epoch that grows each time the lease changes hands (or is taken again
 * after it lapsed). The epoch is the fencing token: a write guarded by {@link #VALID}
 * succeeds only while the lease of that epoch is held and unexpired, so a process that
 * was paused past its expiry and resumes changes nothing with its old epoch. Expiry is
 * decided on the caller's clock: the instances' clocks must agree within a second (far
 * below the lease times). Each operation is one conditional statement, atomic on both
 * databases. The table {@code WR_LEASES} is the schema's ({@link JobStoreSchema}, V4):
 * the database must be migrated first.
 * <p>
 * On the embedded H2 file the database belongs to one process (H2 locks the file), so no
 * other process can take a lease: a lease taken there lasts {@link #SINGLE_PROCESS_TTL}
 * and is not written again while it is held. This matters because that file is written
 * append-only (every commit, even a renewal, adds a chunk of some kilobytes until the
 * next clean stop compacts it): renewals every few seconds grew it by about 700 MB a day
 * while the bot sat idle. What an earlier process of the file still held (killed, so it
 * did not give its leases up) is lapsed at start ({@link #lapseAll}). Thread-safe.
 */
public final class Leases {

	/**
	 * A guard for a statement's WHERE clause: true while the lease of that name, holder
	 * and epoch is unexpired; its parameters are {@link #guard(Lease, Instant)}.
	 */
	public static final String VALID = "EXISTS (SELECT 1 FROM WR_LEASES WHERE NAME = ? AND HOLDER = ? AND EPOCH = ? AND EXPIRES_AT > ?)";

	/** A lease as its holder knows it. */
	public record Lease(String name, String holder, long epoch, Instant expiresAt) {
	}

	/** How long a lease taken on a database of one process lasts (until given up). */
	public static final Duration SINGLE_PROCESS_TTL = Duration.ofDays(3650);

	private final JdbcTemplate jdbc;

	private final Clock clock;

	private final boolean singleProcess;

	public Leases(DataSource dataSource, Clock clock) {
		this.jdbc = new JdbcTemplate(dataSource);
		this.clock = clock;
		this.singleProcess = singleProcess(dataSource);
	}

	/**
	 * Whether the database can belong to this process only: an H2 file, which H2 locks
	 * (an in-memory H2 may be shared by the application contexts of one JVM, as tests
	 * do).
	 */
	public static boolean singleProcess(DataSource dataSource) {
		String url = new JdbcTemplate(dataSource)
			.execute((org.springframework.jdbc.core.ConnectionCallback<String>) (connection) -> connection.getMetaData()
				.getURL());
		return url != null && url.startsWith("jdbc:h2:file:");
	}

	/** Whether leases here are taken once and kept ({@link #SINGLE_PROCESS_TTL}). */
	public boolean isSingleProcess() {
		return singleProcess;
	}

	/**
	 * Lapses every lease still held on a database of one process, at its start: they were
	 * an earlier (killed) process's, whose claims are now this one's to take over. Writes
	 * nothing when none is held; does nothing on a shared database.
	 */
	public static void lapseAll(DataSource dataSource) {
		if (singleProcess(dataSource)) {
			Timestamp lapsed = Timestamp.from(Instant.EPOCH);
			new JdbcTemplate(dataSource).update("UPDATE WR_LEASES SET EXPIRES_AT = ? WHERE EXPIRES_AT > ?", lapsed,
					lapsed);
		}
	}

	/**
	 * Renews {@code held} when it is still valid (same epoch); otherwise takes the lease
	 * when it is free, lapsed, or held by the same holder (its earlier life), with the
	 * next epoch. Empty while another holder's lease runs.
	 */
	public Optional<Lease> acquire(String name, String holder, Duration ttl, @Nullable Lease held) {
		Instant now = clock.instant();
		if (singleProcess && held != null && held.name().equals(name) && held.holder().equals(holder)
				&& held.expiresAt().isAfter(now)) {
			return Optional.of(held); // nobody else can take it: nothing to write
		}
		Timestamp until = Timestamp.from(now.plus(singleProcess ? SINGLE_PROCESS_TTL : ttl));
		if (held != null && held.name().equals(name) && held.holder().equals(holder) && jdbc.update(
				"UPDATE WR_LEASES SET EXPIRES_AT = ? WHERE NAME = ? AND HOLDER = ? AND EPOCH = ? AND EXPIRES_AT > ?",
				until, name, holder, held.epoch(), Timestamp.from(now)) == 1) {
			return Optional.of(new Lease(name, holder, held.epoch(), until.toInstant()));
		}
		if (jdbc.update(
				"UPDATE WR_LEASES SET HOLDER = ?, EPOCH = EPOCH + 1, EXPIRES_AT = ? WHERE NAME = ?"
						+ " AND (EXPIRES_AT <= ? OR HOLDER = ?)",
				holder, until, name, Timestamp.from(now), holder) == 1) {
			return current(name).filter((lease) -> lease.holder().equals(holder));
		}
		try {
			jdbc.update("INSERT INTO WR_LEASES (NAME, HOLDER, EPOCH, EXPIRES_AT) VALUES (?, ?, 1, ?)", name, holder,
					until);
			return Optional.of(new Lease(name, holder, 1, until.toInstant()));
		}
		catch (DuplicateKeyException ex) {
			return Optional.empty();
		}
	}

	/** Gives the lease up at once (so another instance need not wait for its expiry). */
	public void release(Lease lease) {
		jdbc.update("UPDATE WR_LEASES SET EXPIRES_AT = ? WHERE NAME = ? AND HOLDER = ? AND EPOCH = ?",
				Timestamp.from(Instant.EPOCH), lease.name(), lease.holder(), lease.epoch());
	}

	/** The lease of that name as stored (perhaps expired). */
	public Optional<Lease> current(String name) {
		List<Lease> leases = jdbc.query("SELECT NAME, HOLDER, EPOCH, EXPIRES_AT FROM WR_LEASES WHERE NAME = ?",
				(rs, n) -> new Lease(rs.getString(1), rs.getString(2), rs.getLong(3), rs.getTimestamp(4).toInstant()),
				name);
		return leases.stream().findFirst();
	}

	/** Whether that lease (its epoch) is still held and unexpired now. */
	public boolean valid(Lease lease) {
		Integer count = jdbc.queryForObject(
				"SELECT COUNT(*) FROM WR_LEASES WHERE NAME = ? AND HOLDER = ? AND EPOCH = ?" + " AND EXPIRES_AT > ?",
				Integer.class, guard(lease, clock.instant()));
		return count != null && count == 1;
	}

	/** The parameters of {@link #VALID} for that lease at that instant. */
	public static Object[] guard(Lease lease, Instant now) {
		return new Object[] { lease.name(), lease.holder(), lease.epoch(), Timestamp.from(now) };
	}

}
