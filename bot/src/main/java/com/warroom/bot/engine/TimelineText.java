package com.warroom.bot.engine;

import java.time.Instant;
import java.util.Optional;
import java.util.function.Function;

import com.warroom.bot.incident.TimelineEntry;
import com.warroom.playbooks.Settlement;
import com.warroom.playbooks.Severity;
import com.warroom.playbooks.SystemClass;
import com.warroom.playbooks.Vocabulary;

/**
 * Turns a timeline entry into words for one locale, when it is read (GH-14). An entry
 * stores structure only: its kind, numbers, ids and keys, the playbook's own words it
 * concerns (a step's or the scenario's title, a decision's question) and what a person
 * typed (a note, a reason) under {@code text}, exactly as typed; the words around them
 * come from the message bundle of {@link Texts} here, so every reader (the chat timeline,
 * the board, the incident page, the documents, the archive) shows the same words and a
 * second locale needs a bundle, not a migration.
 * <p>
 * Entries written before GH-14 carry the bot's words, composed at the time in Chinese,
 * under {@code text}: a {@code text} is always shown as stored, so the two-year record
 * renders exactly as it did. Still stored in words: an escalation's reason (as the
 * escalation itself holds it) and a level rise's rule (the grader's citation, in
 * Chinese). Enum labels (levels, systems, settlement) come from the bundle
 * ({@link Texts#label}); role names are the vocabulary's, read from the playbooks' data
 * files, and stay Chinese in every locale. Thread-safe.
 */
public final class TimelineText {

	private final Texts texts;

	private final Vocabulary vocabulary;

	private final Function<Instant, String> times;

	/**
	 * @param texts the bundle (and so the locale) to render with
	 * @param vocabulary the role names of the playbooks
	 * @param times how a time people stated reads, e.g. {@link IncidentViews#preciseTime}
	 */
	public TimelineText(Texts texts, Vocabulary vocabulary, Function<Instant, String> times) {
		this.texts = texts;
		this.vocabulary = vocabulary;
		this.times = times;
	}

	/** The same renderer for another bundle (another locale). */
	public TimelineText in(Texts other) {
		return new TimelineText(other, this.vocabulary, this.times);
	}

	/**
	 * The entry in words (HTML, escaped), without its time and person, e.g.
	 * {@code 记录已报告：定期报告 第 2 次}.
	 */
	public String describe(TimelineEntry entry) {
		String step = entry.detail("step");
		return texts.get("tl." + entry.type().name(), Html.escape((step != null) ? step : ""),
				Html.escape(IncidentViews.abbreviate(text(entry), 200)),
				Html.escape(String.valueOf(entry.detail("answer"))), Html.escape(level(entry)),
				Html.escape((entry.detail("title") != null) ? entry.detail("title") : String.valueOf(step)));
	}

	/** As {@link #describe}, as plain text (for documents and the archive). */
	public String describeText(TimelineEntry entry) {
		return Html.toPlain(describe(entry));
	}

	/**
	 * What the entry says beyond its kind, e.g. {@code 定期报告 第 2 次} for a report made or
	 * the reason of a skipped step: plain text (unescaped), never {@code null}, empty
	 * when an entry of its kind says nothing more.
	 */
	public String text(TimelineEntry entry) {
		String stored = entry.detail("text");
		if (stored != null) {
			// typed by a person; or, before GH-14, composed
			// by the bot in the words of the time
			return stored;
		}
		return switch (entry.type()) {
			case DECLARED -> detail(entry, "title");
			case DECISION -> detail(entry, "question");
			case NOTE -> note(entry);
			case FACT_SET -> fact(entry);
			case RECOVERED -> recovered(entry);
			case DOCUMENT_ISSUED -> detail(entry, "document");
			case REPORTED, REPORT_APPROVAL_REQUESTED -> report(entry);
			case REPORT_APPROVED -> texts.get("tl.text.approved", sequence(entry), role(entry));
			case REPORT_BOOK_RENEWED ->
				texts.get("tl.text.renewed", sequence(entry), detail(entry, "ver"), detail(entry, "sha256"));
			case REPORT_DELEGATED ->
				texts.get("tl.text.delegated", sequence(entry), role(entry), detail(entry, "toName"));
			case NOTIFICATION_FAILED ->
				texts.get("tl.text.failed", detail(entry, "title"), detail(entry, "via"), detail(entry, "detail"));
			default -> "";
		};
	}

