package com.warroom.playbooks;

import java.util.Objects;

/**
 * The raw content of one data file, before parsing.
 *
 * @param name the file name or path shown in errors
 * @param content its bytes (UTF-8 expected)
 */
public record PlaybookFile(String name, byte[] content) {

	public PlaybookFile {
		Objects.requireNonNull(name, "name");
		Objects.requireNonNull(content, "content");
	}

}
