package com.warroom.bot.roster;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

import org.jspecify.annotations.Nullable;

/**
 * A member of the emergency organisation.
 *
 * @param id stable key, e.g. {@code zhang-wei}
 * @param name display name
 * @param telegramId Telegram user id, or null
 * @param phone phone number, or null
 * @param email e-mail, or null
 * @param roles roster roles
 * @param duties playbook roles this person performs (vocabulary keys, e.g. {@code dba})
 * @param deputy the id of their 备岗, or null
 * @param accounts the person's accounts by kind ({@link #TELEGRAM}, {@link #WECOM},
 * {@link #DINGTALK}, {@link #FEISHU}, {@link #EMAIL}, {@link #PHONE}, or a new channel's
 * own kind); {@code telegramId}, {@code phone} and {@code email} are in it too
 */
public record Person(String id, String name, @Nullable String telegramId, @Nullable String phone,
		@Nullable String email, Set<RosterRole> roles, List<String> duties, @Nullable String deputy,
		Map<String, String> accounts) {

	/** Account kinds: the Telegram user id. */
	public static final String TELEGRAM = "telegram";

	/** The WeCom (企业微信) user id. */
	public static final String WECOM = "wecom";

	/** The DingTalk user id. */
	public static final String DINGTALK = "dingtalk";

	/** The Feishu user id. */
	public static final String FEISHU = "feishu";

	public static final String EMAIL = "email";

	public static final String PHONE = "phone";

	public Person {
		Objects.requireNonNull(id, "id");
		Objects.requireNonNull(name, "name");
		roles = Set.copyOf(roles);
		duties = List.copyOf(duties);
		Map<String, String> all = new LinkedHashMap<>(accounts);
		telegramId = merge(all, TELEGRAM, telegramId);
		phone = merge(all, PHONE, phone);
		email = merge(all, EMAIL, email);
		accounts = Collections.unmodifiableMap(all);
	}

	public Person(String id, String name, @Nullable String telegramId, @Nullable String phone, @Nullable String email,
			Set<RosterRole> roles, List<String> duties, @Nullable String deputy) {
		this(id, name, telegramId, phone, email, roles, duties, deputy, Map.of());
	}

	/**
	 * The person's account of {@code kind} (e.g. {@link #TELEGRAM}), if the roster gives
	 * one.
	 */
	public Optional<String> account(String kind) {
		return Optional.ofNullable(accounts.get(kind));
	}

	/**
	 * The field's value, or the account's when the field is not given; the account map
	 * gets it too.
	 */
	private static @Nullable String merge(Map<String, String> accounts, String kind, @Nullable String field) {
		if (field != null) {
			accounts.put(kind, field);
			return field;
		}
		return accounts.get(kind);
	}

	public boolean may(Permission permission) {
		return roles.stream().anyMatch((role) -> role.permissions().contains(permission));
	}

}
