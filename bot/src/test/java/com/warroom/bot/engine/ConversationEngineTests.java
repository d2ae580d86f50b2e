package com.warroom.bot.engine;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import com.warroom.bot.chat.ChatRef;
import com.warroom.bot.incident.Incident;
import com.warroom.bot.incident.IncidentStatus;
import com.warroom.bot.incident.StepState;
import com.warroom.bot.incident.TimelineEntry;
import com.warroom.bot.incident.TimelineType;
import com.warroom.playbooks.Track;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static com.warroom.bot.engine.EngineHarness.COMMANDER;
import static com.warroom.bot.engine.EngineHarness.DBA;
import static com.warroom.bot.engine.EngineHarness.GM;
import static com.warroom.bot.engine.EngineHarness.LIAISON;
import static com.warroom.bot.engine.EngineHarness.OBSERVER;
import static com.warroom.bot.engine.EngineHarness.STRANGER;
import static com.warroom.bot.engine.EngineHarness.SYSADMIN;
import static com.warroom.bot.engine.EngineHarness.button;
import static com.warroom.bot.engine.EngineHarness.findButton;
import static com.warroom.bot.engine.EngineHarness.texts;
import static org.assertj.core.api.Assertions.assertThat;

/** The engine without any channel, on a real Redis. */
class ConversationEngineTests {

	private EngineHarness chat;

	@BeforeEach
	void setUp() {
		chat = new EngineHarness(TestRedis.fresh());
	}

	private Incident only() {
		List<Incident> open = chat.incidents.openIn(chat.chat);
		assertThat(open).hasSize(1);
		return open.get(0);
	}

	@Test
	void declaresByChoosingClassThenScenarioAndPostsCardAndBothTracks() {
		List<Outbound> classes = chat.command(DBA, "/declare");
		assertThat(texts(classes)).contains("请选择受影响的系统类别");
		List<Outbound> scenarios = chat.press(DBA, button(classes, "集中交易系统"));
		assertThat(texts(scenarios)).contains("【集中交易系统】请选择故障场景");
		List<Outbound> confirm = chat.press(DBA, button(scenarios, "数据库主机硬件故障"));
		assertThat(texts(confirm)).contains("确认宣布事件").contains("发现时间：现在");
		List<Outbound> declared = chat.press(DBA, button(confirm, "确认宣布"));

		Incident incident = only();
		assertThat(incident.id()).isEqualTo("INC-20261123-001");
		assertThat(incident.playbookId()).isEqualTo("central.db-host-hardware");
		assertThat(incident.declaredBy()).isEqualTo("wu-dba");
		String all = texts(declared);
		assertThat(all).contains("🚨 <b>INC-20261123-001</b>")
			.contains("场景：数据库主机硬件故障（附件四）")
			.contains("宣布人：吴数据库管理员")
			.contains("应立即报告：定期报告 第 1 次（预案处置流程第 4 步")
			.contains("<b>处置流程</b>")
			.contains("立即启动预案，组织进行故障排查。")
			.contains("<b>具体处置方法</b>")
			.contains("操作电源按钮关闭数据库主机")
			.contains("需双岗复核");
		assertThat(chat.incidents.timeline(incident.id())).extracting(TimelineEntry::type)
			.containsExactly(TimelineType.DECLARED);
		// the same confirmation pressed again declares nothing new
		List<Outbound> again = chat.press(DBA, button(confirm, "确认宣布"));
		assertThat(texts(again)).contains("已宣布");
		assertThat(chat.incidents.openIn(chat.chat)).hasSize(1);
	}

	@Test
	void fuzzySearchFindsScenariosFromChineseWords() {
		assertThat(findButton(chat.command(DBA, "/declare 数据库 主机"), "数据库主机硬件故障")).isPresent();
		List<Outbound> quotes = chat.command(DBA, "/declare 行情不更新");
		assertThat(EngineHarness.buttons(quotes.get(0)).get(0).get(0).label()).isEqualTo("站点行情不更新");
		assertThat(findButton(chat.command(DBA, "/declare ups"), "市电中断 ups 供电正常")).isPresent();
		assertThat(texts(chat.command(DBA, "/declare 完全无关的词语xyz"))).contains("没有找到与“完全无关的词语xyz”匹配的预案");
	}

