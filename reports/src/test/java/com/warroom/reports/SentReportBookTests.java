package com.warroom.reports;

import java.security.MessageDigest;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;

import org.junit.jupiter.api.Test;

import static com.warroom.reports.Pdfs.flat;
import static com.warroom.reports.ReportFixtures.at;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * GH-12: the book the 签发人 approved is the book sent (its bytes kept), and the sent book
 * is dated when it counted as made and names its 签发人 (4.2 L10505-10510; 附件三 L11036 报告时间,
 * 签发人): an incremental update, the approved file as its first bytes.
 */
class SentReportBookTests {

	private final PdfDocuments documents = new PdfDocuments();

	/** The real case's first report as it waits for 签发: no 报告时间, no 签发人. */
	private static ReportBook forSigning() {
		ReportBook base = ReportFixtures.reportBook();
		return new ReportBook(base.incidentId(), false, base.sequence(), null, base.company(), List.of(),
				base.occurredAt(), null, base.course(), base.impact(), base.assessment(), base.measures(),
				base.assistance(), base.remarks());
	}

	@Test
	void theSentBookIsTheApprovedBytesFollowedByARevisionFillingTheReportTimeAndTheSigners() throws Exception {
		byte[] approved = documents.reportBook(forSigning());
		assertThat(flat(Pdfs.laidOut(approved).get(0))).contains("报告时间：年月日时分第1次", "签发人事件发生时间");

		byte[] sent = documents.sentReportBook(approved, at("2012-06-15T14:10:00"), List.of("孙首席风险官", "赵总经理"));

		assertThat(sent.length).isGreaterThan(approved.length);
		assertThat(Arrays.copyOf(sent, approved.length)).isEqualTo(approved);
		assertThat(sha256(Arrays.copyOf(sent, approved.length))).isEqualTo(sha256(approved));
		String page = Pdfs.laidOut(sent).get(0);
		assertThat(page.lines().map(Pdfs::flat))
			.anySatisfy((line) -> assertThat(line).isEqualTo("报告时间：2012年6月15日14时10分第1次"))
			.anySatisfy((line) -> assertThat(line).isEqualTo("签发人孙首席风险官赵总经理"));
		// the rest of the form as approved
		assertThat(Pdfs.laidOut(sent).subList(1, Pdfs.laidOut(sent).size()))
			.isEqualTo(Pdfs.laidOut(approved).subList(1, Pdfs.laidOut(approved).size()));
		assertThat(Pdfs.fonts(sent)).allSatisfy((font) -> assertThat(font).endsWith(" embedded"));
	}

	@Test
	void aBookWithoutBlanksIsNotStamped() {
		byte[] filled = documents.reportBook(ReportFixtures.reportBook());

		assertThatIllegalArgumentException()
			.isThrownBy(() -> documents.sentReportBook(filled, at("2012-06-15T14:10:00"), List.of("赵总经理")));
	}

	private static String sha256(byte[] bytes) throws Exception {
		return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
	}

}
