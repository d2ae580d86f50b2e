package com.warroom.bot.web;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import com.warroom.bot.assessment.Assessment;
import com.warroom.bot.engine.IncidentViews;
import com.warroom.bot.engine.Texts;
import com.warroom.bot.incident.Incident;
import com.warroom.bot.incident.IncidentStatus;
import com.warroom.playbooks.Obligation;
import com.warroom.reports.Archive;

/**
 * The leaders' board (open incidents as cards, drills apart) and the archive of closed
 * incidents. Thread-safe.
 */
final class BoardView {

	private final Texts texts;

	private final IncidentViews views;

	BoardView(Texts texts, IncidentViews views) {
		this.texts = texts;
		this.views = views;
	}

	/** The board's main content; {@code seen} is the board's signature as rendered. */
	String board(List<Board.Row> rows, Instant now, String seen) {
		List<Board.Row> closed = rows.stream()
			.filter((row) -> row.incident().status() == IncidentStatus.CLOSED)
			.toList();
		List<Board.Row> real = rows.stream()
			.filter((row) -> !row.incident().isDrill() && row.incident().status() != IncidentStatus.CLOSED)
			.toList();
		List<Board.Row> drills = rows.stream()
			.filter((row) -> row.incident().isDrill() && row.incident().status() != IncidentStatus.CLOSED)
			.toList();
		StringBuilder html = new StringBuilder(8192);
		html.append("<section class=\"board\" data-events=\"/board/events\" data-seen=\"")
			.append(WebHtml.text(seen))
			.append("\">\n<div class=\"page-head\"><h1>")
			.append(text("web.board.title"))
			.append("</h1><span class=\"updated\">")
			.append(WebHtml.text(texts.get("web.board.updated", views.time(now))))
			.append("</span></div>\n");
		section(html, "real", texts.get("web.board.real"), real, texts.get("web.board.none"), now);
		section(html, "drills", texts.get("web.board.drills"), drills, texts.get("web.board.drills.none"), now);
		if (!closed.isEmpty()) {
			section(html, "owing", texts.get("web.board.owing"), closed, "", now);
		}
		return html.append("</section>").toString();
	}

	private void section(StringBuilder html, String kind, String title, List<Board.Row> rows, String none,
			Instant now) {
		html.append("<h2 class=\"group ")
			.append(kind)
			.append("\">")
			.append(WebHtml.text(title))
			.append("<span class=\"count\">")
			.append(rows.size())
			.append("</span></h2>\n");
		if (rows.isEmpty()) {
			html.append("<p class=\"none\">").append(WebHtml.text(none)).append("</p>\n");
			return;
		}
		html.append("<div class=\"cards\">\n");
		rows.forEach((row) -> html.append(card(row, now)));
		html.append("</div>\n");
	}

	private String card(Board.Row row, Instant now) {
		Incident incident = row.incident();
		Optional<Assessment.NextReport> next = row.next();
		String due = next.map((n) -> n.late() ? "late" : n.immediate() ? "now" : "due").orElse("none");
		StringBuilder html = new StringBuilder(1024);
		html.append("<a class=\"incident ")
			.append(incident.isDrill() ? "drill " : "")
			.append("due-")
			.append(due)
			.append("\" href=\"/board/incidents/")
			.append(WebHtml.segment(incident.id()))
			.append("\" data-id=\"")
			.append(WebHtml.text(incident.id()))
			.append("\">\n<div class=\"line1\"><span class=\"id\">")
			.append(WebHtml.text(incident.id()))
			.append("</span><span class=\"level sev-")
			.append(row.level().name())
			.append("\"")
			.append(row.overridden() ? " title=\"" + WebHtml.text(overrideNote(row)) + "\"" : "")
			.append(">")
			.append(WebHtml.text(texts.label(row.level())))
			.append(row.overridden() ? "*" : "")
			.append("</span>")
			.append("<span class=\"status st-")
			.append(incident.status().name())
			.append("\">")
			.append(WebHtml.text(texts.get("status." + incident.status().name())))
			.append("</span></div>\n")
			.append("<div class=\"title\">")
			.append(incident.isDrill() ? text("web.board.drill.mark") : "")
			.append(WebHtml.text(row.playbook().fullTitle()))
			.append("</div>\n")
			.append(strip(row))
			.append("<dl>")
			.append(row.overridden() ? item("web.board.col.override", WebHtml.text(overrideNote(row)), "override") : "")
			.append(item("web.board.col.elapsed", WebHtml.text(row.elapsed()), ""))
			.append(item("web.board.col.next", next.map((n) -> next(n, now)).orElse(text("web.board.next.none")),
					"next " + due))
			.append(awaiting(row))
			.append(current(row))
			.append(item("web.board.col.made", WebHtml.text(texts.get("web.board.made", String.valueOf(row.made()))),
					""))
			.append(item("web.board.col.people",
					row.people().isEmpty() ? "-" : WebHtml.text(String.join("、", row.people())), "people"))
			.append("</dl>\n</a>\n");
		return html.toString();
	}

