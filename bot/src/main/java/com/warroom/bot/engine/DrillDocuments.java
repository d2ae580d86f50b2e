package com.warroom.bot.engine;

import com.warroom.bot.incident.Incident;
import com.warroom.bot.roster.Permission;
import com.warroom.bot.roster.Person;
import com.warroom.bot.roster.RosterRole;

/**
 * Who may produce and download a drill's documents (GH-16): besides everyone who may for
 * a real incident (reporters produce, the archive's readers download), the coordinator
 * who runs the drill — a 演练协调人, or the person who started it — for that drill only,
 * including its report book (rehearsing it is part of the drill). A real incident's
 * documents keep their rules. Stateless.
 */
public final class DrillDocuments {

	private DrillDocuments() {
	}

	/** Whether this person runs this drill (never for a real incident). */
	public static boolean runs(Person person, Incident incident) {
		if (!incident.isDrill() || !person.may(Permission.DRILL)) {
			return false;
		}
		return person.roles().contains(RosterRole.DRILL_COORDINATOR) || person.id().equals(incident.declaredBy());
	}

	/**
	 * May make this incident's documents ({@code /report}, {@code /summary},
	 * {@code /notice}).
	 */
	public static boolean mayProduce(Person person, Incident incident) {
		return person.may(Permission.REPORT) || runs(person, incident);
	}

	/** May download this closed incident's archived documents. */
	public static boolean mayRead(Person person, Incident incident) {
		return person.may(Permission.ARCHIVE) || runs(person, incident);
	}

}
