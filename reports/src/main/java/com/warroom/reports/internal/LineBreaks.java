package com.warroom.reports.internal;

import com.itextpdf.io.font.otf.GlyphLine;
import com.itextpdf.layout.splitting.DefaultSplitCharacters;
import com.itextpdf.layout.splitting.ISplitCharacters;

/**
 * Where a line may break in Chinese text: after any Han character or full-width
 * punctuation, but never so that a line starts with closing punctuation (，。、：）…) or ends
 * with opening punctuation (（《“…) — the 避头尾 rule of Chinese typesetting. Numbers stay
 * whole across a space or hyphen (010-8888 6666). A word longer than a line is still
 * broken (the forms set overflow-wrap to break-word). Stateless and thread-safe.
 */
final class LineBreaks implements ISplitCharacters {

	private static final String NO_LINE_START = "，。、；：？！）》」』〉】〕〗”’…·—～%,.;:?!)]}>";

	private static final String NO_LINE_END = "（《「『〈【〔〖“‘([{<";

	private final DefaultSplitCharacters defaults = new DefaultSplitCharacters();

	@Override
	public boolean isSplitCharacter(GlyphLine text, int glyphPos) {
		int current = unicode(text, glyphPos);
		int next = (glyphPos + 1 < text.size()) ? unicode(text, glyphPos + 1) : -1;
		if (current < 0) {
			return false;
		}
		if (next >= 0 && NO_LINE_START.indexOf(next) >= 0) {
			return false;
		}
		if (NO_LINE_END.indexOf(current) >= 0) {
			return false;
		}
		if ((current == ' ' || current == '-') && isDigit(next) && isDigit(unicode(text, glyphPos - 1))) {
			return false;
		}
		return defaults.isSplitCharacter(text, glyphPos) || (current >= 0xFF01 && current <= 0xFF60)
				|| (next >= 0x2E80 && next < 0xD7A0);
	}

	private static int unicode(GlyphLine text, int pos) {
		if (pos < 0 || pos >= text.size() || !text.get(pos).hasValidUnicode()) {
			return -1;
		}
		return text.get(pos).getUnicode();
	}

	private static boolean isDigit(int c) {
		return c >= '0' && c <= '9';
	}

}
