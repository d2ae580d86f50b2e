package com.warroom.bot.engine;

import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import com.warroom.playbooks.Playbook;
import com.warroom.playbooks.PlaybookLibrary;
import org.apache.commons.text.similarity.JaroWinklerSimilarity;

/**
 * Fuzzy search of playbooks by title and description, Chinese included: the share of the
 * query's characters and character pairs found in the title (weighted most) and the
 * description, plus Jaro–Winkler on the title for Latin words (UPS, DDOS). Thread-safe.
 */
public class ScenarioSearch {

	private static final double THRESHOLD = 0.34;

	private final PlaybookLibrary library;

	private final JaroWinklerSimilarity jaroWinkler = new JaroWinklerSimilarity();

	private final com.warroom.bot.roster.Synonyms synonyms;

	public ScenarioSearch(PlaybookLibrary library) {
		this(library, com.warroom.bot.roster.Synonyms.bundled());
	}

	/**
	 * @param synonyms what responders say for the playbooks' words ("中央交易系统" for 集中交易系统)
	 */
	public ScenarioSearch(PlaybookLibrary library, com.warroom.bot.roster.Synonyms synonyms) {
		this.library = library;
		this.synonyms = synonyms;
	}

	/** A playbook with its score in [0, 1]. */
	public record Match(Playbook playbook, double score) {
	}

	/**
	 * The best matches, at most {@code limit}, best first; empty when nothing is close.
	 * The query is scored as typed and as its synonyms mean it; the better score counts.
	 */
	public List<Match> search(String query, int limit) {
		String q = normalize(query);
		if (q.isEmpty()) {
			return List.of();
		}
		String meant = normalize(synonyms.expand(query));
		Set<String> grams = grams(q);
		Set<String> meantGrams = grams(meant);
		return library.all().stream().map((playbook) -> {
			double score = Math.max(score(q, grams, playbook),
					meant.equals(q) ? 0 : score(meant, meantGrams, playbook));
			return new Match(playbook, Math.min(1.0, score));
		})
			.filter((match) -> match.score() >= THRESHOLD)
			.sorted(Comparator.comparingDouble(Match::score).reversed().thenComparing((m) -> m.playbook().id()))
			.limit(limit)
			.toList();
	}

	private double score(String q, Set<String> grams, Playbook playbook) {
		String title = normalize(playbook.fullTitle());
		String all = title + normalize(playbook.description()) + normalize(playbook.category());
		return Math.max(coverage(grams, title), 0.8 * coverage(grams, all)) + 0.1 * jaroWinkler.apply(q, title);
	}

	private static double coverage(Set<String> grams, String text) {
		long found = grams.stream().filter(text::contains).count();
		return (double) found / grams.size();
	}

	/** Single characters and adjacent pairs within each word of the query. */
	private static Set<String> grams(String q) {
		Set<String> grams = new HashSet<>();
		for (String word : q.split(" ")) {
			if (word.isEmpty()) {
				continue;
			}
			boolean latin = word.chars().allMatch((c) -> c < 0x2E80);
			if (latin) {
				grams.add(word);
				continue;
			}
			for (int i = 0; i < word.length(); i++) {
				grams.add(word.substring(i, i + 1));
				if (i + 1 < word.length()) {
					grams.add(word.substring(i, i + 2));
				}
			}
		}
		return grams;
	}

	private static String normalize(String text) {
		String lower = text.toLowerCase(Locale.ROOT);
		StringBuilder out = new StringBuilder(lower.length());
		for (int i = 0; i < lower.length(); i++) {
			char c = lower.charAt(i);
			out.append(Character.isLetterOrDigit(c) ? c : ' ');
		}
		return out.toString().replaceAll(" +", " ").strip();
	}

}
