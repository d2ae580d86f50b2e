package com.warroom.bot.engine;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

import com.warroom.bot.assessment.Assessment;
import com.warroom.bot.assessment.Assessments;
import com.warroom.bot.chat.Actor;
import com.warroom.bot.chat.ChatRef;
import com.warroom.bot.documents.CustomerNotices;
import com.warroom.bot.documents.IncidentPaperwork;
import com.warroom.bot.incident.EventReads;
import com.warroom.bot.incident.IncidentStore;
import com.warroom.bot.roster.ContactBook;
import com.warroom.bot.roster.Roster;
import com.warroom.bot.store.JdbcIncidentStore;
import com.warroom.bot.store.RedisIncidentStore;
import com.warroom.bot.store.TestDatabase;
import com.warroom.playbooks.PlaybookLibrary;
import com.warroom.playbooks.PlaybookLoader;
import com.warroom.playbooks.ReportingObligations;
import com.warroom.playbooks.ReportingPolicy;
import com.warroom.playbooks.SeverityGrader;
import com.warroom.playbooks.WorkingDayCalendar;
import com.warroom.reports.Archive;
import com.warroom.reports.CompanyInfo;
import com.warroom.reports.NoticeTemplates;
import com.warroom.reports.PdfDocuments;
import redis.clients.jedis.UnifiedJedis;

/**
 * The engine on a real Redis with the example roster, driven like a chat (public for the
 * channel tests).
 */
public final class EngineHarness {

	static final PlaybookLibrary LIBRARY = PlaybookLoader.loadBundled().orElseThrow();

	static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");

	final UnifiedJedis redis;

	final MutableClock clock = new MutableClock(Instant.parse("2026-11-23T05:58:00Z")); // 13:58
																						// in
																						// Shanghai

	public final IncidentStore incidents;

	final ButtonTokens tokens;

	public final MessageSlots slots;

	public final ConversationEngine engine;

	/**
	 * What the engine was built from (a channel test wraps the engine in a faulty one).
	 */
	public final ConversationEngine.Services services;

	final IncidentViews views;

	final Assessments assessments;

	final Roster roster;

	final ChatRef chat = new ChatRef("tg", "-1001", null, false);

	private final AtomicInteger presses = new AtomicInteger();

	public EngineHarness(UnifiedJedis redis) {
		this(redis, TopicOpener.none());
	}

	/** Incidents the engine reported as changed, in order. */
	final List<String> changed = new java.util.concurrent.CopyOnWriteArrayList<>();

	/** Also told of changes (the clock tests plug the reminder planner in here). */
	volatile IncidentListener also = IncidentListener.none();

	private final IncidentListener listener = (id) -> {
		changed.add(id);
		also.changed(id);
	};

	/** Where the documents issued in the test are kept. */
	public final Archive archive;

	final CompanyInfo company;

	public EngineHarness(UnifiedJedis redis, TopicOpener topics) {
		this(redis, topics, temporaryDirectory());
	}

	/**
	 * The standard flows and {@code extra} ones, made from the engine's services (a flow
	 * a test adds, as a new bean would be), with {@code texts}.
	 */
	public EngineHarness(UnifiedJedis redis, Texts texts,
			List<java.util.function.Function<ConversationEngine.Services, Flow>> extra) {
		this(redis, TopicOpener.none(), temporaryDirectory(), texts, extra,
				java.util.function.UnaryOperator.identity());
	}

	/** With the documents kept under {@code archiveRoot}. */
	EngineHarness(UnifiedJedis redis, TopicOpener topics, java.nio.file.Path archiveRoot) {
		this(redis, topics, archiveRoot, Texts.chinese(), List.of(), java.util.function.UnaryOperator.identity());
	}

	/** With the store wrapped by {@code store} (e.g. one counting reads). */
	EngineHarness(UnifiedJedis redis, java.util.function.UnaryOperator<IncidentStore> store) {
		this(redis, TopicOpener.none(), temporaryDirectory(), Texts.chinese(), List.of(), store);
	}

