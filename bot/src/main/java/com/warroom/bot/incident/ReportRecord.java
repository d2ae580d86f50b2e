package com.warroom.bot.incident;

import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

import org.jspecify.annotations.Nullable;

/**
 * What an incident records of one report it owes (key {@code <kind>:<seq>}): who asked
 * for its 签发, who recorded it reported, and the book kept for signing with its signatures
 * and delegations.
 *
 * @param key e.g. {@code INITIAL:1}
 * @param requestedBy the roster id of who asked for 签发, or null
 * @param reportedBy the roster id recorded with the report, or null while not reported
 * @param book the name in the archive of the book kept for signing, or null
 * @param sha256 the SHA-256 of that book, or null
 * @param version the book's version, from 1 (renewed when the incident changed)
 * @param fingerprint what the incident looked like when the book was made (see the
 * signing flow), or null
 * @param signatures by version, the roster id that signed each duty
 * @param delegates by duty, the roster id a holder named to sign it
 */
public record ReportRecord(String key, @Nullable String requestedBy, @Nullable String reportedBy, @Nullable String book,
		@Nullable String sha256, int version, @Nullable String fingerprint,
		SortedMap<Integer, Map<String, String>> signatures, Map<String, String> delegates) {

	public ReportRecord {
		SortedMap<Integer, Map<String, String>> copy = new TreeMap<>();
		signatures.forEach((v, signed) -> copy.put(v, Map.copyOf(signed)));
		signatures = java.util.Collections.unmodifiableSortedMap(copy);
		delegates = Map.copyOf(delegates);
	}

	/** Nothing recorded of report {@code key} yet. */
	public static ReportRecord none(String key) {
		return new ReportRecord(key, null, null, null, null, 1, null, new TreeMap<>(), Map.of());
	}

	public boolean reported() {
		return reportedBy != null;
	}

	public boolean requested() {
		return requestedBy != null;
	}

	/** Whether a book waits (or waited) for signatures. */
	public boolean hasBook() {
		return book != null;
	}

	/** Who signed {@code duty} on the book's current version, or null. */
	public @Nullable String signer(String duty) {
		return signer(version, duty);
	}

	/** Who signed {@code duty} on {@code version} of the book, or null. */
	public @Nullable String signer(int version, String duty) {
		return signatures.getOrDefault(version, Map.of()).get(duty);
	}

	/** Who a holder named to sign {@code duty}, or null. */
	public @Nullable String delegate(String duty) {
		return delegates.get(duty);
	}

}