	@Test
	void aDrillIsMarkedAndNumberedApart() {
		List<Outbound> matches = chat.command(COMMANDER, "/drill 报盘");
		List<Outbound> confirm = chat.press(COMMANDER, button(matches, "报盘服务器故障"));
		assertThat(texts(confirm)).contains("确认发起演练").contains("不会报送监管或客户");
		List<Outbound> declared = chat.press(COMMANDER, button(confirm, "确认宣布"));
		assertThat(texts(declared)).contains("【演练】DRL-20261123-001");
		assertThat(only().isDrill()).isTrue();
	}

	@Test
	void anEarlierDiscoveryTimeStartsTheClockThen() {
		List<Outbound> confirm = chat.press(DBA, button(chat.command(DBA, "/declare 数据库主机"), "数据库主机硬件故障"));
		List<Outbound> ask = chat.press(DBA, button(confirm, "填写更早的发现时间"));
		assertThat(texts(ask)).contains("请回复发现时间");
		assertThat(texts(chat.text(DBA, "25:99"))).contains("无法识别");
		assertThat(texts(chat.text(DBA, "14:30"))).contains("晚于现在");
		List<Outbound> again = chat.text(DBA, "13:40");
		assertThat(texts(again)).contains("发现时间：11-23 13:40");
		chat.press(DBA, button(again, "确认宣布"));
		assertThat(only().startedAt()).isEqualTo(java.time.Instant.parse("2026-11-23T05:40:00Z"));
	}

	@Test // GH-13
	void theCurrentStepIsPostedAtTheBottomAndTheOldMessageBecomesOneLine() {
		List<Outbound> declared = chat.declare(DBA, "数据库主机", "数据库主机硬件故障");
		String slot = "INC-20261123-001:steps";
		chat.slots.record(chat.chat, slot, "4711", "INC-20261123-001"); // the message
																		// that shows
																		// step 1
		List<Outbound> awaiting = chat.press(DBA, button(declared, "完成"));
		// the old step message: one line, no buttons — addressed to that message itself,
		// not to the track's slot, which the step afresh
		// takes (it may be sent before the edit is)
		assertThat(chat.slots.messageOf(chat.chat, slot)).hasValue("m-" + slot);
		assertThat(awaiting).filteredOn((a) -> a instanceof Outbound.Edit edit && edit.slot().startsWith(slot))
			.singleElement()
			.satisfies((a) -> {
				assertThat(chat.slots.messageOf(chat.chat, ((Outbound.Edit) a).slot())).hasValue("4711");
				assertThat(((Outbound.Edit) a).buttons()).isEmpty();
				assertThat(((Outbound.Edit) a).html()).doesNotContain("\n").contains("第 1 步").contains("待第二人复核");
			});
		assertThat(awaiting.get(awaiting.size() - 1)).isInstanceOfSatisfying(Outbound.Send.class, (send) -> {
			assertThat(send.slot()).isEqualTo(slot);
			assertThat(send.buttons().get(0).get(0).label()).isEqualTo("复核确认");
		});
		List<Outbound> confirmed = chat.press(SYSADMIN, button(awaiting, "复核确认"));
		assertThat(texts(confirmed)).contains("第 1 步 经 郑系统管理员 复核 ✓");
		assertThat(confirmed.get(confirmed.size() - 1)).isInstanceOfSatisfying(Outbound.Send.class,
				(send) -> assertThat(send.html()).contains("第 2/").contains("启用备份数据库系统"));
		// /steps answers at the bottom too
		List<Outbound> steps = chat.command(OBSERVER, "/steps");
		assertThat(steps).filteredOn(Outbound.Send.class::isInstance)
			.extracting((a) -> ((Outbound.Send) a).slot())
			.containsExactly("INC-20261123-001:flow", slot);
		assertThat(steps).filteredOn(Outbound.Edit.class::isInstance)
			.allSatisfy((a) -> assertThat(((Outbound.Edit) a).html()).contains("当前步骤见下方"));
	}

