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

/**
 * The incidents' document archive on disk: {@code <root>/<year>/<incident id>/}. Every
 * document issued while the incident is open is kept there as it was sent; when the
 * incident closes, {@link #seal} adds the timeline and a manifest with SHA-256 checksums.
 * Nothing here deletes or overwrites a file: archives are kept at least two years, and
 * removing them is an operator's decision. Thread-safe; names are checked so no caller
 * can reach outside the root.
 */
public final class Archive {

	/** Incident ids as the bot makes them, e.g. {@code INC-20261123-001}; the year comes from the date. */
	private static final Pattern INCIDENT_ID = Pattern.compile("[A-Z]{2,8}-(\\d{4})\\d{4}-\\d{3,6}");

	/** Document names: letters (Chinese included), digits, {@code . _ -}, no leading dot. */
	private static final Pattern NAME = Pattern.compile("[\\p{L}\\p{N}_-][\\p{L}\\p{N}._-]{0,120}");

	private static final Pattern SEALED_AT = Pattern.compile("\"sealed\": \"([^\"]+)\"");

	static final String TIMELINE = "timeline.json";

	static final String MANIFEST = "manifest.json";

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
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot store " + name + " for " + incidentId, ex);
		}
	}

	/** The documents of an incident, oldest first (the timeline and manifest excluded). */
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

	/** One file of an incident's archive (documents, and the timeline and manifest once sealed). */
	public Optional<byte[]> read(String incidentId, String name) {
		if (!INCIDENT_ID.matcher(incidentId).matches() || !NAME.matcher(name).matches()) {
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
	 * Closes an incident's archive: writes its timeline (JSON, see {@code docs/archive.md})
	 * and a manifest listing every file with its size and SHA-256. Sealing twice keeps the
	 * first seal.
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
				.append("\",\n  \"sealed\": \"").append(now).append("\",\n  \"files\": [");
			List<Path> files = new ArrayList<>();
			try (Stream<Path> list = Files.list(dir)) {
				list.filter(Files::isRegularFile)
					.filter((file) -> NAME.matcher(file.getFileName().toString()).matches())
					.filter((file) -> !file.getFileName().toString().equals(MANIFEST))
					.sorted()
					.forEach(files::add);
			}
			for (int i = 0; i < files.size(); i++) {
				Path file = files.get(i);
				json.append((i == 0) ? "\n" : ",\n")
					.append("    {\"name\": \"").append(file.getFileName()).append("\", \"size\": ")
					.append(Files.size(file)).append(", \"sha256\": \"").append(sha256(file)).append("\"}");
			}
			json.append("\n  ]\n}\n");
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
			Instant at = sealedAt.find() ? Instant.parse(sealedAt.group(1)) : Files.getLastModifiedTime(manifest).toInstant();
			return Optional.of(new Sealed(incidentId, at, all));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/** Newest first by the date in the id, then by its number; real incidents and drills mixed. */
	private static final Comparator<String> NEWEST_FIRST = Comparator
		.comparing((String id) -> id.substring(id.indexOf('-') + 1))
		.thenComparing(Comparator.naturalOrder())
		.reversed();

	/** Ids of every sealed incident, newest first. */
	public List<String> sealedIds() {
		if (!Files.isDirectory(root)) {
			return List.of();
		}
		try (Stream<Path> manifests = Files.find(root, 3,
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

	/** Verifies a sealed archive against its manifest: the names of files that differ or are missing. */
	public List<String> verify(String incidentId) {
		Optional<byte[]> manifest = read(incidentId, MANIFEST);
		if (manifest.isEmpty()) {
			return List.of(MANIFEST);
		}
		List<String> bad = new ArrayList<>();
		Matcher entry = Pattern.compile("\"name\": \"([^\"]+)\", \"size\": \\d+, \"sha256\": \"([0-9a-f]{64})\"")
			.matcher(new String(manifest.get(), StandardCharsets.UTF_8));
		while (entry.find()) {
			Path file = folder(incidentId).resolve(entry.group(1));
			try {
				if (!Files.isRegularFile(file) || !sha256(file).equals(entry.group(2))) {
					bad.add(entry.group(1));
				}
			}
			catch (IOException ex) {
				bad.add(entry.group(1));
			}
		}
		return bad;
	}

	private Path folder(String incidentId) {
		Matcher id = INCIDENT_ID.matcher(incidentId);
		if (!id.matches()) {
			throw new IllegalArgumentException("Not an incident id: " + incidentId);
		}
		return root.resolve(id.group(1)).resolve(incidentId);
	}

	private static void checkName(String name) {
		if (!NAME.matcher(name).matches() || isRecord(name)) {
			throw new IllegalArgumentException("Not a document name: " + name);
		}
	}

	private static boolean isRecord(String name) {
		return name.equals(TIMELINE) || name.equals(MANIFEST);
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
			// no hard links here (SMB/CIFS, vfat, some FUSE mounts): copying never replaces
			// an existing file either (the target is created anew or the copy fails)
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
