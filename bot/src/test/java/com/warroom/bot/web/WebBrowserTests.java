package com.warroom.bot.web;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

import com.warroom.bot.engine.TestRedis;
import com.warroom.reports.Archive;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.NoAlertPresentException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.WindowType;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Both pages of the deployed web in Debian's headless Chromium ({@link Chromium}). Each
 * test is skipped, saying why, where {@code /usr/bin/chromium} is missing;
 * {@code .ci/run} installs it and fails on any skipped test. Screenshots of each page go
 * to {@code target/screenshots/}.
 */
class WebBrowserTests extends SignedInWebTests implements BrowserPages {

	static WebDriver browser;

	@Override
	public WebDriver browser() {
		return browser;
	}

	@Override
	public int port() {
		return port;
	}

	@Autowired
	Archive archive;

	/**
	 * Starts the browser when there is one; without it each test is skipped (counted, so
	 * CI sees it).
	 */
	@BeforeAll
	static void startBrowser() {
		browser = Chromium.start();
	}

	@AfterAll
	static void stopBrowser() {
		Chromium.stop(browser);
	}

	@BeforeEach
	void fresh() {
		assumeTrue(browser != null, Chromium.MISSING);
		TestRedis.fresh();
		browser.manage().deleteAllCookies();
		browser.manage().window().setSize(new Dimension(1280, 900));
	}

	@Test // GH-6
	void aPageAndADocumentAreRefusedWithoutSigningIn() {
		open("/board");
		waitFor().until(ExpectedConditions.urlContains("/login"));
		assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo("登录");
		screenshot("login");

		open("/documents/INC-20261123-001/" + WebHtml.segment("报告书-第1次.pdf"));
		assertThat(browser.findElement(By.tagName("body")).getText()).isEqualTo("请先登录。");
		open("/board/incidents/INC-20261123-001");
		assertThat(browser.getCurrentUrl()).endsWith("/login");
	}

	@Test // GH-6
	void declareInTheChatPressAStepAndTheBoardFollows() {
		signIn("wu-dba", "Wu-dba-pw-2026");
		assertThat(browser.getCurrentUrl()).endsWith("/chat/room");
		String chat = browser.getWindowHandle();

		type("/declare 数据库主机");
		click("数据库主机硬件故障");
		click("确认宣布");
		WebElement card = waitFor().until(ExpectedConditions.visibilityOfElementLocated(
				By.xpath("//li[contains(@class,'msg')][contains(.,'场景：数据库主机硬件故障')][contains(.,'宣布人：')]")));
		String id = card.findElement(By.tagName("b")).getText();
		assertThat(id).matches("INC-\\d{8}-\\d{3}");
		archive.store(id, "报告书-第1次.pdf", "%PDF-1.7 test".getBytes(StandardCharsets.UTF_8));

		browser.switchTo().newWindow(WindowType.WINDOW);
		String board = browser.getWindowHandle();
		open("/board");
		By incident = By.cssSelector("a.incident[data-id='" + id + "']");
		waitFor().until(ExpectedConditions.textToBePresentInElementLocated(incident, "第 1/7 步：立即启动预案"));
		assertThat(browser.findElement(incident).getText()).contains("数据库主机硬件故障").contains("应立即报告").contains("吴数据库管理员");

		browser.switchTo().window(chat);
		WebElement flow = waitFor().until(ExpectedConditions.presenceOfElementLocated(By.xpath(
				"(//li[contains(@class,'msg')][.//b[normalize-space()='处置流程']][.//button[normalize-space()='完成']])[last()]")));
		flow.findElement(By.xpath(".//button[normalize-space()='完成']")).click();
		waitFor().until(ExpectedConditions.textToBePresentInElementLocated(By.id("messages"), "立即联系设备供应商"));
		screenshot("chat");

		browser.switchTo().window(board);
		waitFor().until(ExpectedConditions.textToBePresentInElementLocated(incident, "第 2/7 步：立即联系设备供应商"));
		screenshot("board");

		browser.findElement(incident).click();
		waitFor().until(ExpectedConditions.urlContains("/board/incidents/" + id));
		String page = browser.findElement(By.id("main")).getText();
		assertThat(page).contains("事件概况")
			.contains("处置步骤")
			.contains("时间线")
			.contains("完成「立即启动预案")
			.contains("报告书-第1次.pdf");
		screenshot("incident");
		browser.close();
		browser.switchTo().window(chat);
	}