	@Test // GH-13
	void everyMessageOfADrillCarriesTheDrillMark() {
		List<Outbound> picker = chat.command(DBA, "/drill 数据库主机");
		List<Outbound> confirm = chat.press(DBA, button(picker, "数据库主机硬件故障"));
		List<Outbound> declared = chat.press(DBA, button(confirm, "确认宣布"));
		List<Outbound> all = new java.util.ArrayList<>(picker);
		all.addAll(confirm);
		all.addAll(declared);
		all.addAll(chat.press(DBA, button(declared, "完成")));
		all.addAll(chat.press(DBA, button(declared, "跳过")));
		all.addAll(chat.text(DBA, "演练中不操作"));
		all.addAll(chat.command(DBA, "/status"));
		all.addAll(chat.command(DBA, "/steps"));
		all.addAll(chat.command(DBA, "/timeline"));
		all.addAll(chat.command(DBA, "/note 模拟备注"));
		all.addAll(chat.command(COMMANDER, "/level"));
		assertThat(all).filteredOn((a) -> !(a instanceof Outbound.Answer))
			.hasSizeGreaterThan(10)
			.allSatisfy((a) -> assertThat(texts(List.of(a))).contains("【演练】"));
	}

	@Test
	void stepsAdvanceAndRiskyStepsNeedASecondPerson() {
		List<Outbound> declared = chat.declare(DBA, "数据库主机", "数据库主机硬件故障");
		Button powerOff = button(declared, "完成");
		// the last "完成" button is the technical track's first step (power off: 双岗复核)
		List<Outbound> awaiting = chat.press(DBA, powerOff);
		assertThat(texts(awaiting)).contains("[answer] 已记录，等待第二人复核").contains("吴数据库管理员 已完成操作，等待另一名人员复核确认");
		Incident incident = only();
		assertThat(incident.cursor(Track.STEPS)).contains("m1");
		assertThat(incident.stepState("m1").status()).isEqualTo(StepState.Status.AWAITING_CONFIRMATION);

		Button confirm = button(awaiting, "复核确认");
		assertThat(texts(chat.press(DBA, confirm))).contains("复核须由另一名人员完成");
		assertThat(only().cursor(Track.STEPS)).contains("m1");
		List<Outbound> confirmed = chat.press(SYSADMIN, confirm);
		assertThat(texts(confirmed)).contains("[answer] 已复核确认").contains("启用备份数据库系统");
		assertThat(only().cursor(Track.STEPS)).contains("m2");
		assertThat(chat.incidents.timeline(incident.id())).extracting(TimelineEntry::type)
			.containsExactly(TimelineType.DECLARED, TimelineType.CONFIRMATION_REQUESTED, TimelineType.STEP_CONFIRMED);
		// the old button now tells who acted
		assertThat(texts(chat.press(GM, powerOff))).contains("此步骤已由 吴数据库管理员 完成");
		assertThat(texts(chat.press(GM, confirm))).contains("此步骤已由 吴数据库管理员 完成");
	}

	@Test
	void decisionsLeadToTheStepTheirAnswerNames() {
		List<Outbound> declared = chat.declare(SYSADMIN, "行情不更新", "站点行情不更新");
		List<Outbound> afterFirst = chat.press(SYSADMIN, button(declared, "完成"));
		assertThat(texts(afterFirst)).contains("重启行情软件后故障是否已解决？");
		List<Outbound> answered = chat.press(SYSADMIN, button(afterFirst, "已解决"));
		assertThat(texts(answered)).contains("[answer] 已选择：已解决").contains("检查该行情站点的行情数据是否恢复。");
		assertThat(only().cursor(Track.STEPS)).contains("m3");
		assertThat(only().stepState("m2").status()).isEqualTo(StepState.Status.OPEN);
		TimelineEntry decision = chat.incidents.timeline(only().id()).get(2);
		assertThat(decision.type()).isEqualTo(TimelineType.DECISION);
		assertThat(decision.detail("answer")).isEqualTo("已解决");
	}

