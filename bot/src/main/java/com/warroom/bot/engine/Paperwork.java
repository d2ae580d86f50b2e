package com.warroom.bot.engine;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import com.warroom.bot.incident.Incident;
import com.warroom.playbooks.Playbook;
import org.jspecify.annotations.Nullable;

/**
 * The documents an incident produces (report books, the post-event report, the incident
 * record, customer notices) and its archive. Each method that issues a document renders
 * it from the incident as stored now, keeps it in the archive and returns its name there;
 * the channel then sends or links it ({@link Outbound.Document}).
 */
public interface Paperwork {

	/** Names of incident records in the archive start with this. */
	String RECORD_PREFIX = "信息系统事件记录表";

	/**
	 * The report book 《网络与信息安全事件情况报告书》.
	 * @param report the report it is for, e.g. {@code CYCLE:2}; null for the next one
	 * owed
	 * @param reporter who files it (报告人), e.g. the liaison
	 * @param version a draft ({@code /report}), the book sent to the signers, or the book
	 * as sent
	 */
	String reportBook(Incident incident, Playbook playbook, @Nullable String report, String reporter,
			BookVersion version);

	/**
	 * Keeps the book the signers approved as the book sent: a PDF incremental update
	 * whose first bytes are the approved file unchanged, and whose appended revision
	 * fills in the 报告时间 (when the report counted as made: the last signature) and the 签发人
	 * — never a new rendering. Kept under the name of the sent version (…-第N次.pdf).
	 * @param report the report signed, e.g. {@code CYCLE:1}, already recorded as reported
	 * @param signed the archive name of the book that was signed (…-待签发.pdf)
	 */
	Sent keepAsSent(Incident incident, Playbook playbook, String report, String signed);

	/**
	 * A book kept as sent.
	 *
	 * @param name its name in the archive
	 * @param sha256 the SHA-256 of the whole sent file
	 * @param approvedBytes how many of its first bytes are the approved book, unchanged
	 * @param approvedSha256 the SHA-256 of those bytes: the hash the signers saw on the
	 * signing card
	 */
	record Sent(String name, String sha256, long approvedBytes, String approvedSha256) {
	}

	/** Which version of a report book: the names in the archive tell them apart. */
	enum BookVersion {

		/** {@code /report}: the book as it would be sent now (…-草稿.pdf). */
		DRAFT,
		/** Sent to the 签发人 with the request to sign (…-待签发.pdf). */
		FOR_SIGNING,
		/**
		 * As reported: recorded by {@code /reported}, or signed by all (…-第N次.pdf, with
		 * the 签发人).
		 */
		SENT

	}

	/** The post-event report 《关于……事件的处理情况报告》, marked 初步 while the cause is unknown. */
	String postEventReport(Incident incident, Playbook playbook);

	/** The incident record 信息系统事件记录表 (2.8.4). */
	String incidentRecord(Incident incident, Playbook playbook);

	/** The customer notice templates a company has (附件十 and its own). */
	List<NoticeTemplate> notices();

	/**
	 * A notice's text, ready to copy; empty when the template is unknown.
	 * @param choices the template's options as chosen, e.g. 原因 → 计算机系统
	 * @param recovery the expected recovery time as typed (printed literally)
	 */
	Optional<String> noticeText(Incident incident, String templateId, Map<String, String> choices, String recovery);

	/** A notice as PDF, kept in the archive; empty when the template is unknown. */
	Optional<String> noticePdf(Incident incident, String templateId, Map<String, String> choices, String recovery);

	/**
	 * Closes the incident's archive: the incident record, the timeline and the manifest.
	 */
	void seal(Incident incident, Playbook playbook);

	/** Ids of closed incidents in the archive, newest first. */
	List<String> archived();

	/**
	 * The bytes of a document kept for an incident; empty when there is none of that
	 * name.
	 */
	Optional<byte[]> read(String incidentId, String name);

	/** The names of the documents kept for an incident, oldest first. */
	List<String> documents(String incidentId);

	/** The archive folder of a year's drill documents, e.g. {@code DRL-2026} (GH-16). */
	static String drillYear(int year) {
		return "DRL-" + year;
	}

	/**
	 * The yearly drill report 《年度应急演练情况总结报告》 (4.7, GH-16): every closed drill of the
	 * year, each summarised as at its close, and the year's trainings; kept in the
	 * archive under {@link #drillYear}.
	 * @param trainings the year's trainings (4.5), one line each
	 * @param playbooks each drill's playbook by its id
	 * @return its name in the archive; empty when the year has no closed drill
	 */
	default Optional<String> yearlyDrillReport(int year, List<String> trainings,
			java.util.function.Function<String, Optional<Playbook>> playbooks) {
		return Optional.empty();
	}

	/**
	 * A customer notice template.
	 *
	 * @param options what must be chosen before it can be filled, in order
	 * @param expectsRecovery it states an expected recovery time (预计恢复时间), typed in chat
	 * @param statesRecovery it states when service was restored (恢复时间, the 恢复通知): the bot
	 * fills it from the recorded recovery, and refuses it while none is recorded
	 */
	record NoticeTemplate(String id, String title, List<Option> options, boolean expectsRecovery,
			boolean statesRecovery) {

		public NoticeTemplate {
			options = List.copyOf(options);
		}

		/** A template that asks for the expected recovery time, as 附件十's do. */
		public NoticeTemplate(String id, String title, List<Option> options) {
			this(id, title, options, true, false);
		}

	}

	/** A choice a notice needs, e.g. 原因: 计算机系统 / 电力供应 / 通讯系统. */
	record Option(String name, List<String> choices) {

		public Option {
			choices = List.copyOf(choices);
		}

	}

}
