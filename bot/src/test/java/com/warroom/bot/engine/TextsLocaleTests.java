package com.warroom.bot.engine;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.text.MessageFormat;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.warroom.bot.roster.RosterRole;
import com.warroom.playbooks.DrillPlan;
import com.warroom.playbooks.Interruption;
import com.warroom.playbooks.ObligationKind;
import com.warroom.playbooks.Phase;
import com.warroom.playbooks.Settlement;
import com.warroom.playbooks.Severity;
import com.warroom.playbooks.SystemClass;
import com.warroom.playbooks.Track;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * GH-14: every bundle has an English twin with the same keys and the same MessageFormat
 * arguments per key; Chinese stays the default whatever the JVM default locale is.
 */
class TextsLocaleTests {

	private static final Pattern ARGUMENT = Pattern.compile("\\{(\\d+)[,}]");

	private Locale saved;

	@BeforeEach
	void saveDefaultLocale() {
		this.saved = Locale.getDefault();
	}

	@AfterEach
	void restoreDefaultLocale() {
		Locale.setDefault(this.saved);
	}

	@ParameterizedTest
	@ValueSource(strings = { "warroom/messages", "warroom/drills" })
	void theEnglishBundleHasTheSameKeysAndArgumentsAsTheChinese(String bundle) throws IOException {
		Properties chinese = load(bundle + ".properties");
		Properties english = load(bundle + "_en.properties");
		assertThat(chinese).isNotEmpty();
		assertThat(english.stringPropertyNames()).as("keys of %s_en", bundle)
			.containsExactlyInAnyOrderElementsOf(chinese.stringPropertyNames());
		Map<String, Set<Integer>> chineseArguments = arguments(chinese);
		Map<String, Set<Integer>> englishArguments = arguments(english);
		assertThat(englishArguments).as("MessageFormat arguments per key of %s_en", bundle).isEqualTo(chineseArguments);
	}

	@ParameterizedTest
	@ValueSource(strings = { "warroom/messages_en", "warroom/drills_en" })
	void englishPatternsHaveNoQuotesThatMessageFormatWouldSwallow(String bundle) throws IOException {
		Properties english = load(bundle + ".properties");
		for (String key : english.stringPropertyNames()) {
			assertThat(english.getProperty(key)).as(key).doesNotContain("'");
		}
	}

	@Test
	void rendersInEnglish() {
		Texts english = new Texts(Locale.ENGLISH);
		assertThat(english.get("close.done", "INC-20261123-001")).isEqualTo("Incident INC-20261123-001 is closed.");
		assertThat(english.get("note.long", 500, 731)).isEqualTo(
				"The note is too long (731 characters, at most 500); not saved. Please send it in several parts.");
		assertThat(english.get("record.confirmed", "INC-20261123-001", 3, "14:05:30", "张伟"))
			.isEqualTo("INC-20261123-001 step 3 confirmed by 张伟 ✓ 14:05:30");
		assertThat(english.get("refuse.permission"))
			.isEqualTo("Sorry, your role may not do this; nothing was changed.");
		assertThat(english.get("status.RECOVERED")).isEqualTo("recovered");
		assertThat(english.get("duration.hours", 2, 15)).isEqualTo("2 h 15 min");
		assertThat(Texts.bundle("warroom.drills", Locale.ENGLISH).getString("state.PAUSED")).isEqualTo("paused");
	}

	@Test
	void chineseStaysTheDefaultWhenTheJvmDefaultLocaleIsEnglish() {
		Locale.setDefault(Locale.US);
		assertThat(Texts.chinese().get("close.done", "INC-20261123-001")).isEqualTo("事件 INC-20261123-001 已关闭。");
		assertThat(Texts.chinese().get("refuse.permission")).isEqualTo("抱歉，您的角色无权执行此操作，本次未做任何更改。");
		assertThat(new Texts(Locale.FRENCH).get("status.RECOVERED")).isEqualTo("已恢复");
		assertThat(Texts.bundle("warroom.drills", Locale.SIMPLIFIED_CHINESE).getString("state.PAUSED"))
			.isEqualTo("已暂停");
	}

	@Test
	void roleLabelsInTheBundleAreTheRosterRoleLabels() {
		for (RosterRole role : RosterRole.values()) {
			assertThat(Texts.chinese().get("role." + role.name())).as(role.name()).isEqualTo(role.label());
		}
	}

