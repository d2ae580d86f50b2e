package com.warroom.notify;

import java.util.List;

/**
 * Where a drill's coordinator (the person who started the drill, or the configured
 * coordinator) can be reached, for the notifications {@link DrillGuard} redirects.
 * Implemented by the bot, which knows incidents and the roster. Thread-safe.
 */
@FunctionalInterface
public interface DrillCoordinators {

	/** Nobody: redirected notifications are withheld. */
	DrillCoordinators NONE = (incidentId) -> List.of();

	/**
	 * The coordinator's addresses for this drill, the preferred first (e.g.
	 * {@code telegram:<user id>}).
	 */
	List<DrillGuard.Target> of(String incidentId);

}
