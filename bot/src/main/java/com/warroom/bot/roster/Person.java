package com.warroom.bot.roster;

import java.util.List;
import java.util.Objects;
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
 */
public record Person(String id, String name, @Nullable String telegramId, @Nullable String phone,
		@Nullable String email, Set<RosterRole> roles, List<String> duties, @Nullable String deputy) {

	public Person {
		Objects.requireNonNull(id, "id");
		Objects.requireNonNull(name, "name");
		roles = Set.copyOf(roles);
		duties = List.copyOf(duties);
	}

	public boolean may(Permission permission) {
		return roles.stream().anyMatch((role) -> role.permissions().contains(permission));
	}

}
