package com.warroom.bot.roster;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;

/**
 * The roles of the emergency organisation (附件一) as the bot sees them, and what each may
 * do. This table is the documented permission model (README "Roles").
 */
public enum RosterRole {

	/** 应急领导小组: everything, including level overrides, approvals and closing. */
	LEADER("leader", "应急领导小组", EnumSet.allOf(Permission.class)),
	/** 应急工作小组组长: runs the response. */
	COMMANDER("commander", "应急工作小组组长", EnumSet.allOf(Permission.class)),
	/** 值班人员 and administrators: declare and work the steps. */
	RESPONDER("responder", "处置人员",
			EnumSet.of(Permission.READ, Permission.DECLARE, Permission.DRILL, Permission.STEP, Permission.NOTE,
					Permission.RECOVER)),
	/** 通报联络人: reports and the notification track. */
	LIAISON("liaison", "通报联络人",
			EnumSet.of(Permission.READ, Permission.DECLARE, Permission.DRILL, Permission.STEP, Permission.NOTE,
					Permission.REPORT)),
	/** Plans and runs drills. */
	DRILL_COORDINATOR("drill-coordinator", "演练协调人",
			EnumSet.of(Permission.READ, Permission.DRILL, Permission.STEP, Permission.NOTE, Permission.RECOVER,
					Permission.CLOSE_DRILL, Permission.PLAN_DRILL)),
	/** Reads only. */
	OBSERVER("observer", "观察员", EnumSet.of(Permission.READ));

	private final String key;

	private final String label;

	private final Set<Permission> permissions;

	RosterRole(String key, String label, Set<Permission> permissions) {
		this.key = key;
		this.label = label;
		this.permissions = Set.copyOf(permissions);
	}

	public String key() {
		return key;
	}

	public String label() {
		return label;
	}

	public Set<Permission> permissions() {
		return permissions;
	}

	public static Optional<RosterRole> fromKey(String key) {
		return Arrays.stream(values()).filter((role) -> role.key.equals(key)).findFirst();
	}

}
