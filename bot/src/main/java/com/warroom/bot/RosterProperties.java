package com.warroom.bot;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Where the emergency organisation is configured (README "Configure"); blank for the
 * bundled examples.
 *
 * @param rosterFile the roster, 附件一 ({@code ROSTER_FILE})
 * @param contactsFile the contact book, 附件二 ({@code CONTACTS_FILE})
 * @param synonymsFile words responders say, added to the bundled ones
 * ({@code SYNONYMS_FILE})
 */
@ConfigurationProperties("warroom")
record RosterProperties(@DefaultValue("") String rosterFile, @DefaultValue("") String contactsFile,
		@DefaultValue("") String synonymsFile) {

	RosterProperties {
		rosterFile = rosterFile.strip();
		contactsFile = contactsFile.strip();
		synonymsFile = synonymsFile.strip();
	}

}
