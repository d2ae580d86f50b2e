package com.warroom.bot.store;

import java.util.Map;

import com.warroom.bot.incident.EventReads;
import com.warroom.bot.incident.IncidentStore;

/**
 * For tests outside this package: writes an incident's fields by their stored names, as
 * an older version (or a hand in the database) left them, without a timeline entry. The
 * application itself writes only through the typed operations of {@link IncidentStore}.
 */
public final class RawFields {

	private RawFields() {
	}

	/** Sets {@code fields} on the incident as stored (a Redis or database store). */
	public static void set(IncidentStore store, String incidentId, Map<String, String> fields) {
		if (store instanceof EventReads reads) {
			set(reads.store(), incidentId, fields);
			return;
		}
		if (!(store instanceof FieldIncidentStore stored)) {
			throw new IllegalArgumentException("not a field store: " + store.getClass().getName());
		}
		stored.setFields(incidentId, fields);
	}

}
