package com.warroom.notify.spi;

import java.time.Duration;

import org.jspecify.annotations.Nullable;

/**
 * The outcome of one delivery attempt.
 *
 * @param status delivered, retry later, or failed for good
 * @param retryAfter for {@link Status#RETRY}: how long the peer asked to wait, or null
 * @param detail what the peer said (no secrets), for the log and the timeline
 */
public record DeliveryResult(Status status, @Nullable Duration retryAfter, String detail) {

	public enum Status {

		DELIVERED, RETRY, FAILED

	}

	public static DeliveryResult delivered() {
		return new DeliveryResult(Status.DELIVERED, null, "ok");
	}

	public static DeliveryResult retry(@Nullable Duration after, String detail) {
		return new DeliveryResult(Status.RETRY, after, detail);
	}

	public static DeliveryResult failed(String detail) {
		return new DeliveryResult(Status.FAILED, null, detail);
	}

}
