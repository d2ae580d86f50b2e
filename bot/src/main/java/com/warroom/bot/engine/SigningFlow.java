package com.warroom.bot.engine;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import com.warroom.bot.chat.ChatRef;
import com.warroom.bot.incident.Incident;
import com.warroom.bot.incident.IncidentStore;
import com.warroom.bot.incident.ReportRecord;
import com.warroom.bot.incident.TimelineEntry;
import com.warroom.bot.incident.TimelineType;
import com.warroom.bot.roster.Person;
import com.warroom.bot.roster.RosterRole;
import com.warroom.playbooks.Playbook;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * 签发 of a report book (4.2 L10505-10510: confirmed by the 首席风险官 and the 总经理). Each
 * signature is for one duty, by its holder, the holder's own deputy (备岗) or the person a
 * signer named as delegate, and the signatures come from different people. The book the
 * signers review is kept as it is (its SHA-256 on the timeline and the signing card); the
 * one they signed is the one recorded as sent. When the incident changes while signatures
 * are pending, the next press renews the book: the signers are told and sign the new
 * version (signatures of an older version do not count).
 *
 * <p>
 * State of the incident, per report {@code key} (e.g. {@code CYCLE:1}): its
 * {@link ReportRecord} (the book's archive name, SHA-256, version and what of the
 * incident it reflects, the signer of each duty per version, the delegates).
 */
final class SigningFlow {

	private static final Logger log = LoggerFactory.getLogger(SigningFlow.class);

	/** Timeline entries that change what a report book says. */
	/**
	 * What changes what the regulator is told, so that a book waiting for 签发 is renewed
	 * and signed anew: the level, the facts of the impact, recovery, a note marked for
	 * the report. The handling's own progress (steps, decisions, internal notes) is not:
	 * the book reports the incident as of the request, the next report the progress since
	 * — renewing at every step press, the busy-group benchmark saw 16 versions in two
	 * minutes and a report that never counted.
	 */
	private static final Set<TimelineType> SUBSTANTIVE = EnumSet.of(TimelineType.LEVEL_SET, TimelineType.LEVEL_RAISED,
			TimelineType.RECOVERED, TimelineType.FACT_SET, TimelineType.NOTE_MARKED);

	private final ConversationEngine.Services services;

	SigningFlow(ConversationEngine.Services services) {
		this.services = services;
	}

	/**
	 * The book of a report the policy wants signed: kept, hashed, and sent to every
	 * possible signer.
	 */
	@Nullable Book prepare(Inbound inbound, Person person, Incident incident, Playbook playbook, String key) {
		try {
			String name = services.paperwork()
				.reportBook(incident, playbook, key, person.name(), Paperwork.BookVersion.FOR_SIGNING);
			DocumentFlow.recordIssue(services, inbound, person, incident, name);
			return new Book(name, sha256(services.paperwork().read(incident.id(), name).orElseThrow()));
		}
		catch (RuntimeException ex) {
			log.error("{} 的待签发报告书未能生成或存档", incident.id(), ex);
			return null;
		}
	}

	/** A book kept for signing: its name in the archive and its SHA-256. */
	record Book(String name, String sha256) {
	}

	/**
	 * After the request is recorded: remembers the book, shows the signing card, tells
	 * the signers.
	 */
	void requested(Incident incident, String key, Book book, List<String> duties, Reply reply) {
		services.incidents().keepBook(incident.id(), key, book.name(), book.sha256(), fingerprint(incident.id()));
		Incident fresh = services.incidents().find(incident.id()).orElseThrow();
		reply.add(new Outbound.Send(fresh.chat(), card(fresh, key, duties), buttons(fresh, key), slot(key, fresh),
				fresh.id()));
		reply.add(new Outbound.Document(fresh.chat(), fresh.id(), book.name(),
				services.texts().get("doc.reportbook.review.caption", fresh.id(), label(key))));
		tellSigners(fresh, key, duties, book, "sign.dm", reply);
	}

	/** A press of 签发, 委托他人签发 or a delegate's name. */
	void press(Inbound.Press press, Person person, Incident incident, Map<String, String> m, Reply reply) {
		Texts t = services.texts();
		String key = m.getOrDefault("r", "");
		Optional<TimelineEntry> request = request(incident, key);
		if (request.isEmpty() || !incident.report(key).hasBook()) {
			reply.answer(t.get("button.invalid"), true);
			return;
		}
		if (incident.report(key).reported()) {
			reply.answer(t.get("approve.already"), true);
			return;
		}
		List<String> duties = List.of(String.valueOf(request.get().detail("approvers")).split(","));
		switch (m.getOrDefault("a", "")) {
			case "appr" -> sign(press, person, incident, playbookOf(incident), key, duties, request.get(), reply);
			case "apprdel" -> askDelegate(person, incident, key, duties, reply);
			case "apprto" -> delegate(press, person, incident, key, duties, m, reply);
			default -> reply.answer(t.get("button.invalid"), true);
		}
	}