	@Test
	void skipAndBlockAskForAReason() {
		List<Outbound> declared = chat.declare(SYSADMIN, "行情不更新", "站点行情不更新");
		List<Outbound> ask = chat.press(SYSADMIN, button(declared, "跳过"));
		assertThat(texts(ask)).contains("请回复跳过");
		assertThat(only().cursor(Track.STEPS)).contains("m1");
		assertThat(texts(chat.text(SYSADMIN, " "))).contains("原因不能为空");
		List<Outbound> skipped = chat.text(SYSADMIN, "已由厂商远程处理");
		assertThat(texts(skipped)).contains("已跳过");
		assertThat(only().cursor(Track.STEPS)).contains("d1");

		List<Outbound> block = chat.press(SYSADMIN, button(skipped, "受阻"));
		chat.text(SYSADMIN, "等待厂商 <b>工程师</b>");
		Incident incident = only();
		assertThat(incident.stepState("d1").status()).isEqualTo(StepState.Status.BLOCKED);
		assertThat(incident.cursor(Track.STEPS)).contains("d1");
		List<Outbound> steps = chat.command(SYSADMIN, "/steps");
		assertThat(texts(steps)).contains("受阻（郑系统管理员）：等待厂商 &lt;b&gt;工程师&lt;/b&gt;");
		assertThat(block).isNotEmpty();
	}

	@Test
	void twoSimultaneousPressesRecordExactlyOneAction() throws Exception {
		List<Outbound> declared = chat.declare(LIAISON, "行情不更新", "站点行情不更新");
		Button first = button(declared, "完成");
		int people = 8;
		ExecutorService pool = Executors.newFixedThreadPool(people);
		CountDownLatch start = new CountDownLatch(1);
		List<Future<List<Outbound>>> results = new java.util.ArrayList<>();
		String[] ids = { "900000001", "900000002", "900000003", "900000004", "900000005", "900000006", "900000007",
				"900000008" };
		for (String id : ids) {
			results.add(pool.submit(() -> {
				start.await();
				return chat.press(EngineHarness.user(id), first);
			}));
		}
		start.countDown();
		int recorded = 0;
		int refused = 0;
		for (Future<List<Outbound>> result : results) {
			String text = texts(result.get());
			if (text.contains("[answer] 已记录")) {
				recorded++;
			}
			else if (text.contains("此步骤已由") || text.contains("已不是当前步骤")) {
				refused++;
			}
		}
		pool.shutdown();
		assertThat(recorded).isEqualTo(1);
		assertThat(refused).isEqualTo(people - 1);
		assertThat(chat.incidents.timeline(only().id())).filteredOn((e) -> e.type() == TimelineType.STEP_DONE)
			.hasSize(1);
	}

	@Test
	void notesByCommandAndByReplyAreEscapedAndLongOnesRefused() {
		chat.declare(DBA, "数据库主机", "数据库主机硬件故障");
		Incident incident = only();
		assertThat(texts(chat.command(DBA, "/note 已联系 <script>厂商</script> & 物业")))
			.contains("已记入 INC-20261123-001 的时间线");
		assertThat(texts(chat.reply(SYSADMIN, "回复也是备注", "m-" + incident.id() + ":card"))).contains("已记入");
		assertThat(texts(chat.command(DBA, "/note " + "长".repeat(5000)))).contains("备注过长（5000 字），最多 4000 字");
		assertThat(texts(chat.command(DBA, "/note"))).contains("备注内容为空");
		List<TimelineEntry> notes = chat.incidents.timeline(incident.id())
			.stream()
			.filter((e) -> e.type() == TimelineType.NOTE)
			.toList();
		assertThat(notes).extracting((e) -> e.detail("text")).containsExactly("已联系 <script>厂商</script> & 物业", "回复也是备注");
		String timeline = texts(chat.command(DBA, "/timeline"));
		assertThat(timeline).contains("已联系 &lt;script&gt;厂商&lt;/script&gt; &amp; 物业").doesNotContain("<script>");
	}

