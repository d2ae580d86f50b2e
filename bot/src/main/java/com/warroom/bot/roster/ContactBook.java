package com.warroom.bot.roster;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import com.warroom.playbooks.Vocabulary;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/** The contact book (CONTACTS_FILE). Immutable and thread-safe. */
public final class ContactBook {

	private final List<Contact> contacts;

	private final Vocabulary vocabulary;

	private final Synonyms synonyms;

	public ContactBook(List<Contact> contacts, Vocabulary vocabulary) {
		this(contacts, vocabulary, Synonyms.bundled());
	}

	/** @param synonyms what people call the units (上期所 is 上海期货交易所) */
	public ContactBook(List<Contact> contacts, Vocabulary vocabulary, Synonyms synonyms) {
		this.contacts = List.copyOf(contacts);
		this.vocabulary = vocabulary;
		this.synonyms = synonyms;
	}

	/** The same book, searched with these synonyms. */
	public ContactBook with(Synonyms synonyms) {
		return new ContactBook(contacts, vocabulary, synonyms);
	}

	public List<Contact> all() {
		return contacts;
	}

	/**
	 * Entries whose category (key or Chinese name), unit or person contain every word, as
	 * typed or as its synonym means it ("上期所", "主机供应商").
	 */
	public List<Contact> search(String words) {
		String[] terms = words.toLowerCase(Locale.ROOT).strip().split("\\s+");
		return contacts.stream().filter((contact) -> {
			String haystack = (contact.category() + " " + vocabulary.contactCategoryName(contact.category()) + " "
					+ contact.unit() + " " + (contact.person() != null ? contact.person() : "")).toLowerCase(Locale.ROOT);
			for (String term : terms) {
				if (!term.isEmpty() && !haystack.contains(term) && !haystack.contains(synonyms.expand(term))) {
					return false;
				}
			}
			return true;
		}).toList();
	}

	public String categoryName(String key) {
		return vocabulary.contactCategoryName(key);
	}

	/**
	 * Reads a contact-book file; categories must be known to the vocabulary.
	 * @throws IllegalArgumentException naming the entry that is wrong
	 */
	public static ContactBook parse(String yaml, Vocabulary vocabulary) {
		Object root = new Yaml(new SafeConstructor(new LoaderOptions())).load(yaml);
		if (!(root instanceof Map<?, ?> map) || !(map.get("contacts") instanceof List<?> list)) {
			throw new IllegalArgumentException("联络手册应有 contacts 列表");
		}
		List<Contact> contacts = new ArrayList<>();
		for (int i = 0; i < list.size(); i++) {
			if (!(list.get(i) instanceof Map<?, ?> entry)) {
				throw new IllegalArgumentException("contacts[" + i + "] 应为键值对");
			}
			String category = String.valueOf(entry.get("category"));
			if (!vocabulary.contactCategories().containsKey(category)) {
				throw new IllegalArgumentException("contacts[" + i + "].category：未知的联络类别 " + category);
			}
			Object unit = entry.get("unit");
			if (unit == null || String.valueOf(unit).isBlank()) {
				throw new IllegalArgumentException("contacts[" + i + "].unit：缺少必填字段");
			}
			contacts.add(new Contact(category, String.valueOf(unit).strip(), text(entry.get("person")),
					text(entry.get("phone")), text(entry.get("mobile"))));
		}
		return new ContactBook(contacts, vocabulary);
	}

	private static @org.jspecify.annotations.Nullable String text(Object value) {
		return (value == null || String.valueOf(value).isBlank()) ? null : String.valueOf(value).strip();
	}

}
