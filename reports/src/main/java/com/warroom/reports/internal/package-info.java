/**
 * How the documents are drawn: the embedded font, the page furniture shared by every form
 * (A4, margins, title, footer with the incident id and page numbers, the drill watermark)
 * and one renderer per document. Not API: other modules use
 * {@link com.warroom.reports.PdfDocuments} and
 * {@link com.warroom.reports.NoticeTemplates}.
 */
@org.jspecify.annotations.NullMarked
package com.warroom.reports.internal;
