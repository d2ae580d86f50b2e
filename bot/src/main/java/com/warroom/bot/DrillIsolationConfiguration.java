package com.warroom.bot;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import com.warroom.bot.chat.ChatRef;
import com.warroom.bot.delivery.DrillIsolation;
import com.warroom.bot.incident.Incident;
import com.warroom.bot.incident.IncidentStore;
import com.warroom.bot.roster.Contact;
import com.warroom.bot.roster.ContactBook;
import com.warroom.bot.roster.Person;
import com.warroom.bot.roster.Roster;
import com.warroom.notify.DrillCoordinators;
import com.warroom.notify.DrillGuard.Marking;
import com.warroom.notify.DrillGuard.Target;
import com.warroom.notify.DrillGuard;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Which targets a drill may reach (GH-16). {@code warroom.drill.real-only} and
 * {@code warroom.drill.allowed} list targets as {@code channel:address}, optionally
 * followed by {@code |名称} (the name the redirect note uses), comma-separated; an address
 * {@code env:NAME} is read from the environment (robot URLs carry keys). Unlisted targets
 * take their channel's default ({@link DrillGuard#DEFAULTS}: group robots, SMS, voice and
 * e-mail real-only; Telegram and web chats and the roster's own Telegram chats
 * drill-allowed). Every number of the contact book (regulators, exchanges, banks,
 * vendors: 附件二) is real-only for SMS and voice. The coordinator a drill's messages are
 * redirected to is the person who started the drill, else
 * {@code warroom.drill.coordinator}.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(DrillProperties.class)
class DrillIsolationConfiguration {

	private static final Logger log = LoggerFactory.getLogger(DrillIsolationConfiguration.class);

	@Bean
	DrillGuard drillGuard(DrillProperties properties, ContactBook contacts) {
		DrillGuard guard = DrillGuard.defaults();
		for (Contact contact : contacts.all()) {
			for (String number : new String[] { contact.phone(), contact.mobile() }) {
				if (number != null && !number.isBlank()) {
					guard = guard.with(new Target("sms", number), Marking.REAL_ONLY, contact.unit())
						.with(new Target("voice", number), Marking.REAL_ONLY, contact.unit());
				}
			}
		}
		guard = with(guard, properties.realOnly(), Marking.REAL_ONLY, "warroom.drill.real-only");
		guard = with(guard, properties.allowed(), Marking.DRILL_ALLOWED, "warroom.drill.allowed");
		return guard;
	}

	/**
	 * Parses one list; a malformed entry stops the start with the entry named (never its
	 * address: it may carry a key).
	 */
	static DrillGuard with(DrillGuard guard, String list, Marking marking, String property) {
		DrillGuard result = guard;
		for (String raw : list.split(",")) {
			String entry = raw.trim();
			if (entry.isEmpty()) {
				continue;
			}
			String name = null;
			int bar = entry.lastIndexOf('|');
			if (bar > 0) {
				name = entry.substring(bar + 1).trim();
				entry = entry.substring(0, bar).trim();
			}
			int colon = entry.indexOf(':');
			if (colon <= 0 || colon == entry.length() - 1) {
				throw new IllegalArgumentException(property + " 的条目应写成“渠道:地址”（如 tg:-1001234567890|生产运维群），第 "
						+ (List.of(list.split(",")).indexOf(raw) + 1) + " 项不是");
			}
			String channel = entry.substring(0, colon);
			String address = entry.substring(colon + 1);
			if (address.startsWith("env:")) {
				String value = System.getenv(address.substring(4));
				if (value == null || value.isBlank()) {
					log.warn("{} 中的 {} 未设置，该条目不起作用", property, address);
					continue;
				}
				address = value;
			}
			result = result.with(new Target(channel, address), marking, name);
		}
		return result;
	}

	/** The coordinator's Telegram chat for the outbox's notifications. */
	@Bean
	DrillCoordinators drillCoordinators(IncidentStore incidents, Roster roster, DrillProperties properties) {
		String coordinator = properties.coordinator();
		return (incidentId) -> people(incidents, roster, coordinator, incidentId).stream()
			.filter((person) -> person.telegramId() != null)
			.map((person) -> new Target("telegram", person.telegramId()))
			.toList();
	}

	/** The coordinator's own chats (Telegram and web) for the chat delivery path. */
	@Bean
	DrillIsolation drillIsolation(DrillGuard guard, IncidentStore incidents, Roster roster,
			DrillProperties properties) {
		String coordinator = properties.coordinator();
		return new DrillIsolation(guard, (incidentId) -> {
			List<ChatRef> chats = new ArrayList<>();
			for (Person person : people(incidents, roster, coordinator, incidentId)) {
				if (person.telegramId() != null) {
					chats.add(new ChatRef("tg", person.telegramId(), null, false));
				}
				chats.add(ChatRef.webPrivate(person.id()));
			}
			return chats;
		});
	}

	/** The guard on the one delivery path, right after the drill marking. */
	@Bean
	@org.springframework.core.annotation.Order(com.warroom.bot.delivery.DrillIsolationPolicy.ORDER)
	com.warroom.bot.delivery.DrillIsolationPolicy drillIsolationPolicy(DrillIsolation isolation) {
		return new com.warroom.bot.delivery.DrillIsolationPolicy(isolation);
	}

	/**
	 * A drill's plan (inject time, criteria, participants, follow-ups) for its record and
	 * summary.
	 */
	@Bean
	com.warroom.bot.documents.DrillContexts drillContexts(com.warroom.bot.drill.DrillStore store,
			com.warroom.bot.drill.DrillPlanSource plans, Roster roster, com.warroom.bot.engine.Paperwork paperwork) {
		com.warroom.bot.documents.DrillContexts contexts = new com.warroom.bot.documents.DrillContexts(store, plans,
				roster);
		if (paperwork instanceof com.warroom.bot.documents.IncidentPaperwork incidentPaperwork) {
			incidentPaperwork.drillContexts(contexts::of);
		}
		return contexts;
	}

	private static List<Person> people(IncidentStore incidents, Roster roster, String coordinator, String incidentId) {
		Set<String> ids = new LinkedHashSet<>();
		incidents.find(incidentId).map(Incident::declaredBy).ifPresent(ids::add);
		if (!coordinator.isBlank()) {
			ids.add(coordinator.trim());
		}
		return ids.stream().map(roster::byId).flatMap(Optional::stream).toList();
	}

}
