package com.warroom.reports;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.jspecify.annotations.Nullable;

/**
 * The incidents' document archive on disk: {@code <root>/<year>/<incident id>/}, a
 * drill's ({@code DRL-…}) apart under {@code <root>/drills/<year>/<drill id>/} (a drill
 * kept in the year's folder before still read and kept there), and a year's drill folder
 * {@code <root>/drills/<year>/DRL-<year>/} for the yearly drill report. Every document
 * issued while the incident is open is kept there as it was sent; when the incident
 * closes, {@link #seal} adds the timeline and a manifest with SHA-256 checksums. A
 * document made after the seal (a report still owed after close) is added by
 * {@link #supplement} as a sealed supplement: its own manifest ({@code manifest-2.json},
 * {@code manifest-3.json}, …) names the SHA-256 of the manifest before it, so the
 * manifests form an append-only chain that {@link #verify} checks whole. Nothing here
 * deletes or overwrites a file: archives are kept at least two years, and removing them
 * is an operator's decision. Thread-safe (also across instances sharing the directory: no
 * file is ever replaced); names are checked so no caller can reach outside the root.
 */
public final class Archive {

	/**
	 * Incident ids as the bot makes them, e.g. {@code INC-20261123-001}; the year comes
	 * from the date.
	 */
	private static final Pattern INCIDENT_ID = Pattern.compile("[A-Z]{2,8}-(\\d{4})\\d{4}-\\d{3,6}");

	/**
	 * A year's own folder for documents about the whole year, e.g. {@code DRL-2026} for
	 * the yearly drill report (GH-16): {@code <root>/2026/DRL-2026/}, next to that year's
	 * incidents.
	 */
	private static final Pattern YEAR_ID = Pattern.compile("[A-Z]{2,8}-(\\d{4})");

	/**
	 * Drill ids ({@code DRL-…}) are kept apart, under {@code <root>/drills/<year>/}
	 * (GH-16).
	 */
	private static final String DRILL_PREFIX = "DRL-", DRILLS = "drills";

	/**
	 * Document names: letters (Chinese included), digits, {@code . _ -}, no leading dot.
	 */
	private static final Pattern NAME = Pattern.compile("[\\p{L}\\p{N}_-][\\p{L}\\p{N}._-]{0,120}");

	private static final Pattern SEALED_AT = Pattern.compile("\"sealed\": \"([^\"]+)\"");

	static final String TIMELINE = "timeline.json";

	static final String MANIFEST = "manifest.json";

	/**
	 * Supplement manifests and timelines: {@code manifest-2.json},
	 * {@code timeline-2.json}, …
	 */
	private static final Pattern SUPPLEMENT_RECORD = Pattern.compile("(manifest|timeline)-([1-9]\\d{0,5})\\.json");

	private static final String UNLISTED = " (unlisted)";

	private static final Pattern FILE_ENTRY = Pattern
		.compile("\"name\": \"([^\"]+)\", \"size\": \\d+, \"sha256\": \"([0-9a-f]{64})\"");

	private static final Pattern PREVIOUS = Pattern
		.compile("\"previous\": \"([^\"]+)\",\\s*\"previousSha256\": \"([0-9a-f]{64})\"");

	private final Path root;

	private final Clock clock;

	public Archive(Path root, Clock clock) {
		this.root = root.toAbsolutePath().normalize();
		this.clock = clock;
	}

	/** A document kept for an incident. */
	public record StoredDocument(String incidentId, String name, long size, Instant stored) {
	}

	/** A closed incident's archive: its id, when it was sealed and its files. */
	public record Sealed(String incidentId, Instant sealedAt, List<StoredDocument> files) {
	}

	/**
	 * A supplement added to a sealed archive.
	 *
	 * @param number 2 for the first supplement (the seal itself is 1), 3 for the next…
	 * @param manifest its manifest's name, e.g. {@code manifest-2.json}
	 * @param previousSha256 the SHA-256 of the manifest before it, as its manifest names
	 * it
	 * @param document the document it adds
	 */
	public record Supplement(int number, String manifest, String previousSha256, StoredDocument document) {
	}