	@Test // GH-6
	void aReportOverdueTurnsRedOnTheBoard() {
		signIn("feng-liaison", "Feng-liaison-pw-2026");
		type("/declare 营业部接入服务器");
		click("营业部接入服务器故障");
		click("确认宣布");
		waitFor().until(ExpectedConditions.textToBePresentInElementLocated(By.id("messages"), "宣布人：冯技术服务岗"));
		type("/reported");
		By first = By.xpath("(//button[starts-with(normalize-space(),'定期报告 第 1 次')])[last()]");
		waitFor().until(ExpectedConditions.elementToBeClickable(first)).click();
		click("电话");
		click("现在");
		waitFor().until(ExpectedConditions.textToBePresentInElementLocated(By.id("messages"), "报告周期自此重新计时"));

		open("/board");
		By card = By.cssSelector("a.incident");
		waitFor().until(ExpectedConditions.textToBePresentInElementLocated(card, "定期报告 第 2 次，"));
		assertThat(browser.findElement(card).getText()).contains("1 次");
		assertThat(browser.findElements(By.cssSelector("a.incident.due-late"))).isEmpty();

		clock.advance(Duration.ofMinutes(36));
		// the board page follows by itself: the minute turned and the report is late
		waitFor().until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("a.incident.due-late")));
		assertThat(browser.findElement(card).getText()).contains("已超时：定期报告 第 2 次");
		assertThat(browser.findElement(By.cssSelector("a.incident .next.late dd")).getCssValue("color"))
			.isEqualTo("rgba(207, 34, 46, 1)");
		screenshot("board-overdue");
	}

	@Test // GH-6
	void aNoteWithScriptStaysText() {
		signIn("zhou-tech", "Zhou-tech-pw-2026");
		type("/drill 数据库主机");
		click("数据库主机硬件故障");
		click("确认宣布");
		waitFor().until(ExpectedConditions.textToBePresentInElementLocated(By.id("messages"), "【演练】DRL-"));
		type("/note <script>alert(1)</script><img src=x onerror=alert(2)>");
		waitFor().until(ExpectedConditions.textToBePresentInElementLocated(By.id("messages"), "已记入 DRL-"));
		assertThat(browser.findElement(By.id("messages")).getText()).contains("/note <script>alert(1)</script>");
		assertThatThrownBy(() -> browser.switchTo().alert()).isInstanceOf(NoAlertPresentException.class);
		assertThat(browser.findElements(By.cssSelector("#messages script, #messages img"))).isEmpty();

		open("/board");
		assertThat(browser.findElement(By.cssSelector("a.incident.drill")).getText()).contains("【演练】");
		browser.findElement(By.cssSelector("a.incident.drill")).click();
		waitFor()
			.until(ExpectedConditions.textToBePresentInElementLocated(By.id("main"), "备注：<script>alert(1)</script>"));
		assertThatThrownBy(() -> browser.switchTo().alert()).isInstanceOf(NoAlertPresentException.class);
	}

	@Test // GH-6
	void fitsAPhone() {
		signIn("zhou-tech", "Zhou-tech-pw-2026");
		browser.manage().window().setSize(new Dimension(390, 844));
		type("/help");
		waitFor().until(ExpectedConditions.textToBePresentInElementLocated(By.id("messages"), "可用命令"));
		type("/declare 行情");
		waitFor().until(ExpectedConditions.textToBePresentInElementLocated(By.id("messages"), "最接近的预案"));
		assertNoSidewaysScroll();
		screenshot("chat-phone");
		open("/board");
		assertNoSidewaysScroll();
		screenshot("board-phone");
	}

	@Test // GH-13
	void aDrillInTheRoomAtPhoneWidthKeepsTheCurrentStepAtTheBottom() throws Exception {
		signIn("wu-dba", "Wu-dba-pw-2026");
		browser.manage().window().setSize(new Dimension(390, 844));
		type("/drill 数据库主机");
		click("数据库主机硬件故障");
		click("确认宣布");
		waitFor().until(ExpectedConditions.textToBePresentInElementLocated(By.id("messages"), "宣布人：吴数据库管理员"));
		// the technical track's first step needs a
		// second person; its button is the last 完成
		click("完成");
		waitFor().until(ExpectedConditions.textToBePresentInElementLocated(By.id("messages"), "待第二人复核"));
		// the notice of the press does not cover the current step's buttons at the bottom
		WebElement toast = waitFor().until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(".toast")));
		WebElement confirm = browser.findElement(By.xpath("(//button[normalize-space()='复核确认'])[last()]"));
		assertThat(toast.getRect().getY() + toast.getRect().getHeight()).isLessThan(confirm.getRect().getY());
		screenshot("room-phone-toast");
		type("/note 已通知主机供应商");
		type("/level");
		waitFor().until(ExpectedConditions.textToBePresentInElementLocated(By.id("messages"), "更新事实"));
		type("/steps");
		waitFor().until(ExpectedConditions.textToBePresentInElementLocated(By.id("messages"), "当前步骤见下方"));
		assertNoSidewaysScroll();
		List<WebElement> messages = browser.findElements(By.cssSelector("#messages li.msg"));
		// the last message of the chat is a current step with its buttons, and every bot
		// message says 【演练】
		assertThat(messages.get(messages.size() - 1).getText()).contains("【演练】").contains("具体处置方法");
		assertThat(messages.get(messages.size() - 1).findElements(By.tagName("button"))).isNotEmpty();
		StringBuilder transcript = new StringBuilder();
		for (WebElement message : messages) {
			transcript.append(message.getText().replace('\n', ' ')).append('\n');
		}
		java.nio.file.Files.createDirectories(Chromium.SCREENSHOTS);
		java.nio.file.Files.writeString(Chromium.SCREENSHOTS.resolve("room-phone-transcript.txt"), transcript);
		screenshot("room-phone-drill");
		open("/board");
		screenshot("board-phone-drill");
	}

	@Test // GH-6
	void theArchiveListsClosedIncidentsWithTheirFiles() {
		String id = "INC-20261120-007";
		if (archive.sealed(id).isEmpty()) {
			archive.store(id, "事件记录表.pdf", "%PDF-1.7 record".getBytes(StandardCharsets.UTF_8));
			archive.seal(id, "{\"incident\": \"" + id + "\", \"entries\": []}");
		}
		signIn("zhou-tech", "Zhou-tech-pw-2026");
		open("/board/archive");
		WebElement entry = browser
			.findElement(By.xpath("//ul[@class='archive-list']/li[.//a[normalize-space()='" + id + "']]"));
		assertThat(entry.getText()).contains("事件记录表.pdf").contains("timeline.json").contains("manifest.json");
		screenshot("archive");
		entry.findElement(By.linkText(id)).click();
		waitFor().until(ExpectedConditions.textToBePresentInElementLocated(By.id("main"), "事件记录表.pdf"));
	}

}