	private EngineHarness(UnifiedJedis redis, TopicOpener topics, java.nio.file.Path archiveRoot, Texts texts,
			List<java.util.function.Function<ConversationEngine.Services, Flow>> extra,
			java.util.function.UnaryOperator<IncidentStore> store) {
		this.redis = redis;
		this.roster = Roster.parse(resource("warroom/roster.example.yaml"));
		ContactBook contacts = ContactBook.parse(resource("warroom/contacts.example.yaml"), LIBRARY.vocabulary());
		// the app's store (issue 15); -Dwarroom.test.store=redis runs the engine tests on
		// the Redis one;
		// an event's reads made once, as in the app (GH-14)
		this.incidents = new EventReads(store
			.apply("redis".equals(System.getProperty("warroom.test.store")) ? new RedisIncidentStore(redis, SHANGHAI)
					: new JdbcIncidentStore(TestDatabase.shared(), SHANGHAI, clock)));
		this.tokens = new ButtonTokens(redis);
		this.slots = new MessageSlots(redis);
		ReportingObligations reporting = new ReportingObligations(ReportingPolicy.bundled(),
				WorkingDayCalendar.bundled());
		this.assessments = new Assessments(
				new Assessment.Policy(new SeverityGrader(), reporting, 200_000, Duration.ofMinutes(5)), incidents,
				clock);
		this.views = new IncidentViews(texts, roster, LIBRARY.vocabulary(), tokens, clock, SHANGHAI, assessments);
		this.archive = new Archive(archiveRoot, clock);
		this.company = new CompanyInfo("示例期货有限公司", "赵总经理", null, "冯技术服务岗", "021-00000000", "021-00000001",
				"13800000009", "it@example.com", null);
		Paperwork paperwork = new IncidentPaperwork(incidents, views, Texts.chinese(), new PdfDocuments(SHANGHAI),
				archive, company, new CustomerNotices(new NoticeTemplates(), company, clock, SHANGHAI), clock, SHANGHAI,
				roster);
		this.services = new ConversationEngine.Services(LIBRARY, roster, contacts, incidents, tokens,
				new ConversationState(redis), slots, texts, views, new ScenarioSearch(LIBRARY), topics, clock, SHANGHAI,
				listener, paperwork);
		List<Flow> flows = new ArrayList<>(ConversationEngine.standardFlows(services));
		extra.forEach((flow) -> flows.add(flow.apply(services)));
		this.engine = new ConversationEngine(services, flows);
	}

	private static java.nio.file.Path temporaryDirectory() {
		try {
			java.nio.file.Path target = java.nio.file.Files
				.createDirectories(java.nio.file.Path.of("target", "test-archives"));
			return java.nio.file.Files.createTempDirectory(target, "archive");
		}
		catch (java.io.IOException ex) {
			throw new java.io.UncheckedIOException(ex);
		}
	}

	static Actor user(String telegramId) {
		return new Actor("tg", telegramId, "tg-" + telegramId);
	}

	static final Actor GM = user("900000001");

	static final Actor COMMANDER = user("900000004");

	public static final Actor DBA = user("900000006");

	static final Actor SYSADMIN = user("900000007");

	static final Actor LIAISON = user("900000009");

	static final Actor OBSERVER = user("900000011");

	static final Actor STRANGER = user("123");

	List<Outbound> command(Actor actor, String line) {
		String body = line.substring(1);
		int space = body.indexOf(' ');
		String name = (space < 0) ? body : body.substring(0, space);
		String args = (space < 0) ? "" : body.substring(space + 1);
		return record(engine.handle(new Inbound.Command(chat, actor, name, args, null)));
	}

	/** A command in another chat (e.g. the actor's private chat). */
	List<Outbound> command(ChatRef where, Actor actor, String line) {
		String body = line.substring(1);
		int space = body.indexOf(' ');
		String name = (space < 0) ? body : body.substring(0, space);
		String args = (space < 0) ? "" : body.substring(space + 1);
		return record(engine.handle(new Inbound.Command(where, actor, name, args, null)));
	}

	List<Outbound> text(Actor actor, String text) {
		return record(engine.handle(new Inbound.Text(chat, actor, text, null)));
	}

	List<Outbound> reply(Actor actor, String text, String messageId) {
		return record(engine.handle(new Inbound.Text(chat, actor, text, messageId)));
	}

	List<Outbound> press(Actor actor, Button button) {
		return record(
				engine.handle(new Inbound.Press(chat, actor, "cb" + presses.incrementAndGet(), button.token(), null)));
	}

	/**
	 * Records message ids for sends and edits, then settles, as a channel adapter would.
	 */
	private List<Outbound> record(List<Outbound> actions) {
		recordSlots(actions);
		engine.settled(actions);
		return actions;
	}

