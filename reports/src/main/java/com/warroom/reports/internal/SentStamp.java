package com.warroom.reports.internal;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import com.itextpdf.kernel.font.PdfFont;
import com.itextpdf.kernel.geom.Vector;
import com.itextpdf.kernel.pdf.PdfDocument;
import com.itextpdf.kernel.pdf.PdfPage;
import com.itextpdf.kernel.pdf.PdfReader;
import com.itextpdf.kernel.pdf.PdfWriter;
import com.itextpdf.kernel.pdf.StampingProperties;
import com.itextpdf.kernel.pdf.canvas.PdfCanvas;
import com.itextpdf.kernel.pdf.canvas.parser.EventType;
import com.itextpdf.kernel.pdf.canvas.parser.PdfCanvasProcessor;
import com.itextpdf.kernel.pdf.canvas.parser.data.IEventData;
import com.itextpdf.kernel.pdf.canvas.parser.data.TextRenderInfo;
import com.itextpdf.kernel.pdf.canvas.parser.listener.IEventListener;

/**
 * Fills the two blanks a report book has while it waits for 签发 — 报告时间 and 签发人 — as a PDF
 * incremental update: the approved file is copied unchanged as the first bytes of the
 * result, and one appended revision draws the time into the gaps before 年 月 日 时 分 and the
 * names into the 签发人 cell, as a clerk fills a printed form by hand. The blanks are found
 * on the approved page itself (the glyphs of its header line and of the 签发人 label), so a
 * book made by an older version of the renderer is filled where it shows its blanks.
 * Thread-safe: no state.
 */
final class SentStamp {

	private static final String UNITS = "年月日时分";

	private final Texts texts;

	SentStamp(Texts texts) {
		this.texts = texts;
	}