	private void sign(Inbound.Press press, Person person, Incident incident, Playbook playbook, String key,
			List<String> duties, TimelineEntry request, Reply reply) {
		Texts t = services.texts();
		List<String> mine = duties.stream().filter((duty) -> mayApproveAs(person, duty, incident, key)).toList();
		if (mine.isEmpty()) {
			reply.answer(t.get("approve.notallowed", names(duties)), true);
			return;
		}
		ReportRecord record = incident.report(key);
		if (!fingerprint(incident.id()).equals(record.fingerprint())) {
			// a change the engine did not see (the clock
			// raised the level): renewed at the press
			renew(press, person, incident, playbook, key, duties, reply);
			reply.answer(t.get("sign.renewed.answer"), true);
			return;
		}
		String version = String.valueOf(record.version());
		Optional<String> signedAlready = duties.stream()
			.filter((duty) -> person.id().equals(record.signer(duty)))
			.findFirst();
		List<String> open = mine.stream().filter((duty) -> record.signer(duty) == null).toList();
		if (signedAlready.isPresent()) {
			List<String> missing = missing(incident, key, duties);
			reply.answer(missing.isEmpty() ? t.get("approve.already")
					: t.get("approve.other", names(List.of(signedAlready.get())), names(missing)), true);
			return;
		}
		if (open.isEmpty()) {
			reply.answer(t.get("approve.already"), true);
			return;
		}
		// one signature, one duty: the duty held directly
		// first, then one held as 备岗 or delegate
		String duty = open.stream().filter(person.duties()::contains).findFirst().orElse(open.get(0));
		Map<String, String> details = new LinkedHashMap<>(request.details());
		details.put("role", duty);
		details.put("ver", version);
		details.put("sha256", (record.sha256() != null) ? record.sha256() : "");
		// a request written before GH-14 carries its words: this entry says its own
		details.remove("text");
		boolean applied = services.incidents()
			.sign(incident, key, record.version(), duty, person.id(),
					ConversationEngine.entry(TimelineType.REPORT_APPROVED, person, press, services.clock().instant(),
							details))
			.applied();
		if (!applied) {
			reply.answer(t.get("approve.already"), true);
			return;
		}
		Incident fresh = services.incidents().find(incident.id()).orElseThrow();
		List<String> missing = missing(fresh, key, duties);
		if (!missing.isEmpty()) {
			refreshCards(fresh, key, duties, reply);
			reply.answer(t.get("approve.recorded", names(missing)), false);
			return;
		}
		Map<String, String> reported = new LinkedHashMap<>(request.details());
		// the entry names the book the request named, as the request's words did
		if (request.detail("sha256") != null) {
			reported.put("requestSha256", request.detail("sha256"));
		}
		ReportRecord signed = fresh.report(key);
		reported.put("book", signed.book());
		reported.put("sha256", (signed.sha256() != null) ? signed.sha256() : "");
		List<String> signers = new ArrayList<>();
		duties.forEach((d) -> signers.add(services.views().name(signed.signer(record.version(), d))));
		reported.put("signers", String.join("、", signers));
		IncidentStore.Result result = services.incidents()
			.recordReported(fresh, key, request.personId(),
					new IncidentStore.Entry(TimelineType.REPORTED, request.personId(), request.personName(),
							press.chat().channel(), services.clock().instant(), reported));
		if (!result.applied()) {
			reply.answer(t.get("approve.already"), true);
			return;
		}
		reply.answer(t.get("approve.done"), false);
		Instant at = Instant.ofEpochMilli(Long.parseLong(request.detail("reportAt")));
		reply.say(t.get("reported.done", fresh.id(), t.get("obligation." + request.detail("kind")),
				request.detail("seq"), services.views().time(at), Html.escape(String.valueOf(request.detail("via")))));
		Incident reportedNow = services.incidents().find(fresh.id()).orElseThrow();
		refreshCards(reportedNow, key, duties, reply);
		// the book as signed is the book as sent: its bytes kept as they are, and one
		// appended revision filling in 报告时间 and 签发人, never a new rendering
		try {
			Paperwork.Sent sent = services.paperwork().keepAsSent(reportedNow, playbook, key, reported.get("book"));
			// checkable later: the first approvedBytes of the file hash to approvedSha256
			// (the signing card's)
			DocumentFlow.recordIssue(services, press, person, reportedNow, sent.name(), Map.of("sha256", sent.sha256(),
					"approvedBytes", String.valueOf(sent.approvedBytes()), "approvedSha256", sent.approvedSha256()));
			reply.add(new Outbound.Document(reportedNow.chat(), reportedNow.id(), sent.name(),
					t.get("doc.reportbook.signed.caption", reportedNow.id(), label(key),
							Html.escape(String.join("、", signers)), sent.approvedSha256(),
							String.valueOf(sent.approvedBytes()), sent.sha256())));
		}
		catch (RuntimeException ex) {
			log.error("{} 的报出版本未能存档", reportedNow.id(), ex);
			reply.say(t.get("doc.failed", reportedNow.id()));
		}
		Incident current = services.incidents().find(fresh.id()).orElseThrow();
		reply.add(new Outbound.Edit(current.chat(), IncidentViews.cardSlot(current),
				services.views().card(current, playbook), List.of(), current.id()));
	}