	/**
	 * Keeps a document issued for an incident. A name already used gets a suffix
	 * ({@code 报告书-第1次-2.pdf}), so every version sent stays.
	 * @return the document as stored (its name may differ from {@code name})
	 * @throws IllegalArgumentException for an id or name this archive does not accept
	 * @throws IllegalStateException once the incident's archive is sealed
	 */
	public StoredDocument store(String incidentId, String name, byte[] content) {
		Path dir = folder(incidentId);
		checkName(name);
		if (Files.exists(dir.resolve(MANIFEST))) {
			throw new IllegalStateException("The archive of " + incidentId + " is sealed");
		}
		try {
			Files.createDirectories(dir);
			return storeIn(dir, incidentId, name, content);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot store " + name + " for " + incidentId, ex);
		}
	}

	/**
	 * Writes a new file under {@code name}, or the first free {@code name-2},
	 * {@code name-3}…
	 */
	private StoredDocument storeIn(Path dir, String incidentId, String name, byte[] content) throws IOException {
		Path tmp = Files.createTempFile(dir, ".incoming-", ".tmp");
		try {
			Files.write(tmp, content);
			for (int n = 1;; n++) {
				String candidate = (n == 1) ? name : withSuffix(name, n);
				try {
					moveNew(tmp, dir.resolve(candidate));
					return new StoredDocument(incidentId, candidate, content.length, clock.instant());
				}
				catch (FileAlreadyExistsException taken) {
					// next suffix
				}
			}
		}
		finally {
			Files.deleteIfExists(tmp);
		}
	}

