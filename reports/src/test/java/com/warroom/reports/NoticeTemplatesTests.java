package com.warroom.reports;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.Map;

import com.warroom.reports.NoticeException.Problem;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class NoticeTemplatesTests {

	private final NoticeTemplates templates = new NoticeTemplates();

	@Test
	void bundlesTheTwoTemplatesOfAnnexTenWithTheirFieldsAndCauses() {
		assertThat(templates.list()).extracting(NoticeTemplates.Template::id, NoticeTemplates.Template::name)
			.containsExactly(org.assertj.core.groups.Tuple.tuple("trading-halt", "交易（行情）暂停通知"),
					org.assertj.core.groups.Tuple.tuple("settlement-delay", "结算数据延迟通知"),
					org.assertj.core.groups.Tuple.tuple("service-restored", "交易（行情、结算）恢复通知"));
		NoticeTemplates.Template halt = templates.find("trading-halt").orElseThrow();
		assertThat(halt.required()).containsExactly("业务", "原因", "预计恢复时间", "公司名称", "日期");
		assertThat(halt.choices()).containsEntry("原因", NoticeTemplates.CAUSES)
			.containsEntry("业务", java.util.List.of("交易", "行情"));
		assertThat(NoticeTemplates.CAUSES).containsExactly("计算机系统", "电力供应", "通讯系统");
		assertThat(templates.find("settlement-delay").orElseThrow().required()).containsExactly("原因", "预计恢复时间", "公司名称",
				"日期");
	}

	@Test
	void fillsThePlaceholdersWithTheIncidentsValues() {
		Notice notice = templates.compose("trading-halt", haltValues());

		assertThat(notice.title()).isEqualTo("交易暂停通知");
		assertThat(notice.text()).isEqualTo("""
				各位尊敬的客户：

				目前计算机系统发生故障，造成交易暂停，预计系统可于今日14:30恢复交易。请各位客户采取相应的风险控制措施，注意做好风险防范工作。

				特此通知

				XX期货有限公司

				2012年6月15日""");
		assertThat(templates.render("trading-halt", haltValues())).isEqualTo(notice.title() + "\n\n" + notice.text());
		assertThat(templates.render("settlement-delay", haltValues())).startsWith("结算数据延迟通知\n\n各位尊敬的客户：")
			.contains("目前计算机系统发生故障，造成结算暂停，预计系统可于今日14:30恢复结算。请各位客户耐心等候结算结果");
	}

	@Test
	void printsLookupsAndPlaceholdersTypedByAUserLiterally() {
		Map<String, String> values = haltValues();
		values.put("预计恢复时间", "${env:HOME} ${sys:user.dir} ${原因} $${x} ${script:javascript:1+1}");
		values.put("公司名称", "${file:UTF-8:/etc/passwd}");

		String text = templates.render("trading-halt", values);

		assertThat(text).contains("预计系统可于${env:HOME} ${sys:user.dir} ${原因} $${x} ${script:javascript:1+1}恢复交易",
				"${file:UTF-8:/etc/passwd}");
		assertThat(text).doesNotContain(System.getProperty("user.dir")).doesNotContain("root:");
	}

	@Test
	void refusesAnUnknownTemplatePolitelyNamingTheOnesThereAre() {
		assertThatExceptionOfType(NoticeException.class).isThrownBy(() -> templates.render("holiday", haltValues()))
			.satisfies((ex) -> assertThat(ex.problem()).isEqualTo(Problem.UNKNOWN_TEMPLATE))
			.withMessage(
					"没有“holiday”这个通知模板。可用的模板：交易（行情）暂停通知（trading-halt）、结算数据延迟通知（settlement-delay）、交易（行情、结算）恢复通知（service-restored）。");
	}

	@Test
	void reportsEveryMissingValueAtOnce() {
		Map<String, String> values = haltValues();
		values.remove("原因");
		values.put("预计恢复时间", "  ");

		assertThatExceptionOfType(NoticeException.class).isThrownBy(() -> templates.compose("trading-halt", values))
			.satisfies((ex) -> assertThat(ex.problem()).isEqualTo(Problem.MISSING_VALUES))
			.satisfies((ex) -> assertThat(ex.fields()).containsExactly("原因", "预计恢复时间"))
			.withMessage("“交易（行情）暂停通知”还缺少：原因、预计恢复时间。");
	}

	@Test
	void acceptsOnlyTheCausesTheTemplateOffers() {
		Map<String, String> values = haltValues();
		values.put("原因", "天气");

		assertThatExceptionOfType(NoticeException.class).isThrownBy(() -> templates.compose("trading-halt", values))
			.satisfies((ex) -> assertThat(ex.problem()).isEqualTo(Problem.NOT_A_CHOICE))
			.withMessage("“原因”应为以下之一：计算机系统、电力供应、通讯系统（收到：天气）。");
	}

	@Test
	void takesTemplatesFromTheOverrideDirectoryWithDefaultsAndEscapes(@TempDir Path dir) throws Exception {
		Files.writeString(dir.resolve("trading-halt.txt"), """
				# 名称: 交易暂停通知（本公司版）
				${业务:-交易}暂停通知

				尊敬的客户：${原因}故障，$${原因} 仅为示例。
				""");
		Files.writeString(dir.resolve("network.txt"), "网络故障通知\n\n${公司名称}网络故障。\n");
		Files.writeString(dir.resolve("readme.md"), "not a template");
		NoticeTemplates custom = new NoticeTemplates(dir);

		assertThat(custom.list()).extracting(NoticeTemplates.Template::id)
			.containsExactly("trading-halt", "settlement-delay", "service-restored", "network");
		assertThat(custom.render("trading-halt", Map.of("原因", "电力供应"))).isEqualTo("交易暂停通知\n\n尊敬的客户：电力供应故障，${原因} 仅为示例。");
		assertThat(custom.find("trading-halt").orElseThrow().name()).isEqualTo("交易暂停通知（本公司版）");
		assertThat(custom.render("network", Map.of("公司名称", "XX期货"))).isEqualTo("网络故障通知\n\nXX期货网络故障。");
	}

	@Test
	void refusesATemplateThatAsksForALookupNamingTheFileAndLine(@TempDir Path dir) throws Exception {
		Files.writeString(dir.resolve("bad.txt"), "# 说明\n标题\n\n主目录：${env:HOME}\n");

		assertThatIllegalArgumentException().isThrownBy(() -> new NoticeTemplates(dir))
			.withMessageContaining("bad.txt 第 4 行：占位符 ${env:HOME} 不可用");
	}

	@Test // GH-12: customers read the notice, the incident id is internal
	void rendersANoticeAsAPdfWithoutTheInternalIncidentId() {
		Notice notice = templates.compose("trading-halt", haltValues());
		byte[] pdf = new PdfDocuments().notice(notice.title(), notice.text(), false);
		String text = Pdfs.flatText(pdf);

		assertThat(text).isEqualTo(Pdfs.flat(notice.asText()));
		assertThat(Pdfs.pages(pdf)).singleElement().satisfies((page) -> {
			assertThat(Pdfs.flat(page)).endsWith("第1页共1页").doesNotContain("事件编号").doesNotContain("INC-");
		});
		assertThat(Pdfs.subject(pdf)).isNull();
		assertThat(Pdfs.fonts(pdf)).allSatisfy((font) -> assertThat(font).endsWith("WenQuanYiMicroHei embedded"));
		byte[] drill = new PdfDocuments().notice(notice.title(), notice.text(), true);
		assertThat(Pdfs.title(drill)).isEqualTo("【演练】交易暂停通知");
		assertThat(Pdfs.watermarkedPages(drill)).isOne();
	}

	@Test // GH-12: customers expect a 恢复通知 after the 暂停通知
	void bundlesARestorationNoticeThatStatesWhenServiceResumed() {
		NoticeTemplates.Template restored = templates.find("service-restored").orElseThrow();
		assertThat(restored.required()).containsExactly("业务", "原因", "恢复时间", "公司名称", "日期");
		assertThat(restored.choices()).containsEntry("业务", java.util.List.of("交易", "行情", "结算"));

		Map<String, String> values = haltValues();
		values.put("恢复时间", "6月15日 13:59");
		Notice notice = templates.compose("service-restored", values);

		assertThat(notice.title()).isEqualTo("交易恢复通知");
		assertThat(notice.text()).startsWith("各位尊敬的客户：")
			.contains("此前因计算机系统发生故障造成的交易暂停，已于6月15日 13:59恢复正常。")
			.endsWith("特此通知\n\nXX期货有限公司\n\n2012年6月15日");
		assertThat(notice.asText()).doesNotContain("预计", "INC-");
	}

	@Test
	void writesDatesAsTheNoticesDo() {
		assertThat(NoticeTemplates.date(LocalDate.of(2012, 6, 5))).isEqualTo("2012年6月5日");
	}

	private static Map<String, String> haltValues() {
		Map<String, String> values = new HashMap<>();
		values.put("业务", "交易");
		values.put("原因", "计算机系统");
		values.put("预计恢复时间", "今日14:30");
		values.put("公司名称", "XX期货有限公司");
		values.put("日期", NoticeTemplates.date(LocalDate.of(2012, 6, 15)));
		values.put("无关", "ignored");
		return values;
	}

}
