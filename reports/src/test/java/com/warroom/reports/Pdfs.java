package com.warroom.reports;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

import com.itextpdf.kernel.pdf.PdfDictionary;
import com.itextpdf.kernel.pdf.PdfDocument;
import com.itextpdf.kernel.pdf.PdfName;
import com.itextpdf.kernel.pdf.PdfReader;
import com.itextpdf.kernel.pdf.canvas.parser.EventType;
import com.itextpdf.kernel.pdf.canvas.parser.PdfCanvasProcessor;
import com.itextpdf.kernel.pdf.canvas.parser.PdfTextExtractor;
import com.itextpdf.kernel.pdf.canvas.parser.data.IEventData;
import com.itextpdf.kernel.pdf.canvas.parser.data.TextRenderInfo;
import com.itextpdf.kernel.pdf.canvas.parser.listener.IEventListener;
import com.itextpdf.kernel.pdf.canvas.parser.listener.LocationTextExtractionStrategy;
import com.itextpdf.kernel.pdf.canvas.parser.listener.SimpleTextExtractionStrategy;

/** Reads back what a rendered PDF says, the way a reader's viewer would. */
final class Pdfs {

	private Pdfs() {
	}

	/** The text of each page. */
	static List<String> pages(byte[] pdf) {
		try (PdfDocument doc = open(pdf)) {
			List<String> pages = new ArrayList<>();
			for (int n = 1; n <= doc.getNumberOfPages(); n++) {
				pages.add(PdfTextExtractor.getTextFromPage(doc.getPage(n), new LocationTextExtractionStrategy()));
			}
			return pages;
		}
	}

	/**
	 * The text of each page as laid out, glyph by glyph (top to bottom, left to right):
	 * what a reader sees where a later revision wrote into the gaps of an earlier one,
	 * e.g. the digits of a stamped 报告时间 between its 年 月 日.
	 */
	static List<String> laidOut(byte[] pdf) {
		try (PdfDocument doc = open(pdf)) {
			List<String> pages = new ArrayList<>();
			for (int n = 1; n <= doc.getNumberOfPages(); n++) {
				LocationTextExtractionStrategy strategy = new LocationTextExtractionStrategy();
				IEventListener glyphs = new IEventListener() {

					@Override
					public void eventOccurred(IEventData data, EventType type) {
						if (type == EventType.RENDER_TEXT) {
							((TextRenderInfo) data).getCharacterRenderInfos()
								.forEach((g) -> strategy.eventOccurred(g, type));
						}
					}

					@Override
					public java.util.Set<EventType> getSupportedEvents() {
						return java.util.Set.of(EventType.RENDER_TEXT);
					}

				};
				new PdfCanvasProcessor(glyphs).processPageContent(doc.getPage(n));
				pages.add(strategy.getResultantText());
			}
			return pages;
		}
	}

	/**
	 * All the text in drawing order (each cell's text whole, labels before their values),
	 * with every whitespace and line break removed so wrapped values read whole, and
	 * without the page furniture drawn between pages (footer, watermark).
	 */
	static String flatText(byte[] pdf) {
		StringBuilder all = new StringBuilder();
		try (PdfDocument doc = open(pdf)) {
			for (int n = 1; n <= doc.getNumberOfPages(); n++) {
				String page = flat(
						PdfTextExtractor.getTextFromPage(doc.getPage(n), new SimpleTextExtractionStrategy()));
				all.append(FURNITURE.matcher(page).replaceAll(""));
			}
		}
		return all.toString();
	}

	/** The footer (事件编号 … 第 x 页 共 y 页) and the watermark, as drawn last on each page. */
	private static final Pattern FURNITURE = Pattern.compile("(事件编号：[A-Za-z0-9._-]*)?第\\d+页共\\d+页(演练)?$");

	static String flat(String text) {
		return text.replaceAll("[\\s\\u3000]+", "");
	}

	/** How many pages carry the 演练 watermark: drawn last, after the footer. */
	static int watermarkedPages(byte[] pdf) {
		int marked = 0;
		try (PdfDocument doc = open(pdf)) {
			for (int n = 1; n <= doc.getNumberOfPages(); n++) {
				String page = flat(
						PdfTextExtractor.getTextFromPage(doc.getPage(n), new SimpleTextExtractionStrategy()));
				marked += page.endsWith("页演练") ? 1 : 0;
			}
		}
		return marked;
	}

	/** The document's subject (its metadata: the incident id), or {@code null}. */
	static String subject(byte[] pdf) {
		try (PdfDocument doc = open(pdf)) {
			return doc.getDocumentInfo().getSubject();
		}
	}

	/** The document's title (its metadata). */
	static String title(byte[] pdf) {
		try (PdfDocument doc = open(pdf)) {
			return doc.getDocumentInfo().getTitle();
		}
	}

	/**
	 * Every font used on any page, as "name embedded" lines: a composite (Type0) font is
	 * embedded when its descendant's descriptor has FontFile2 or FontFile3, a simple one
	 * when its own has FontFile, FontFile2 or FontFile3.
	 */
	static List<String> fonts(byte[] pdf) {
		List<String> fonts = new ArrayList<>();
		try (PdfDocument doc = open(pdf)) {
			for (int n = 1; n <= doc.getNumberOfPages(); n++) {
				PdfDictionary resources = doc.getPage(n).getPdfObject().getAsDictionary(PdfName.Resources);
				PdfDictionary fontDict = (resources != null) ? resources.getAsDictionary(PdfName.Font) : null;
				if (fontDict == null) {
					continue;
				}
				for (PdfName key : fontDict.keySet()) {
					PdfDictionary font = fontDict.getAsDictionary(key);
					PdfDictionary described = PdfName.Type0.equals(font.getAsName(PdfName.Subtype))
							? font.getAsArray(PdfName.DescendantFonts).getAsDictionary(0) : font;
					PdfDictionary descriptor = described.getAsDictionary(PdfName.FontDescriptor);
					boolean embedded = descriptor != null && (descriptor.containsKey(PdfName.FontFile2)
							|| descriptor.containsKey(PdfName.FontFile3) || descriptor.containsKey(PdfName.FontFile));
					fonts.add(font.getAsName(PdfName.BaseFont).getValue() + (embedded ? " embedded" : " NOT embedded"));
				}
			}
		}
		return fonts;
	}

	private static PdfDocument open(byte[] pdf) {
		try {
			return new PdfDocument(new PdfReader(new ByteArrayInputStream(pdf)));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
