package com.warroom.bot.web;

import java.time.Duration;
import java.util.List;

import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The page helpers of the browser tests, once (GH-14): a test class that drives a
 * {@link Chromium} against its application implements {@link #browser()} and
 * {@link #port()} and uses these.
 */
interface BrowserPages {

	/** The browser of the test class. */
	WebDriver browser();

	/** The port of the application under test. */
	int port();

	/** Opens {@code path} of the application. */
	default void open(String path) {
		browser().get("http://127.0.0.1:" + port() + path);
	}

	/** Waits up to 10 seconds. */
	default WebDriverWait waitFor() {
		return new WebDriverWait(browser(), Duration.ofSeconds(10));
	}

	/**
	 * Signs in on the login page and waits for the room's text field; says what the page
	 * said if it failed.
	 */
	default void signIn(String person, String password) {
		open("/login");
		browser().findElement(By.id("person")).sendKeys(person);
		browser().findElement(By.id("password")).sendKeys(password);
		browser().findElement(By.cssSelector("form.login button[type=submit]")).click();
		try {
			waitFor().until(ExpectedConditions.urlContains("/chat/room"));
		}
		catch (org.openqa.selenium.TimeoutException ex) {
			throw new AssertionError("not signed in: " + browser().findElement(By.tagName("body")).getText(), ex);
		}
		waitFor().until(ExpectedConditions.visibilityOfElementLocated(By.id("text")));
	}

	/** Types a line into the chat and sends it; waits until the field is empty again. */
	default void type(String line) {
		WebElement text = browser().findElement(By.id("text"));
		waitFor().until(ExpectedConditions.elementToBeClickable(text));
		text.sendKeys(line);
		text.sendKeys(Keys.ENTER);
		waitFor().until((driver) -> driver.findElement(By.id("text")).getAttribute("value").isEmpty());
	}

	/** Clicks the newest button with this label once it has arrived. */
	default void click(String label) {
		By button = By.xpath("(//button[normalize-space()='" + label + "'])[last()]");
		waitFor().until(ExpectedConditions.elementToBeClickable(button)).click();
	}

	/** The newest chat message that contains {@code text}. */
	default WebElement last(String text) {
		List<WebElement> messages = browser().findElements(By.cssSelector("#messages li.msg"));
		for (int i = messages.size() - 1; i >= 0; i--) {
			if (messages.get(i).getText().contains(text)) {
				return messages.get(i);
			}
		}
		throw new AssertionError(
				"no message with " + text + " in " + browser().findElement(By.id("messages")).getText());
	}

	default void scrollTo(WebElement element) {
		((JavascriptExecutor) browser()).executeScript("arguments[0].scrollIntoView({block: 'center'});", element);
	}

	/** The page is no wider than the window. */
	default void assertNoSidewaysScroll() {
		Object wider = ((JavascriptExecutor) browser())
			.executeScript("return document.documentElement.scrollWidth > document.documentElement.clientWidth;");
		assertThat(wider).isEqualTo(Boolean.FALSE);
	}

	/** Saves what the browser shows as {@code target/screenshots/<name>.png}. */
	default void screenshot(String name) {
		Chromium.screenshot(browser(), name);
	}

}
