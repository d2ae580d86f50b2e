package com.warroom.bot.store;

import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import redis.clients.jedis.JedisPubSub;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.exceptions.JedisException;

/**
 * Redis pub/sub on one channel between the instances: {@link #publish} tells every
 * instance subscribed (this one too). One daemon thread holds the subscription; when it
 * cannot subscribe or loses the connection (Redis stopped, restarted, failed over) it
 * says {@link Listener#down}, tries again every {@code retry} and says
 * {@link Listener#up} once subscribed again, without a restart. Messages published while
 * an instance was not subscribed are not delivered to it: {@code up} is its cue to catch
 * up from the database. A Redis that hangs without dropping the connection is not noticed
 * here. Thread-safe.
 */
public final class RedisFanout implements AutoCloseable {

	private static final Logger log = LoggerFactory.getLogger(RedisFanout.class);

	private final UnifiedJedis redis;

	private final String channel;

	private final Duration retry;

	private final ExecutorService subscriber;

	private final ExecutorService publisher;

	private volatile boolean live;

	private volatile boolean closed;

	/** Whether the loss of the subscription was said (once per outage). */
	private volatile boolean lost;

	private volatile @Nullable JedisPubSub current;

	/**
	 * What the subscription hears; called on the subscription's thread, so it must not
	 * block.
	 */
	public interface Listener {

		/** A message published by any instance. */
		void message(String message);

		/**
		 * Subscribed (at start or again): what was published before may have been missed.
		 */
		void up();

		/** The subscription is lost: until {@link #up}, nothing published is heard. */
		void down();

	}

	public RedisFanout(UnifiedJedis redis, String channel, Duration retry) {
		this.redis = redis;
		this.channel = channel;
		this.retry = retry;
		this.subscriber = Executors.newSingleThreadExecutor((runnable) -> daemon(runnable, "redis-fanout"));
		this.publisher = Executors.newSingleThreadExecutor((runnable) -> daemon(runnable, "redis-fanout-publish"));
	}

	/** Subscribes (on its own thread) and keeps subscribed until {@link #close}. */
	public void start(Listener listener) {
		subscriber.execute(() -> subscribe(listener));
	}

	/** Whether the subscription is up now: messages published now are heard. */
	public boolean live() {
		return live;
	}

	/**
	 * Publishes {@code message} to every subscribed instance, off the calling thread (a
	 * request never waits on Redis); dropped when the subscription is down, since the
	 * instances then catch up from the database anyway.
	 */
	public void publish(String message) {
		if (!live || closed) {
			return;
		}
		try {
			publisher.execute(() -> {
				try {
					redis.publish(channel, message);
				}
				catch (JedisException ex) {
					log.debug("Redis 发布失败：{}", ex.toString());
				}
			});
		}
		catch (java.util.concurrent.RejectedExecutionException ex) {
			// closing
		}
	}

	private void subscribe(Listener listener) {
		while (!closed) {
			JedisPubSub pubsub = new JedisPubSub() {

				@Override
				public void onSubscribe(String subscribed, int count) {
					live = true;
					if (lost) {
						log.info("Redis 订阅 {} 已恢复，网页恢复即时推送", channel);
						lost = false;
					}
					listener.up();
				}

				@Override
				public void onMessage(String from, String message) {
					listener.message(message);
				}

			};
			current = pubsub;
			try {
				redis.subscribe(pubsub, channel);
			}
			catch (JedisException | IllegalStateException ex) {
				if (!closed && !lost) {
					log.warn("Redis 订阅 {} 中断，网页改为轮询数据库，每 {} 毫秒重试订阅：{}", channel, retry.toMillis(),
							ex.getClass().getSimpleName());
					lost = true;
				}
			}
			boolean wasLive = live;
			live = false;
			if (wasLive) {
				listener.down();
			}
			if (closed) {
				return;
			}
			try {
				Thread.sleep(retry.toMillis());
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				return;
			}
		}
	}

	@Override
	public void close() {
		closed = true;
		JedisPubSub pubsub = current;
		if (pubsub != null && pubsub.isSubscribed()) {
			try {
				pubsub.unsubscribe();
			}
			catch (RuntimeException ex) {
				// the connection is gone already
			}
		}
		subscriber.shutdownNow();
		publisher.shutdownNow();
		try {
			subscriber.awaitTermination(2, TimeUnit.SECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	private static Thread daemon(Runnable runnable, String name) {
		Thread thread = new Thread(runnable, name);
		thread.setDaemon(true);
		return thread;
	}

}
