package com.warroom.playbooks;

import java.nio.charset.StandardCharsets;

/** Small playbook files for validation tests. */
final class PlaybookFixtures {

	/** A valid playbook with a decision; line numbers matter to the tests. */
	static final String VALID = """
			id: test.sample
			title: 测试场景
			category: database
			system_class: central-trading
			reporting: at-once
			description: 测试用的场景描述。
			contacts: [integrator]
			flow:
			  - id: f1
			    kind: notify
			    phase: 发现
			    role: tech-manager
			    text: 立即向公司应急小组、公司领导报告。
			steps:
			  - id: m1
			    kind: action
			    phase: 处理
			    role: dba
			    text: 检查数据库。
			  - id: d1
			    kind: decision
			    phase: 处理
			    role: dba
			    text: 如果重启未解决故障
			    question: 重启后是否已解决？
			    answers:
			      - label: 已解决
			        next: m3
			      - label: 未解决
			        next: m2
			  - id: m2
			    kind: action
			    phase: 处理
			    role: dba
			    confirm: true
			    text: 启用备份数据库。
			  - id: m3
			    kind: notify
			    phase: 善后
			    role: tech-manager
			    text: 系统恢复正常及时报告。
			""";

	private PlaybookFixtures() {
	}

	static PlaybookFile file(String name, String content) {
		return new PlaybookFile(name, content.getBytes(StandardCharsets.UTF_8));
	}

	static PlaybookFile valid() {
		return file("test.sample.yaml", VALID);
	}

}
