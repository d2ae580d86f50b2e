package com.warroom.reports.internal;

import java.io.ByteArrayOutputStream;
import java.util.List;

import com.itextpdf.kernel.colors.Color;
import com.itextpdf.kernel.colors.DeviceGray;
import com.itextpdf.kernel.font.PdfFont;
import com.itextpdf.kernel.geom.PageSize;
import com.itextpdf.kernel.pdf.PdfDocument;
import com.itextpdf.kernel.pdf.PdfDocumentInfo;
import com.itextpdf.kernel.pdf.PdfString;
import com.itextpdf.kernel.pdf.PdfWriter;
import com.itextpdf.layout.Document;
import com.itextpdf.layout.borders.Border;
import com.itextpdf.layout.borders.SolidBorder;
import com.itextpdf.layout.element.Cell;
import com.itextpdf.layout.element.Paragraph;
import com.itextpdf.layout.element.Table;
import com.itextpdf.layout.element.Text;
import com.itextpdf.layout.properties.HorizontalAlignment;
import com.itextpdf.layout.properties.OverflowWrapPropertyValue;
import com.itextpdf.layout.properties.Property;
import com.itextpdf.layout.properties.TextAlignment;
import com.itextpdf.layout.properties.UnitValue;
import com.itextpdf.layout.properties.VerticalAlignment;
import com.itextpdf.layout.splitting.ISplitCharacters;
import org.jspecify.annotations.Nullable;

/**
 * One document being drawn, with what every form shares: A4 with the margins of an
 * official form, the title (【演练】 first for drills), bordered label | value tables, report
 * prose, and at the end the {@link PageMarks}. Not thread-safe: one per document.
 */
final class Form {

	static final float MM = 72f / 25.4f;

	static final float BODY = 10.5f;

	static final float SMALL = 9f;

	static final float TITLE = 18f;

	static final Color INK = DeviceGray.BLACK;

	/**
	 * Values up to this many characters (about ten lines) are not split over two pages.
	 */
	private static final int KEEP_TOGETHER = 400;

	/** The left margin: a table as wide as the text starts here. */
	static final float LEFT = 28 * MM;

	private static final float RIGHT = 26 * MM;

	private static final float TOP = 20 * MM;

	private static final float BOTTOM = 20 * MM;

	private final ByteArrayOutputStream out = new ByteArrayOutputStream(64 * 1024);

	private final PdfDocument pdf;

	private final Document doc;

	private final PdfFont font;

	private final Texts texts;

	private final String incidentId;

	private final boolean drill;

	private final float size;

	Form(String title, String incidentId, boolean drill, Texts texts) {
		this(title, incidentId, drill, texts, BODY);
	}

	/**
	 * A document whose text is {@code size} points (the tables' and lists' indents follow
	 * it).
	 */
	Form(String title, String incidentId, boolean drill, Texts texts, float size) {
		this.size = size;
		this.texts = texts;
		this.incidentId = texts.clean(incidentId);
		this.drill = drill;
		this.pdf = new PdfDocument(new PdfWriter(out));
		this.font = Fonts.newFont();
		PdfDocumentInfo info = pdf.getDocumentInfo();
		info.setTitle(titleText(title));
		if (!this.incidentId.isEmpty()) {
			info.setSubject(this.incidentId);
		}
		info.setCreator("WarRoom");
		pdf.getCatalog().setLang(new PdfString("zh-CN"));
		this.doc = new Document(pdf, PageSize.A4, false);
		doc.setMargins(TOP, RIGHT, BOTTOM, LEFT);
		doc.setFont(font).setFontSize(size).setFontColor(INK).setSplitCharacters(new LineBreaks());
		doc.setProperty(Property.OVERFLOW_WRAP, OverflowWrapPropertyValue.BREAK_WORD);
	}

	Texts texts() {
		return texts;
	}

	Document doc() {
		return doc;
	}

	/** The title as printed: 【演练】 first for drills. */
	String titleText(String title) {
		return (drill ? "【演练】" : "") + texts.clean(title);
	}

	/**
	 * The centred title in two lines, {@code head} and {@code tail}, when it does not fit
	 * on one.
	 */
	void title(String head, String tail) {
		String text = titleText(head + tail);
		float width = doc.getPageEffectiveArea(PageSize.A4).getWidth();
		if (!tail.isEmpty() && font.getWidth(text, TITLE) > width) {
			text = titleText(head) + "\n" + texts.clean(tail);
		}
		doc.add(new Paragraph(text).setFontSize(TITLE)
			.simulateBold()
			.setTextAlignment(TextAlignment.CENTER)
			.setMultipliedLeading(1.3f)
			.setMarginBottom(4 * MM));
	}

	/** The centred title. */
	void title(String title) {
		title(title, "");
	}

	/**
	 * A line with one text flush left and one flush right, e.g. 报告时间 and the incident id.
	 */
	void sideBySide(String left, String right) {
		Table line = new Table(UnitValue.createPercentArray(new float[] { 62, 38 })).useAllAvailableWidth()
			.setMarginBottom(1.5f * MM);
		line.addCell(new Cell().add(new Paragraph(left)).setBorder(Border.NO_BORDER).setPadding(0));
		line.addCell(new Cell().add(new Paragraph(right).setTextAlignment(TextAlignment.RIGHT))
			.setBorder(Border.NO_BORDER)
			.setPadding(0));
		doc.add(line);
	}

