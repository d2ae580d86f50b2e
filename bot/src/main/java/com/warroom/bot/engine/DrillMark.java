package com.warroom.bot.engine;

import java.util.List;

/**
 * Every message of a drill carries 【演练】: step cards, pickers, confirmations, captions,
 * reminders. A message belongs to a drill when it is about a {@code DRL-} incident (its
 * incident id, or the id in its text); one already marked is left as it is. Stateless.
 */
public final class DrillMark {

	/** The mark, as the cards and reminders write it. */
	public static final String MARK = "【演练】";

	private DrillMark() {
	}

	/** The action, marked when it is about a drill. */
	public static Outbound apply(Outbound action) {
		if (action instanceof Outbound.Send send && drill(send.incidentId(), send.html())) {
			return new Outbound.Send(send.chat(), MARK + send.html(), send.buttons(), send.slot(), send.incidentId());
		}
		if (action instanceof Outbound.Edit edit && drill(edit.incidentId(), edit.html())) {
			return new Outbound.Edit(edit.chat(), edit.slot(), MARK + edit.html(), edit.buttons(), edit.incidentId());
		}
		if (action instanceof Outbound.Document document && drill(document.incidentId(), document.caption())) {
			return new Outbound.Document(document.chat(), document.incidentId(), document.name(),
					MARK + document.caption());
		}
		return action;
	}

	/** Each action, marked when it is about a drill. */
	public static List<Outbound> apply(List<Outbound> actions) {
		return actions.stream().map(DrillMark::apply).toList();
	}

	private static boolean drill(String incidentId, String html) {
		if (html.contains(MARK) || html.isEmpty()) {
			return false;
		}
		return (incidentId != null && incidentId.startsWith("DRL-")) || html.contains("DRL-");
	}

}
