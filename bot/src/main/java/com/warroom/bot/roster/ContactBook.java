package com.warroom.bot.roster;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import com.warroom.playbooks.DataFiles;
import com.warroom.playbooks.InvalidDataFileException;
import com.warroom.playbooks.MappingReader;
import com.warroom.playbooks.Vocabulary;

/** The contact book (CONTACTS_FILE). Immutable and thread-safe. */
public final class ContactBook {

	private final List<Contact> contacts;

	private final Vocabulary vocabulary;

	private final Synonyms synonyms;

	public ContactBook(List<Contact> contacts, Vocabulary vocabulary) {
		this(contacts, vocabulary, Synonyms.bundled());
	}

	/**
	 * @param synonyms what people call the units (上期所 is 上海期货交易所)
	 */
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
					+ contact.unit() + " " + (contact.person() != null ? contact.person() : ""))
				.toLowerCase(Locale.ROOT);
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
	 * @throws InvalidDataFileException with every entry that is wrong, as
	 * {@code file:line: field: message}
	 */
	public static ContactBook parse(String yaml, Vocabulary vocabulary) {
		return read("contacts.yaml", yaml.getBytes(StandardCharsets.UTF_8), vocabulary);
	}

	/**
	 * Reads the contact-book file {@code file} ({@code CONTACTS_FILE}); categories must
	 * be known to the vocabulary.
	 * @throws InvalidDataFileException with every entry that is wrong, as
	 * {@code file:line: field: message}
	 */
	public static ContactBook read(String file, byte[] content, Vocabulary vocabulary) {
		return DataFiles.read("联络手册", file, content, Set.of("contacts"), (root) -> {
			if (!root.has("contacts")) {
				root.error("contacts", "联络手册应有 contacts 列表");
			}
			List<Contact> contacts = new ArrayList<>();
			for (MappingReader entry : root.mappings("contacts",
					Set.of("category", "unit", "person", "phone", "mobile"))) {
				String category = entry.required("category");
				if (category != null && !vocabulary.contactCategories().containsKey(category)) {
					entry.error("category", "未知的联络类别 " + category + "（可用 "
							+ String.join("、", new java.util.TreeSet<>(vocabulary.contactCategories().keySet())) + "）");
				}
				String unit = entry.required("unit");
				String person = entry.optional("person");
				String phone = entry.optional("phone");
				String mobile = entry.optional("mobile");
				if (category != null && unit != null) {
					contacts.add(new Contact(category, unit, person, phone, mobile));
				}
			}
			return root.failed() ? null : new ContactBook(contacts, vocabulary);
		});
	}

}
