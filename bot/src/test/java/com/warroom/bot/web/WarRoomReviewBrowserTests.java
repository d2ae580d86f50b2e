package com.warroom.bot.web;

import java.time.Duration;

import com.warroom.bot.engine.TestRedis;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * A real central-trading incident in the web room as the liaison and the 总经理 see it
 * (GH-12, GH-13): the room at phone and desktop width, the signing card, an escalation
 * after its acknowledgement, and the board with an overdue report and a closed incident
 * that still owes reports. Screenshots go to {@code target/screenshots/review-*.png}.
 */
class WarRoomReviewBrowserTests extends SignedInWebTests implements BrowserPages {

	static WebDriver browser;

	@Override
	public WebDriver browser() {
		return browser;
	}

	@Override
	public int port() {
		return port;
	}

	@BeforeAll
	static void startBrowser() {
		browser = Chromium.start();
	}

	@AfterAll
	static void stopBrowser() {
		Chromium.stop(browser);
	}

	/**
	 * The incident this test closes: its sealed archive is removed after the test (ids
	 * restart with Redis).
	 */
	private String closedId;

	@org.junit.jupiter.api.AfterEach
	void unseal() throws java.io.IOException {
		if (closedId == null) {
			return;
		}
		try (java.util.stream.Stream<java.nio.file.Path> found = java.nio.file.Files.find(ARCHIVE, 3,
				(path, attributes) -> attributes.isDirectory() && path.getFileName().toString().equals(closedId))) {
			for (java.nio.file.Path folder : found.toList()) {
				try (java.util.stream.Stream<java.nio.file.Path> files = java.nio.file.Files.walk(folder)) {
					for (java.nio.file.Path file : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
						java.nio.file.Files.delete(file);
					}
				}
			}
		}
		closedId = null;
	}

	@BeforeEach
	void fresh() {
		assumeTrue(browser != null, Chromium.MISSING);
		TestRedis.fresh();
		browser.manage().deleteAllCookies();
		browser.manage().window().setSize(new Dimension(1280, 900));
	}

	@Test // GH-12, GH-13
	void theRoomTheSigningCardTheAcknowledgedEscalationAndTheBoardOfARealIncident() {
		signIn("feng-liaison", "Feng-liaison-pw-2026");
		type("/declare 数据库主机");
		click("数据库主机硬件故障");
		click("确认宣布");
		waitFor().until(ExpectedConditions.textToBePresentInElementLocated(By.id("messages"), "宣布人：冯技术服务岗"));
		screenshot("review-room-desktop");
		browser.manage().window().setSize(new Dimension(390, 844));
		assertNoSidewaysScroll();
		screenshot("review-room-phone");

		// the first report, to be signed by the 首席风险官 and the 总经理
		type("/reported");
		By first = By.xpath("(//button[starts-with(normalize-space(),'定期报告 第 1 次')])[last()]");
		waitFor().until(ExpectedConditions.elementToBeClickable(first)).click();
		click("电话");
		click("现在");
		waitFor().until(ExpectedConditions.textToBePresentInElementLocated(By.id("messages"), "报告书 SHA-256"));
		WebElement card = last("报告书 SHA-256");
		assertThat(card.getText()).contains("⏳ 首席风险官：待签发", "⏳ 总经理（应急领导小组组长）：待签发");
		assertNoSidewaysScroll();
		scrollTo(card);
		screenshot("review-signing-card-phone");

		// the 总经理 signs and acknowledges the declaration's escalation in the room
		browser.manage().deleteAllCookies();
		browser.manage().window().setSize(new Dimension(1280, 900));
		signIn("zhao-gm", "Zhao-gm-pw-2026");
		click("签发");
		waitFor().until(ExpectedConditions.textToBePresentInElementLocated(By.id("messages"), "于"));
		click("确认收到");
		waitFor().until(ExpectedConditions.textToBePresentInElementLocated(By.id("messages"), "确认收到，不再通知下一级"));
		WebElement acked = last("确认收到，不再通知下一级");
		assertThat(acked.getText()).contains("赵总经理");
		assertThat(acked.findElements(By.xpath(".//button[normalize-space()='确认收到']"))).isEmpty();
		scrollTo(acked);
		screenshot("review-escalation-acked-desktop");
		scrollTo(last("报告书 SHA-256"));
		screenshot("review-signing-card-desktop");

		// the board: the report still waits for the CRO;
		// 36 minutes on, the next report is overdue
		clock.advance(Duration.ofMinutes(36));
		open("/board");
		waitFor().until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("a.incident.due-late")));
		// the board said only 已超时 and 已报告 0 次: that the report waits for the CRO's
		// signature was nowhere
		assertThat(browser.findElement(By.cssSelector("a.incident .signing")).getText())
			.contains("待签发", "定期报告 第 1 次：待 首席风险官 签发")
			.doesNotContain("总经理");
		screenshot("review-board-overdue-desktop");
		closedId = browser.findElement(By.cssSelector("a.incident")).getAttribute("data-id");
		browser.manage().window().setSize(new Dimension(390, 844));
		assertNoSidewaysScroll();
		screenshot("review-board-overdue-phone");

		// recovered and closed: the board keeps it
		// among the closed that still owe reports
		browser.manage().window().setSize(new Dimension(1280, 900));
		open("/chat/room");
		waitFor().until(ExpectedConditions.visibilityOfElementLocated(By.id("text")));
		type("/recovered");
		click("确认已恢复（现在）");
		waitFor().until(ExpectedConditions.textToBePresentInElementLocated(By.id("messages"), "恢复"));
		type("/close");
		click("确认关闭");
		waitFor().until(ExpectedConditions.textToBePresentInElementLocated(By.id("messages"), "已关闭"));
		screenshot("review-room-closed-desktop");
		open("/board");
		waitFor().until(ExpectedConditions.textToBePresentInElementLocated(By.id("main"), "已关闭、仍有报告待完成"));
		screenshot("review-board-owing-desktop");
	}

}
