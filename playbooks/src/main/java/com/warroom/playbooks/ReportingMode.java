package com.warroom.playbooks;

import java.util.Arrays;
import java.util.Optional;

/** How a playbook's own text decides external reporting (PRODUCT.md "Decisions" 1). */
public enum ReportingMode {

	/**
	 * The scenario's 处置流程 says 立即向住所地监管部门报告，并每隔 30 分钟上报一次: report at once and every cycle
	 * until recovered.
	 */
	AT_ONCE("at-once"),
	/** The class of the affected system decides (4.2 第五章). */
	BY_CLASS("by-class");

	private final String key;

	ReportingMode(String key) {
		this.key = key;
	}

	public String key() {
		return key;
	}

	public static Optional<ReportingMode> fromKey(String key) {
		return Arrays.stream(values()).filter((value) -> value.key.equals(key)).findFirst();
	}

}
