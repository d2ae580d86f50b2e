package com.warroom.bot.roster;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import com.warroom.playbooks.DataFiles;
import com.warroom.playbooks.InvalidDataFileException;
import com.warroom.playbooks.MappingReader;
import org.jspecify.annotations.Nullable;
import org.yaml.snakeyaml.nodes.Node;

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
	 * @throws InvalidDataFileException with every entry that is wrong, as
	 * {@code file:line: field: message}
	 */
	public static Roster parse(String yaml) {
		return read("roster.yaml", yaml.getBytes(StandardCharsets.UTF_8));
	}

	/**
	 * Reads the roster file {@code file} ({@code ROSTER_FILE}).
	 * @throws InvalidDataFileException with every entry that is wrong, as
	 * {@code file:line: field: message}
	 */
	public static Roster read(String file, byte[] content) {
		return DataFiles.read("应急名册", file, content, Set.of("people"), Roster::parse);
	}

	private static final Set<String> PERSON_FIELDS = Set.of("id", "name", "telegram_id", "phone", "email", "roles",
			"duties", "deputy", "accounts");

	private static @Nullable Roster parse(MappingReader root) {
		if (root.size("people") == 0) {
			root.error("people", "名册文件应有非空的 people 列表");
		}
		List<Person> people = new ArrayList<>();
		Map<String, MappingReader> entries = new LinkedHashMap<>();
		for (MappingReader entry : root.mappings("people", PERSON_FIELDS)) {
			String id = entry.required("id");
			String name = entry.required("name");
			Set<RosterRole> roles = EnumSet.noneOf(RosterRole.class);
			List<Node> roleNodes = entry.list("roles");
			for (int i = 0; i < roleNodes.size(); i++) {
				String field = entry.field("roles") + "[" + i + "]";
				String role = entry.text(roleNodes.get(i), field);
				if (role != null && RosterRole.fromKey(role).isEmpty()) {
					entry.error(roleNodes.get(i), field,
							"未知角色 " + role + "（可用 leader、commander、responder、liaison、drill-coordinator、observer）");
				}
				else if (role != null) {
					roles.add(RosterRole.fromKey(role).get());
				}
			}
			if (roleNodes.isEmpty()) {
				entry.error("roles", "至少需要一个角色");
			}
			List<String> duties = entry.texts("duties");
			Map<String, String> accounts = entry.textMap("accounts", "“渠道: 账号”");
			String telegram = field(entry, "telegram_id", Person.TELEGRAM, accounts);
			String phone = field(entry, "phone", Person.PHONE, accounts);
			String email = field(entry, "email", Person.EMAIL, accounts);
			String telegramAccount = (telegram != null) ? telegram : accounts.get(Person.TELEGRAM);
			if (telegramAccount != null && !telegramAccount.matches("[0-9]{1,20}")) {
				entry.error((telegram != null) ? "telegram_id" : "accounts",
						(telegram != null) ? "必须是数字（Telegram 用户编号）" : "accounts.telegram 必须是数字（Telegram 用户编号）");
			}
			if (id == null || name == null) {
				continue;
			}
			if (entries.putIfAbsent(id, entry) != null) {
				entry.error("id", "人员编号 " + id + " 重复（第一次出现在第 " + entries.get(id).line() + " 行）");
				continue;
			}
			people.add(new Person(id, name, telegram, phone, email, roles, duties, entry.optional("deputy"), accounts));
		}
		for (Person person : people) {
			if (person.deputy() != null && !entries.containsKey(person.deputy())) {
				entries.get(person.id()).error("deputy", "名册中没有 " + person.deputy());
			}
		}
		return root.failed() ? null : new Roster(people);
	}

	/**
	 * A field kept for older rosters ({@code telegram_id:}); it must agree with the same
	 * account in {@code accounts:}.
	 */
	private static @Nullable String field(MappingReader entry, String key, String kind, Map<String, String> accounts) {
		String value = entry.optional(key);
		if (value != null && accounts.containsKey(kind) && !accounts.get(kind).equals(value)) {
			entry.error(key, "与 accounts." + kind + " 不一致（" + value + " 与 " + accounts.get(kind) + "）");
		}
		return value;
	}

}
