package com.warroom.bot.engine;

import java.util.EnumSet;
import java.util.List;
import java.util.Map;

import com.warroom.bot.incident.Incident;
import com.warroom.bot.incident.IncidentStatus;
import com.warroom.bot.incident.IncidentStore;
import com.warroom.bot.incident.TimelineType;
import com.warroom.bot.roster.Contact;
import com.warroom.bot.roster.ContactBook;
import com.warroom.bot.roster.Permission;
import com.warroom.bot.roster.Person;
import com.warroom.playbooks.Playbook;
import com.warroom.playbooks.Track;

/**
 * The plain commands: {@code /help}, {@code /contacts}, {@code /status}, {@code /steps},
 * {@code /timeline} and {@code /note} (also a reply to an incident's message); the
 * timeline's pages and 取消 of any dialog.
 */
final class ChatFlow implements Flow {

	/** Notes longer than this are refused (a chat message holds 4096 characters). */
	static final int MAX_NOTE = 4000;

	static final CommandSpec NOTE = new CommandSpec("note", Scope.INCIDENT, 50);

	private static final List<CommandSpec> COMMANDS = List.of(new CommandSpec("start", Scope.GENERAL, -1),
			new CommandSpec("help", Scope.GENERAL, 170), new CommandSpec("contacts", Scope.GENERAL, 130),
			new CommandSpec("status", Scope.INCIDENT_OR_OWED, 30), new CommandSpec("steps", Scope.INCIDENT, 40),
			new CommandSpec("timeline", Scope.INCIDENT_OR_OWED, 140), NOTE);

	static final ButtonKind CANCEL = new ButtonKind("cancel", AfterClose.REFUSED);

	static final ButtonKind TIMELINE_PAGE = new ButtonKind("tl", AfterClose.ALWAYS);

	private final ConversationEngine.Services services;

	ChatFlow(ConversationEngine.Services services) {
		this.services = services;
	}

	@Override
	public List<CommandSpec> commands() {
		return COMMANDS;
	}

	@Override
	public List<ButtonKind> buttons() {
		return List.of(CANCEL, TIMELINE_PAGE);
	}

	@Override
	public void command(CommandCall call, Reply reply) {
		Texts t = services.texts();
		switch (call.name()) {
			case "start", "help" -> reply.say(t.get("help", Html.escape(call.person().name())));
			case "contacts" -> contacts(call.args(), reply);
			case "status" -> reply.add(new Outbound.Send(call.inbound().chat(),
					services.views().card(call.target(), call.targetPlaybook()), List.of(), null, call.target().id()));
			case "steps" -> steps(call.target(), call.targetPlaybook(), reply);
			case "timeline" -> reply.add(services.views()
				.timeline(call.target(), services.incidents().timeline(call.target().id()), Integer.MAX_VALUE));
			case "note" -> note(call.target(), call.person(), call.inbound(), call.args(), reply);
			default -> throw new IllegalStateException(
					"/" + call.name() + " is not a command of " + getClass().getSimpleName());
		}
	}

	@Override
	public void press(Inbound.Press press, Person person, ButtonMeaning meaning, Reply reply) {
		if (meaning.kind().equals(CANCEL)) {
			reply.answer(services.texts().get("cancelled"), false)
				.add(new Outbound.Edit(press.chat(), ConversationEngine.pickSlot(press),
						services.texts().get("cancelled"), List.of(), null));
		}
		else {
			services.incidents()
				.find(meaning.get("i"))
				.ifPresent((incident) -> reply.add(services.views()
					.timeline(incident, services.incidents().timeline(incident.id()), parseInt(meaning.get("p")))));
		}
	}

	/** /steps: the current step of each running track, at the bottom of the chat. */
	private void steps(Incident incident, Playbook playbook, Reply reply) {
		Texts t = services.texts();
		for (Track track : Track.values()) {
			if (incident.started(track)) {
				String record = t.get("record.moved",
						t.get("track.header", t.get("track." + track.key()), Html.escape(incident.id())));
				services.views().atBottom(services.slots(), incident, playbook, track, record).forEach(reply::add);
			}
		}
	}

	private void note(Incident incident, Person person, Inbound inbound, String text, Reply reply) {
		Texts t = services.texts();
		if (!person.may(Permission.NOTE)) {
			reply.notice(t.get("refuse.permission"));
			return;
		}
		String note = text.strip();
		// "/note !…" marks the note for the report books (otherwise it stays internal)
		boolean forReport = note.startsWith("!") || note.startsWith("！");
		if (forReport) {
			note = note.substring(1).strip();
		}
		if (note.isEmpty()) {
			reply.say(t.get("note.empty"));
			return;
		}
		if (note.length() > MAX_NOTE) {
			reply.say(t.get("note.long", String.valueOf(MAX_NOTE), String.valueOf(note.length())));
			return;
		}
		IncidentStore.Result result = services.incidents()
			.append(incident, EnumSet.of(IncidentStatus.OPEN, IncidentStatus.RECOVERED),
					ConversationEngine.entry(TimelineType.NOTE, person, inbound, services.clock().instant(),
							forReport ? Map.of("text", note, "report", "1") : Map.of("text", note)));
		if (!result.applied()) {
			reply.say(t.get("incident.closed", incident.id()));
			return;
		}
		reply.say(t.get(forReport ? "note.saved.report" : "note.saved", incident.id()),
				forReport ? List.of()
						: List.of(List.of(services.tokens()
							.button(t.get("button.note.report"), DocumentFlow.MARK_NOTE,
									Map.of("i", incident.id(), "n", result.detail())))));
	}

	private void contacts(String words, Reply reply) {
		ContactBook book = services.contacts();
		List<Contact> found = words.isEmpty() ? book.all() : book.search(words);
		if (found.isEmpty()) {
			reply.say(services.texts().get("contacts.none", Html.escape(ConversationEngine.abbreviate(words, 50))));
			return;
		}
		StringBuilder html = new StringBuilder(services.texts().get("contacts.header", String.valueOf(found.size())));
		for (Contact contact : found.subList(0, Math.min(30, found.size()))) {
			html.append('\n')
				.append(services.texts()
					.get("contacts.line", Html.escape(book.categoryName(contact.category())),
							Html.escape(contact.unit()), Html.escape(orDash(contact.person())),
							Html.escape(orDash(contact.phone())), Html.escape(orDash(contact.mobile()))));
		}
		reply.say(html.toString());
	}

	private static String orDash(String text) {
		return (text == null) ? "-" : text;
	}

	private static int parseInt(String text) {
		try {
			return Integer.parseInt(text);
		}
		catch (NumberFormatException ex) {
			return 1;
		}
	}

}