	@Test
	void onlyRosterMembersActAndRolesLimitThem() {
		// GH-13: a stranger is refused in a private
		// message, the group does not hear of it
		List<Outbound> refused = chat.command(STRANGER, "/declare");
		assertThat(texts(refused)).contains("您不在应急名册中");
		assertThat(refused).singleElement()
			.isInstanceOfSatisfying(Outbound.Send.class,
					(send) -> assertThat(send.chat()).isEqualTo(new ChatRef("tg", "123", null, false)));
		assertThat(chat.text(STRANGER, "大家好")).isEmpty();
		assertThat(texts(chat.press(STRANGER, new Button("x", "AAAAAAAAAAAA")))).contains("[answer] 抱歉，您不在应急名册中");
		assertThat(texts(chat.command(OBSERVER, "/declare 数据库"))).contains("无权");
		chat.declare(DBA, "数据库主机", "数据库主机硬件故障");
		assertThat(texts(chat.command(OBSERVER, "/status"))).contains("INC-20261123-001");
		assertThat(texts(chat.command(OBSERVER, "/note 看看"))).contains("无权");
		List<Outbound> level = chat.command(DBA, "/level");
		assertThat(texts(level)).contains("当前计算级别").doesNotContain("如需人工调整");
		assertThat(findButton(level, "重大")).isEmpty();
	}

	@Test
	void aCommanderOverridesTheLevelWithAReason() {
		chat.declare(DBA, "数据库主机", "数据库主机硬件故障");
		chat.clock.advance(Duration.ofMinutes(6));
		List<Outbound> level = chat.command(COMMANDER, "/level");
		assertThat(texts(level)).contains("当前计算级别：<b>较大</b>").contains("4.2 第四章二（二）1");
		chat.press(COMMANDER, button(level, "重大"));
		List<Outbound> set = chat.text(COMMANDER, "全部客户无法交易，从严定级");
		assertThat(texts(set)).contains("级别已调整为 <b>重大</b>").contains("级别：<b>重大</b>（人工调整：全部客户无法交易，从严定级；计算结果 较大）");
		TimelineEntry entry = chat.incidents.timeline(only().id()).get(1);
		assertThat(entry.type()).isEqualTo(TimelineType.LEVEL_SET);
		assertThat(entry.personId()).isEqualTo("li-it");
	}

	@Test
	void recoveryStartsTheAfterTrackAndCloseNeedsConfirmation() {
		chat.declare(DBA, "数据库主机", "数据库主机硬件故障");
		assertThat(texts(chat.command(COMMANDER, "/close"))).contains("尚未记录恢复");
		chat.clock.advance(Duration.ofMinutes(20));
		List<Outbound> recovered = chat.recovered(DBA);
		assertThat(texts(recovered)).contains("已记录 INC-20261123-001 于 11-23 14:18 恢复")
			.contains("<b>事后处理</b>")
			.contains("向主机供应商做服务器报修")
			.contains("应立即报告：恢复后报告 第 1 次");
		assertThat(texts(chat.command(DBA, "/recovered"))).contains("已记录恢复或已关闭");
		assertThat(texts(chat.command(DBA, "/close"))).contains("无权");
		List<Outbound> ask = chat.command(COMMANDER, "/close");
		List<Outbound> closed = chat.press(COMMANDER, button(ask, "确认关闭"));
		assertThat(texts(closed)).contains("事件 INC-20261123-001 已关闭");
		assertThat(chat.incidents.openIn(chat.chat)).isEmpty();
		Incident incident = chat.incidents.find("INC-20261123-001").orElseThrow();
		assertThat(incident.status()).isEqualTo(IncidentStatus.CLOSED);
		assertThat(texts(chat.press(COMMANDER, button(ask, "确认关闭")))).contains("无法关闭");
		assertThat(chat.incidents.timeline(incident.id())).extracting(TimelineEntry::type)
			.containsExactly(TimelineType.DECLARED, TimelineType.RECOVERED, TimelineType.CLOSED);
	}

