package com.warroom.bot.web;

/** How people reach the web pages. */
enum WebMode {

	/**
	 * The token-less local default: anyone at this machine picks who they are from the
	 * roster; the server listens on the loopback address only and refuses other peers.
	 */
	LOCAL,

	/** Any deployed use: roster people sign in with their password; sessions expire. */
	SIGN_IN

}
