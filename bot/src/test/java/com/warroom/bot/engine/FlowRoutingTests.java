package com.warroom.bot.engine;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static com.warroom.bot.engine.EngineHarness.DBA;
import static com.warroom.bot.engine.EngineHarness.SYSADMIN;
import static com.warroom.bot.engine.EngineHarness.button;
import static com.warroom.bot.engine.EngineHarness.texts;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * GH-14: the engine routes to the flows that declared what they handle; a new flow needs
 * no engine change.
 */
class FlowRoutingTests {

	private EngineHarness chat;

	@BeforeEach
	void setUp() {
		chat = new EngineHarness(TestRedis.fresh(), RehearsalFlow.TEXTS, List.of(RehearsalFlow::new));
	}

	@Test
	void aFlowAddedAsABeanIsDrivenEndToEndThroughTheEngine() {
		List<Outbound> offered = chat.command(DBA, "/rehearse 机房断电");
		assertThat(texts(offered)).contains("排练：机房断电");
		Button plan = button(offered, "写备注");

		// the engine's own checks apply to the new kind:
		// someone else's button changes nothing
		List<Outbound> notYours = chat.press(SYSADMIN, plan);
		assertThat(notYours).containsExactly(new Outbound.Answer("cb1", "此按钮不是给您的。", true));
		assertThat(texts(chat.text(SYSADMIN, "随便说说"))).isEmpty();

		assertThat(texts(chat.press(DBA, plan))).contains("请输入“机房断电”的排练备注");
		assertThat(texts(chat.text(DBA, "  UPS 切换 3 分钟  "))).contains("已记录“机房断电”的排练备注：UPS 切换 3 分钟");
		// the question was answered once
		assertThat(texts(chat.text(DBA, "再说一次"))).isEmpty();
	}

	@Test
	void aSubcommandOfAnotherFlowsCommandIsANewFlowToo() {
		assertThat(texts(chat.command(DBA, "/drill plan  周末切换演练 "))).isEqualTo("演练计划：周末切换演练\n");
		assertThat(texts(chat.command(DBA, "/drill PLAN"))).isEqualTo("演练计划：\n");
		// the command itself, and other words after
		// it, still reach the flow that declared it
		String drill = texts(chat.command(DBA, "/drill"));
		assertThat(drill).contains("【演练】请选择受影响的系统类别").doesNotContain("演练计划");
		assertThat(texts(chat.command(DBA, "/drill planning"))).doesNotContain("演练计划");
		assertThat(chat.engine.menu()).extracting(ConversationEngine.MenuEntry::command).containsOnlyOnce("drill");
	}

	@Test
	void theNewCommandJoinsTheMenuAtItsDeclaredPlace() {
		List<ConversationEngine.MenuEntry> menu = chat.engine.menu();
		assertThat(menu).last().isEqualTo(new ConversationEngine.MenuEntry("rehearse", RehearsalFlow.DESCRIPTION));
		assertThat(menu).hasSize(18);
	}

	@Test
	void theStandardMenuIsTheFlowsCommandsInTheirDeclaredOrder() {
		EngineHarness standard = new EngineHarness(TestRedis.fresh());
		// the order Commands.MENU had before the menu was derived from the flows
		assertThat(standard.engine.menu()).extracting(ConversationEngine.MenuEntry::command)
			.containsExactly("declare", "drill", "status", "steps", "note", "level", "reported", "report", "recovered",
					"summary", "close", "notice", "contacts", "timeline", "ack", "archive", "help");
		assertThat(standard.engine.menu()).allSatisfy(
				(entry) -> assertThat(entry.description()).isEqualTo(Texts.chinese().get("cmd." + entry.command())));
		assertThat(standard.engine.menu().get(0).description()).isEqualTo("宣布事件");
	}

	@Test
	void aButtonOfAKindNoFlowHandlesIsAStaleButtonAndChangesNothing() {
		Button gone = chat.tokens.button("旧按钮", Map.of("a", "vanished", "i", "INC-20261123-001"));
		List<Outbound> answer = chat.press(DBA, gone);
		assertThat(answer).containsExactly(new Outbound.Answer("cb1", "此按钮已失效，请使用最新的消息或重新发送命令。", true));
		assertThat(chat.incidents.openIn(chat.chat)).isEmpty();
	}

