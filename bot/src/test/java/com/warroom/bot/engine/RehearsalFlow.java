package com.warroom.bot.engine;

import java.util.List;
import java.util.Locale;
import java.util.Map;

import com.warroom.bot.roster.Person;

/**
 * A flow no engine code knows of, as {@code /drill plan} will be: a command in the menu,
 * a subcommand of another flow's command, a button kind and a question kind of its own.
 * {@code /rehearse} offers a button only its sender may press; the press asks for a note;
 * the typed note is echoed. Public for the channel tests, which show its command in their
 * menus.
 */
public final class RehearsalFlow implements Flow {

	public static final CommandSpec REHEARSE = new CommandSpec("rehearse", Scope.GENERAL, 175);

	/**
	 * {@code /drill plan …}: a subcommand of a command another flow ({@link DeclareFlow})
	 * answers.
	 */
	static final CommandSpec DRILL_PLAN = CommandSpec.sub("drill", "plan", Scope.GENERAL);

	static final ButtonKind PLAN = new ButtonKind("rhplan", AfterClose.REFUSED);

	static final QuestionKind NOTE = new QuestionKind("rhnote");

	/**
	 * The menu description of {@code /rehearse}: what a new flow adds to the message
	 * bundle.
	 */
	public static final String DESCRIPTION = "排练计划";

	/** The Chinese texts plus the new command's description. */
	public static final Texts TEXTS = new Texts(Locale.SIMPLIFIED_CHINESE) {

		@Override
		public String get(String key, Object... args) {
			return REHEARSE.descriptionKey().equals(key) ? DESCRIPTION : super.get(key, args);
		}

	};

	private final ConversationEngine.Services services;

	public RehearsalFlow(ConversationEngine.Services services) {
		this.services = services;
	}

	@Override
	public List<CommandSpec> commands() {
		return List.of(REHEARSE, DRILL_PLAN);
	}

	@Override
	public List<ButtonKind> buttons() {
		return List.of(PLAN);
	}

	@Override
	public List<QuestionKind> questions() {
		return List.of(NOTE);
	}

	@Override
	public void command(CommandCall call, Reply reply) {
		if (call.name().equals(DRILL_PLAN.key())) {
			reply.say("演练计划：" + Html.escape(call.args()));
			return;
		}
		String scenario = call.args().isEmpty() ? "默认" : call.args();
		reply.say("排练：" + Html.escape(scenario), List
			.of(List.of(services.tokens().button("写备注", PLAN, Map.of("u", call.person().id(), "s", scenario)))));
	}

	@Override
	public void press(Inbound.Press press, Person person, ButtonMeaning meaning, Reply reply) {
		services.conversations().await(press.chat(), press.actor(), NOTE, Map.of("s", meaning.get("s")));
		reply.answer("", false).say("请输入“" + Html.escape(meaning.get("s")) + "”的排练备注");
	}

	@Override
	public void answer(Inbound.Text text, Person person, Question question, Reply reply) {
		reply.say("已记录“" + Html.escape(question.get("s")) + "”的排练备注：" + Html.escape(text.text().strip()));
	}

}
