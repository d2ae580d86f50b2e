package com.warroom.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

import com.warroom.WarRoomApplication;
import com.warroom.bot.chat.ChatRef;
import com.warroom.bot.clock.ReminderPlanner;
import com.warroom.bot.incident.Incident;
import com.warroom.bot.incident.IncidentKind;
import com.warroom.bot.incident.IncidentStore;
import com.warroom.bot.incident.TimelineType;
import com.warroom.notify.ReminderDue;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ApplicationListener;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.PayloadApplicationEvent;

/**
 * Reminder lateness with many active incidents: the whole application (Quartz on its H2
 * job store, embedded Redis), {@code N} incidents of a scenario that reports at once,
 * each planned by the real planner; every reminder that fires is measured from its
 * scheduled time to the moment the application sees it. Usage:
 * {@code ReminderLatenessBenchmark [incidents=500]}.
 */
public final class ReminderLatenessBenchmark {

	public static void main(String[] args) throws Exception {
		int count = (args.length > 0) ? Integer.parseInt(args[0]) : 500;
		Path data = Files.createTempDirectory("bench-clock");
		List<Long> lateness = Collections.synchronizedList(new ArrayList<>());
		ConfigurableApplicationContext app = new SpringApplicationBuilder(WarRoomApplication.class)
			.web(WebApplicationType.NONE)
			.listeners((ApplicationListener<PayloadApplicationEvent<?>>) (event) -> {
				if (event.getPayload() instanceof ReminderDue due) {
					lateness.add(Duration.between(due.scheduledFor(), Instant.now()).toMillis());
				}
			})
			.run("--warroom.data-dir=" + data, "--warroom.overdue-after=PT5S", "--logging.level.root=WARN",
					"--logging.level.com.warroom.bot.clock=ERROR");
		try {
			IncidentStore incidents = app.getBean(IncidentStore.class);
			ReminderPlanner planner = app.getBean(ReminderPlanner.class);
			long start = System.nanoTime();
			for (int i = 0; i < count; i++) {
				ChatRef chat = new ChatRef("tg", String.valueOf(-1_000_000L - i), null, false);
				Incident incident = incidents.create(
						new IncidentStore.NewIncident(IncidentKind.DRILL, "website.defacement", chat, "wu-dba",
								Instant.now(), Instant.now(),
								Map.of(com.warroom.playbooks.Track.FLOW, "f1", com.warroom.playbooks.Track.STEPS,
										"m1")),
						new IncidentStore.Entry(TimelineType.DECLARED, "wu-dba", "吴数据库管理员", "tg", Instant.now(),
								Map.of()));
				planner.changed(incident.id());
			}
			double planning = (System.nanoTime() - start) / 1e9;
			// each incident: the at-once report due (1
			// s after planning) and overdue 5 s later
			long deadline = System.currentTimeMillis() + 30_000;
			while (lateness.size() < 2 * count && System.currentTimeMillis() < deadline) {
				Thread.sleep(100);
			}
			List<Long> sorted = new ArrayList<>(lateness);
			Collections.sort(sorted);
			System.out.printf(
					"reminders: %d incidents planned in %.1f s (%.1f ms each); %d of %d reminders fired; "
							+ "lateness p50 %d ms, p99 %d ms, max %d ms%n",
					count, planning, planning * 1000 / count, sorted.size(), 2 * count, percentile(sorted, 50),
					percentile(sorted, 99), sorted.isEmpty() ? 0 : sorted.get(sorted.size() - 1));
		}
		finally {
			app.close();
		}
		System.exit(0);
	}

	private static long percentile(List<Long> sorted, double p) {
		if (sorted.isEmpty()) {
			return 0;
		}
		return sorted.get(Math.max(0, (int) Math.ceil(p / 100 * sorted.size()) - 1));
	}

}
