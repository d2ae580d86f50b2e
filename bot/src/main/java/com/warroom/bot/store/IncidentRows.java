package com.warroom.bot.store;

import java.util.LinkedHashMap;
import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

/** How a timeline entry's details are kept in their row (a JSON object of strings). */
final class IncidentRows {

	private static final ObjectMapper JSON = new ObjectMapper();

	private static final TypeReference<LinkedHashMap<String, String>> DETAILS = new TypeReference<>() {
	};

	private IncidentRows() {
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

}