	/**
	 * The header line of a form: {@code text}, a gap, then {@code unit} (e.g. 第 2
	 * 次（恢复后报告）), which is never broken inside: when the line is too narrow it moves to
	 * the next line whole.
	 */
	void header(String text, String unit) {
		Paragraph line = new Paragraph().setMultipliedLeading(1.35f).setMarginTop(0).setMarginBottom(0.5f * MM);
		line.add(new Text(text + "　　"));
		line.add(new Text(unit).setSplitCharacters(NEVER_SPLIT));
		doc.add(line);
	}

	/** Split characters for a unit kept on one line. */
	private static final ISplitCharacters NEVER_SPLIT = (glyphs, position) -> false;

	/**
	 * A bordered table whose columns have these widths in millimetres (summing to the
	 * text width).
	 */
	static Table grid(float... millimetres) {
		float[] widths = new float[millimetres.length];
		for (int i = 0; i < widths.length; i++) {
			widths[i] = millimetres[i] * MM;
		}
		return new Table(widths).setHorizontalAlignment(HorizontalAlignment.CENTER).setFixedLayout();
	}

	/** A label cell: centred both ways, as on the seed's forms. */
	static Cell label(String text) {
		return frame(new Cell())
			.add(new Paragraph(text).setTextAlignment(TextAlignment.CENTER).setMultipliedLeading(1.3f))
			.setVerticalAlignment(VerticalAlignment.MIDDLE)
			.setKeepTogether(true);
	}

	/**
	 * A value cell spanning {@code columns}, one paragraph per line; "—" when there is
	 * none. A short value moves whole to the next page rather than splitting; a long one
	 * flows on.
	 */
	Cell value(int columns, List<Line> lines) {
		int length = lines.stream().mapToInt((line) -> line.whole().length()).sum();
		Cell cell = frame(new Cell(1, columns)).setVerticalAlignment(VerticalAlignment.MIDDLE)
			.setKeepTogether(length <= KEEP_TOGETHER);
		if (lines.isEmpty()) {
			cell.add(paragraph(Line.of(Texts.EMPTY), 0));
		}
		for (Line line : lines) {
			cell.add(paragraph(line, 0));
		}
		return cell;
	}

	/** A value cell holding one value, "—" when blank. */
	Cell value(int columns, @Nullable String text) {
		return value(columns, List.of(Line.of(texts.orDash(text))));
	}

	/**
	 * A line as a paragraph indented by {@code indent}, with a hanging indent past its
	 * prefix.
	 */
	Paragraph paragraph(Line line, float indent) {
		float hang = line.prefix().isEmpty() ? 0 : font.getWidth(line.prefix(), size);
		return new Paragraph(line.whole()).setMultipliedLeading(1.35f)
			.setMargin(0)
			.setPaddingLeft(indent + hang)
			.setFirstLineIndent(-hang);
	}

	static Cell frame(Cell cell) {
		return cell.setBorder(new SolidBorder(INK, 0.75f))
			.setPaddingLeft(2 * MM)
			.setPaddingRight(2 * MM)
			.setPaddingTop(1.5f * MM)
			.setPaddingBottom(1.5f * MM);
	}

	/** A section heading of a report, e.g. 一、事件发生的时间和地点. */
	void heading(String text) {
		doc.add(new Paragraph(text).simulateBold()
			.setMultipliedLeading(1.5f)
			.setMarginTop(3 * MM)
			.setMarginBottom(1 * MM)
			.setKeepWithNext(true));
	}

	/** A paragraph of prose, its first line indented two characters. */
	void prose(String text) {
		doc.add(new Paragraph(Texts.tidy(text)).setFirstLineIndent(2 * size)
			.setMultipliedLeading(leading())
			.setMargin(0));
	}

	/** A line flush left, e.g. a salutation. */
	void line(String text) {
		doc.add(new Paragraph(text).setMultipliedLeading(leading()).setMargin(0));
	}

	/** Report prose is set a little looser than table text; notices looser still. */
	private float leading() {
		return (size > BODY) ? 1.8f : 1.6f;
	}

	/** Vertical space, e.g. before a signature block. */
	void space(float millimetres) {
		doc.add(new Paragraph().setMargin(0).setHeight(millimetres * MM));
	}

	/** A list item or a labelled line, indented two characters as a whole. */
	void item(String text) {
		items(List.of(Line.of(text)));
	}

	/** Lines indented two characters, each with its hanging indent. */
	void items(List<Line> lines) {
		for (Line line : lines) {
			doc.add(paragraph(line, 2 * size).setMultipliedLeading(leading()));
		}
	}

	/** A line flush right, e.g. the signature block under a report or notice. */
	void right(String text) {
		doc.add(new Paragraph(text).setTextAlignment(TextAlignment.RIGHT).setMultipliedLeading(leading()).setMargin(0));
	}

	/** A small note under a table, e.g. the form's 注. */
	void note(String text) {
		doc.add(new Paragraph(text).setFontSize(SMALL + 1).setMarginTop(2 * MM));
	}

	/** Draws the footers and watermarks, closes the document and returns the PDF. */
	byte[] finish() {
		// draws the laid-out content first, so the footer and watermark go on top of it
		doc.flush();
		PageMarks.stamp(pdf, font, incidentId, drill);
		doc.close();
		return out.toByteArray();
	}

}
