package com.warroom.bot.store;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.warroom.bot.chat.ChatRef;
import com.warroom.bot.incident.Incident;
import com.warroom.bot.incident.IncidentKind;
import com.warroom.bot.incident.IncidentStatus;
import com.warroom.playbooks.Interruption;
import com.warroom.playbooks.Severity;
import org.jspecify.annotations.Nullable;

/** How an incident's fields and a timeline entry's details are read back from their rows. */
final class IncidentRows {

	private static final ObjectMapper JSON = new ObjectMapper();

	private static final TypeReference<LinkedHashMap<String, String>> DETAILS = new TypeReference<>() {
	};

	private IncidentRows() {
	}

	/** The incident of its named fields (the names of the Redis hash). */
	static Incident toIncident(Map<String, String> f) {
		String thread = f.getOrDefault("thread", "");
		ChatRef chat = new ChatRef(f.get("channel"), f.get("chatId"), thread.isEmpty() ? null : thread,
				Boolean.parseBoolean(f.get("forum")));
		String level = f.getOrDefault("level", "");
		return new Incident(f.get("id"), IncidentKind.valueOf(f.get("kind")), f.get("playbook"), chat,
				f.get("declaredBy"), instant(f.get("startedAt")), instant(f.get("declaredAt")),
				IncidentStatus.valueOf(f.get("status")), optionalInstant(f.get("recoveredAt")),
				optionalInstant(f.get("closedAt")), level.isEmpty() ? null : Severity.valueOf(level),
				f.get("levelReason"), Interruption.valueOf(f.getOrDefault("interruption", "UNKNOWN")),
				Boolean.parseBoolean(f.getOrDefault("investorsAffected", "true")), f);
	}

	static String json(Map<String, String> details) {
		try {
			return JSON.writeValueAsString(details);
		}
		catch (JsonProcessingException ex) {
			throw new IllegalStateException(ex);
		}
	}

	static Map<String, String> details(String json) {
		try {
			return JSON.readValue(json, DETAILS);
		}
		catch (JsonProcessingException ex) {
			throw new IllegalStateException("timeline details unreadable", ex);
		}
	}

	private static Instant instant(String millis) {
		return Instant.ofEpochMilli(Long.parseLong(millis));
	}

	private static @Nullable Instant optionalInstant(@Nullable String millis) {
		return (millis == null || millis.isEmpty()) ? null : instant(millis);
	}

}
