package com.warroom.bot.delivery;

import java.util.List;
import java.util.Optional;
import java.util.function.Function;

import com.warroom.bot.chat.ChatRef;
import com.warroom.bot.engine.Html;
import com.warroom.bot.engine.Outbound;
import com.warroom.notify.DrillGuard;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link DrillGuard} on the chat delivery path (GH-16): a drill's message for a real-only
 * chat (a production group, a configured Telegram or web chat) goes to the drill
 * coordinator's own chat on the same channel, with a note saying where it would have
 * gone; without a coordinator there it is not sent. Real incidents pass untouched.
 * Thread-safe.
 */
public final class DrillIsolation {

	private static final Logger log = LoggerFactory.getLogger(DrillIsolation.class);

	/**
	 * No marking configured: the built-in defaults (chats drill-allowed), nobody to
	 * redirect to.
	 */
	public static final DrillIsolation DEFAULTS = new DrillIsolation(DrillGuard.defaults(), (incident) -> List.of());

	private final DrillGuard guard;

	private final Function<String, List<ChatRef>> coordinators;

	/**
	 * @param coordinators a drill's coordinator's own chats (by incident id), on any
	 * channel
	 */
	public DrillIsolation(DrillGuard guard, Function<String, List<ChatRef>> coordinators) {
		this.guard = guard;
		this.coordinators = coordinators;
	}

	/**
	 * The action as it may go: unchanged, redirected to the coordinator, or empty when
	 * withheld.
	 */
	public Optional<Outbound> apply(Outbound action) {
		Optional<ChatRef> chat = Delivery.chatOf(action);
		String incidentId = Outbound.incidentOf(action);
		if (chat.isEmpty() || !drill(incidentId, action)) {
			return Optional.of(action);
		}
		ChatRef to = chat.get();
		Optional<DrillGuard.Target> coordinator = (incidentId == null) ? Optional.empty()
				: coordinators.apply(incidentId)
					.stream()
					.filter((ref) -> ref.channel().equals(to.channel()))
					.findFirst()
					.map(DrillIsolation::target);
		DrillGuard.Verdict verdict = guard.check(true, target(to), coordinator);
		if (verdict instanceof DrillGuard.Redirect redirect) {
			ChatRef own = new ChatRef(to.channel(), redirect.to().address(), null, false);
			String note = Html.escape(redirect.note()) + "\n";
			return Optional.of(redirected(action, own, note));
		}
		if (verdict instanceof DrillGuard.Withhold) {
			log.info("演练消息未发出（{} 仅限真实事件，{} 没有可接收的演练协调人）", to.channel(), incidentId);
			return Optional.empty();
		}
		return Optional.of(action);
	}

	private static DrillGuard.Target target(ChatRef chat) {
		return new DrillGuard.Target(chat.channel(), chat.chatId());
	}

	private static Outbound redirected(Outbound action, ChatRef own, String note) {
		if (action instanceof Outbound.Send send) {
			return new Outbound.Send(own, note + send.html(), send.buttons(), send.slot(), send.incidentId());
		}
		if (action instanceof Outbound.Edit edit) {
			return new Outbound.Edit(own, edit.slot(), note + edit.html(), edit.buttons(), edit.incidentId());
		}
		Outbound.Document document = (Outbound.Document) action;
		return new Outbound.Document(own, document.incidentId(), document.name(), note + document.caption());
	}

	/**
	 * About a {@code DRL-} incident, by its id or its text (a reminder names it in its
	 * text).
	 */
	private static boolean drill(@org.jspecify.annotations.Nullable String incidentId, Outbound action) {
		if (incidentId != null && incidentId.startsWith("DRL-")) {
			return true;
		}
		String text = (action instanceof Outbound.Send send) ? send.html()
				: (action instanceof Outbound.Edit edit) ? edit.html() : "";
		// the answer to someone's own /drill before any drill exists (the scenario
		// picker) stays in their chat: it names no drill and carries nothing of one
		return text.contains("DRL-");
	}

}
