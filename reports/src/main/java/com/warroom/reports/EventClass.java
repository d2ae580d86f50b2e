package com.warroom.reports;

/**
 * The class of an incident by its cause (4.2 第三章; 4.3 第六条).
 */
public enum EventClass {

	/**
	 * 设备设施故障: hardware, software, communication, power, air-conditioning, fire or
	 * machine-room faults.
	 */
	EQUIPMENT_FAILURE("设备设施故障"),

	/** 人为失误: management dereliction or operating mistakes. */
	HUMAN_ERROR("人为失误"),

	/** 攻击破坏: viruses, hacking, deliberate sabotage. */
	ATTACK("攻击破坏"),

	/** 外部因素传导: banks, carriers, the grid, natural disasters. */
	EXTERNAL("外部因素传导");

	private final String label;

	EventClass(String label) {
		this.label = label;
	}

	/** The seed's name without 事件, e.g. 设备设施故障. */
	public String label() {
		return label;
	}

}
