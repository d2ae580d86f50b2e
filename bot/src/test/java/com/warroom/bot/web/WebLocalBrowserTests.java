package com.warroom.bot.web;

import java.time.Duration;

import com.warroom.bot.engine.TestRedis;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** The embedded default in the browser: pick yourself from the roster, then chat. */
class WebLocalBrowserTests extends LocalWebTests implements BrowserPages {

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

	@BeforeEach
	void fresh() {
		assumeTrue(browser != null, Chromium.MISSING);
		TestRedis.fresh();
		browser.manage().deleteAllCookies();
	}

	@Test // GH-6
	void someoneAtThisMachinePicksThemselvesAndChats() {
		browser.get("http://127.0.0.1:" + port + "/");
		WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(10));
		wait.until(ExpectedConditions.urlContains("/who"));
		assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo("请选择您的身份");
		Chromium.screenshot(browser, "who");

		browser.findElement(By.xpath("//button[@value='li-it']")).click();
		wait.until(ExpectedConditions.urlContains("/chat/room"));
		assertThat(browser.findElement(By.cssSelector(".top .me")).getText()).contains("李信息技术部总经理").contains("切换身份");
		WebElement text = wait.until(ExpectedConditions.elementToBeClickable(By.id("text")));
		text.sendKeys("/contacts 交易所");
		text.sendKeys(Keys.ENTER);
		wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("messages"), "应急联络手册"));
		browser.findElement(By.cssSelector("details.commands summary")).click();
		Chromium.screenshot(browser, "chat-local");
		assertThat(browser.findElements(By.cssSelector("details.commands button.command"))).hasSize(17);
	}

}
