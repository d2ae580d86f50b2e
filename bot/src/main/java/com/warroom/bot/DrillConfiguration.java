package com.warroom.bot;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;

import com.warroom.bot.clock.SensitivePeriods;
import com.warroom.bot.delivery.Delivery;
import com.warroom.bot.drill.DrillPlanSource;
import com.warroom.bot.drill.DrillStore;
import com.warroom.bot.drill.DrillTiming;
import com.warroom.bot.clock.FollowUpReminders;
import com.warroom.bot.engine.ConversationEngine;
import com.warroom.bot.engine.DrillSetup;
import com.warroom.bot.engine.Outbound;
import com.warroom.bot.roster.Roster;
import com.warroom.notify.ReminderDue;
import com.warroom.notify.ReminderScheduler;
import com.warroom.playbooks.DrillPlans;
import com.warroom.playbooks.PlaybookLibrary;
import com.warroom.playbooks.WorkingDayCalendar;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.event.EventListener;

/**
 * Wires drill plans (GH-16): the plans ({@code DRILL_PLANS_DIR} on top of the bundled
 * ones), the store of runs, follow-up items and trainings (job-store database), the
 * trading-hours warnings, and the timers of the injects (notify's Quartz scheduler, one
 * job group per run, keys {@code DRILL:<inject>}).
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(DrillProperties.class)
class DrillConfiguration {

	private static final Logger log = LoggerFactory.getLogger(DrillConfiguration.class);

	@Bean
	DrillPlanSource drillPlanSource(DrillProperties properties, PlaybookLibrary library) {
		DrillPlanSource source = new DrillPlanSource(properties.plansDir(), library);
		DrillPlans plans = source.plans();
		log.info("已加载 {} 个演练计划、{} 项培训{}", plans.plans().size(), plans.trainings().size(),
				plans.errors().isEmpty() ? "" : "；" + plans.errors().size() + " 处错误：\n"
						+ String.join("\n", plans.errors().stream().map(Object::toString).toList()));
		return source;
	}

	@Bean
	DrillStore drillStore(DataSource dataSource, WorkingDayCalendar calendar) {
		return new DrillStore(dataSource, calendar.zone());
	}

	@Bean
	DrillTiming drillTiming(WorkingDayCalendar calendar, SensitivePeriods sensitive, DrillProperties properties) {
		return new DrillTiming(calendar, properties.daySessions(), properties.nightSession(), sensitive::periodOf);
	}

	@Bean
	DrillSetup drillSetup(DrillPlanSource plans, DrillStore store, ReminderScheduler scheduler, DrillTiming timing,
			DrillProperties properties) {
		return new DrillSetup(plans, store, timers(scheduler), timing, parseChats(properties.chats()));
	}

	/**
	 * What fires a plan's injects: the normal drill declaration, the fact path, posts to
	 * the participants.
	 */
	@Bean
	com.warroom.bot.engine.DrillInjects drillInjects(ConversationEngine.Services services,
			com.warroom.bot.engine.FactFlow facts, DrillSetup setup) {
		return new com.warroom.bot.engine.DrillInjects(services, facts, setup);
	}

	/**
	 * {@code /drill plan|start|pause|resume|skip|stop|status|followup|training}: one more
	 * flow of the engine.
	 */
	@Bean
	com.warroom.bot.engine.DrillPlanFlow drillPlanFlow(ConversationEngine.Services services, DrillSetup setup,
			com.warroom.bot.engine.DrillInjects injects) {
		return new com.warroom.bot.engine.DrillPlanFlow(services, setup, injects);
	}

	@Bean
	FollowUpReminders followUpReminders(DrillStore store, Roster roster, Delivery router, WorkingDayCalendar calendar,
			ReminderScheduler scheduler, DrillProperties properties) {
		FollowUpReminders reminders = new FollowUpReminders(store, roster, router, calendar.zone());
		reminders.schedule(scheduler, properties.followupReminderTime());
		return reminders;
	}

	@Bean
	DrillTimers drillTimers(ObjectProvider<ConversationEngine> engine, Delivery router) {
		return new DrillTimers(engine, router);
	}

	/**
	 * The drill runs' inject timers, kept by the reminder scheduler (Quartz, durable).
	 */
	static com.warroom.bot.engine.InjectTimers timers(ReminderScheduler scheduler) {
		return new com.warroom.bot.engine.InjectTimers() {

			@Override
			public void replace(String runId, java.util.Collection<com.warroom.notify.Reminder> timers) {
				scheduler.replace(runId, timers);
			}

			@Override
			public void cancel(String runId) {
				scheduler.cancel(runId);
			}

		};
	}

	/** {@code name=channel:chatId,…}, e.g. {@code drill-room=tg:-1001234}. */
	static Map<String, String> parseChats(String text) {
		Map<String, String> chats = new LinkedHashMap<>();
		for (String part : text.split(",")) {
			int eq = part.indexOf('=');
			if (eq > 0) {
				chats.put(part.substring(0, eq).strip(), part.substring(eq + 1).strip());
			}
		}
		return chats;
	}

	/**
	 * A run's timer fired (Quartz): its due injects fire, are delivered, and the clock is
	 * told.
	 */
	static final class DrillTimers {

		private final ObjectProvider<ConversationEngine> engine;

		private final Delivery router;

		DrillTimers(ObjectProvider<ConversationEngine> engine, Delivery router) {
			this.engine = engine;
			this.router = router;
		}

		@EventListener
		public void on(ReminderDue due) {
			if (!due.key().startsWith("DRILL:")) {
				return;
			}
			try {
				List<Outbound> actions = engine.getObject().fireDrill(due.incidentId());
				router.deliverAll(actions);
				engine.getObject().settled(actions);
			}
			catch (RuntimeException ex) {
				log.error("演练 {} 的注入 {} 未能执行", due.incidentId(), due.key(), ex);
			}
		}

	}

}