	@Test // GH-13
	void buttonsArePressedOnlyByThoseTheyAreFor() {
		List<Outbound> picker = chat.command(DBA, "/declare 数据库主机");
		List<Outbound> others = chat.press(SYSADMIN, button(picker, "数据库主机硬件故障"));
		assertThat(others).singleElement().isInstanceOfSatisfying(Outbound.Answer.class, (answer) -> {
			assertThat(answer.text()).isEqualTo("此按钮不是给您的。");
			assertThat(answer.alert()).isTrue();
		});
		assertThat(chat.press(SYSADMIN, button(picker, "取消"))).extracting(Object::getClass)
			.containsExactly(Outbound.Answer.class);
		List<Outbound> confirm = chat.press(DBA, button(picker, "数据库主机硬件故障"));
		assertThat(texts(chat.press(SYSADMIN, button(confirm, "确认宣布")))).contains("此按钮不是给您的");
		assertThat(chat.incidents.openIn(chat.chat)).isEmpty();
		chat.press(DBA, button(confirm, "确认宣布"));
		// a stale button of a closed incident answers at once and changes nothing
		List<Outbound> level = chat.command(COMMANDER, "/level");
		chat.recovered(DBA);
		chat.press(COMMANDER, button(chat.command(COMMANDER, "/close"), "确认关闭"));
		List<Outbound> stale = chat.press(COMMANDER, button(level, "重大"));
		assertThat(stale).singleElement()
			.isInstanceOfSatisfying(Outbound.Answer.class, (answer) -> assertThat(answer.text()).startsWith("事件已关闭"));
		assertThat(chat.text(COMMANDER, "理由")).isEmpty();
	}

	@Test // GH-13
	void searchUnderstandsWhatRespondersSay() {
		List<Outbound> found = chat.command(DBA, "/declare 中央交易系统数据库");
		List<List<Button>> rows = EngineHarness.buttons(found.get(0));
		long databases = EngineHarness.LIBRARY.all().stream().filter((p) -> p.category().equals("database")).count();
		assertThat(rows.subList(0, (int) databases)).allSatisfy((row) -> assertThat(EngineHarness.LIBRARY.all()
			.stream()
			.filter((p) -> p.fullTitle().startsWith(row.get(0).label().replace("…", "")))
			.findFirst()
			.orElseThrow()
			.category()).isEqualTo("database"));
		assertThat(texts(chat.command(DBA, "/contacts 上期所"))).contains("上海期货交易所").doesNotContain("大连商品交易所");
		assertThat(texts(chat.command(DBA, "/contacts 主机供应商"))).contains("系统集成商（设备供应商）");
		// words as typed still find what they found before
		assertThat(texts(chat.command(DBA, "/contacts 柜台"))).contains("XX柜台软件有限公司");
		// a company's own words extend the bundled ones
		com.warroom.bot.roster.Synonyms mine = com.warroom.bot.roster.Synonyms.bundled()
			.and(com.warroom.bot.roster.Synonyms.parse("synonyms:\n  老柜台数据库: 数据库\n", "mine.yaml"));
		assertThat(new ScenarioSearch(EngineHarness.LIBRARY, mine).search("老柜台数据库", 2))
			.allSatisfy((match) -> assertThat(match.playbook().category()).isEqualTo("database"));
	}

	@Test // GH-13
	void everyScenarioListEndsWithBrowsingByClassAndCancel() {
		List<Outbound> found = chat.command(DBA, "/declare 数据库");
		List<List<Button>> rows = EngineHarness.buttons(found.get(found.size() - 1));
		assertThat(rows.get(rows.size() - 1)).extracting(Button::label).containsExactly("按类别选择", "取消");
		List<Outbound> classes = chat.press(DBA, button(found, "按类别选择"));
		assertThat(texts(classes)).contains("请选择受影响的系统类别");
		List<Outbound> scenarios = chat.press(DBA, button(classes, "集中交易系统"));
		List<List<Button>> listed = EngineHarness.buttons(scenarios.get(scenarios.size() - 1));
		assertThat(listed.get(listed.size() - 1)).extracting(Button::label).containsExactly("按类别选择", "取消");
	}

