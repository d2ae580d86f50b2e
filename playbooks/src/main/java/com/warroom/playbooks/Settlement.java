package com.warroom.playbooks;

/** The state of settlement (结算) as far as grading cares (4.2 第四章二（二）3, （三）2). */
public enum Settlement {

	NORMAL("结算正常"),
	/** The previous trading day's settlement was not finished before the open. */
	NOT_FINISHED_BEFORE_OPEN("开市前未能完成前一交易日的结算"),
	/** Settlement data wrong, not a 重大错误. */
	DATA_ERROR("结算数据出现错误"),
	/** Settlement data with a 重大错误. */
	MAJOR_DATA_ERROR("结算数据出现重大错误");

	private final String label;

	Settlement(String label) {
		this.label = label;
	}

	public String label() {
		return label;
	}

}
