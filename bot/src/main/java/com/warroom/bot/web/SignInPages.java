package com.warroom.bot.web;

import java.util.List;

import com.warroom.bot.engine.Texts;
import com.warroom.bot.roster.Person;
import com.warroom.bot.roster.RosterRole;
import com.warroom.playbooks.Vocabulary;
import org.jspecify.annotations.Nullable;

/**
 * The pages before a session: the local identity chooser and the sign-in form.
 * Thread-safe.
 */
final class SignInPages {

	private final Texts texts;

	private final Vocabulary vocabulary;

	SignInPages(Texts texts, Vocabulary vocabulary) {
		this.texts = texts;
		this.vocabulary = vocabulary;
	}

	/** The local mode's "who are you" page: every roster person is one button. */
	String chooser(List<Person> people, String formToken, @Nullable String problem) {
		StringBuilder html = new StringBuilder(8192);
		html.append("<section class=\"entry wide\">\n<h1>")
			.append(text("web.who.title"))
			.append("</h1>\n<p class=\"hint\">")
			.append(text("web.who.hint"))
			.append("</p>\n");
		problem(html, problem);
		html.append("<form method=\"post\" action=\"/who\" class=\"people\">")
			.append(Layout.csrfField(formToken))
			.append('\n');
		for (Person person : people) {
			html.append("<button type=\"submit\" name=\"person\" value=\"")
				.append(WebHtml.text(person.id()))
				.append("\" class=\"person\"><span class=\"name\">")
				.append(WebHtml.text(person.name()))
				.append("</span><span class=\"roles\">");
			for (RosterRole role : person.roles().stream().sorted().toList()) {
				html.append("<span class=\"role r-")
					.append(role.key())
					.append("\">")
					.append(text("role." + role.name()))
					.append("</span>");
			}
			html.append("</span>");
			if (!person.duties().isEmpty()) {
				html.append("<span class=\"duties\">")
					.append(WebHtml.text(String.join("、", person.duties().stream().map(vocabulary::roleName).toList())))
					.append("</span>");
			}
			html.append("<span class=\"id\">").append(WebHtml.text(person.id())).append("</span></button>\n");
		}
		return html.append("</form>\n</section>").toString();
	}

	/** The sign-in form of any deployed use. */
	String login(String formToken, @Nullable String problem, @Nullable String notice, String personId,
			boolean accounts) {
		StringBuilder html = new StringBuilder(2048);
		html.append("<section class=\"entry\">\n<h1>")
			.append(text("web.login.title"))
			.append("</h1>\n<p class=\"hint\">")
			.append(text("web.login.hint"))
			.append("</p>\n");
		if (notice != null) {
			html.append("<p class=\"notice\" role=\"status\">").append(WebHtml.text(notice)).append("</p>\n");
		}
		problem(html, problem);
		if (!accounts) {
			html.append("<p class=\"problem\" role=\"alert\">").append(text("web.login.none")).append("</p>\n");
		}
		html.append("<form method=\"post\" action=\"/login\" class=\"login\">")
			.append(Layout.csrfField(formToken))
			.append("\n<label for=\"person\">")
			.append(text("web.login.id"))
			.append("</label>")
			.append("<input id=\"person\" name=\"person\" autocomplete=\"username\" required maxlength=\"64\" value=\"")
			.append(WebHtml.text(personId))
			.append("\">\n<label for=\"password\">")
			.append(text("web.login.password"))
			.append("</label><input id=\"password\" name=\"password\" type=\"password\" autocomplete=\"current-password\" "
					+ "required maxlength=\"200\">\n<button type=\"submit\" class=\"primary\">")
			.append(text("web.login.submit"))
			.append("</button>\n</form>\n</section>");
		return html.toString();
	}

	private static void problem(StringBuilder html, @Nullable String problem) {
		if (problem != null) {
			html.append("<p class=\"problem\" role=\"alert\">").append(WebHtml.text(problem)).append("</p>\n");
		}
	}

	private String text(String key) {
		return WebHtml.text(texts.get(key));
	}

}
