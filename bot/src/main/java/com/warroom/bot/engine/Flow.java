package com.warroom.bot.engine;

import java.util.List;

import com.warroom.bot.incident.Incident;
import com.warroom.bot.roster.Person;
import com.warroom.playbooks.Playbook;
import org.jspecify.annotations.Nullable;

/**
 * One part of the conversation: the commands, button kinds and question kinds it handles,
 * and the handlers the {@link ConversationEngine} calls for them. A flow is a bean; the
 * engine refuses to start when two flows declare the same command, button kind or
 * question kind. Handlers run on the event's thread and must be thread-safe; they report
 * bad input politely through the {@link Reply} and never throw for it.
 */
public interface Flow {

	/** The commands this flow answers ({@code /name}); none by default. */
	default List<CommandSpec> commands() {
		return List.of();
	}

	/** The button kinds whose presses this flow handles; none by default. */
	default List<ButtonKind> buttons() {
		return List.of();
	}

	/** The question kinds whose typed answers this flow handles; none by default. */
	default List<QuestionKind> questions() {
		return List.of();
	}

	/**
	 * A command declared in {@link #commands()}. For a command of {@link Scope#INCIDENT}
	 * or {@link Scope#INCIDENT_OR_OWED} the engine has found the incident (typed id, the
	 * incident's own thread, the only one open in the chat, or the person's pick) and its
	 * playbook.
	 */
	default void command(CommandCall call, Reply reply) {
		throw new IllegalStateException(
				getClass().getSimpleName() + " declares /" + call.name() + " but does not handle it");
	}

	/**
	 * A press of a button declared in {@link #buttons()}. The engine has already refused
	 * someone else's button and a button of a closed incident its kind does not allow.
	 */
	default void press(Inbound.Press press, Person person, ButtonMeaning meaning, Reply reply) {
		throw new IllegalStateException(
				getClass().getSimpleName() + " declares button " + meaning.kind().code() + " but does not handle it");
	}

	/**
	 * The text a person typed in answer to a question declared in {@link #questions()};
	 * the engine has already taken the question away.
	 */
	default void answer(Inbound.Text text, Person person, Question question, Reply reply) {
		throw new IllegalStateException(getClass().getSimpleName() + " declares question " + question.kind().code()
				+ " but does not handle it");
	}

	/**
	 * Called after every event a roster member caused, whichever flow handled it; nothing
	 * by default.
	 */
	default void settle(Inbound inbound, Person person, Reply reply) {
	}

	/** What a flow declares it handles; the engine keys its routing on these. */
	sealed interface Declared permits CommandSpec, ButtonKind, QuestionKind {

		/** What the engine routes on, unique among the declarations of its kind. */
		String key();

	}

	/** Where a command looks for its incident. */
	enum Scope {

		/** Needs no incident. */
		GENERAL,

		/** About one open or recovered incident. */
		INCIDENT,

		/** About one incident, also a closed one that still owes reports. */
		INCIDENT_OR_OWED

	}

	/**
	 * A command, or a subcommand ({@code /drill plan}: the command {@code drill} whose
	 * arguments start with the word {@code plan}). A subcommand is tried before its
	 * command, so it can be added by a flow of its own without changing the flow of the
	 * command.
	 *
	 * @param code the name typed after {@code /}, lower case
	 * @param word for a subcommand, the first word of the arguments, lower case; else
	 * null
	 * @param scope where it looks for its incident
	 * @param menuOrder its place in the command menu (Telegram and web, ascending);
	 * negative keeps it out of the menu (a subcommand is never in it). The menu
	 * description is the text {@code cmd.<code>}
	 */
	record CommandSpec(String code, @Nullable String word, Scope scope, int menuOrder) implements Declared {

		public CommandSpec {
			if (!code.matches("[a-z][a-z0-9_]{0,31}")) {
				throw new IllegalArgumentException("command name must be 1-32 of a-z, 0-9, _: " + code);
			}
			if (word != null && !word.matches("[a-z][a-z0-9_]{0,31}")) {
				throw new IllegalArgumentException("subcommand word must be 1-32 of a-z, 0-9, _: " + word);
			}
			if (word != null && menuOrder >= 0) {
				throw new IllegalArgumentException("a subcommand is not in the menu: /" + code + " " + word);
			}
		}

		/** A command. */
		public CommandSpec(String code, Scope scope, int menuOrder) {
			this(code, null, scope, menuOrder);
		}

		/** A subcommand: {@code /code word …}. */
		public static CommandSpec sub(String code, String word, Scope scope) {
			return new CommandSpec(code, word, scope, -1);
		}

		/**
		 * How the engine knows it: {@code drill}, or {@code drill plan} for a subcommand.
		 */
		@Override
		public String key() {
			return (word == null) ? code : code + " " + word;
		}

		public boolean inMenu() {
			return menuOrder >= 0;
		}

		/** The text key of its menu description. */
		public String descriptionKey() {
			return "cmd." + code;
		}

	}

	/** How a button of an incident behaves once the incident is closed. */
	enum AfterClose {

		/** Refused with 事件已关闭. */
		REFUSED,

		/**
		 * Still works while the incident owes reports (GH-12: closing ends the handling,
		 * not the obligations).
		 */
		WHILE_OWING,

		/** Always works (reading: the archive, the timeline). */
		ALWAYS

	}

	/**
	 * A kind of button.
	 *
	 * @param code stored as the meaning's {@code a} field; short (the meaning lives in
	 * Redis)
	 * @param afterClose whether it still works once its incident is closed
	 */
	record ButtonKind(String code, AfterClose afterClose) implements Declared {

		public ButtonKind {
			if (!code.matches("[a-z][a-z0-9]{0,15}")) {
				throw new IllegalArgumentException("button kind must be 1-16 of a-z, 0-9: " + code);
			}
		}

		@Override
		public String key() {
			return code;
		}

	}

	/**
	 * A kind of question the bot waits for a person's answer to.
	 *
	 * @param code stored as the question's {@code q} field
	 */
	record QuestionKind(String code) implements Declared {

		public QuestionKind {
			if (!code.matches("[a-z][a-z0-9]{0,15}")) {
				throw new IllegalArgumentException("question kind must be 1-16 of a-z, 0-9: " + code);
			}
		}

		@Override
		public String key() {
			return code;
		}

	}

	/**
	 * One command to handle.
	 *
	 * @param inbound the event: the command, or the press that picked the incident
	 * @param person who sent it
	 * @param name the command's {@link CommandSpec#key() key}: {@code drill}, or
	 * {@code drill plan}
	 * @param args what followed the name (and the subcommand's word, and the incident id
	 * when one was typed), stripped
	 * @param incident the incident, for a command about one
	 * @param playbook the incident's playbook, for a command about one
	 */
	record CommandCall(Inbound inbound, Person person, String name, String args, @Nullable Incident incident,
			@Nullable Playbook playbook) {

		/** The incident of a command about one. */
		public Incident target() {
			if (incident == null) {
				throw new IllegalStateException("/" + name + " is not about an incident");
			}
			return incident;
		}

		/** The playbook of a command about one. */
		public Playbook targetPlaybook() {
			if (playbook == null) {
				throw new IllegalStateException("/" + name + " is not about an incident");
			}
			return playbook;
		}

	}

}