	/**
	 * After an action that changed incidents: a book waiting for signatures that no
	 * longer says what happened is renewed at once, and its signers are told.
	 */
	void renewChanged(Inbound inbound, Person person, Reply reply) {
		List<Incident> here = new ArrayList<>(services.incidents().openIn(inbound.chat()));
		here.addAll(services.incidents().owingIn(inbound.chat()));
		for (Incident candidate : here) {
			boolean pending = candidate.reports()
				.values()
				.stream()
				.anyMatch((report) -> report.fingerprint() != null && !report.reported());
			Playbook playbook = services.library().find(candidate.playbookId()).orElse(null);
			if (!pending || playbook == null) {
				continue;
			}
			String id = candidate.id();
			Incident incident = candidate;
			for (TimelineEntry entry : services.incidents().timeline(id)) {
				String key = entry.detail("kind") + ":" + entry.detail("seq");
				ReportRecord record = incident.report(key);
				if (entry.type() == TimelineType.REPORT_APPROVAL_REQUESTED && !record.reported()
						&& record.fingerprint() != null && !fingerprint(id).equals(record.fingerprint())) {
					renew(inbound, person, incident, playbook, key,
							List.of(String.valueOf(entry.detail("approvers")).split(",")), reply);
					incident = services.incidents().find(id).orElseThrow();
				}
			}
		}
	}

	/**
	 * The incident changed since the book was made: a new version, told to the signers,
	 * signed anew.
	 */
	private void renew(Inbound press, Person person, Incident incident, Playbook playbook, String key,
			List<String> duties, Reply reply) {
		Texts t = services.texts();
		Book book = prepare(press, person, incident, playbook, key);
		if (book == null) {
			reply.say(t.get("doc.failed", incident.id()));
			return;
		}
		int version = incident.report(key).version() + 1;
		services.incidents()
			.renewBook(incident, ConversationEngine.writable(services, incident), key, book.name(), book.sha256(),
					version,
					ConversationEngine.entry(TimelineType.REPORT_BOOK_RENEWED, person, press,
							services.clock().instant(), Map.of("kind", key.split(":")[0], "seq", key.split(":")[1],
									"ver", String.valueOf(version), "sha256", book.sha256())));
		// after the change entry, so the new version reflects the incident as it is now
		services.incidents().fingerprintBook(incident.id(), key, fingerprint(incident.id()));
		Incident fresh = services.incidents().find(incident.id()).orElseThrow();
		// the room's signing card says so in place (no new group message per change: the
		// group's budget);
		// the signers get the new book in their own chats
		refreshCards(fresh, key, duties, reply);
		tellSigners(fresh, key, duties, book, "sign.dm.renewed", reply);
	}

	private void askDelegate(Person person, Incident incident, String key, List<String> duties, Reply reply) {
		Texts t = services.texts();
		ReportRecord record = incident.report(key);
		Optional<String> duty = duties.stream()
			.filter((d) -> record.signer(d) == null && holdsOrDeputises(person, d))
			.findFirst();
		if (duty.isEmpty()) {
			reply.answer(t.get("sign.delegate.notallowed"), true);
			return;
		}
		List<List<Button>> rows = new ArrayList<>();
		for (Person candidate : services.roster().people()) {
			boolean leading = candidate.roles().contains(RosterRole.LEADER)
					|| candidate.roles().contains(RosterRole.COMMANDER);
			if (leading && !candidate.id().equals(person.id())) {
				rows.add(List.of(services.tokens()
					.button(candidate.name(), Map.of("a", "apprto", "i", incident.id(), "r", key, "d", duty.get(), "p",
							candidate.id()))));
			}
		}
		rows.add(List.of(services.tokens().button(t.get("button.cancel"), Map.of("a", "cancel"))));
		reply.say(t.get("sign.delegate.ask", incident.id(), label(key), names(List.of(duty.get()))), rows);
	}