	/**
	 * GH-14: the playbooks' vocabulary is shown through the bundle; in Chinese every
	 * constant reads exactly as its own {@code label()} did, so no Chinese output
	 * changes.
	 */
	@Test
	void everyEnumLabelInChineseIsTheConstantsOwnLabel() {
		Texts chinese = Texts.chinese();
		Map<Enum<?>, String> labels = new java.util.LinkedHashMap<>();
		Arrays.stream(Severity.values()).forEach((c) -> labels.put(c, c.label()));
		Arrays.stream(SystemClass.values()).forEach((c) -> labels.put(c, c.label()));
		Arrays.stream(ObligationKind.values()).forEach((c) -> labels.put(c, c.label()));
		Arrays.stream(Phase.values()).forEach((c) -> labels.put(c, c.label()));
		Arrays.stream(Settlement.values()).forEach((c) -> labels.put(c, c.label()));
		Arrays.stream(Track.values()).forEach((c) -> labels.put(c, c.label()));
		Arrays.stream(Interruption.values()).forEach((c) -> labels.put(c, c.label()));
		Arrays.stream(DrillPlan.Environment.values()).forEach((c) -> labels.put(c, c.label()));
		Arrays.stream(DrillPlan.Role.values()).forEach((c) -> labels.put(c, c.label()));
		assertThat(labels).hasSize(5 + 7 + 7 + 3 + 4 + 3 + 4 + 2 + 6);
		labels.forEach(
				(constant, label) -> assertThat(chinese.label(constant)).as(Texts.labelKey(constant)).isEqualTo(label));
		Locale.setDefault(Locale.US);
		labels.forEach((constant, label) -> assertThat(new Texts(Locale.FRENCH).label(constant))
			.as("a locale without a bundle: %s", Texts.labelKey(constant))
			.isEqualTo(label));
	}

	@Test
	void everyEnumLabelInEnglishIsEnglish() {
		Texts english = new Texts(Locale.ENGLISH);
		List<Enum<?>> constants = new java.util.ArrayList<>();
		constants.addAll(List.of(Severity.values()));
		constants.addAll(List.of(SystemClass.values()));
		constants.addAll(List.of(ObligationKind.values()));
		constants.addAll(List.of(Phase.values()));
		constants.addAll(List.of(Settlement.values()));
		constants.addAll(List.of(Track.values()));
		constants.addAll(List.of(Interruption.values()));
		constants.addAll(List.of(DrillPlan.Environment.values()));
		constants.addAll(List.of(DrillPlan.Role.values()));
		for (Enum<?> constant : constants) {
			assertThat(english.label(constant)).as(Texts.labelKey(constant))
				.isNotBlank()
				.doesNotContainPattern("\\p{IsHan}");
		}
		assertThat(english.label(Severity.LARGER)).isEqualTo("Relatively major");
		assertThat(english.label(SystemClass.CENTRAL_TRADING)).isEqualTo("Central trading system");
		assertThat(english.label(ObligationKind.CYCLE)).isEqualTo("periodic report");
		assertThat(english.label(DrillPlan.Role.RECORDER)).isEqualTo("Standby recorder");
		assertThat(Texts.labelKey(DrillPlan.Role.RECORDER)).isEqualTo("enum.DrillPlan.Role.RECORDER");
		assertThat(Texts.labelKey(Severity.MAJOR)).isEqualTo("enum.Severity.MAJOR");
	}

	private static Map<String, Set<Integer>> arguments(Properties bundle) {
		Map<String, Set<Integer>> arguments = new TreeMap<>();
		for (String key : bundle.stringPropertyNames()) {
			String pattern = bundle.getProperty(key);
			new MessageFormat(pattern, Locale.ROOT);
			Set<Integer> indexes = new TreeSet<>();
			Matcher matcher = ARGUMENT.matcher(pattern);
			while (matcher.find()) {
				indexes.add(Integer.valueOf(matcher.group(1)));
			}
			arguments.put(key, indexes);
		}
		return arguments;
	}

	private static Properties load(String resource) throws IOException {
		Properties properties = new Properties();
		try (InputStream in = TextsLocaleTests.class.getClassLoader().getResourceAsStream(resource)) {
			assertThat(in).as(resource).isNotNull();
			properties.load(new InputStreamReader(in, StandardCharsets.UTF_8));
		}
		return properties;
	}

}