	/** Each report book still waiting for 签发, and whose signature it waits for. */
	private String awaiting(Board.Row row) {
		StringBuilder html = new StringBuilder();
		for (Board.Awaiting awaiting : row.awaiting()) {
			html.append(item("web.board.col.signing", WebHtml.text(texts.get("web.board.signing",
					texts.get("obligation." + awaiting.kind()), awaiting.seq(), String.join("、", awaiting.missing()))),
					"signing"));
		}
		return html.toString();
	}

	private String current(Board.Row row) {
		StringBuilder html = new StringBuilder();
		for (Board.Current current : row.current()) {
			String text = texts.get("web.board.current", String.valueOf(current.position()),
					String.valueOf(current.steps()), abbreviate(current.step().text(), 36));
			String blocked = current.blocked()
					? "<span class=\"blocked-flag\">" + text("web.board.blocked") + "</span> " : "";
			html.append(item("track." + current.track().key(), blocked + WebHtml.text(text),
					current.blocked() ? "current blocked" : "current"));
		}
		return html.toString();
	}

	/**
	 * The * after an overridden level, in words: who set it, why, and what the rules say.
	 */
	private String overrideNote(Board.Row row) {
		return texts.get("web.board.override", String.valueOf(row.incident().levelReason()),
				texts.label(row.computed()));
	}

	/**
	 * The incident's course at a glance: declared, level changes, reports made, recovery.
	 */
	private String strip(Board.Row row) {
		StringBuilder html = new StringBuilder("<ol class=\"strip\" aria-label=\"").append(text("web.board.strip"))
			.append("\">");
		for (Board.Mark mark : row.strip()) {
			String words = texts.get("web.board.strip." + mark.type().name(), mark.label());
			html.append("<li class=\"mark m-")
				.append(mark.type().name())
				.append("\"><time>")
				.append(WebHtml.text(views.time(mark.at()).substring(6)))
				.append("</time> ")
				.append(WebHtml.text(words))
				.append("</li>");
		}
		return html.append("</ol>\n").toString();
	}

	private static String abbreviate(String text, int max) {
		String line = text.replace('\n', ' ').strip();
		return (line.length() <= max) ? line : line.substring(0, max) + "…";
	}

	private String next(Assessment.NextReport next, Instant now) {
		Obligation obligation = next.obligation();
		String what = texts.get("obligation." + obligation.kind().name());
		String key = next.late() ? "web.board.next.late" : next.immediate() ? "web.board.next.now" : "web.board.next";
		long minutes = next.lateBy(now).toMinutes();
		String late = (minutes >= 60)
				? texts.get("duration.hours", String.valueOf(minutes / 60), String.valueOf(minutes % 60))
				: texts.get("duration.minutes", String.valueOf(minutes));
		// the pattern is ours; each argument is escaped
		// on its own, the time kept on one line
		return texts.get(key, WebHtml.text(what), String.valueOf(obligation.sequence()),
				"<time>" + WebHtml.text(views.time(obligation.dueAt())) + "</time>", WebHtml.text(late));
	}

	private String item(String key, String valueHtml, String cssClass) {
		return "<div class=\"item " + cssClass + "\"><dt>" + text(key) + "</dt><dd>" + valueHtml + "</dd></div>";
	}

	/** The archive's main content: sealed incidents, newest first, with their files. */
	String archive(List<Archive.Sealed> sealed, java.util.function.Function<String, String> titles) {
		StringBuilder html = new StringBuilder(4096);
		html.append("<section class=\"archive\">\n<div class=\"page-head\"><h1>")
			.append(text("web.archive.title"))
			.append("</h1></div>\n<p class=\"hint\">")
			.append(text("web.archive.hint"))
			.append("</p>\n");
		if (sealed.isEmpty()) {
			return html.append("<p class=\"none\">")
				.append(text("web.archive.none"))
				.append("</p>\n</section>")
				.toString();
		}
		html.append("<ul class=\"archive-list\">\n");
		for (Archive.Sealed one : sealed) {
			html.append("<li><div class=\"line1\"><a class=\"id\" href=\"/board/incidents/")
				.append(WebHtml.segment(one.incidentId()))
				.append("\">")
				.append(WebHtml.text(one.incidentId()))
				.append("</a><span class=\"title\">")
				.append(WebHtml.text(titles.apply(one.incidentId())))
				.append("</span><span class=\"sealed\">")
				.append(WebHtml.text(texts.get("web.archive.sealed", views.time(one.sealedAt()))))
				.append("</span></div>")
				.append(IncidentPage.files(one.files()))
				.append("</li>\n");
		}
		return html.append("</ul>\n</section>").toString();
	}

	private String text(String key) {
		return WebHtml.text(texts.get(key));
	}

}
