package com.warroom.bot.incident;

/** Where an incident stands. */
public enum IncidentStatus {

	OPEN, RECOVERED, CLOSED

}
