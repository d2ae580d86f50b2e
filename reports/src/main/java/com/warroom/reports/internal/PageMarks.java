package com.warroom.reports.internal;

import com.itextpdf.kernel.colors.Color;
import com.itextpdf.kernel.colors.DeviceGray;
import com.itextpdf.kernel.font.PdfFont;
import com.itextpdf.kernel.geom.Rectangle;
import com.itextpdf.kernel.pdf.PdfDocument;
import com.itextpdf.kernel.pdf.PdfPage;
import com.itextpdf.kernel.pdf.canvas.PdfCanvas;
import com.itextpdf.kernel.pdf.extgstate.PdfExtGState;
import com.itextpdf.layout.Canvas;
import com.itextpdf.layout.element.Paragraph;
import com.itextpdf.layout.properties.TextAlignment;
import com.itextpdf.layout.properties.VerticalAlignment;

/**
 * What goes on every page once the page count is known: the footer (事件编号, 第 x 页 共 y 页)
 * and, for drills, a diagonal light-grey 演练 over the page, translucent so the text under
 * it stays legible. Stateless.
 */
final class PageMarks {

	private static final Color GREY = new DeviceGray(0.35f);

	private static final Color WATERMARK = new DeviceGray(0.55f);

	private PageMarks() {
	}

	static void stamp(PdfDocument pdf, PdfFont font, String incidentId, boolean drill) {
		int pages = pdf.getNumberOfPages();
		for (int n = 1; n <= pages; n++) {
			PdfPage page = pdf.getPage(n);
			// a customer notice has no incident id: it
			// is the company's internal reference
			String pageOf = "第 " + n + " 页 共 " + pages + " 页";
			footer(page, font, incidentId.isEmpty() ? pageOf : "事件编号：" + incidentId + "　　" + pageOf);
			if (drill) {
				watermark(page, font);
			}
		}
	}

	private static void footer(PdfPage page, PdfFont font, String text) {
		Rectangle size = page.getPageSize();
		try (Canvas canvas = new Canvas(new PdfCanvas(page), size)) {
			canvas.setFont(font).setFontSize(Form.SMALL).setFontColor(GREY);
			canvas.showTextAligned(new Paragraph(text), size.getWidth() / 2, 10 * Form.MM, TextAlignment.CENTER,
					VerticalAlignment.BOTTOM);
		}
	}

	private static void watermark(PdfPage page, PdfFont font) {
		Rectangle size = page.getPageSize();
		PdfCanvas over = new PdfCanvas(page);
		over.saveState().setExtGState(new PdfExtGState().setFillOpacity(0.22f));
		try (Canvas canvas = new Canvas(over, size)) {
			canvas.setFont(font).setFontSize(150).setFontColor(WATERMARK);
			canvas.showTextAligned("演练", size.getWidth() / 2, size.getHeight() / 2, TextAlignment.CENTER,
					VerticalAlignment.MIDDLE, (float) (Math.PI / 4));
		}
		over.restoreState();
	}

}
