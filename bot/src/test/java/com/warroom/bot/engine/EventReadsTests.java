package com.warroom.bot.engine;

import java.time.Instant;
import java.time.ZoneId;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;

import com.warroom.bot.chat.ChatRef;
import com.warroom.bot.incident.EventReads;
import com.warroom.bot.incident.FactChange;
import com.warroom.bot.incident.Incident;
import com.warroom.bot.incident.IncidentKind;
import com.warroom.bot.incident.IncidentStatus;
import com.warroom.bot.incident.IncidentStore;
import com.warroom.bot.incident.TimelineType;
import com.warroom.bot.store.RedisIncidentStore;
import com.warroom.playbooks.Track;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** GH-14: an event loads the incident once, and reads it afresh after a change. */
class EventReadsTests {

	private static final Instant T0 = Instant.parse("2026-11-23T05:58:00Z");

	private static final ChatRef CHAT = new ChatRef("tg", "-1001", null, false);

	private final CountingIncidentStore counting = new CountingIncidentStore(
			new RedisIncidentStore(TestRedis.fresh(), ZoneId.of("Asia/Shanghai")));

	private final EventReads reads = new EventReads(counting);

	private Incident declare() {
		return reads.create(new IncidentStore.NewIncident(IncidentKind.REAL, "db-down", CHAT, "p1", T0, T0,
				Map.of(Track.STEPS, "s1")), entry(TimelineType.DECLARED));
	}

	private static IncidentStore.Entry entry(TimelineType type) {
		return new IncidentStore.Entry(type, "p1", "名p1", "tg", T0, Map.of());
	}

	@Test
	void withinAnEventTheIncidentAndItsTimelineAreReadOnceUntilAWriteChangesThem() {
		Incident incident = declare();
		counting.reset();
		reads.event(() -> {
			assertThat(reads.find(incident.id())).contains(incident);
			assertThat(reads.find(incident.id())).contains(incident);
			assertThat(reads.timeline(incident.id())).hasSize(1);
			assertThat(reads.timeline(incident.id())).hasSize(1);
			assertThat(counting.incidentReads.get()).isEqualTo(1);
			assertThat(counting.timelineReads.get()).isEqualTo(1);
			// a guarded change: read afresh, and the change is seen
			assertThat(reads.setFacts(incident, FactChange.NONE.withDamaged(3), entry(TimelineType.FACT_SET)).applied())
				.isTrue();
			assertThat(reads.find(incident.id()).orElseThrow().facts().damaged()).isEqualTo(3);
			assertThat(reads.timeline(incident.id())).hasSize(2);
			assertThat(counting.incidentReads.get()).isEqualTo(2);
			assertThat(counting.timelineReads.get()).isEqualTo(2);
			// so is a change without a timeline entry
			reads.markUnreachable(incident.id(), "p9");
			assertThat(reads.find(incident.id()).orElseThrow().unreachable("p9")).isTrue();
			assertThat(counting.incidentReads.get()).isEqualTo(3);
			return null;
		});
	}

	@Test
	void anIncidentOfAListIsNotReadAgainByIdAndOutsideAnEventEveryReadGoesToTheStore() {
		Incident incident = declare();
		counting.reset();
		reads.event(() -> {
			List<Incident> open = reads.openIn(CHAT);
			assertThat(open).extracting(Incident::id).containsExactly(incident.id());
			assertThat(reads.find(incident.id())).contains(open.get(0));
			assertThat(reads.openIn(CHAT)).isEqualTo(open);
			// a nested event keeps the outer one's reads
			reads.event(() -> reads.find(incident.id()));
			assertThat(counting.incidentReads.get()).isEqualTo(1);
			assertThat(reads.close(incident, T0, entry(TimelineType.CLOSED)).code()).isEqualTo("status");
			assertThat(reads.append(incident, EnumSet.of(IncidentStatus.OPEN), entry(TimelineType.NOTE)).applied())
				.isTrue();
			assertThat(reads.openIn(CHAT)).hasSize(1);
			assertThat(counting.incidentReads.get()).isEqualTo(2);
			return null;
		});
		counting.reset();
		reads.find(incident.id());
		reads.find(incident.id());
		assertThat(counting.incidentReads.get()).isEqualTo(2);
	}

}
