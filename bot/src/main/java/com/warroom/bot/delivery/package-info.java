/**
 * The one delivery path: every outbound action goes through
 * {@link com.warroom.bot.delivery.Delivery} (policies first — the drill marking, and the
 * place of the drill guard — then the channel of its chat); handling an event is one call
 * ({@link com.warroom.bot.delivery.EventHandling}); the person
 * {@link com.warroom.bot.delivery.Directory} says how each person is reached directly,
 * from what each channel contributes ({@link com.warroom.bot.delivery.DirectReach}).
 */
@org.jspecify.annotations.NullMarked
package com.warroom.bot.delivery;
