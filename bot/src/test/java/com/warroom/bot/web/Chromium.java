package com.warroom.bot.web;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import org.jspecify.annotations.Nullable;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * Debian's headless Chromium for the browser tests, through Debian's chromedriver: both
 * paths are set, so Selenium Manager never looks for (or downloads) anything.
 */
final class Chromium {

	static final Path BROWSER = Path.of("/usr/bin/chromium");

	static final Path DRIVER = Path.of("/usr/bin/chromedriver");

	static final Path SCREENSHOTS = Path.of("target/screenshots");

	static final String MISSING = "browser test skipped: /usr/bin/chromium or /usr/bin/chromedriver is missing "
			+ "(apt-get install chromium chromium-driver; .ci/run does)";

	private Chromium() {
	}

	/**
	 * A fresh headless browser (its own profile), or null when Chromium is not installed.
	 */
	static @Nullable WebDriver start() {
		if (!Files.isExecutable(BROWSER) || !Files.isExecutable(DRIVER)) {
			return null;
		}
		try {
			Path profile = Files.createTempDirectory("warroom-chromium");
			Files.createDirectories(SCREENSHOTS);
			ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(DRIVER.toFile())
				.usingAnyFreePort()
				.build();
			ChromeOptions options = new ChromeOptions();
			options.setBinary(BROWSER.toFile());
			options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
					"--disable-background-networking", "--disable-component-update", "--disable-sync",
					"--disable-dev-shm-usage", "--user-data-dir=" + profile, "--window-size=1280,900", "--lang=zh-CN");
			WebDriver browser = new ChromeDriver(service, options);
			browser.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(20));
			return browser;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/** Closes the browser (and its driver process). */
	static void stop(@Nullable WebDriver browser) {
		if (browser != null) {
			browser.quit();
		}
	}

	/** Saves what the browser shows as {@code target/screenshots/<name>.png}. */
	static void screenshot(WebDriver browser, String name) {
		try {
			Files.write(SCREENSHOTS.resolve(name + ".png"),
					((TakesScreenshot) browser).getScreenshotAs(OutputType.BYTES));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
