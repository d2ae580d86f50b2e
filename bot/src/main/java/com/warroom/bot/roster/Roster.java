package com.warroom.bot.roster;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/** The people who may use the bot (ROSTER_FILE). Immutable and thread-safe. */
public final class Roster {

	private final Map<String, Person> byId;

	public Roster(List<Person> people) {
		Map<String, Person> map = new LinkedHashMap<>();
		for (Person person : people) {
			if (map.putIfAbsent(person.id(), person) != null) {
				throw new IllegalArgumentException("名册中人员编号重复：" + person.id());
			}
		}
		this.byId = java.util.Collections.unmodifiableMap(map);
	}

	public List<Person> people() {
		return List.copyOf(byId.values());
	}

	public Optional<Person> byId(String id) {
		return Optional.ofNullable(byId.get(id));
	}

	/**
	 * The person behind a channel's user: the web chat by roster id, Telegram by the
	 * {@code telegram} account, any other channel by the account named like the channel
	 * (a {@code wecom} channel by {@code accounts: { wecom: … }}).
	 */
	public Optional<Person> find(String channel, String userId) {
		if ("web".equals(channel)) {
			return byId(userId);
		}
		String kind = "tg".equals(channel) ? Person.TELEGRAM : channel;
		return byId.values().stream().filter((person) -> userId.equals(person.accounts().get(kind))).findFirst();
	}

	/** People holding {@code role}. */
	public List<Person> withRole(RosterRole role) {
		return byId.values().stream().filter((person) -> person.roles().contains(role)).toList();
	}

	/**
	 * Reads a roster file.
	 * @throws IllegalArgumentException naming the entry that is wrong
	 */
	public static Roster parse(String yaml) {
		Object root = new Yaml(new SafeConstructor(new LoaderOptions())).load(yaml);
		if (!(root instanceof Map<?, ?> map) || !(map.get("people") instanceof List<?> list)) {
			throw new IllegalArgumentException("名册文件应有 people 列表");
		}
		List<Person> people = new ArrayList<>();
		for (int i = 0; i < list.size(); i++) {
			if (!(list.get(i) instanceof Map<?, ?> entry)) {
				throw new IllegalArgumentException("people[" + i + "] 应为键值对");
			}
			String id = required(entry, "id", i);
			Set<RosterRole> roles = EnumSet.noneOf(RosterRole.class);
			for (Object role : (entry.get("roles") instanceof List<?> r) ? r : List.of()) {
				roles.add(RosterRole.fromKey(String.valueOf(role))
					.orElseThrow(() -> new IllegalArgumentException("people[" + id + "].roles：未知角色 " + role
							+ "（可用 leader、commander、responder、liaison、drill-coordinator、observer）")));
			}
			if (roles.isEmpty()) {
				throw new IllegalArgumentException("people[" + id + "].roles：至少需要一个角色");
			}
			List<String> duties = new ArrayList<>();
			for (Object duty : (entry.get("duties") instanceof List<?> d) ? d : List.of()) {
				duties.add(String.valueOf(duty));
			}
			Map<String, String> accounts = accounts(entry, id);
			people.add(new Person(id, required(entry, "name", i), field(entry, "telegram_id", Person.TELEGRAM, accounts, id),
					field(entry, "phone", Person.PHONE, accounts, id), field(entry, "email", Person.EMAIL, accounts, id), roles,
					duties, text(entry.get("deputy")), accounts));
		}
		Roster roster = new Roster(people);
		for (Person person : people) {
			if (person.deputy() != null && roster.byId(person.deputy()).isEmpty()) {
				throw new IllegalArgumentException("people[" + person.id() + "].deputy：名册中没有 " + person.deputy());
			}
		}
		return roster;
	}

	/**
	 * The {@code accounts:} map of an entry, e.g. {@code accounts: { telegram: "900000001",
	 * wecom: zhangwei }}: kinds to ids, each a non-blank value.
	 */
	private static Map<String, String> accounts(Map<?, ?> entry, String id) {
		Object value = entry.get("accounts");
		if (value == null) {
			return Map.of();
		}
		if (!(value instanceof Map<?, ?> map)) {
			throw new IllegalArgumentException("people[" + id + "].accounts：应为“渠道: 账号”的键值对");
		}
		Map<String, String> accounts = new LinkedHashMap<>();
		for (Map.Entry<?, ?> pair : map.entrySet()) {
			String kind = String.valueOf(pair.getKey()).strip();
			String account = text(pair.getValue());
			if (kind.isEmpty() || account == null) {
				throw new IllegalArgumentException("people[" + id + "].accounts." + kind + "：账号不能为空");
			}
			accounts.put(kind, account);
		}
		return accounts;
	}

	/** A field kept for older rosters ({@code telegram_id:}); it must agree with the same account in {@code accounts:}. */
	private static @org.jspecify.annotations.Nullable String field(Map<?, ?> entry, String key, String kind,
			Map<String, String> accounts, String id) {
		String value = text(entry.get(key));
		if (value != null && accounts.containsKey(kind) && !accounts.get(kind).equals(value)) {
			throw new IllegalArgumentException("people[" + id + "]." + key + "：与 accounts." + kind + " 不一致（" + value + " 与 "
					+ accounts.get(kind) + "）");
		}
		return value;
	}

	private static String required(Map<?, ?> entry, String key, int index) {
		String value = text(entry.get(key));
		if (value == null) {
			throw new IllegalArgumentException("people[" + index + "]." + key + "：缺少必填字段");
		}
		return value;
	}

	private static @org.jspecify.annotations.Nullable String text(Object value) {
		return (value == null || String.valueOf(value).isBlank()) ? null : String.valueOf(value).strip();
	}

}