	private List<Outbound> recordSlots(List<Outbound> actions) {
		for (Outbound action : actions) {
			if (action instanceof Outbound.Send send && send.slot() != null) {
				slots.record(send.chat(), send.slot(), "m-" + send.slot(), send.incidentId());
			}
			if (action instanceof Outbound.Edit edit && slots.messageOf(edit.chat(), edit.slot()).isEmpty()) {
				slots.record(edit.chat(), edit.slot(), "m-" + edit.slot(), edit.incidentId());
			}
		}
		return actions;
	}

	/** The button labelled {@code label} in the actions, last one first. */
	static Button button(List<Outbound> actions, String label) {
		return findButton(actions, label)
			.orElseThrow(() -> new AssertionError("no button " + label + " in " + texts(actions)));
	}

	static Optional<Button> findButton(List<Outbound> actions, String label) {
		List<Outbound> reversed = new ArrayList<>(actions);
		java.util.Collections.reverse(reversed);
		for (Outbound action : reversed) {
			for (List<Button> row : buttons(action)) {
				for (Button button : row) {
					if (button.label().equals(label)) {
						return Optional.of(button);
					}
				}
			}
		}
		return Optional.empty();
	}

	static List<List<Button>> buttons(Outbound action) {
		if (action instanceof Outbound.Send send) {
			return send.buttons();
		}
		if (action instanceof Outbound.Edit edit) {
			return edit.buttons();
		}
		return List.of();
	}

	static String texts(List<Outbound> actions) {
		StringBuilder all = new StringBuilder();
		for (Outbound action : actions) {
			if (action instanceof Outbound.Send send) {
				all.append(send.html()).append('\n');
			}
			else if (action instanceof Outbound.Edit edit) {
				all.append(edit.html()).append('\n');
			}
			else if (action instanceof Outbound.Answer answer) {
				all.append("[answer] ").append(answer.text()).append('\n');
			}
			else if (action instanceof Outbound.Document document) {
				all.append("[document] ").append(document.name()).append(' ').append(document.caption()).append('\n');
			}
		}
		return all.toString();
	}

	/** The documents sent in the actions. */
	static List<Outbound.Document> documents(List<Outbound> actions) {
		return actions.stream().filter(Outbound.Document.class::isInstance).map(Outbound.Document.class::cast).toList();
	}

	/** {@code /recovered}, confirmed with 确认已恢复（现在）: the actions of the confirmation. */
	List<Outbound> recovered(Actor actor) {
		return press(actor, button(command(actor, "/recovered"), "确认已恢复（现在）"));
	}

	/**
	 * A page's text as laid out, glyph by glyph (top to bottom, left to right), so text
	 * an appended revision wrote into the gaps of the page reads in place.
	 */
	static String laidOut(com.itextpdf.kernel.pdf.PdfPage page) {
		var strategy = new com.itextpdf.kernel.pdf.canvas.parser.listener.LocationTextExtractionStrategy();
		var glyphs = new com.itextpdf.kernel.pdf.canvas.parser.listener.IEventListener() {

			@Override
			public void eventOccurred(com.itextpdf.kernel.pdf.canvas.parser.data.IEventData data,
					com.itextpdf.kernel.pdf.canvas.parser.EventType type) {
				if (type == com.itextpdf.kernel.pdf.canvas.parser.EventType.RENDER_TEXT) {
					((com.itextpdf.kernel.pdf.canvas.parser.data.TextRenderInfo) data).getCharacterRenderInfos()
						.forEach((glyph) -> strategy.eventOccurred(glyph, type));
				}
			}

			@Override
			public java.util.Set<com.itextpdf.kernel.pdf.canvas.parser.EventType> getSupportedEvents() {
				return java.util.Set.of(com.itextpdf.kernel.pdf.canvas.parser.EventType.RENDER_TEXT);
			}

		};
		new com.itextpdf.kernel.pdf.canvas.parser.PdfCanvasProcessor(glyphs).processPageContent(page);
		return strategy.getResultantText();
	}

	/**
	 * Declares {@code playbookId} by search words and returns the actions of the
	 * confirmation.
	 */
	public List<Outbound> declare(Actor actor, String words, String title) {
		List<Outbound> matches = command(actor, "/declare " + words);
		List<Outbound> confirm = press(actor, button(matches, title));
		return press(actor, button(confirm, "确认宣布"));
	}

	static String resource(String name) {
		try (var in = EngineHarness.class.getClassLoader().getResourceAsStream(name)) {
			return new String(in.readAllBytes(), StandardCharsets.UTF_8);
		}
		catch (java.io.IOException ex) {
			throw new java.io.UncheckedIOException(ex);
		}
	}

}
