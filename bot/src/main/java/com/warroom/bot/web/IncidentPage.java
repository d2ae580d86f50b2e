package com.warroom.bot.web;

import java.util.List;
import java.util.Optional;

import com.warroom.bot.engine.IncidentViews;
import com.warroom.bot.engine.Texts;
import com.warroom.bot.incident.Incident;
import com.warroom.bot.incident.IncidentStatus;
import com.warroom.bot.incident.StepState;
import com.warroom.bot.incident.TimelineEntry;
import com.warroom.bot.roster.Person;
import com.warroom.bot.roster.Roster;
import com.warroom.playbooks.Playbook;
import com.warroom.playbooks.Step;
import com.warroom.playbooks.Track;
import com.warroom.playbooks.Vocabulary;
import com.warroom.reports.Archive;

/**
 * One incident's page: its card (as the chat shows it), its steps by track with who did
 * what, its whole timeline in the order it happened, and its documents to download.
 * Thread-safe.
 */
final class IncidentPage {

	private final Texts texts;

	private final IncidentViews views;

	private final Roster roster;

	private final Vocabulary vocabulary;

	IncidentPage(Texts texts, IncidentViews views, Roster roster, Vocabulary vocabulary) {
		this.texts = texts;
		this.views = views;
		this.roster = roster;
		this.vocabulary = vocabulary;
	}

	/** The main content; {@code seen} is the board's signature as rendered. */
	String page(Incident incident, Playbook playbook, List<TimelineEntry> timeline, List<Archive.StoredDocument> files,
			String seen) {
		StringBuilder html = new StringBuilder(16384);
		html.append("<section class=\"incident-page")
			.append(incident.isDrill() ? " drill" : "")
			.append("\" data-events=\"/board/events\" data-seen=\"")
			.append(WebHtml.text(seen))
			.append("\">\n<nav class=\"crumbs\"><a href=\"/board\">")
			.append(text("web.nav.board"))
			.append("</a><span>›</span><span>")
			.append(WebHtml.text(incident.id()))
			.append("</span></nav>\n<div class=\"page-head\"><h1>")
			.append(WebHtml.text(incident.id()))
			.append(' ')
			.append(WebHtml.text(playbook.title()))
			.append("</h1>");
		if (WebChannel.CHANNEL.equals(incident.chat().channel()) && incident.status() != IncidentStatus.CLOSED) {
			html.append("<a class=\"button\" href=\"/chat/")
				.append(WebHtml.segment(incident.chat().chatId()))
				.append("\">")
				.append(text("web.incident.to.chat"))
				.append("</a>");
		}
		html.append("</div>\n<div class=\"incident-grid\">\n<section class=\"panel card\"><h2>")
			.append(text("web.incident.card"))
			.append("</h2><div class=\"text\">")
			.append(WebHtml.engine(views.card(incident, playbook)))
			.append("</div></section>\n")
			.append("<section class=\"panel files\"><h2>")
			.append(text("web.incident.documents"))
			.append("</h2>")
			.append(files.isEmpty() ? "<p class=\"none\">" + text("web.incident.documents.none") + "</p>"
					: files(files))
			.append("</section>\n<section class=\"panel steps\"><h2>")
			.append(text("web.incident.steps"))
			.append("</h2>\n");
		for (Track track : Track.values()) {
			if (!playbook.track(track).isEmpty()) {
				html.append(track(incident, playbook, track));
			}
		}
		html.append("</section>\n<section class=\"panel timeline\"><h2>")
			.append(text("web.incident.timeline"))
			.append("<span class=\"count\">")
			.append(timeline.size())
			.append("</span></h2>\n<ol class=\"timeline\">\n");
		for (TimelineEntry entry : timeline) {
			html.append("<li><time>")
				.append(WebHtml.text(views.time(entry.at())))
				.append("</time><span class=\"who\">")
				.append(WebHtml.text(entry.personName()))
				.append("</span><span class=\"what\">")
				.append(WebHtml.engine(views.describe(entry)))
				.append("</span></li>\n");
		}
		return html.append("</ol></section>\n</div>\n</section>").toString();
	}

	/** An incident known only to the archive (its files, no state). */
	String archivedOnly(String incidentId, List<Archive.StoredDocument> files) {
		return "<section class=\"incident-page\">\n<nav class=\"crumbs\"><a href=\"/board/archive\">"
				+ text("web.nav.archive") + "</a><span>›</span><span>" + WebHtml.text(incidentId)
				+ "</span></nav>\n<div class=\"page-head\"><h1>" + WebHtml.text(incidentId)
				+ "</h1></div>\n<section class=\"panel files\"><h2>" + text("web.incident.documents") + "</h2>"
				+ files(files) + "</section>\n</section>";
	}

	private String track(Incident incident, Playbook playbook, Track track) {
		List<Step> steps = playbook.track(track);
		Optional<String> cursor = incident.cursor(track);
		long finished = steps.stream().filter((step) -> incident.stepState(step.id()).finished()).count();
		StringBuilder html = new StringBuilder(2048);
		html.append("<h3>")
			.append(text("track." + track.key()))
			.append("<span class=\"count\">")
			.append(finished)
			.append('/')
			.append(steps.size())
			.append("</span></h3>\n<ol class=\"step-list\">\n");
		for (Step step : steps) {
			StepState state = incident.stepState(step.id());
			boolean current = cursor.isPresent() && cursor.get().equals(step.id())
					&& incident.status() != IncidentStatus.CLOSED;
			String status = current && state.status() == StepState.Status.OPEN ? "CURRENT" : state.status().name();
			html.append("<li class=\"step st-")
				.append(status)
				.append("\"><div class=\"step-head\"><span class=\"badge\">")
				.append(text("web.step." + status))
				.append("</span><span class=\"phase\">")
				.append(WebHtml.text(texts.label(step.phase())))
				.append("</span><span class=\"role\">")
				.append(WebHtml.text(vocabulary.roleName(step.role())))
				.append("</span>");
			if (step.confirm()) {
				html.append("<span class=\"confirm\">").append(text("web.step.confirm")).append("</span>");
			}
			if (state.personId() != null) {
				html.append("<span class=\"by\">")
					.append(WebHtml.text(roster.byId(state.personId()).map(Person::name).orElse(state.personId())))
					.append("</span>");
			}
			html.append("</div><div class=\"step-text\">").append(WebHtml.text(step.text())).append("</div></li>\n");
		}
		return html.append("</ol>\n").toString();
	}

	/** A list of archived files with download links. */
	static String files(List<Archive.StoredDocument> files) {
		StringBuilder html = new StringBuilder("<ul class=\"file-list\">");
		for (Archive.StoredDocument file : files) {
			html.append("<li><a class=\"file\" href=\"")
				.append(WebHtml.text(ChatView.documentUrl(file.incidentId(), file.name())))
				.append("\" download>")
				.append(WebHtml.text(file.name()))
				.append("</a><span class=\"size\">")
				.append(size(file.size()))
				.append("</span></li>");
		}
		return html.append("</ul>").toString();
	}

	private static String size(long bytes) {
		return (bytes < 1024) ? bytes + " B"
				: (bytes < 1024 * 1024) ? (bytes / 1024) + " KB" : String.format("%.1f MB", bytes / 1024.0 / 1024.0);
	}

	private String text(String key) {
		return WebHtml.text(texts.get(key));
	}

}
