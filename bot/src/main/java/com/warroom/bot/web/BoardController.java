package com.warroom.bot.web;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;
import java.util.Optional;

import com.warroom.bot.engine.Texts;
import com.warroom.bot.incident.Incident;
import com.warroom.bot.incident.IncidentStore;
import com.warroom.playbooks.Playbook;
import com.warroom.playbooks.PlaybookLibrary;
import com.warroom.reports.Archive;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestAttribute;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * The leaders' board, one incident's page, the archive of closed incidents and the
 * documents to download. Every roster person may read them once signed in; acting stays
 * in the chats, where the engine checks each person's role.
 */
@Controller
class BoardController {

	private static final java.util.regex.Pattern INCIDENT_ID = java.util.regex.Pattern
		.compile("[A-Z]{2,8}-\\d{8}-\\d{3,6}");

	/**
	 * A year's own archive folder, e.g. {@code DRL-2026}: the yearly drill report
	 * (GH-16).
	 */
	private static final java.util.regex.Pattern YEAR_ID = java.util.regex.Pattern.compile("[A-Z]{2,8}-\\d{4}");

	private final Board board;

	private final BoardView boardView;

	private final IncidentPage incidentPage;

	private final IncidentStore incidents;

	private final PlaybookLibrary library;

	private final Archive archive;

	private final WebEvents events;

	private final Layout layout;

	private final Texts texts;

	private final Clock clock;

	BoardController(Board board, BoardView boardView, IncidentPage incidentPage, IncidentStore incidents,
			PlaybookLibrary library, Archive archive, WebEvents events, Layout layout, Texts texts, Clock clock) {
		this.board = board;
		this.boardView = boardView;
		this.incidentPage = incidentPage;
		this.incidents = incidents;
		this.library = library;
		this.archive = archive;
		this.events = events;
		this.layout = layout;
		this.texts = texts;
		this.clock = clock;
	}

	@GetMapping("/board")
	ResponseEntity<String> board(@RequestAttribute(WebUser.ATTRIBUTE) WebUser user) {
		String main = boardView.board(board.open(), clock.instant(), board.signature());
		return ChatController.html(HttpStatus.OK,
				layout.page(texts.get("web.board.title"), user, Layout.Nav.BOARD, "page-board", main));
	}

	@GetMapping("/board/incidents/{id}")
	ResponseEntity<String> incident(@RequestAttribute(WebUser.ATTRIBUTE) WebUser user, @PathVariable String id) {
		Optional<Incident> incident = INCIDENT_ID.matcher(id).matches() ? incidents.find(id) : Optional.empty();
		Optional<Playbook> playbook = incident.flatMap((found) -> library.find(found.playbookId()));
		String main;
		boolean sealed = INCIDENT_ID.matcher(id).matches() && archive.sealed(id).isPresent();
		if (sealed && !mayReadArchive(user)
				&& !incident.map((drill) -> com.warroom.bot.engine.DrillDocuments.runs(user.person(), drill))
					.orElse(false)) {
			return refused(user);
		}
		if (incident.isPresent() && playbook.isPresent()) {
			main = incidentPage.page(incident.get(), playbook.get(), incidents.timeline(id), archive.documents(id),
					board.signature());
		}
		else if (sealed) {
			main = incidentPage.archivedOnly(id, archive.sealed(id).get().files());
		}
		else {
			return notFound(user, texts.get("web.incident.missing", id));
		}
		return ChatController.html(HttpStatus.OK, layout.page(id, user, Layout.Nav.BOARD, "page-incident", main));
	}

	@GetMapping("/board/archive")
	ResponseEntity<String> archive(@RequestAttribute(WebUser.ATTRIBUTE) WebUser user) {
		if (!mayReadArchive(user)) {
			return refused(user);
		}
		List<Archive.Sealed> sealed = archive.sealedIds()
			.stream()
			.limit(200)
			.map(archive::sealed)
			.flatMap(Optional::stream)
			.toList();
		String main = boardView.archive(sealed,
				(id) -> incidents.find(id)
					.flatMap((incident) -> library.find(incident.playbookId()))
					.map(Playbook::fullTitle)
					.orElse(""));
		return ChatController.html(HttpStatus.OK,
				layout.page(texts.get("web.archive.title"), user, Layout.Nav.ARCHIVE, "page-archive", main));
	}

