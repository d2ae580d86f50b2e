package com.warroom.playbooks;

import java.util.Arrays;
import java.util.Optional;

/**
 * The class of the affected system. It drives both grading (4.2 第四章) and the reporting
 * cycle (4.2 第五章); see PRODUCT.md "Decisions" 1 and 6.
 */
public enum SystemClass {

	CENTRAL_TRADING("central-trading", "集中交易系统"), ONLINE_TRADING("online-trading", "网上交易系统"),
	BANK_TRANSFER("bank-transfer", "银期转账系统"), QUOTES("quotes", "行情系统"), WEBSITE("website", "网站"),
	NETWORK("network", "网络系统"), BRANCH("branch", "营业部交易业务系统");

	private final String key;

	private final String label;

	SystemClass(String key, String label) {
		this.key = key;
		this.label = label;
	}

	/** The key used in playbook and policy files, e.g. {@code central-trading}. */
	public String key() {
		return key;
	}

	/** The Chinese name. */
	public String label() {
		return label;
	}

	public static Optional<SystemClass> fromKey(String key) {
		return Arrays.stream(values()).filter((value) -> value.key.equals(key)).findFirst();
	}

}
