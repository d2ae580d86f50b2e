package com.warroom.bot.engine;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.warroom.bot.roster.Person;
import org.jspecify.annotations.Nullable;

/**
 * The routing table built once from the registered flows: which flow handles each
 * command, button kind and question kind. Two declarations of the same command, button
 * kind or question kind (or two commands at the same menu place) fail at construction,
 * naming both flows. Immutable.
 */
final class FlowRegistry {

	private final Map<String, Entry<Flow.CommandSpec>> commands = new LinkedHashMap<>();

	private final Map<String, Entry<Flow.ButtonKind>> buttons = new LinkedHashMap<>();

	private final Map<String, Entry<Flow.QuestionKind>> questions = new LinkedHashMap<>();

	private final Map<String, Flow.ButtonKind> buttonKinds = new LinkedHashMap<>();

	private final Map<String, Flow.QuestionKind> questionKinds = new LinkedHashMap<>();

	private final List<Flow> flows;

	private final List<Flow.CommandSpec> menu;

	/** A declaration and the flow that made it. */
	record Entry<D extends Flow.Declared>(D declared, Flow flow) {
	}

	FlowRegistry(List<? extends Flow> flows) {
		this.flows = List.copyOf(flows);
		Map<Integer, Flow.CommandSpec> places = new LinkedHashMap<>();
		for (Flow flow : this.flows) {
			for (Flow.CommandSpec command : flow.commands()) {
				add(commands, "command /", command, flow);
				if (command.inMenu()) {
					Flow.CommandSpec taken = places.putIfAbsent(command.menuOrder(), command);
					if (taken != null) {
						throw new IllegalStateException("commands /" + taken.code() + " and /" + command.code()
								+ " both declare menu place " + command.menuOrder());
					}
				}
			}
			for (Flow.ButtonKind button : flow.buttons()) {
				add(buttons, "button kind ", button, flow);
				buttonKinds.put(button.key(), button);
			}
			for (Flow.QuestionKind question : flow.questions()) {
				add(questions, "question kind ", question, flow);
				questionKinds.put(question.key(), question);
			}
		}
		for (Flow flow : this.flows) {
			handles(flow, !flow.commands().isEmpty(), "commands", "command", Flow.CommandCall.class, Reply.class);
			handles(flow, !flow.buttons().isEmpty(), "button kinds", "press", Inbound.Press.class, Person.class,
					ButtonMeaning.class, Reply.class);
			handles(flow, !flow.questions().isEmpty(), "question kinds", "answer", Inbound.Text.class, Person.class,
					Question.class, Reply.class);
		}
		List<Flow.CommandSpec> listed = new ArrayList<>();
		commands.values().stream().map(Entry::declared).filter(Flow.CommandSpec::inMenu).forEach(listed::add);
		listed.sort(Comparator.comparingInt(Flow.CommandSpec::menuOrder));
		this.menu = List.copyOf(listed);
	}

	private static <D extends Flow.Declared> void add(Map<String, Entry<D>> table, String what, D declared, Flow flow) {
		Entry<D> taken = table.putIfAbsent(declared.key(), new Entry<>(declared, flow));
		if (taken != null) {
			throw new IllegalStateException(
					what + declared.key() + " is declared twice: by " + name(taken.flow()) + " and by " + name(flow));
		}
	}

	/**
	 * A flow that declares something must handle it: found at start, not at the first
	 * press.
	 */
	private static void handles(Flow flow, boolean declares, String what, String method, Class<?>... parameters) {
		if (!declares) {
			return;
		}
		try {
			if (flow.getClass().getMethod(method, parameters).getDeclaringClass() == Flow.class) {
				throw new IllegalStateException(
						name(flow) + " declares " + what + " but does not implement " + method + "()");
			}
		}
		catch (NoSuchMethodException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static String name(Flow flow) {
		return flow.getClass().getName();
	}

	/** The command or subcommand {@code key} ({@code drill}, {@code drill plan}). */
	@Nullable Entry<Flow.CommandSpec> command(String key) {
		return commands.get(key);
	}

	@Nullable Entry<Flow.ButtonKind> button(String code) {
		return buttons.get(code);
	}

	@Nullable Entry<Flow.QuestionKind> question(String code) {
		return questions.get(code);
	}

	Map<String, Flow.ButtonKind> buttonKinds() {
		return buttonKinds;
	}

	Map<String, Flow.QuestionKind> questionKinds() {
		return questionKinds;
	}

	List<Flow> flows() {
		return flows;
	}

	/** The commands of the menu, in menu order. */
	List<Flow.CommandSpec> menu() {
		return menu;
	}

}
