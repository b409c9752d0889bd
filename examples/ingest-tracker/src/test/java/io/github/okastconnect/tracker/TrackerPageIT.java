package io.github.okastconnect.tracker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.okastconnect.testkit.SingleBrokerKafka;
import io.github.okastconnect.testkit.TopicReader;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.stream.Stream;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.test.KafkaClusterTestKit;
import org.apache.kafka.streams.StreamsConfig;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The page in a real browser: headless Chromium (Debian's {@code chromium} + {@code chromium-driver}) driven by
 * Selenium, against a tracker on a real in-process broker fed by a producer. A user searches a file with the
 * keyboard and watches it go PENDING → DOWNLOADING → PROCESSING → DONE without reloading, opens its timeline
 * (times in the browser's time zone, here Asia/Tokyo), and sees an ERRORED one with its statusError.
 * Screenshots go to {@code target/screenshots/}.
 */
class TrackerPageIT {

    private static final String TOPIC = "okast.ingest.lifecycle";
    private static final String BROWSER_ZONE = "Asia/Tokyo";
    private static final Path SHOTS = Path.of("target", "screenshots");

    private KafkaClusterTestKit kafka;
    private IngestTracker tracker;
    private KafkaProducer<String, String> producer;
    private WebDriver browser;

    @BeforeEach
    void start() throws Exception {
        Optional<Path> chromium = onPath("chromium", "chromium-browser", "google-chrome");
        Optional<Path> chromedriver = onPath("chromedriver");
        Assumptions.assumeTrue(
                chromium.isPresent() && chromedriver.isPresent(),
                "SKIPPED: the browser test needs chromium and chromedriver on PATH (Debian: apt-get install -y "
                        + "--no-install-recommends chromium chromium-driver; .ci/run installs them); found chromium="
                        + chromium.orElse(null) + ", chromedriver=" + chromedriver.orElse(null));

        kafka = SingleBrokerKafka.start();
        TopicReader.createTopic(kafka.bootstrapServers(), TOPIC, 2);
        Properties extra = new Properties();
        extra.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, "200");
        tracker = IngestTracker.start(
                TrackerSettings.defaults()
                        .withBootstrapServers(kafka.bootstrapServers())
                        .withApplicationId("tracker-page-it")
                        .withHttpPort(0)
                        .withStateDir(Files.createDirectories(Path.of("target", "tracker-state"))
                                .resolve("page-" + System.nanoTime())
                                .toString()),
                extra);
        producer = SingleBrokerKafka.producer(kafka.bootstrapServers());

        ChromeOptions options = new ChromeOptions();
        options.setBinary(chromium.get().toFile());
        options.addArguments(
                "--headless=new",
                "--no-sandbox",
                "--disable-dev-shm-usage",
                "--disable-gpu",
                "--window-size=1440,1000",
                "--lang=en-GB");
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(chromedriver.get().toFile())
                .usingAnyFreePort()
                .withEnvironment(Map.of("TZ", BROWSER_ZONE))
                .build();
        browser = new ChromeDriver(service, options);
    }

    @AfterEach
    void stop() throws Exception {
        if (browser != null) {
            browser.quit();
        }
        if (producer != null) {
            producer.close();
        }
        if (tracker != null) {
            tracker.close();
        }
        if (kafka != null) {
            kafka.close();
        }
    }

    @Test
    void aUserWatchesAFileGoFromPendingToDoneAndSeesAnErroredOne() throws Exception {
        long now = System.currentTimeMillis();
        // Some background: another channel with finished work and one entry stuck for half an hour.
        for (int i = 0; i < 3; i++) {
            Events e =
                    new Events("lyon", "s3://media/sport/match-" + i + ".mxf", "r" + i, now - 3_600_000 + i * 60_000);
            send(e, e.newEvent("PENDING", now - 3_000_000));
            send(e, e.changedTo("DONE", now - 2_900_000 + i * 30_000));
        }
        Events stuck = new Events("lyon", "s3://media/sport/replay-17.mxf", "r9", now - 1_900_000);
        send(stuck, stuck.newEvent("DOWNLOADING", now - 1_800_000));

        browser.get(tracker.url());
        JavascriptExecutor js = (JavascriptExecutor) browser;
        js.executeScript("window.__sameDocument = true;");
        waitFor("the instances table", () -> text(By.id("instances")).contains("lyon"));
        assertEquals(BROWSER_ZONE, text(By.id("tz")));

        Events watched = new Events(
                "paris", "https://storage.example/news/evening-news-0412.mxf", "2026-1203 10:00:00", now - 5_000);
        long pendingAt = System.currentTimeMillis();
        send(watched, watched.newEvent("PENDING", pendingAt));

        // Keyboard only: '/' focuses the search box, type, Enter.
        browser.findElement(By.tagName("body")).sendKeys("/");
        assertEquals("search", browser.switchTo().activeElement().getAttribute("id"));
        browser.switchTo().activeElement().sendKeys("evening-news", Keys.ENTER);

        List<String> seen = new ArrayList<>();
        seen.add(waitForStatus(watched.filePath, "PENDING"));
        shot("1-pending");
        for (String next : List.of("DOWNLOADING", "PROCESSING", "DONE")) {
            send(watched, watched.changedTo(next, System.currentTimeMillis()));
            seen.add(waitForStatus(watched.filePath, next));
            assertEquals(
                    Boolean.TRUE, js.executeScript("return window.__sameDocument === true;"), "the page was reloaded");
        }
        assertEquals(List.of("PENDING", "DOWNLOADING", "PROCESSING", "DONE"), seen);

        // Open its timeline with the keyboard.
        WebElement row = row(watched.filePath).orElseThrow();
        js.executeScript("arguments[0].focus();", row);
        browser.switchTo().activeElement().sendKeys(Keys.ENTER);
        waitFor(
                "the timeline",
                () -> browser.findElements(By.cssSelector("#timeline li[data-status]"))
                                .size()
                        == 4);
        List<WebElement> steps = browser.findElements(By.cssSelector("#timeline li[data-status]"));
        assertEquals(
                List.of("PENDING", "DOWNLOADING", "PROCESSING", "DONE"),
                steps.stream().map(s -> s.getAttribute("data-status")).toList());
        String tokyo = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss")
                .format(Instant.ofEpochMilli(pendingAt).atZone(ZoneId.of(BROWSER_ZONE)));
        assertTrue(
                steps.get(0).getText().contains("entered " + tokyo),
                steps.get(0).getText() + " vs " + tokyo);
        assertTrue(steps.get(3).getText().contains("final status"), steps.get(3).getText());

        // A second file of the same show fails.
        Events failed = new Events(
                "paris", "https://storage.example/news/evening-news-0413.mxf", "2026-1203 10:05:00", now - 1_000);
        send(failed, failed.newEvent("PENDING", System.currentTimeMillis()));
        send(failed, failed.erroredWith("Checksum mismatch after upload", System.currentTimeMillis()));
        waitForStatus(failed.filePath, "ERRORED");
        assertTrue(row(failed.filePath)
                .orElseThrow()
                .findElement(By.className("error"))
                .getText()
                .contains("Checksum mismatch after upload"));
        waitFor(
                "the ERRORED entry under attention",
                () -> text(By.id("attention-errored")).contains("Checksum mismatch after upload"));
        waitFor(
                "the stuck entry under attention",
                () -> text(By.id("attention-stuck")).contains("replay-17.mxf"));
        assertTrue(text(By.id("attention-stuck")).contains("DOWNLOADING"));
        shot("tracker");
    }

    private void send(Events e, String value) throws Exception {
        producer.send(new ProducerRecord<>(TOPIC, e.key(), value)).get();
    }

    private Optional<WebElement> row(String filePath) {
        return browser.findElements(By.cssSelector("#results tbody tr[data-id]")).stream()
                .filter(r -> r.findElement(By.className("path")).getText().equals(filePath))
                .findFirst();
    }

    /** Waits until the file's row shows {@code status} on its badge; returns the status seen. */
    private String waitForStatus(String filePath, String status) {
        waitFor(
                filePath + " " + status,
                () -> row(filePath)
                        .map(r -> r.findElement(By.className("badge")).getText().equals(status))
                        .orElse(false));
        return row(filePath).orElseThrow().findElement(By.className("badge")).getText();
    }

    private String text(By by) {
        return browser.findElement(by).getText();
    }

    private void waitFor(String what, java.util.function.BooleanSupplier condition) {
        new WebDriverWait(browser, Duration.ofSeconds(60))
                .withMessage("waiting for " + what)
                .ignoring(org.openqa.selenium.StaleElementReferenceException.class)
                .until(d -> condition.getAsBoolean());
    }

    private void shot(String name) throws Exception {
        Files.createDirectories(SHOTS);
        Files.write(SHOTS.resolve(name + ".png"), ((TakesScreenshot) browser).getScreenshotAs(OutputType.BYTES));
    }

    private static Optional<Path> onPath(String... names) {
        String path = System.getenv().getOrDefault("PATH", "");
        return Stream.of(names)
                .flatMap(name -> Stream.of(path.split(File.pathSeparator)).map(dir -> Path.of(dir, name)))
                .filter(Files::isExecutable)
                .findFirst();
    }
}