	/**
	 * The level an entry sets or raises to, e.g. {@code 较大}: the entry stores the level's
	 * name ({@code LARGER}); entries before GH-14 stored the label, shown as stored.
	 */
	public String level(TimelineEntry entry) {
		String level = detail(entry, "level");
		return severity(level).map(texts::label).orElse(level);
	}

	/**
	 * The obligation and its number, e.g. {@code 定期报告 第 2 次}, from its kind and sequence.
	 */
	public String sequence(String kind, String sequence) {
		return texts.get("tl.text.sequence", texts.get("obligation." + kind), sequence);
	}

	/**
	 * A fact as it was set, e.g. {@code 数据泄露 1200 人}: {@code fact} is the field of
	 * {@code /level}'s facts, {@code value} the value set (as {@code FactFlow} stores
	 * it).
	 */
	public String fact(String fact, String value) {
		try {
			return knownFact(fact, value);
		}
		catch (RuntimeException ex) {
			// a value no release wrote: shown as stored
			// rather than failing the whole timeline
			return fact + "=" + value;
		}
	}

	private String knownFact(String fact, String value) {
		return switch (fact) {
			case "interruption" -> texts.get("fact.interruption." + value);
			case "investorsAffected" -> texts.get("fact.affected." + Boolean.parseBoolean(value));
			case "haltAt" -> texts.get("fact.halt");
			case "crimeAt" -> texts.get("fact.crime");
			case "settlement" -> texts.label(Settlement.valueOf(value));
			case "damaged", "leaked" -> texts.get("fact.count." + fact, value);
			case "sys" -> {
				String[] parts = value.split(":", 2);
				yield texts.get("fact.system.done." + parts[1],
						texts.label(SystemClass.fromKey(parts[0]).orElseThrow()));
			}
			case "remoteAccess", "causeKnown" -> texts.get("fact." + fact + "." + Boolean.parseBoolean(value));
			default -> fact + "=" + value;
		};
	}

	private String note(TimelineEntry entry) {
		if (entry.detail("reason") != null) {
			return texts.get("tl.text.blocked", detail(entry, "reason"));
		}
		if (entry.detail("complication") != null) {
			return texts.get("tl.text.complication", detail(entry, "inject"), detail(entry, "complication"));
		}
		return "";
	}

	private String fact(TimelineEntry entry) {
		if (entry.detail("item") != null) {
			// an answer of the /summary interview
			return texts.get("tl.text.summary", texts.get("summary.item." + entry.detail("item")),
					detail(entry, "value"));
		}
		return (entry.detail("fact") != null) ? fact(detail(entry, "fact"), detail(entry, "value")) : "";
	}

	private String recovered(TimelineEntry entry) {
		String at = entry.detail("recoveredAt");
		return (at != null) ? times.apply(Instant.ofEpochMilli(Long.parseLong(at))) : "";
	}

	private String report(TimelineEntry entry) {
		String sequence = sequence(entry);
		// a report that waits for its signers names the book they sign
		String book = (entry.detail("requestSha256") != null) ? entry.detail("requestSha256") : entry.detail("sha256");
		return (entry.detail("approvers") != null && book != null) ? texts.get("tl.text.book", sequence, book)
				: sequence;
	}

	private String sequence(TimelineEntry entry) {
		return sequence(detail(entry, "kind"), detail(entry, "seq"));
	}

	private String role(TimelineEntry entry) {
		return vocabulary.roleName(detail(entry, "role"));
	}

	private static Optional<Severity> severity(String name) {
		for (Severity severity : Severity.values()) {
			if (severity.name().equals(name)) {
				return Optional.of(severity);
			}
		}
		return Optional.empty();
	}

	private static String detail(TimelineEntry entry, String key) {
		String value = entry.detail(key);
		return (value != null) ? value : "";
	}

}
