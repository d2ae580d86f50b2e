package com.warroom.playbooks;

import java.time.LocalDate;
import java.util.Objects;

/**
 * One planned training of the yearly training plan (4.5 应急培训计划, columns L15319-15331:
 * 应急培训编号, 培训内容, 培训时间, 培训负责人, 记录人, 备注). Immutable.
 *
 * @param id 应急培训编号
 * @param content 培训内容
 * @param date 培训时间
 * @param trainer 培训负责人
 * @param recorder 记录人
 * @param note 备注; may be empty
 */
public record Training(String id, String content, LocalDate date, String trainer, String recorder, String note) {

	public Training {
		Objects.requireNonNull(id, "id");
		Objects.requireNonNull(content, "content");
		Objects.requireNonNull(date, "date");
		Objects.requireNonNull(trainer, "trainer");
		Objects.requireNonNull(recorder, "recorder");
		Objects.requireNonNull(note, "note");
	}

}
