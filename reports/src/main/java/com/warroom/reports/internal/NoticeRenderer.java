package com.warroom.reports.internal;

import java.util.List;

/**
 * Draws a customer notice (附件十): the title, the salutation, the body paragraphs indented
 * two characters, and everything after 特此通知 (the company and the date) flush right.
 * Thread-safe.
 */
public final class NoticeRenderer {

	private static final List<String> CLOSINGS = List.of("特此通知", "特此公告", "特此通知。", "特此公告。");

	private final Texts texts;

	public NoticeRenderer(Texts texts) {
		this.texts = texts;
	}

	/**
	 * The notice, with no incident id anywhere (customers see it; the id is internal).
	 */
	public byte[] render(String title, String text, boolean drill) {
		Form form = new Form(title, "", drill, texts, 14);
		form.title(title);
		form.space(4);
		boolean closed = false;
		boolean first = true;
		boolean signing = false;
		for (String raw : texts.clean(text).split("\n")) {
			String line = raw.strip();
			if (line.isEmpty()) {
				continue;
			}
			if (closed) {
				if (!signing) {
					form.space(10);
					signing = true;
				}
				form.right(line);
			}
			else if (first && line.endsWith("：")) {
				form.line(line);
			}
			else {
				form.prose(line);
			}
			first = false;
			closed = closed || CLOSINGS.contains(line);
		}
		return form.finish();
	}

}
