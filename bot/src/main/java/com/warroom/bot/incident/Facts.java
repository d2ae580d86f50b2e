package com.warroom.bot.incident;

import java.time.Instant;
import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;

import com.warroom.playbooks.Settlement;
import com.warroom.playbooks.SystemClass;
import org.jspecify.annotations.Nullable;

/**
 * What responders recorded of an incident's facts from {@code /level} (besides its
 * interruption and whether investors are affected, which {@link Incident} carries
 * itself).
 *
 * @param damaged the number of investors whose data was damaged, 0 when not given
 * @param leaked the number of investors whose data leaked, 0 when not given
 * @param settlement the state of settlement, {@link Settlement#NORMAL} when not given
 * @param haltAt when trading was halted, or null
 * @param crimeAt when a computer crime was first suspected, or null
 * @param dataAt when data was first damaged or leaked, or null
 * @param dataLastAt when more investors were last found affected, or null
 * @param remoteAccess the responders' word on remote access to exchange systems, or null
 * (the playbook's then)
 * @param causeKnown the responders' word on whether the cause is established, or null
 * (the summary's then)
 * @param systems the other affected systems, each with its state in the form of
 * {@code AffectedSystems.State}
 */
public record Facts(long damaged, long leaked, Settlement settlement, @Nullable Instant haltAt,
		@Nullable Instant crimeAt, @Nullable Instant dataAt, @Nullable Instant dataLastAt,
		@Nullable Boolean remoteAccess, @Nullable Boolean causeKnown, Map<SystemClass, String> systems) {

	public Facts {
		EnumMap<SystemClass, String> copy = new EnumMap<>(SystemClass.class);
		copy.putAll(systems);
		systems = Collections.unmodifiableMap(copy);
	}

}
