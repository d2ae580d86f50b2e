package com.warroom.reports;

import java.util.Objects;

import org.jspecify.annotations.Nullable;

/**
 * The reporting company as the forms print it; the bot fills it from its configuration.
 * Every field but {@code name} may be {@code null} or blank: the forms then show an empty
 * value ("—") where one is expected. Immutable and thread-safe.
 *
 * @param name 单位名称 / 报告单位, e.g. {@code XX期货有限公司}; starts the titles of the post-event
 * report and the incident record
 * @param head 负责人 of the post-event report's header
 * @param reporter 报告人 of the report book (see {@link #withReporter})
 * @param contact 联系人 (附件三) / 报告单位联系人 (4.8)
 * @param phone 联系电话, the fixed line (4.6)
 * @param fax 传真
 * @param mobile 联系方式（含手机）
 * @param email e-mail address, part of 4.8's 联系方式（固定电话、移动电话、邮箱等）
 * @param location 地点: where an incident happens when it names no place of its own;
 * {@code null} or blank means {@value #DEFAULT_LOCATION}
 */
public record CompanyInfo(String name, @Nullable String head, @Nullable String reporter, @Nullable String contact,
		@Nullable String phone, @Nullable String fax, @Nullable String mobile, @Nullable String email,
		String location) {

	/** The place of the seed's real case (4.8). */
	public static final String DEFAULT_LOCATION = "公司总部数据中心机房";

	/**
	 * @throws IllegalArgumentException when {@code name} is blank
	 */
	public CompanyInfo(String name, @Nullable String head, @Nullable String reporter, @Nullable String contact,
			@Nullable String phone, @Nullable String fax, @Nullable String mobile, @Nullable String email,
			@Nullable String location) {
		Objects.requireNonNull(name, "name");
		if (name.isBlank()) {
			throw new IllegalArgumentException("The company name (单位名称) must not be blank");
		}
		this.name = name.strip();
		this.head = head;
		this.reporter = reporter;
		this.contact = contact;
		this.phone = phone;
		this.fax = fax;
		this.mobile = mobile;
		this.email = email;
		this.location = (location == null || location.isBlank()) ? DEFAULT_LOCATION : location.strip();
	}

	/** The same company with another 报告人, e.g. the liaison who files this report. */
	public CompanyInfo withReporter(@Nullable String reporter) {
		return new CompanyInfo(name, head, reporter, contact, phone, fax, mobile, email, location);
	}

}