	private void delegate(Inbound.Press press, Person person, Incident incident, String key, List<String> duties,
			Map<String, String> m, Reply reply) {
		Texts t = services.texts();
		String duty = m.getOrDefault("d", "");
		Optional<Person> to = services.roster().byId(m.getOrDefault("p", ""));
		if (!duties.contains(duty) || to.isEmpty() || !holdsOrDeputises(person, duty)) {
			reply.answer(t.get("sign.delegate.notallowed"), true);
			return;
		}
		IncidentStore.Result result = services.incidents()
			.delegate(incident, ConversationEngine.writable(services, incident), key, duty, to.get().id(),
					ConversationEngine.entry(TimelineType.REPORT_DELEGATED, person, press, services.clock().instant(),
							Map.of("kind", key.split(":")[0], "seq", key.split(":")[1], "role", duty, "to",
									to.get().id(), "toName", to.get().name())));
		if (!result.applied()) {
			reply.answer(t.get("incident.closed", incident.id()), true);
			return;
		}
		Incident fresh = services.incidents().find(incident.id()).orElseThrow();
		reply.answer(t.get("sign.delegated", Html.escape(to.get().name())), false);
		reply.say(t.get("sign.delegated.room", fresh.id(), Html.escape(person.name()), names(List.of(duty)),
				Html.escape(to.get().name()), label(key)));
		refreshCards(fresh, key, duties, reply);
		ReportRecord record = fresh.report(key);
		Book book = new Book(record.book(), (record.sha256() != null) ? record.sha256() : "");
		tellPerson(fresh, key, duties, book, to.get(), "sign.dm", reply);
	}

	/**
	 * Holders of the duty, the deputies (备岗) of holders, and the person a holder or
	 * deputy named.
	 */
	boolean mayApproveAs(Person person, String duty, Incident incident, String key) {
		return holdsOrDeputises(person, duty) || person.id().equals(incident.report(key).delegate(duty));
	}

	private boolean holdsOrDeputises(Person person, String duty) {
		if (person.duties().contains(duty)) {
			return true;
		}
		return services.roster()
			.people()
			.stream()
			.anyMatch((holder) -> holder.duties().contains(duty) && person.id().equals(holder.deputy()));
	}

	/**
	 * The signing card: the book's version and SHA-256, who signed each duty and when,
	 * what is missing.
	 */
	String card(Incident incident, String key, List<String> duties) {
		Texts t = services.texts();
		ReportRecord record = incident.report(key);
		String version = String.valueOf(record.version());
		StringBuilder html = new StringBuilder(t.get("sign.card", incident.isDrill() ? t.get("reminder.drill") : "",
				incident.id(), label(key), version, (record.sha256() != null) ? record.sha256() : "-"));
		if (!version.equals("1")) {
			html.append('\n').append(t.get("sign.renewed", version));
		}
		Map<String, TimelineEntry> signed = new LinkedHashMap<>();
		for (TimelineEntry entry : services.incidents().timeline(incident.id())) {
			if (entry.type() == TimelineType.REPORT_APPROVED
					&& key.equals(entry.detail("kind") + ":" + entry.detail("seq"))
					&& version.equals(entry.detail("ver"))) {
				signed.put(entry.detail("role"), entry);
			}
		}
		for (String duty : duties) {
			TimelineEntry entry = signed.get(duty);
			String role = Html.escape(services.library().vocabulary().roleName(duty));
			if (entry != null) {
				html.append('\n')
					.append(t.get("sign.card.signed", role, Html.escape(entry.personName()),
							services.views().time(entry.at())));
			}
			else {
				String delegate = record.delegate(duty);
				html.append('\n')
					.append(t.get("sign.card.missing", role, Html.escape(String.join("、", who(duty))),
							(delegate != null)
									? t.get("sign.card.delegate", Html.escape(services.views().name(delegate))) : ""));
			}
		}
		html.append('\n').append(record.reported() ? t.get("sign.card.done") : t.get("sign.card.rule"));
		return html.toString();
	}

