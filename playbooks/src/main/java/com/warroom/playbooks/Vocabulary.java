package com.warroom.playbooks;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * The closed sets playbooks refer to: roles (附件一) and contact-book categories (附件二), each
 * key with its Chinese name.
 *
 * @param roles role key to name, e.g. {@code dba} → 数据库管理员
 * @param contactCategories category key to name, e.g. {@code exchange} → 交易所
 */
public record Vocabulary(Map<String, String> roles, Map<String, String> contactCategories) {

	public Vocabulary {
		roles = Map.copyOf(roles);
		contactCategories = Map.copyOf(contactCategories);
	}

	/** This vocabulary with the other's entries added (the other wins on equal keys). */
	public Vocabulary merge(Vocabulary other) {
		Map<String, String> mergedRoles = new LinkedHashMap<>(roles);
		mergedRoles.putAll(other.roles);
		Map<String, String> mergedContacts = new LinkedHashMap<>(contactCategories);
		mergedContacts.putAll(other.contactCategories);
		return new Vocabulary(mergedRoles, mergedContacts);
	}

	public String roleName(String key) {
		return Objects.requireNonNullElse(roles.get(key), key);
	}

	public String contactCategoryName(String key) {
		return Objects.requireNonNullElse(contactCategories.get(key), key);
	}

}
