package com.warroom.bot.roster;

import org.jspecify.annotations.Nullable;

/**
 * One entry of the contact book (附件二 应急联络手册: 联系单位, 联系人, 固定电话, 移动电话).
 *
 * @param category contact-book category key (vocabulary), e.g. {@code exchange}
 * @param unit 联系单位
 * @param person 联系人, or null
 * @param phone 固定电话, or null
 * @param mobile 移动电话, or null
 */
public record Contact(String category, String unit, @Nullable String person, @Nullable String phone,
		@Nullable String mobile) {
}
