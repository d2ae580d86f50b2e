package com.warroom.playbooks;

/** The reports an incident can owe. */
public enum ObligationKind {

	/** An external report of the running cycle (第 N 次). */
	CYCLE("定期报告"),
	/** The report after recovery (处置流程第 7 步). */
	FINAL("恢复后报告"),
	/**
	 * The internal report within 15 minutes after handling ends (central trading, no
	 * halt).
	 */
	INTERNAL("内部报告"),
	/** 网络和信息安全事件分析总结报告, 12 hours. */
	ANALYSIS("事件分析总结报告"),
	/** 事件总结报告, 5 working days. */
	SUMMARY("事件总结报告"),
	/** 补充报告, 30 working days, when the cause is not yet known. */
	SUPPLEMENTARY("补充报告"),
	/** 向公安机关报案: a suspected computer crime, at once (4.3 第十一条（二）4). */
	POLICE("公安机关报案");

	private final String label;

	ObligationKind(String label) {
		this.label = label;
	}

	public String label() {
		return label;
	}

}
