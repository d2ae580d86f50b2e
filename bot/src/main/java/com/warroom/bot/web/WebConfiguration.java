package com.warroom.bot.web;

import java.net.InetAddress;
import java.time.Clock;
import java.time.Duration;

import com.warroom.bot.delivery.Delivery;
import com.warroom.bot.delivery.DeliveryPolicy;
import com.warroom.bot.delivery.Directory;
import com.warroom.bot.delivery.EventHandling;
import com.warroom.bot.delivery.Reach;
import com.warroom.bot.engine.ConversationEngine;
import com.warroom.bot.engine.IncidentViews;
import com.warroom.bot.engine.MessageSlots;
import com.warroom.bot.engine.Texts;
import com.warroom.bot.incident.IncidentStore;
import com.warroom.bot.roster.Roster;
import com.warroom.bot.store.RedisFanout;
import com.warroom.bot.store.RedisWebChatImport;
import com.warroom.playbooks.PlaybookLibrary;
import jakarta.servlet.DispatcherType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.web.server.ConfigurableWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Lazy;
import org.springframework.core.Ordered;
import redis.clients.jedis.UnifiedJedis;

/**
 * Wires the web: the mode (local without a Telegram token, sign-in otherwise or when
 * {@code WEB_AUTH=password}), the guard in front of every request, the chat channel and
 * its event streams, the board.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(WebProperties.class)
class WebConfiguration {

	private static final Logger log = LoggerFactory.getLogger(WebConfiguration.class);

	@Bean
	WebMode webMode(WebProperties properties, @Value("${warroom.telegram.token:}") String telegramToken) {
		WebMode mode = properties.mode(!telegramToken.isBlank());
		log.info((mode == WebMode.LOCAL) ? "网页聊天：本机试用模式，只监听 127.0.0.1（无需登录）" : "网页聊天与看板：需登录（名册人员，WEB_PASSWORDS_FILE）");
		return mode;
	}

	/** Says at start which address to open, once the server listens. */
	@Bean
	org.springframework.context.ApplicationListener<org.springframework.boot.web.server.context.WebServerInitializedEvent> startupAddress(
			WebMode mode, @Value("${server.address:}") String address) {
		return (event) -> log.info(startupLine(mode, address, event.getWebServer().getPort()));
	}

	/** e.g. {@code 请在浏览器中打开 http://localhost:8080/ …}. */
	static String startupLine(WebMode mode, String address, int port) {
		String host = (mode == WebMode.LOCAL || address.isBlank() || address.equals("0.0.0.0") || address.equals("::"))
				? "localhost" : address;
		return "请在浏览器中打开 http://" + host + ":" + port + "/ "
				+ ((mode == WebMode.LOCAL) ? "（网页聊天，选择身份即可使用）" : "（网页聊天与领导看板，名册人员登录）");
	}

	/**
	 * The local mode listens on the loopback address only, whatever
	 * {@code server.address} says.
	 */
	@Bean
	WebServerFactoryCustomizer<ConfigurableWebServerFactory> loopbackOnly(WebMode mode) {
		return (factory) -> {
			if (mode == WebMode.LOCAL) {
				factory.setAddress(InetAddress.getLoopbackAddress());
			}
		};
	}

	/**
	 * Sessions in Redis; while Redis is unreachable, a session validated here within the
	 * last {@code WEB_SESSION_GRACE} is still accepted (pages already open keep working).
	 */
	@Bean
	Sessions webSessions(UnifiedJedis redis, Clock clock, WebProperties properties,
			@Value("${warroom.web.session-grace:PT15M}") Duration grace) {
		return new Sessions(redis, clock, properties.sessionIdle(), properties.sessionMax(), grace);
	}

	@Bean
	PasswordAccounts passwordAccounts(WebProperties properties, Roster roster, UnifiedJedis redis, WebMode mode,
			Delivery delivery, Directory directory, Texts texts, Clock clock,
			com.warroom.playbooks.WorkingDayCalendar calendar) {
		PasswordAccounts accounts = PasswordAccounts.load(properties.passwordsFile(), roster, redis);
		// the owner of an id that a source was just locked
		// out of hears of it in their own chats
		accounts.onLock((id, source) -> roster.byId(id).ifPresent((person) -> {
			String time = java.time.format.DateTimeFormatter.ofPattern("MM-dd HH:mm")
				.format(clock.instant().atZone(calendar.zone()));
			String text = texts.get("web.login.locked.owner", com.warroom.bot.engine.Html.escape(id), time,
					com.warroom.bot.engine.Html.escape(source.isEmpty() ? "—" : source),
					String.valueOf(PasswordAccounts.MAX_FAILURES), String.valueOf(PasswordAccounts.LOCK.toMinutes()));
			for (Reach reach : directory.reach(person)) {
				delivery.deliver(
						new com.warroom.bot.engine.Outbound.Send(reach.chat(), text, java.util.List.of(), null, null));
			}
			log.warn("网页登录：来源 {} 对 {} 连续失败 {} 次，已锁定该来源 {} 分钟并通知本人", source, id, PasswordAccounts.MAX_FAILURES,
					PasswordAccounts.LOCK.toMinutes());
		}));
		if (mode == WebMode.SIGN_IN) {
			log.info("网页账户：{} 人{}", accounts.size(), (accounts.size() == 0) ? "（未配置 WEB_PASSWORDS_FILE，无人能登录网页）" : "");
		}
		return accounts;
	}

	@Bean
	FilterRegistrationBean<WebGuard> webGuard(WebMode mode, Sessions sessions, Roster roster, Texts texts) {
		FilterRegistrationBean<WebGuard> registration = new FilterRegistrationBean<>(
				new WebGuard(mode, sessions, roster, texts));
		registration.addUrlPatterns("/*");
		registration.setDispatcherTypes(DispatcherType.REQUEST);
		// after the character-encoding filter, before everything else
		registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 10);
		return registration;
	}

	@Bean
	Layout webLayout(Texts texts, WebMode mode) {
		return new Layout(texts, mode);
	}

	/**
	 * The web chat log, in the job-store database; the logs an earlier version kept in
	 * Redis are copied in first (once: what is there already is skipped).
	 */
	@Bean
	WebChatLog webChatLog(javax.sql.DataSource dataSource, UnifiedJedis redis) {
		try {
			new RedisWebChatImport(redis, dataSource).run();
		}
		catch (redis.clients.jedis.exceptions.JedisException ex) {
			log.warn("Redis 不可用，未检查其中是否有旧版本的网页聊天记录（下次启动时再导入）：{}", ex.getClass().getSimpleName());
		}
		return new WebChatLog(dataSource);
	}

	/** Tells the other instances' pages of what changed here. */
	@Bean(destroyMethod = "close")
	RedisFanout webFanout(UnifiedJedis redis, @Value("${warroom.web.resubscribe:PT1S}") Duration retry) {
		return new RedisFanout(redis, "wr:web:events", retry);
	}

	@Bean
	ChatView chatView(Texts texts, IncidentViews views, @Lazy ConversationEngine engine) {
		return new ChatView(texts, views, engine::menu);
	}

	@Bean
	Board board(IncidentStore incidents, PlaybookLibrary library, IncidentViews views,
			com.warroom.bot.assessment.Assessments assessments, Clock clock) {
		return new Board(incidents, library, views, assessments, clock);
	}

	@Bean(destroyMethod = "close")
	WebEvents webEvents(WebChatLog chats, Sessions sessions, ChatView view, Board board, RedisFanout fanout,
			Clock clock, @Value("${warroom.web.poll:PT1S}") Duration poll,
			@Value("${warroom.web.heartbeat:PT15S}") Duration heartbeat) {
		return new WebEvents(chats, sessions, view::message, board::signature, fanout, clock, poll, heartbeat);
	}

	/**
	 * Every action about an incident tells the boards of every instance to check; last of
	 * the policies.
	 */
	@Bean
	@org.springframework.core.annotation.Order(Ordered.LOWEST_PRECEDENCE)
	DeliveryPolicy boardChanges(org.springframework.beans.factory.ObjectProvider<WebEvents> webEvents) {
		return new BoardChanges(() -> webEvents.ifAvailable(WebEvents::boardChanged));
	}

	/** Also the first channel of the person directory: everyone's own web chat. */
	@Bean
	@org.springframework.core.annotation.Order(1)
	WebChannel webChannel(WebChatLog chats, MessageSlots slots, WebEvents events, Texts texts, Clock clock) {
		return new WebChannel(chats, slots, events, texts, clock);
	}

	@Bean
	WebConversation webConversation(EventHandling handling, WebChannel web, Texts texts) {
		return new WebConversation(handling, web, texts);
	}

	@Bean
	SignInPages signInPages(Texts texts, PlaybookLibrary library) {
		return new SignInPages(texts, library.vocabulary());
	}

	@Bean
	BoardView boardView(Texts texts, IncidentViews views) {
		return new BoardView(texts, views);
	}

	@Bean
	IncidentPage incidentPage(Texts texts, IncidentViews views, Roster roster, PlaybookLibrary library) {
		return new IncidentPage(texts, views, roster, library.vocabulary());
	}

}
