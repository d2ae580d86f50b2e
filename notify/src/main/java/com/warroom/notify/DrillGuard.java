package com.warroom.notify;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

import org.jspecify.annotations.Nullable;

/**
 * The one check that keeps a drill (演练) away from real targets (GH-16). Every configured
 * target — a Telegram or web chat, a group robot (WeCom, DingTalk, Feishu), an SMS or
 * voice number, an e-mail address, a regulator's or customer's address from the contact
 * book — is either {@link Marking#REAL_ONLY real-only} or {@link Marking#DRILL_ALLOWED
 * drill-allowed}. A drill's message to a real-only target is redirected to the drill
 * coordinator with a note saying in Chinese where it would have gone; a real incident's
 * messages always go where they were meant to. Used on the bot's delivery path and in the
 * notify outbox, so no channel bypasses it. Immutable, thread-safe, pure.
 */
public final class DrillGuard {

	/** Whether a drill may reach a target. */
	public enum Marking {

		REAL_ONLY, DRILL_ALLOWED;

		/** {@code real-only} or {@code drill-allowed} (as in the configuration). */
		public static Marking parse(String value) {
			return switch (value.trim().toLowerCase(Locale.ROOT)) {
				case "real-only" -> REAL_ONLY;
				case "drill-allowed" -> DRILL_ALLOWED;
				default -> throw new IllegalArgumentException("演练隔离标记只能是 real-only 或 drill-allowed，而不是“" + value + "”");
			};
		}

	}

	/**
	 * Where a message goes.
	 *
	 * @param channel the channel type: {@code tg}, {@code web}, {@code telegram} (the
	 * outbox's Telegram direct messages), {@code wecom}, {@code dingtalk},
	 * {@code feishu}, {@code sms}, {@code voice}, {@code email}
	 * @param address the chat id, webhook URL, number or address
	 */
	public record Target(String channel, String address) {

		public Target {
			Objects.requireNonNull(channel, "channel");
			Objects.requireNonNull(address, "address");
		}

		/** {@code channel:address}, the key of the configuration. */
		public String key() {
			return channel + ":" + address;
		}

	}

	/** What to do with one message. */
	public sealed interface Verdict {

	}

	/** Deliver it where it was meant to go. */
	public record Deliver() implements Verdict {

	}

	/**
	 * Deliver it to the coordinator instead, with {@code note} in front.
	 *
	 * @param to the coordinator's address on a channel
	 * @param note says that it is a drill and where the message would have gone
	 */
	public record Redirect(Target to, String note) implements Verdict {

	}

	/** Deliver it nowhere: real-only and no coordinator can be reached. */
	public record Withhold(String note) implements Verdict {

	}

	/**
	 * The channels whose targets are production groups or outside parties: real-only
	 * unless configured otherwise. Chats and the roster's own Telegram chats are
	 * drill-allowed.
	 */
	public static final Map<String, Marking> DEFAULTS = Map.of("wecom", Marking.REAL_ONLY, "dingtalk",
			Marking.REAL_ONLY, "feishu", Marking.REAL_ONLY, "sms", Marking.REAL_ONLY, "voice", Marking.REAL_ONLY,
			"email", Marking.REAL_ONLY, "telegram", Marking.DRILL_ALLOWED, "tg", Marking.DRILL_ALLOWED, "web",
			Marking.DRILL_ALLOWED);

	private final Map<String, Marking> targets;

	private final Map<String, String> names;

	private final Map<String, Marking> defaults;

	/**
	 * @param targets markings by {@link Target#key()}
	 * @param names what the note calls a target (e.g. 生产运维群), by key; others are
	 * described by their channel without their address where it can carry a secret
	 * @param defaults the marking by channel of a target not listed (an unknown channel
	 * is real-only)
	 */
	public DrillGuard(Map<String, Marking> targets, Map<String, String> names, Map<String, Marking> defaults) {
		this.targets = Map.copyOf(targets);
		this.names = Map.copyOf(names);
		this.defaults = Map.copyOf(defaults);
	}

	/** The built-in defaults and no target listed. */
	public static DrillGuard defaults() {
		return new DrillGuard(Map.of(), Map.of(), DEFAULTS);
	}

	/** This guard with one more target (a later entry for the same key wins). */
	public DrillGuard with(Target target, Marking marking, @Nullable String name) {
		Map<String, Marking> more = new HashMap<>(targets);
		more.put(target.key(), marking);
		Map<String, String> moreNames = new HashMap<>(names);
		if (name != null && !name.isBlank()) {
			moreNames.put(target.key(), name);
		}
		return new DrillGuard(more, moreNames, defaults);
	}

	/** The marking of a target: listed, else its channel's default, else real-only. */
	public Marking marking(Target target) {
		Marking listed = targets.get(target.key());
		return (listed != null) ? listed : defaults.getOrDefault(target.channel(), Marking.REAL_ONLY);
	}

	/**
	 * The check.
	 * @param drill whether the message belongs to a drill
	 * @param target where it is meant to go
	 * @param coordinator the drill coordinator's address on a channel that can carry it,
	 * or empty
	 */
	public Verdict check(boolean drill, Target target, Optional<Target> coordinator) {
		if (!drill || marking(target) == Marking.DRILL_ALLOWED) {
			return new Deliver();
		}
		String where = describe(target);
		if (coordinator.isPresent() && marking(coordinator.get()) == Marking.DRILL_ALLOWED
				&& !coordinator.get().equals(target)) {
			return new Redirect(coordinator.get(), "【演练】此消息原应发往" + where + "（仅限真实事件），演练中改发给演练协调人，未发往原目标。");
		}
		return new Withhold("【演练】此消息原应发往" + where + "（仅限真实事件），演练中未发出：找不到可接收的演练协调人。");
	}

	/**
	 * How the note names a target: its configured name, else its channel and a safe part
	 * of its address.
	 */
	public String describe(Target target) {
		String name = names.get(target.key());
		if (name != null) {
			return name;
		}
		String address = target.address();
		return switch (target.channel()) {
			case "wecom" -> "企业微信群机器人（" + host(address) + "）";
			case "dingtalk" -> "钉钉群机器人（" + host(address) + "）";
			case "feishu" -> "飞书群机器人（" + host(address) + "）";
			case "sms" -> "短信号码 " + masked(address);
			case "voice" -> "语音电话 " + masked(address);
			case "email" -> "邮箱 " + address;
			case "tg", "telegram" -> "Telegram 会话 " + address;
			case "web" -> "网页聊天 " + address;
			default -> target.channel() + " 渠道";
		};
	}

	/** A webhook URL's host only: its path and query carry the robot's key. */
	private static String host(String url) {
		try {
			String host = java.net.URI.create(url).getHost();
			return (host != null) ? host : "地址已隐去";
		}
		catch (IllegalArgumentException ex) {
			return "地址已隐去";
		}
	}

	/** {@code 138****0000}: enough to recognise, not to dial. */
	private static String masked(String number) {
		return (number.length() <= 7) ? "****"
				: number.substring(0, 3) + "****" + number.substring(number.length() - 4);
	}

}
