package com.warroom.bot.documents;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import com.warroom.bot.engine.Paperwork;
import com.warroom.bot.incident.Incident;
import com.warroom.reports.CompanyInfo;
import com.warroom.reports.Notice;
import com.warroom.reports.NoticeException;
import com.warroom.reports.NoticeTemplates;

/**
 * Customer notices (附件十) filled with an incident's values: the options chosen in chat
 * (原因, 业务), the expected recovery time as typed, the recorded recovery time (恢复通知), the
 * company's name and today's date. Customers read them: no internal incident id. Values
 * are printed as typed; templates cannot reach anything but these values
 * ({@link NoticeTemplates}). Thread-safe.
 */
public class CustomerNotices {

	static final String RECOVERY = "预计恢复时间";

	/** When service was restored, as recorded by /recovered: the 恢复通知's. */
	static final String RECOVERED = "恢复时间";

	private static final java.time.format.DateTimeFormatter RECOVERED_AT = java.time.format.DateTimeFormatter
		.ofPattern("M月d日 HH:mm");

	static final String COMPANY = "公司名称";

	static final String DATE = "日期";

	private final NoticeTemplates templates;

	private final CompanyInfo company;

	private final Clock clock;

	private final ZoneId zone;

	public CustomerNotices(NoticeTemplates templates, CompanyInfo company, Clock clock, ZoneId zone) {
		this.templates = templates;
		this.company = company;
		this.clock = clock;
		this.zone = zone;
	}

	/**
	 * The templates, each with the options to choose in chat (fields with choices, in the
	 * order the text uses them).
	 */
	public List<Paperwork.NoticeTemplate> templates() {
		return templates.list()
			.stream()
			.map((template) -> new Paperwork.NoticeTemplate(template.id(), template.name(),
					template.fields()
						.stream()
						.filter(template.choices()::containsKey)
						.map((field) -> new Paperwork.Option(field, template.choices().get(field)))
						.toList(),
					template.fields().contains(RECOVERY), template.fields().contains(RECOVERED)))
			.toList();
	}

	/**
	 * The notice, or empty when the template is unknown or a value is missing or not a
	 * choice.
	 */
	public Optional<Notice> render(Incident incident, String templateId, Map<String, String> choices, String recovery) {
		Map<String, String> values = new HashMap<>(choices);
		values.put(RECOVERY, recovery);
		if (incident.recoveredAt() != null) {
			values.put(RECOVERED, RECOVERED_AT.format(incident.recoveredAt().atZone(zone)));
		}
		values.put(COMPANY, company.name());
		values.put(DATE, NoticeTemplates.date(LocalDate.now(clock.withZone(zone))));
		try {
			Notice notice = templates.compose(templateId, values);
			return Optional.of(incident.isDrill() ? new Notice("【演练】" + notice.title(), notice.text()) : notice);
		}
		catch (NoticeException ex) {
			return Optional.empty();
		}
	}

}