	@Test
	void aButtonStoredBeforeTheFlowsDeclaredTheirKindsStillWorks() {
		// the stored layout is unchanged: a token issued with the plain fields, as before
		// GH-14, resolves to its kind
		Button old = chat.tokens.button("按类别选择", Map.of("a", "cls", "k", "REAL", "u", "wu-dba"));
		assertThat(texts(chat.press(DBA, old))).contains("请选择受影响的系统类别");
		assertThat(chat.tokens.resolve(old.token(), Map.of("cls", DeclareFlow.CLASS)))
			.hasValueSatisfying((meaning) -> assertThat(meaning.kind()).isEqualTo(DeclareFlow.CLASS));
	}

	@Test
	void twoFlowsDeclaringTheSameCommandFailAtStartNamingBoth() {
		Flow again = new Flow() {

			@Override
			public List<CommandSpec> commands() {
				return List.of(new CommandSpec("note", Scope.INCIDENT, 500));
			}

		};
		assertThatThrownBy(() -> engineWith(again)).isInstanceOf(IllegalStateException.class)
			.hasMessageContaining("command /note is declared twice")
			.hasMessageContaining(ChatFlow.class.getName());
	}

	@Test
	void twoFlowsDeclaringTheSameButtonOrQuestionKindFailAtStart() {
		Flow button = new Flow() {

			@Override
			public List<ButtonKind> buttons() {
				return List.of(new ButtonKind("step", AfterClose.ALWAYS));
			}

		};
		assertThatThrownBy(() -> engineWith(button)).hasMessageContaining("button kind step is declared twice")
			.hasMessageContaining(StepFlow.class.getName());
		Flow question = new Flow() {

			@Override
			public List<QuestionKind> questions() {
				return List.of(new QuestionKind("level"));
			}

		};
		assertThatThrownBy(() -> engineWith(question)).hasMessageContaining("question kind level is declared twice")
			.hasMessageContaining(LifecycleFlow.class.getName());
		Flow picker = new Flow() {

			@Override
			public List<ButtonKind> buttons() {
				return List.of(new ButtonKind("pick", AfterClose.REFUSED));
			}

		};
		assertThatThrownBy(() -> engineWith(picker)).hasMessageContaining("button kind pick is declared twice");
	}

	@Test
	void twoCommandsAtTheSameMenuPlaceFailAtStart() {
		Flow crowded = new Flow() {

			@Override
			public List<CommandSpec> commands() {
				return List.of(new CommandSpec("crowd", Scope.GENERAL, 10));
			}

			@Override
			public void command(CommandCall call, Reply reply) {
			}

		};
		assertThatThrownBy(() -> engineWith(crowded))
			.hasMessageContaining("/declare and /crowd both declare menu place 10");
	}

	@Test
	void aFlowDeclaringWhatItDoesNotHandleFailsAtStart() {
		Flow lazy = new Flow() {

			@Override
			public List<ButtonKind> buttons() {
				return List.of(new ButtonKind("lazy", AfterClose.REFUSED));
			}

		};
		assertThatThrownBy(() -> engineWith(lazy)).isInstanceOf(IllegalStateException.class)
			.hasMessageContaining("declares button kinds but does not implement press()");
		Flow mute = new Flow() {

			@Override
			public List<CommandSpec> commands() {
				return List.of(new CommandSpec("mute", Scope.GENERAL, -1));
			}

		};
		assertThatThrownBy(() -> engineWith(mute))
			.hasMessageContaining("declares commands but does not implement command()");
	}

	@Test
	void aMenuCommandWithoutItsDescriptionFailsAtStart() {
		Flow undescribed = new Flow() {

			@Override
			public List<CommandSpec> commands() {
				return List.of(new CommandSpec("undescribed", Scope.GENERAL, 900));
			}

			@Override
			public void command(CommandCall call, Reply reply) {
			}

		};
		assertThatThrownBy(() -> engineWith(undescribed)).hasMessageContaining("missing message cmd.undescribed");
	}

	private ConversationEngine engineWith(Flow extra) {
		List<Flow> flows = new ArrayList<>(ConversationEngine.standardFlows(chat.services));
		flows.add(extra);
		return new ConversationEngine(chat.services, flows);
	}

}
