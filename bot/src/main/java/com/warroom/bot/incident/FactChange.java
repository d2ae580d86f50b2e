package com.warroom.bot.incident;

import java.time.Instant;
import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;

import com.warroom.playbooks.Interruption;
import com.warroom.playbooks.Settlement;
import com.warroom.playbooks.SystemClass;
import org.jspecify.annotations.Nullable;

/**
 * The facts one press sets (each null part is left as it is), for
 * {@link IncidentStore#setFacts}. Immutable: each {@code with} returns a new change.
 *
 * @param interruption the incident's interruption, or null
 * @param investorsAffected whether investors are affected, or null
 * @param damaged see {@link Facts#damaged()}, or null
 * @param leaked see {@link Facts#leaked()}, or null
 * @param settlement see {@link Facts#settlement()}, or null
 * @param haltAt see {@link Facts#haltAt()}, or null
 * @param crimeAt see {@link Facts#crimeAt()}, or null
 * @param dataAt see {@link Facts#dataAt()}, or null
 * @param dataLastAt see {@link Facts#dataLastAt()}, or null
 * @param remoteAccess see {@link Facts#remoteAccess()}, or null
 * @param causeKnown see {@link Facts#causeKnown()}, or null
 * @param systems the affected systems whose state changes (see {@link Facts#systems()})
 */
public record FactChange(@Nullable Interruption interruption, @Nullable Boolean investorsAffected,
		@Nullable Long damaged, @Nullable Long leaked, @Nullable Settlement settlement, @Nullable Instant haltAt,
		@Nullable Instant crimeAt, @Nullable Instant dataAt, @Nullable Instant dataLastAt,
		@Nullable Boolean remoteAccess, @Nullable Boolean causeKnown, Map<SystemClass, String> systems) {

	/** A change that sets nothing yet. */
	public static final FactChange NONE = new FactChange(null, null, null, null, null, null, null, null, null, null,
			null, Map.of());

	public FactChange {
		EnumMap<SystemClass, String> copy = new EnumMap<>(SystemClass.class);
		copy.putAll(systems);
		systems = Collections.unmodifiableMap(copy);
	}

	public FactChange withInterruption(Interruption value) {
		return new FactChange(value, investorsAffected, damaged, leaked, settlement, haltAt, crimeAt, dataAt,
				dataLastAt, remoteAccess, causeKnown, systems);
	}

	public FactChange withInvestorsAffected(boolean value) {
		return new FactChange(interruption, value, damaged, leaked, settlement, haltAt, crimeAt, dataAt, dataLastAt,
				remoteAccess, causeKnown, systems);
	}

	public FactChange withDamaged(long value) {
		return new FactChange(interruption, investorsAffected, value, leaked, settlement, haltAt, crimeAt, dataAt,
				dataLastAt, remoteAccess, causeKnown, systems);
	}

	public FactChange withLeaked(long value) {
		return new FactChange(interruption, investorsAffected, damaged, value, settlement, haltAt, crimeAt, dataAt,
				dataLastAt, remoteAccess, causeKnown, systems);
	}

	public FactChange withSettlement(Settlement value) {
		return new FactChange(interruption, investorsAffected, damaged, leaked, value, haltAt, crimeAt, dataAt,
				dataLastAt, remoteAccess, causeKnown, systems);
	}

	public FactChange withHaltAt(Instant value) {
		return new FactChange(interruption, investorsAffected, damaged, leaked, settlement, value, crimeAt, dataAt,
				dataLastAt, remoteAccess, causeKnown, systems);
	}

	public FactChange withCrimeAt(Instant value) {
		return new FactChange(interruption, investorsAffected, damaged, leaked, settlement, haltAt, value, dataAt,
				dataLastAt, remoteAccess, causeKnown, systems);
	}

	public FactChange withDataAt(Instant value) {
		return new FactChange(interruption, investorsAffected, damaged, leaked, settlement, haltAt, crimeAt, value,
				dataLastAt, remoteAccess, causeKnown, systems);
	}

	public FactChange withDataLastAt(Instant value) {
		return new FactChange(interruption, investorsAffected, damaged, leaked, settlement, haltAt, crimeAt, dataAt,
				value, remoteAccess, causeKnown, systems);
	}

	public FactChange withRemoteAccess(boolean value) {
		return new FactChange(interruption, investorsAffected, damaged, leaked, settlement, haltAt, crimeAt, dataAt,
				dataLastAt, value, causeKnown, systems);
	}

	public FactChange withCauseKnown(boolean value) {
		return new FactChange(interruption, investorsAffected, damaged, leaked, settlement, haltAt, crimeAt, dataAt,
				dataLastAt, remoteAccess, value, systems);
	}

	/**
	 * Also sets the state of {@code system} (in the form of
	 * {@code AffectedSystems.State}).
	 */
	public FactChange withSystem(SystemClass system, String state) {
		Map<SystemClass, String> more = new EnumMap<>(SystemClass.class);
		more.putAll(systems);
		more.put(system, state);
		return new FactChange(interruption, investorsAffected, damaged, leaked, settlement, haltAt, crimeAt, dataAt,
				dataLastAt, remoteAccess, causeKnown, more);
	}

}
