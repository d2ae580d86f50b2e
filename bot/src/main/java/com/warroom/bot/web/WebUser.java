package com.warroom.bot.web;

import java.util.stream.Collectors;

import com.warroom.bot.chat.Actor;
import com.warroom.bot.chat.ChatRef;
import com.warroom.bot.engine.Texts;
import com.warroom.bot.roster.Person;

/**
 * The roster person behind a request, with their session. Set as a request attribute by
 * {@link WebGuard} on every request it lets through to a page.
 */
record WebUser(Person person, Sessions.Session session) {

	/** The request attribute holding it. */
	static final String ATTRIBUTE = "warroom.web.user";

	/** The shared room every roster person may enter. */
	static final String ROOM = "room";

	String id() {
		return person.id();
	}

	String csrf() {
		return session.csrf();
	}

	/** The person's own chat with the bot. */
	String privateChat() {
		return ChatRef.webPrivate(person.id()).chatId();
	}

	/**
	 * Whether this person may read and write in a web chat: the room and their own chat.
	 */
	boolean mayEnter(String chatId) {
		return ROOM.equals(chatId) || privateChat().equals(chatId);
	}

	/** For the engine: on the web the user id is the roster id. */
	Actor actor() {
		return new Actor(WebChannel.CHANNEL, person.id(), person.name());
	}

	/**
	 * The roles in the words of {@code texts} (keys {@code role.<ROLE>}), e.g.
	 * {@code 应急领导小组}.
	 */
	String roles(Texts texts) {
		return person.roles()
			.stream()
			.sorted()
			.map((role) -> texts.get("role." + role.name()))
			.collect(Collectors.joining("、"));
	}

}
