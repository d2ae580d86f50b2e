package com.warroom.bot.web;

import java.util.List;

import com.warroom.bot.delivery.DeliveryPolicy;
import com.warroom.bot.delivery.Queued;
import com.warroom.bot.engine.Outbound;

/**
 * The last delivery policy: changes nothing, but every action about an incident (its
 * card, a step, a reminder, an escalation, a document; any notification stored for one)
 * follows a change of that incident, so the boards of every instance are told to check
 * ({@link WebEvents#boardChanged}, once per burst). Stateless; thread-safe.
 */
final class BoardChanges implements DeliveryPolicy {

	private final Runnable changed;

	/**
	 * @param changed what tells the boards (called on the delivering thread; must not
	 * block)
	 */
	BoardChanges(Runnable changed) {
		this.changed = changed;
	}

	@Override
	public List<Outbound> apply(Outbound action) {
		if (Outbound.incidentOf(action) != null) {
			tell();
		}
		return List.of(action);
	}

	@Override
	public List<Queued> applyQueued(Queued queued) {
		tell();
		return List.of(queued);
	}

	/**
	 * Telling the boards never fails a delivery (e.g. one made while the application
	 * stops).
	 */
	private void tell() {
		try {
			changed.run();
		}
		catch (RuntimeException ex) {
			// the boards poll anyway
		}
	}

}
