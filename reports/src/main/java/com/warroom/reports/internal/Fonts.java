package com.warroom.reports.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

import com.itextpdf.io.font.FontProgram;
import com.itextpdf.io.font.FontProgramFactory;
import com.itextpdf.io.font.PdfEncodings;
import com.itextpdf.kernel.font.PdfFont;
import com.itextpdf.kernel.font.PdfFontFactory;
import com.itextpdf.kernel.font.PdfFontFactory.EmbeddingStrategy;

/**
 * The one font of the documents: WenQuanYi Micro Hei (Apache-2.0), shipped under
 * {@code fonts/} with its licence. The font file is read and parsed once, on first use;
 * the parsed {@link FontProgram} is read-only and shared by all threads (iText reads
 * glyph data through per-call views). A {@link PdfFont} keeps the glyphs one document
 * used, so each document gets its own from {@link #newFont()}, embedded as a subset.
 */
public final class Fonts {

	static final String RESOURCE = "/fonts/wqy-microhei.ttc";

	/**
	 * Face 0 of the collection is WenQuanYi Micro Hei; face 1 is its monospaced sibling.
	 */
	private static final int FACE = 0;

	private Fonts() {
	}

	/** The parsed font program; loaded once, thread-safe. */
	public static FontProgram program() {
		return Holder.PROGRAM;
	}

	/** A new embedded (subset) font for one document. */
	public static PdfFont newFont() {
		return PdfFontFactory.createFont(program(), PdfEncodings.IDENTITY_H, EmbeddingStrategy.FORCE_EMBEDDED);
	}

	/** Whether the font draws this code point. */
	public static boolean covers(int codePoint) {
		return program().getGlyph(codePoint) != null;
	}

	private static final class Holder {

		static final FontProgram PROGRAM = load();

		private static FontProgram load() {
			try (InputStream in = Fonts.class.getResourceAsStream(RESOURCE)) {
				if (in == null) {
					throw new IllegalStateException("Font missing from the classpath: " + RESOURCE);
				}
				return FontProgramFactory.createFont(in.readAllBytes(), FACE, false);
			}
			catch (IOException ex) {
				throw new UncheckedIOException("Cannot read the font " + RESOURCE, ex);
			}
		}

	}

}