	/**
	 * @param approved the book as signed, with blank 报告时间 and 签发人
	 * @return {@code approved} byte for byte, followed by the revision that fills the
	 * blanks
	 * @throws IllegalArgumentException when the blanks are not on the first page
	 */
	byte[] stamp(byte[] approved, Instant reportedAt, List<String> signers) {
		ByteArrayOutputStream out = new ByteArrayOutputStream(approved.length + 64 * 1024);
		try (PdfDocument pdf = new PdfDocument(new PdfReader(new ByteArrayInputStream(approved)), new PdfWriter(out),
				new StampingProperties().useAppendMode())) {
			PdfPage page = pdf.getFirstPage();
			List<Glyph> glyphs = Glyph.of(page);
			PdfFont font = Fonts.newFont();
			PdfCanvas canvas = new PdfCanvas(page.newContentStreamAfter(), page.getResources(), pdf);
			canvas.saveState().setFillColor(Form.INK);
			stampTime(canvas, font, glyphs, reportedAt);
			stampSigners(canvas, font, glyphs, signers);
			canvas.restoreState();
			page.setModified();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		return out.toByteArray();
	}

	/** Year, month, day, hour and minute, each centred in the gap before its unit. */
	private void stampTime(PdfCanvas canvas, PdfFont font, List<Glyph> glyphs, Instant reportedAt) {
		int label = Glyph.find(glyphs, "报告时间：", 0, Float.MAX_VALUE);
		if (label < 0) {
			throw new IllegalArgumentException("报告时间 is not on the first page of the book");
		}
		Glyph colon = glyphs.get(label + "报告时间：".length() - 1);
		ZonedDateTime at = reportedAt.atZone(texts.zone());
		String[] values = { String.valueOf(at.getYear()), String.valueOf(at.getMonthValue()),
				String.valueOf(at.getDayOfMonth()), String.format("%02d", at.getHour()),
				String.format("%02d", at.getMinute()) };
		float gapStart = colon.end();
		int unit = 0;
		for (int i = label + "报告时间：".length(); i < glyphs.size() && unit < UNITS.length(); i++) {
			Glyph glyph = glyphs.get(i);
			if (!glyph.onLineOf(colon)) {
				break;
			}
			if (!glyph.text().isBlank() && !glyph.text().equals(String.valueOf(UNITS.charAt(unit)))) {
				throw new IllegalArgumentException("报告时间 of the book is not blank: " + glyph.text());
			}
			if (glyph.text().equals(String.valueOf(UNITS.charAt(unit)))) {
				float width = font.getWidth(values[unit], Form.BODY);
				draw(canvas, font, Form.BODY, values[unit], (gapStart + glyph.x() - width) / 2, colon.y());
				gapStart = glyph.end();
				unit++;
			}
		}
		if (unit < UNITS.length()) {
			throw new IllegalArgumentException("报告时间 of the book lacks its 年 月 日 时 分");
		}
	}

	/**
	 * The names on the 签发人 row, where its value cell's text begins (the column of the
	 * other values).
	 */
	private void stampSigners(PdfCanvas canvas, PdfFont font, List<Glyph> glyphs, List<String> signers) {
		float labelColumn = ReportBookRenderer.LABEL_COLUMN_END;
		int label = Glyph.find(glyphs, "签发人", 0, labelColumn);
		int company = Glyph.find(glyphs, "单位名称", 0, labelColumn);
		if (label < 0 || company < 0) {
			throw new IllegalArgumentException("签发人 is not on the first page of the book");
		}
		Glyph anchor = glyphs.get(label);
		Glyph firstLabel = glyphs.get(company + "单位名称".length() - 1);
		// the first glyph right of 单位名称 on its line starts the value column
		float valueX = glyphs.stream()
			.filter((g) -> g.onLineOf(firstLabel) && g.x() > firstLabel.end() && !g.text().isBlank())
			.map(Glyph::x)
			.min(Float::compare)
			.orElse(labelColumn + 2 * Form.MM);
		if (glyphs.stream().anyMatch((g) -> g.onLineOf(anchor) && g.x() > labelColumn && !g.text().isBlank())) {
			throw new IllegalArgumentException("签发人 of the book is not blank");
		}
		String names = String.join("　　", signers.stream().map(texts::clean).toList());
		draw(canvas, font, Form.BODY, names, valueX, anchor.y());
	}

	private static void draw(PdfCanvas canvas, PdfFont font, float size, String text, float x, float y) {
		canvas.beginText().setFontAndSize(font, size).moveText(x, y).showText(text).endText();
	}

	/** One glyph drawn on the page: its text, and where its baseline starts and ends. */
	record Glyph(String text, float x, float end, float y) {

		static List<Glyph> of(PdfPage page) {
			List<Glyph> glyphs = new ArrayList<>();
			IEventListener listener = new IEventListener() {

				@Override
				public void eventOccurred(IEventData data, EventType type) {
					if (type != EventType.RENDER_TEXT) {
						return;
					}
					for (TextRenderInfo glyph : ((TextRenderInfo) data).getCharacterRenderInfos()) {
						Vector start = glyph.getBaseline().getStartPoint();
						Vector end = glyph.getBaseline().getEndPoint();
						glyphs.add(new Glyph(glyph.getText(), start.get(0), end.get(0), start.get(1)));
					}
				}

				@Override
				public Set<EventType> getSupportedEvents() {
					return Set.of(EventType.RENDER_TEXT);
				}

			};
			new PdfCanvasProcessor(listener).processPageContent(page);
			return glyphs;
		}

		/**
		 * Index of the first glyph of {@code text} drawn in order and starting left of
		 * {@code maxX}; -1 if none.
		 */
		static int find(List<Glyph> glyphs, String text, int from, float maxX) {
			outer: for (int i = from; i + text.length() <= glyphs.size(); i++) {
				if (glyphs.get(i).x() >= maxX) {
					continue;
				}
				for (int j = 0; j < text.length(); j++) {
					if (!glyphs.get(i + j).text().equals(String.valueOf(text.charAt(j)))) {
						continue outer;
					}
				}
				return i;
			}
			return -1;
		}

		boolean onLineOf(Glyph other) {
			return Math.abs(y - other.y) < 0.5f;
		}

	}

}
