package com.warroom.bot.documents;

import java.nio.file.Path;

import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The documents' settings (README "Configure").
 *
 * @param company the company data printed on the report book ({@code COMPANY_*})
 * @param noticesDir customer notice templates replacing or adding to 附件十's, null for the
 * bundled only ({@code NOTICES_DIR})
 * @param archiveDir where every document issued is archived, null for
 * {@code DATA_DIR/archive} ({@code ARCHIVE_DIR})
 * @param dataDir {@code DATA_DIR}
 */
@ConfigurationProperties("warroom")
public record DocumentsProperties(@DefaultValue Company company, @Nullable Path noticesDir, @Nullable Path archiveDir,
		@DefaultValue("./data") Path dataDir) {

	public DocumentsProperties {
		noticesDir = unlessEmpty(noticesDir);
		archiveDir = unlessEmpty(archiveDir);
	}

	/**
	 * The archive directory: {@code ARCHIVE_DIR}, by default {@code DATA_DIR/archive}.
	 */
	public Path archive() {
		return (archiveDir != null) ? archiveDir : dataDir.resolve("archive");
	}

	/**
	 * The company data ({@code COMPANY_NAME}, {@code COMPANY_HEAD}, …); blank when not
	 * set.
	 */
	public record Company(@DefaultValue("") String name, @DefaultValue("") String head,
			@DefaultValue("") String reporter, @DefaultValue("") String contact, @DefaultValue("") String phone,
			@DefaultValue("") String fax, @DefaultValue("") String mobile, @DefaultValue("") String email,
			@DefaultValue("") String location) {

	}

	/**
	 * An unset variable binds as an empty path, which would mean the working directory.
	 */
	private static @Nullable Path unlessEmpty(@Nullable Path path) {
		return (path == null || path.toString().isBlank()) ? null : path;
	}

}