	@GetMapping(path = "/board/events", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
	ResponseEntity<SseEmitter> events(@RequestAttribute(WebUser.ATTRIBUTE) WebUser user,
			@RequestParam(defaultValue = "") String seen) {
		return ResponseEntity.ok().header("X-Accel-Buffering", "no").body(events.board(user, seen));
	}

	/**
	 * A file of an incident's archive, as an attachment (never rendered by the browser).
	 */
	@GetMapping("/documents/{id}/{name}")
	ResponseEntity<byte[]> document(@RequestAttribute(WebUser.ATTRIBUTE) WebUser user, @PathVariable String id,
			@PathVariable String name) {
		if (!mayReadArchive(user) && INCIDENT_ID.matcher(id).matches() && archive.sealed(id).isPresent()
				&& !incidents.find(id)
					.map((drill) -> com.warroom.bot.engine.DrillDocuments.runs(user.person(), drill))
					.orElse(false)) {
			return ResponseEntity.status(HttpStatus.FORBIDDEN)
				.contentType(new MediaType(MediaType.TEXT_PLAIN, StandardCharsets.UTF_8))
				.body(texts.get("archive.refused").getBytes(StandardCharsets.UTF_8));
		}
		// a year's drill folder (the yearly drill report, GH-16): the archive's readers
		// and the coordinators
		if (YEAR_ID.matcher(id).matches() && !mayReadArchive(user)
				&& !user.person().may(com.warroom.bot.roster.Permission.PLAN_DRILL)) {
			return ResponseEntity.status(HttpStatus.FORBIDDEN)
				.contentType(new MediaType(MediaType.TEXT_PLAIN, StandardCharsets.UTF_8))
				.body(texts.get("archive.refused").getBytes(StandardCharsets.UTF_8));
		}
		Optional<byte[]> content = archive.read(id, name);
		if (content.isEmpty()) {
			return ResponseEntity.status(HttpStatus.NOT_FOUND)
				.contentType(new MediaType(MediaType.TEXT_PLAIN, StandardCharsets.UTF_8))
				.body(texts.get("web.document.missing").getBytes(StandardCharsets.UTF_8));
		}
		return ResponseEntity.ok()
			.contentType(type(name))
			.header(HttpHeaders.CONTENT_DISPOSITION,
					ContentDisposition.attachment().filename(name, StandardCharsets.UTF_8).build().toString())
			.body(content.get());
	}

	private static MediaType type(String name) {
		String lower = name.toLowerCase(java.util.Locale.ROOT);
		if (lower.endsWith(".pdf")) {
			return MediaType.APPLICATION_PDF;
		}
		if (lower.endsWith(".json")) {
			return MediaType.APPLICATION_JSON;
		}
		return MediaType.APPLICATION_OCTET_STREAM;
	}

	/**
	 * Closed incidents' archives are for the leaders and the 应急工作小组组长, as
	 * {@code /archive} in chat.
	 */
	private static boolean mayReadArchive(WebUser user) {
		return user.person().may(com.warroom.bot.roster.Permission.ARCHIVE);
	}

	private ResponseEntity<String> refused(WebUser user) {
		String main = "<section class=\"entry\"><p class=\"problem\">" + WebHtml.text(texts.get("archive.refused"))
				+ "</p><a class=\"button\" href=\"/board\">" + WebHtml.text(texts.get("web.nav.board"))
				+ "</a></section>";
		return ChatController.html(HttpStatus.FORBIDDEN,
				layout.page(texts.get("web.archive.title"), user, Layout.Nav.NONE, "page-entry", main));
	}

	private ResponseEntity<String> notFound(WebUser user, String message) {
		String main = "<section class=\"entry\"><p class=\"problem\">" + WebHtml.text(message)
				+ "</p><a class=\"button\" href=\"/board\">" + WebHtml.text(texts.get("web.nav.board"))
				+ "</a></section>";
		return ChatController.html(HttpStatus.NOT_FOUND,
				layout.page(texts.get("web.notfound"), user, Layout.Nav.NONE, "page-entry", main));
	}

}