	/**
	 * The documents of an incident, oldest first (the timeline and manifest excluded).
	 */
	public List<StoredDocument> documents(String incidentId) {
		Path dir = folder(incidentId);
		if (!Files.isDirectory(dir)) {
			return List.of();
		}
		try (Stream<Path> files = Files.list(dir)) {
			return files.filter(Files::isRegularFile)
				.filter((file) -> NAME.matcher(file.getFileName().toString()).matches())
				.filter((file) -> !isRecord(file.getFileName().toString()))
				.map((file) -> describe(incidentId, file))
				.sorted(Comparator.comparing(StoredDocument::stored).thenComparing(StoredDocument::name))
				.toList();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/**
	 * One file of an incident's archive (documents, and the timeline and manifest once
	 * sealed).
	 */
	public Optional<byte[]> read(String incidentId, String name) {
		if (!(INCIDENT_ID.matcher(incidentId).matches() || YEAR_ID.matcher(incidentId).matches())
				|| !NAME.matcher(name).matches()) {
			return Optional.empty();
		}
		Path file = folder(incidentId).resolve(name);
		try {
			return Files.isRegularFile(file) ? Optional.of(Files.readAllBytes(file)) : Optional.empty();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/**
	 * Closes an incident's archive: writes its timeline (JSON, see
	 * {@code docs/archive.md}) and a manifest listing every file with its size and
	 * SHA-256. Sealing twice keeps the first seal.
	 */
	public Sealed seal(String incidentId, String timelineJson) {
		Path dir = folder(incidentId);
		Optional<Sealed> done = sealed(incidentId);
		if (done.isPresent()) {
			return done.get();
		}
		try {
			Files.createDirectories(dir);
			if (!Files.exists(dir.resolve(TIMELINE))) {
				writeNew(dir.resolve(TIMELINE), timelineJson.getBytes(StandardCharsets.UTF_8));
			}
			Instant now = clock.instant();
			StringBuilder json = new StringBuilder("{\n  \"incident\": \"").append(incidentId)
				.append("\",\n  \"sealed\": \"")
				.append(now)
				.append("\",\n  \"files\": [");
			List<Path> files = new ArrayList<>();
			try (Stream<Path> list = Files.list(dir)) {
				list.filter(Files::isRegularFile)
					.filter((file) -> NAME.matcher(file.getFileName().toString()).matches())
					.filter((file) -> !file.getFileName().toString().equals(MANIFEST))
					.sorted()
					.forEach(files::add);
			}
			appendFiles(json, files);
			writeNew(dir.resolve(MANIFEST), json.toString().getBytes(StandardCharsets.UTF_8));
			return new Sealed(incidentId, now, files.stream().map((file) -> describe(incidentId, file)).toList());
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot seal the archive of " + incidentId, ex);
		}
	}

	/** The sealed archive of an incident, if it is closed. */
	public Optional<Sealed> sealed(String incidentId) {
		Path dir = folder(incidentId);
		Path manifest = dir.resolve(MANIFEST);
		if (!Files.isRegularFile(manifest)) {
			return Optional.empty();
		}
		try (Stream<Path> files = Files.list(dir)) {
			List<StoredDocument> all = files.filter(Files::isRegularFile)
				.filter((file) -> NAME.matcher(file.getFileName().toString()).matches())
				.map((file) -> describe(incidentId, file))
				.sorted(Comparator.comparing(StoredDocument::name))
				.toList();
			Matcher sealedAt = SEALED_AT.matcher(Files.readString(manifest));
			Instant at = sealedAt.find() ? Instant.parse(sealedAt.group(1))
					: Files.getLastModifiedTime(manifest).toInstant();
			return Optional.of(new Sealed(incidentId, at, all));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/**
	 * Newest first by the date in the id, then by its number; real incidents and drills
	 * mixed.
	 */
	private static final Comparator<String> NEWEST_FIRST = Comparator
		.comparing((String id) -> id.substring(id.indexOf('-') + 1))
		.thenComparing(Comparator.naturalOrder())
		.reversed();

	/** Ids of every sealed incident, newest first. */
	public List<String> sealedIds() {
		if (!Files.isDirectory(root)) {
			return List.of();
		}
		// <year>/<id>/manifest.json, and drills/<year>/<id>/manifest.json
		try (Stream<Path> manifests = Files.find(root, 4,
				(path, attributes) -> attributes.isRegularFile() && path.getFileName().toString().equals(MANIFEST))) {
			return manifests.map((manifest) -> manifest.getParent().getFileName().toString())
				.filter((id) -> INCIDENT_ID.matcher(id).matches())
				.sorted(NEWEST_FIRST)
				.toList();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/**
	 * Adds a document to a sealed archive as a sealed supplement: the document (a name
	 * already used gets a suffix, as in {@link #store}), optionally the timeline as it is
	 * now ({@code timeline-N.json}), and a manifest {@code manifest-N.json} listing them
	 * with their SHA-256 and naming the SHA-256 of the manifest before it (N − 1; the
	 * seal's {@code manifest.json} for N = 2). Nothing of the sealed archive changes.
	 * @param timelineJson the timeline now, or {@code null} to add the document alone
	 * @throws IllegalArgumentException for an id or name this archive does not accept
	 * @throws IllegalStateException when the incident's archive is not sealed, or when
	 * its chain does not verify (a supplement is never chained onto a tampered archive)
	 */
	public Supplement supplement(String incidentId, String name, byte[] content, @Nullable String timelineJson) {
		Path dir = folder(incidentId);
		checkName(name);
		if (!Files.isRegularFile(dir.resolve(MANIFEST))) {
			throw new IllegalStateException(
					"The archive of " + incidentId + " is not sealed: store the document instead");
		}
		synchronized (this) {
			// a file no manifest lists (left by an interrupted supplement) stays reported
			// by verify, but does not stop the chain; a changed or missing file does
			List<String> bad = verify(incidentId).stream().filter((problem) -> !problem.endsWith(UNLISTED)).toList();
			if (!bad.isEmpty()) {
				throw new IllegalStateException("The archive of " + incidentId + " does not verify: " + bad);
			}
			try {
				StoredDocument document = storeIn(dir, incidentId, name, content);
				for (int attempt = 0; attempt < 100; attempt++) {
					List<Path> chain = manifests(dir);
					int number = chain.size() + 1;
					Path previous = chain.get(chain.size() - 1);
					List<Path> files = new ArrayList<>();
					files.add(dir.resolve(document.name()));
					Path timeline = dir.resolve("timeline-" + number + ".json");
					if (timelineJson != null) {
						writeNewOrKeep(timeline, timelineJson.getBytes(StandardCharsets.UTF_8));
						files.add(timeline);
					}
					String previousSha = sha256(previous);
					StringBuilder json = new StringBuilder("{\n  \"incident\": \"").append(incidentId)
						.append("\",\n  \"sealed\": \"")
						.append(clock.instant())
						.append("\",\n  \"supplement\": ")
						.append(number)
						.append(",\n  \"previous\": \"")
						.append(previous.getFileName())
						.append("\",\n  \"previousSha256\": \"")
						.append(previousSha)
						.append("\",\n  \"files\": [");
					appendFiles(json, files);
					try {
						writeNew(dir.resolve("manifest-" + number + ".json"),
								json.toString().getBytes(StandardCharsets.UTF_8));
						return new Supplement(number, "manifest-" + number + ".json", previousSha, document);
					}
					catch (FileAlreadyExistsException raced) {
						// another instance chained its supplement
						// first: chain onto that one
					}
				}
				throw new IllegalStateException("Cannot chain a supplement to the archive of " + incidentId);
			}
			catch (IOException ex) {
				throw new UncheckedIOException("Cannot add " + name + " to the archive of " + incidentId, ex);
			}
		}
	}

	/**
	 * The supplements of a sealed archive, oldest first (empty when none or not sealed).
	 */
	public List<String> supplements(String incidentId) {
		Path dir = folder(incidentId);
		if (!Files.isRegularFile(dir.resolve(MANIFEST))) {
			return List.of();
		}
		try {
			List<Path> chain = manifests(dir);
			return chain.subList(1, chain.size()).stream().map((path) -> path.getFileName().toString()).toList();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/**
	 * Verifies a sealed archive against its manifests: every file each one lists must be
	 * there with its SHA-256, each supplement's manifest must name the SHA-256 of the
	 * manifest before it, the chain must have no gap, and no file may be in the folder
	 * that no manifest lists.
	 * @return what does not verify: names of files that differ or are missing, a
	 * supplement manifest whose link is broken ({@code manifest-3.json}), a file no
	 * manifest lists ({@code x.pdf (unlisted)}); empty when the whole chain holds
	 */
	public List<String> verify(String incidentId) {
		Path dir = folder(incidentId);
		if (!Files.isRegularFile(dir.resolve(MANIFEST))) {
			return List.of(MANIFEST);
		}
		List<String> bad = new ArrayList<>();
		java.util.Set<String> listed = new java.util.HashSet<>();
		try {
			List<Path> chain = manifests(dir);
			for (int i = 0; i < chain.size(); i++) {
				Path manifest = chain.get(i);
				String text = Files.readString(manifest, StandardCharsets.UTF_8);
				listed.add(manifest.getFileName().toString());
				if (i > 0) {
					Matcher previous = PREVIOUS.matcher(text);
					Path before = chain.get(i - 1);
					if (!previous.find() || !previous.group(1).equals(before.getFileName().toString())
							|| !previous.group(2).equals(sha256(before))) {
						bad.add(manifest.getFileName().toString());
					}
				}
				Matcher entry = FILE_ENTRY.matcher(text);
				while (entry.find()) {
					listed.add(entry.group(1));
					Path file = dir.resolve(entry.group(1)).normalize();
					if (!file.getParent().equals(dir) || !Files.isRegularFile(file)
							|| !sha256(file).equals(entry.group(2))) {
						bad.add(entry.group(1));
					}
				}
			}
			try (Stream<Path> files = Files.list(dir)) {
				files.filter(Files::isRegularFile)
					.map((file) -> file.getFileName().toString())
					.filter((name) -> NAME.matcher(name).matches() && !listed.contains(name))
					.sorted()
					.forEach((name) -> bad.add(name + (isManifest(name) ? "" : UNLISTED)));
			}
		}
		catch (IOException ex) {
			bad.add(MANIFEST);
		}
		return bad;
	}

	/**
	 * The seal's manifest, then {@code manifest-2.json}, {@code manifest-3.json}… up to
	 * the first gap.
	 */
	private static List<Path> manifests(Path dir) throws IOException {
		List<Path> chain = new ArrayList<>();
		chain.add(dir.resolve(MANIFEST));
		for (int n = 2; Files.isRegularFile(dir.resolve("manifest-" + n + ".json")); n++) {
			chain.add(dir.resolve("manifest-" + n + ".json"));
		}
		return chain;
	}

	private static boolean isManifest(String name) {
		Matcher record = SUPPLEMENT_RECORD.matcher(name);
		return name.equals(MANIFEST) || (record.matches() && record.group(1).equals("manifest"));
	}

	/** The files' entries and the end of a manifest. */
	private static void appendFiles(StringBuilder json, List<Path> files) throws IOException {
		for (int i = 0; i < files.size(); i++) {
			Path file = files.get(i);
			json.append((i == 0) ? "\n" : ",\n")
				.append("    {\"name\": \"")
				.append(file.getFileName())
				.append("\", \"size\": ")
				.append(Files.size(file))
				.append(", \"sha256\": \"")
				.append(sha256(file))
				.append("\"}");
		}
		json.append("\n  ]\n}\n");
	}

	/**
	 * A file written by an interrupted supplement stays as it was; a new one is written
	 * whole.
	 */
	private static void writeNewOrKeep(Path target, byte[] content) throws IOException {
		if (!Files.exists(target)) {
			try {
				writeNew(target, content);
			}
			catch (FileAlreadyExistsException raced) {
				// written by another instance meanwhile: kept
			}
		}
	}

	private Path folder(String incidentId) {
		Matcher id = INCIDENT_ID.matcher(incidentId);
		boolean year = !id.matches();
		if (year) {
			id = YEAR_ID.matcher(incidentId);
		}
		if (!id.matches()) {
			throw new IllegalArgumentException("Not an incident id: " + incidentId);
		}
		if (!incidentId.startsWith(DRILL_PREFIX)) {
			return root.resolve(id.group(1)).resolve(incidentId);
		}
		// a drill's folder is apart from the real incidents'; one kept before in the
		// year's folder stays there
		Path drill = root.resolve(DRILLS).resolve(id.group(1)).resolve(incidentId);
		Path before = root.resolve(id.group(1)).resolve(incidentId);
		return (!year && !Files.isDirectory(drill) && Files.isDirectory(before)) ? before : drill;
	}

	private static void checkName(String name) {
		if (!NAME.matcher(name).matches() || isRecord(name)) {
			throw new IllegalArgumentException("Not a document name: " + name);
		}
	}

	private static boolean isRecord(String name) {
		return name.equals(TIMELINE) || name.equals(MANIFEST) || SUPPLEMENT_RECORD.matcher(name).matches();
	}

	private static String withSuffix(String name, int n) {
		int dot = name.lastIndexOf('.');
		return (dot > 0) ? name.substring(0, dot) + "-" + n + name.substring(dot) : name + "-" + n;
	}

	private static void writeNew(Path target, byte[] content) throws IOException {
		Path tmp = Files.createTempFile(target.getParent(), ".incoming-", ".tmp");
		try {
			Files.write(tmp, content);
			moveNew(tmp, target);
		}
		finally {
			Files.deleteIfExists(tmp);
		}
	}

	/** Moves without replacing: a file once in the archive is never overwritten. */
	private static void moveNew(Path tmp, Path target) throws IOException {
		if (Files.exists(target)) {
			throw new FileAlreadyExistsException(target.toString());
		}
		try {
			Files.createLink(target, tmp);
		}
		catch (FileAlreadyExistsException ex) {
			throw ex;
		}
		catch (UnsupportedOperationException | java.nio.file.FileSystemException ex) {
			// no hard links here (SMB/CIFS, vfat, some FUSE mounts): copying never
			// replaces an existing file either (the target
			// is created anew or the copy fails)
			Files.copy(tmp, target);
		}
		Files.delete(tmp);
	}

	private StoredDocument describe(String incidentId, Path file) {
		try {
			return new StoredDocument(incidentId, file.getFileName().toString(), Files.size(file),
					Files.getLastModifiedTime(file).toInstant());
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private static String sha256(Path file) throws IOException {
		try {
			return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