	private List<List<Button>> buttons(Incident incident, String key) {
		if (incident.report(key).reported()) {
			return List.of();
		}
		Texts t = services.texts();
		return List.of(List.of(
				services.tokens().button(t.get("button.approve"), Map.of("a", "appr", "i", incident.id(), "r", key)),
				services.tokens()
					.button(t.get("button.delegate"), Map.of("a", "apprdel", "i", incident.id(), "r", key))));
	}

	/** The signing card in the room and in every signer's own web chat. */
	private void refreshCards(Incident incident, String key, List<String> duties, Reply reply) {
		String html = card(incident, key, duties);
		List<List<Button>> buttons = buttons(incident, key);
		reply.add(new Outbound.Edit(incident.chat(), slot(key, incident), html, buttons, incident.id()));
		for (Person signer : signers(incident, key, duties)) {
			reply.add(new Outbound.Edit(ChatRef.webPrivate(signer.id()), slot(key, incident), html, buttons,
					incident.id()));
		}
	}

	private void tellSigners(Incident incident, String key, List<String> duties, Book book, String message,
			Reply reply) {
		for (Person signer : signers(incident, key, duties)) {
			tellPerson(incident, key, duties, book, signer, message, reply);
		}
	}

	/** A signer's own chats: the card with 签发, and the book itself. */
	private void tellPerson(Incident incident, String key, List<String> duties, Book book, Person signer,
			String message, Reply reply) {
		Texts t = services.texts();
		String html = t.get(message, incident.id(), label(key)) + "\n" + card(incident, key, duties);
		List<ChatRef> chats = new ArrayList<>(List.of(ChatRef.webPrivate(signer.id())));
		if (signer.telegramId() != null) {
			chats.add(new ChatRef("tg", signer.telegramId(), null, false));
		}
		for (ChatRef own : chats) {
			reply.add(new Outbound.Document(own, incident.id(), book.name(),
					t.get("doc.reportbook.review.caption", incident.id(), label(key))));
			reply.add(new Outbound.Send(own, html, buttons(incident, key), slot(key, incident), incident.id()));
		}
	}

	/** Everyone who may sign one of the duties: holders, their deputies, delegates. */
	private List<Person> signers(Incident incident, String key, List<String> duties) {
		Set<Person> people = new LinkedHashSet<>();
		for (Person person : services.roster().people()) {
			if (duties.stream().anyMatch((duty) -> mayApproveAs(person, duty, incident, key))) {
				people.add(person);
			}
		}
		return List.copyOf(people);
	}

	private List<String> who(String duty) {
		List<String> names = new ArrayList<>();
		for (Person holder : services.roster().people()) {
			if (holder.duties().contains(duty)) {
				names.add(holder.name());
				if (holder.deputy() != null) {
					services.roster()
						.byId(holder.deputy())
						.ifPresent((deputy) -> names.add(services.texts().get("sign.card.deputy", deputy.name())));
				}
			}
		}
		return names;
	}

	private List<String> missing(Incident incident, String key, List<String> duties) {
		ReportRecord record = incident.report(key);
		return duties.stream().filter((duty) -> record.signer(duty) == null).toList();
	}

	private Optional<TimelineEntry> request(Incident incident, String key) {
		return services.incidents()
			.timeline(incident.id())
			.stream()
			.filter((e) -> e.type() == TimelineType.REPORT_APPROVAL_REQUESTED
					&& key.equals(e.detail("kind") + ":" + e.detail("seq")))
			.findFirst();
	}

	/**
	 * What of the incident a report book reflects: the number of entries that change what
	 * it says.
	 */
	private String fingerprint(String incidentId) {
		return String.valueOf(services.incidents()
			.timeline(incidentId)
			.stream()
			.filter((entry) -> SUBSTANTIVE.contains(entry.type())
					|| (entry.type() == TimelineType.NOTE && "1".equals(entry.detail("report"))))
			.count());
	}

	private Playbook playbookOf(Incident incident) {
		return services.library().find(incident.playbookId()).orElseThrow();
	}

	private static String slot(String key, Incident incident) {
		return incident.id() + ":sign:" + key;
	}

	private String label(String key) {
		String[] parts = key.split(":");
		return services.texts().get("obligation." + parts[0]) + " 第 " + parts[1] + " 次";
	}

	private String names(List<String> roles) {
		List<String> names = new ArrayList<>();
		roles.forEach((role) -> names.add(services.library().vocabulary().roleName(role)));
		return Html.escape(String.join("、", names));
	}

	static String sha256(byte[] content) {
		try {
			return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