	@Test // GH-13
	void aCommandThatNamesAnIncidentActsOnThatIncident() {
		chat.declare(DBA, "数据库主机", "数据库主机硬件故障");
		chat.declare(SYSADMIN, "行情不更新", "站点行情不更新");
		List<Outbound> status = chat.command(DBA, "/status INC-20261123-001");
		assertThat(texts(status)).contains("<b>INC-20261123-001</b>")
			.contains("数据库主机硬件故障")
			.doesNotContain("INC-20261123-002")
			.doesNotContain("请选择事件");
		assertThat(texts(chat.command(DBA, "/status inc-20261123-002"))).contains("站点行情不更新")
			.doesNotContain("数据库主机硬件故障");
		chat.command(DBA, "/note INC-20261123-002 行情厂商已到场");
		assertThat(chat.incidents.timeline("INC-20261123-002")).filteredOn((e) -> e.type() == TimelineType.NOTE)
			.singleElement()
			.satisfies((e) -> assertThat(e.detail("text")).isEqualTo("行情厂商已到场"));
		// from someone's private chat too
		assertThat(texts(chat.command(ChatRef.privateOf(DBA), DBA, "/status INC-20261123-001"))).contains("数据库主机硬件故障");
		assertThat(texts(chat.command(DBA, "/status INC-20261123-009"))).contains("没有找到事件 INC-20261123-009");
		assertThat(texts(chat.command(DBA, "/status"))).startsWith("请选择事件：");
	}

	@Test
	void severalOpenIncidentsAskWhichOne() {
		chat.declare(DBA, "数据库主机", "数据库主机硬件故障");
		chat.declare(SYSADMIN, "行情不更新", "站点行情不更新");
		List<Outbound> which = chat.command(DBA, "/note 两个都在处理");
		assertThat(texts(which)).contains("本群有多个进行中的事件，/note 针对哪一个？");
		List<Outbound> noted = chat.press(DBA, button(which, "INC-20261123-002 站点行情不更新"));
		assertThat(texts(noted)).contains("已记入 INC-20261123-002");
		assertThat(chat.incidents.timeline("INC-20261123-002")).extracting(TimelineEntry::type)
			.contains(TimelineType.NOTE);
		assertThat(chat.incidents.timeline("INC-20261123-001")).extracting(TimelineEntry::type)
			.doesNotContain(TimelineType.NOTE);
	}

	@Test
	void badInputGetsAPoliteAnswerAndChangesNothing() {
		// GH-13: in a group an unknown command may be
		// another bot's; a private chat is answered
		assertThat(chat.command(DBA, "/frobnicate")).isEmpty();
		assertThat(texts(chat.command(ChatRef.privateOf(DBA), DBA, "/frobnicate"))).contains("未知命令 /frobnicate");
		assertThat(texts(chat.command(DBA, "/status"))).contains("本群没有进行中的事件");
		assertThat(texts(chat.press(DBA, new Button("x", "AAAAAAAAAAAA")))).contains("此按钮已失效");
		assertThat(texts(chat.press(DBA, new Button("x", "../../etc")))).contains("此按钮已失效");
		assertThat(texts(chat.command(DBA, "/notice"))).contains("本群没有进行中的事件");
		assertThat(texts(chat.command(DBA, "/archive"))).contains("只有应急领导小组和应急工作小组组长可以查阅档案");
		assertThat(chat.text(DBA, "随便聊聊")).isEmpty();
		assertThat(chat.redis.keys("wr:inc:*")).isEmpty();
	}

	@Test
	void contactsAreSearchable() {
		assertThat(texts(chat.command(DBA, "/contacts 交易所"))).contains("上海期货交易所")
			.contains("中国金融期货交易所")
			.doesNotContain("物业管理处");
		assertThat(texts(chat.command(DBA, "/contacts 物业"))).contains("XX大厦物业管理处（强电、UPS）");
		assertThat(texts(chat.command(DBA, "/contacts 火星"))).contains("没有与“火星”匹配");
	}

}
