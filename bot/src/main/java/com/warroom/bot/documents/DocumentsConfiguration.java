package com.warroom.bot.documents;

import java.time.Clock;

import com.warroom.bot.engine.IncidentViews;
import com.warroom.bot.engine.Paperwork;
import com.warroom.bot.engine.Texts;
import com.warroom.bot.incident.IncidentStore;
import com.warroom.playbooks.WorkingDayCalendar;
import com.warroom.reports.Archive;
import com.warroom.reports.CompanyInfo;
import com.warroom.reports.NoticeTemplates;
import com.warroom.reports.PdfDocuments;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The documents: company data from {@code COMPANY_*}, notice templates from
 * {@code NOTICES_DIR}.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(DocumentsProperties.class)
class DocumentsConfiguration {

	private static final Logger log = LoggerFactory.getLogger(DocumentsConfiguration.class);

	@Bean
	CompanyInfo companyInfo(DocumentsProperties properties) {
		DocumentsProperties.Company company = properties.company();
		if (company.name().isBlank()) {
			log.warn("未配置 COMPANY_NAME：报告书中的单位名称暂用“XX期货有限公司”");
		}
		return new CompanyInfo(company.name().isBlank() ? "XX期货有限公司" : company.name(), company.head(),
				company.reporter(), company.contact(), company.phone(), company.fax(), company.mobile(),
				company.email(), company.location());
	}

	@Bean
	PdfDocuments pdfDocuments(WorkingDayCalendar calendar) {
		return new PdfDocuments(calendar.zone());
	}

	/**
	 * Parses the embedded font (5 MB, about half a second) once the application is up, in
	 * the background, so the first report book of an outage is not the one that waits.
	 */
	@Bean
	org.springframework.context.ApplicationListener<org.springframework.boot.context.event.ApplicationReadyEvent> warmFont(
			PdfDocuments pdf) {
		return (ready) -> {
			Thread warm = new Thread(() -> pdf.notice("预热", "预热", false), "warm-font");
			warm.setDaemon(true);
			warm.start();
		};
	}

	@Bean
	NoticeTemplates noticeTemplates(DocumentsProperties properties) {
		return new NoticeTemplates(properties.noticesDir());
	}

	@Bean
	CustomerNotices customerNotices(NoticeTemplates templates, CompanyInfo company, Clock clock,
			WorkingDayCalendar calendar) {
		return new CustomerNotices(templates, company, clock, calendar.zone());
	}

	@Bean
	Paperwork paperwork(IncidentStore incidents, IncidentViews views, PdfDocuments pdf, Archive archive,
			CompanyInfo company, CustomerNotices notices, Clock clock, WorkingDayCalendar calendar,
			com.warroom.bot.roster.Roster roster) {
		// the regulator's forms are Chinese whatever the chat's locale (GH-14)
		return new IncidentPaperwork(incidents, views, Texts.chinese(), pdf, archive, company, notices, clock,
				calendar.zone(), roster);
	}

}
