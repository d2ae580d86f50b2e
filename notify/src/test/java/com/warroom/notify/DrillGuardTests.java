package com.warroom.notify;

import java.util.Map;
import java.util.Optional;

import com.warroom.notify.DrillGuard.Deliver;
import com.warroom.notify.DrillGuard.Marking;
import com.warroom.notify.DrillGuard.Redirect;
import com.warroom.notify.DrillGuard.Target;
import com.warroom.notify.DrillGuard.Withhold;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * The drill isolation check (GH-16; 4.1 第二十八条: drills must not disturb production, and
 * PRODUCT.md item 7: a drill can never reach a real regulator or customer channel).
 */
class DrillGuardTests {

	static final Target ROBOT = new Target("wecom", "https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=SECRET-KEY");

	static final Target COORDINATOR = new Target("telegram", "900000006");

	@Test
	void aRealIncidentGoesEverywhereEvenToRealOnlyTargets() {
		assertThat(DrillGuard.defaults().check(false, ROBOT, Optional.of(COORDINATOR))).isEqualTo(new Deliver());
	}

	@Test
	void aDrillToARealOnlyRobotGoesToTheCoordinatorAndSaysWhereItWouldHaveGoneWithoutTheRobotsKey() {
		DrillGuard.Verdict verdict = DrillGuard.defaults().check(true, ROBOT, Optional.of(COORDINATOR));
		assertThat(verdict).isInstanceOf(Redirect.class);
		Redirect redirect = (Redirect) verdict;
		assertThat(redirect.to()).isEqualTo(COORDINATOR);
		assertThat(redirect.note()).startsWith("【演练】")
			.contains("企业微信群机器人（qyapi.weixin.qq.com）")
			.contains("仅限真实事件")
			.contains("演练协调人")
			.doesNotContain("SECRET-KEY");
	}

	@Test
	void defaultsAreRealOnlyForRobotsSmsVoiceAndMailAndDrillAllowedForChatsAndPeople() {
		DrillGuard guard = DrillGuard.defaults();
		for (String channel : new String[] { "wecom", "dingtalk", "feishu", "sms", "voice", "email", "unknown" }) {
			assertThat(guard.marking(new Target(channel, "x"))).as(channel).isEqualTo(Marking.REAL_ONLY);
		}
		for (String channel : new String[] { "tg", "web", "telegram" }) {
			assertThat(guard.marking(new Target(channel, "x"))).as(channel).isEqualTo(Marking.DRILL_ALLOWED);
		}
	}

	@Test
	void aListedTargetOverridesItsChannelsDefaultAndIsNamedByItsConfiguredName() {
		DrillGuard guard = DrillGuard.defaults()
			.with(new Target("tg", "-1001"), Marking.REAL_ONLY, "生产运维群")
			.with(new Target("wecom", "https://robot/test"), Marking.DRILL_ALLOWED, null);
		assertThat(guard.check(true, new Target("wecom", "https://robot/test"), Optional.empty()))
			.isEqualTo(new Deliver());
		Redirect redirect = (Redirect) guard.check(true, new Target("tg", "-1001"),
				Optional.of(new Target("tg", "42")));
		assertThat(redirect.note()).contains("生产运维群");
		assertThat(guard.check(true, new Target("tg", "-1002"), Optional.empty())).isEqualTo(new Deliver());
	}

	@Test
	void withoutAReachableCoordinatorADrillsMessageToARealOnlyTargetIsWithheldNeverDelivered() {
		DrillGuard guard = DrillGuard.defaults().with(new Target("telegram", "7"), Marking.REAL_ONLY, null);
		assertThat(guard.check(true, ROBOT, Optional.empty())).isInstanceOf(Withhold.class);
		// a coordinator whose own address is real-only is no way out
		assertThat(guard.check(true, ROBOT, Optional.of(new Target("telegram", "7")))).isInstanceOf(Withhold.class);
		assertThat(((Withhold) guard.check(true, new Target("sms", "13800001234"), Optional.empty())).note())
			.contains("短信号码 138****1234")
			.doesNotContain("13800001234");
	}

	@Test
	void aMarkingIsRealOnlyOrDrillAllowedAndAnythingElseIsRefusedInChinese() {
		assertThat(Marking.parse(" Real-Only ")).isEqualTo(Marking.REAL_ONLY);
		assertThat(Marking.parse("drill-allowed")).isEqualTo(Marking.DRILL_ALLOWED);
		assertThatIllegalArgumentException().isThrownBy(() -> Marking.parse("maybe"))
			.withMessageContaining("只能是 real-only 或 drill-allowed");
		assertThat(new DrillGuard(Map.of(), Map.of(), Map.of()).marking(new Target("tg", "1")))
			.isEqualTo(Marking.REAL_ONLY);
	}

}
