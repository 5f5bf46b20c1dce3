package dev.canarylab.lab.control;

import static org.assertj.core.api.Assertions.fail;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.logging.Level;
import java.util.stream.Stream;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;

/**
 * Headless Chromium through chromedriver, both from the machine (Debian's chromium and chromium-driver): never
 * downloaded, and a missing one fails the test with what to install rather than skipping it.
 */
final class Browser {

    static final Path SCREENSHOTS = Path.of("target", "screenshots");

    private Browser() {
    }

    static ChromeDriver start(int width, int height) {
        Path chromium = find("CHROME_BIN", "chromium", "chromium-browser", "google-chrome");
        Path driver = find("CHROMEDRIVER", "chromedriver");
        if (chromium == null || driver == null) {
            fail("the dashboard's browser tests need " + (chromium == null ? "chromium" : "")
                    + (chromium == null && driver == null ? " and " : "") + (driver == null ? "chromedriver" : "")
                    + " on the PATH (Debian: apt-get install -y chromium chromium-driver; .ci/run installs them),"
                    + " or CHROME_BIN and CHROMEDRIVER pointing at them");
        }
        ChromeOptions options = new ChromeOptions();
        options.setBinary(chromium.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu",
                "--hide-scrollbars", "--window-size=" + width + "," + height, "--force-device-scale-factor=1");
        LoggingPreferences logs = new LoggingPreferences();
        logs.enable(LogType.BROWSER, Level.ALL);
        options.setCapability("goog:loggingPrefs", logs);
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(driver.toFile())
                .usingAnyFreePort().build();
        return new ChromeDriver(service, options);
    }

    /** The console's errors (uncaught exceptions, failed loads, console.error) since the last call. */
    static List<String> consoleErrors(ChromeDriver chrome) {
        return chrome.manage().logs().get(LogType.BROWSER).getAll().stream()
                .filter(e -> e.getLevel().intValue() >= Level.SEVERE.intValue()).map(LogEntry::getMessage).toList();
    }

    /** Saves the whole page as target/screenshots/{@code name}.png (the window grows to fit it for the shot). */
    static Path screenshot(ChromeDriver chrome, String name) {
        try {
            Files.createDirectories(SCREENSHOTS);
            Dimension before = chrome.manage().window().getSize();
            long height = (Long) chrome.executeScript("return document.documentElement.scrollHeight");
            chrome.manage().window().setSize(new Dimension(before.getWidth(), (int) Math.max(before.getHeight(), height + 150)));
            Thread.sleep(400); // the page redraws its charts for the new size
            File shot = chrome.getScreenshotAs(OutputType.FILE);
            chrome.manage().window().setSize(before);
            Path to = SCREENSHOTS.resolve(name + ".png");
            Files.copy(shot.toPath(), to, StandardCopyOption.REPLACE_EXISTING);
            return to;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static Path find(String variable, String... programs) {
        String given = System.getenv(variable);
        if (given != null && Files.isExecutable(Path.of(given))) {
            return Path.of(given);
        }
        String path = System.getenv().getOrDefault("PATH", "");
        return Stream.of(programs).flatMap(p -> Stream.of(path.split(File.pathSeparator)).map(d -> Path.of(d, p)))
                .filter(p -> Files.isRegularFile(p) && Files.isExecutable(p)).findFirst().orElse(null);
    }
}
