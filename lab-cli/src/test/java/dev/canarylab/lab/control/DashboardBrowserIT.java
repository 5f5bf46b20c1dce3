package dev.canarylab.lab.control;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.canarylab.lab.runtime.RuntimeStatus;
import dev.canarylab.lab.runtime.Track;
import dev.canarylab.lab.runtime.TrackStatus;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The dashboard in headless Chromium against a real lab ({@code lab up -d} from the packaged jar), one page for
 * the whole class, checked against the control API. Screenshots go to target/screenshots/.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DashboardBrowserIT {

    private static final String SAMPLE_JAR = Path.of(System.getProperty("sample.jar", "../sample-app/target/sample-app.jar"))
            .toAbsolutePath().toString();
    private static final String TRAFFIC_JAR = Path.of(System.getProperty("traffic.jar", "../traffic-gen/target/traffic-gen.jar"))
            .toAbsolutePath().toString();

    @TempDir
    static Path dir;

    private ChromeDriver chrome;
    private ControlClient lab;
    private String url;
    private final List<Process> started = new ArrayList<>();

    @BeforeAll
    void startLabAndBrowser() throws Exception {
        chrome = Browser.start(1920, 1600);
        Process up = run("up", "-d", "--port", "0", "--catalog", "../lab.yaml", "--sample-app-jar", SAMPLE_JAR,
                "--traffic-gen-jar", TRAFFIC_JAR);
        assertThat(up.waitFor(120, TimeUnit.SECONDS)).as("lab up -d returned").isTrue();
        String out = Files.readString(dir.resolve("out-0"));
        assertThat(up.exitValue()).as("lab up -d: %s %s", out, Files.readString(dir.resolve("err-0"))).isZero();
        lab = ControlClient.require(new StateFile(dir.resolve("state")));
        // Printed to a file, the address leaves the token out; lab dashboard gives it whole.
        assertThat(out).contains("dashboard: " + lab.state().controlUrl() + "/lab/ (run `lab dashboard`");
        Process dashboard = run("dashboard");
        assertThat(dashboard.waitFor(30, TimeUnit.SECONDS)).as("lab dashboard returned").isTrue();
        url = Files.readString(dir.resolve("out-1")).strip();
        assertThat(url).isEqualTo(lab.state().controlUrl() + "/lab/?token=" + lab.state().token());
    }

    @AfterAll
    void stopEverything() throws Exception {
        if (chrome != null) {
            chrome.quit();
        }
        if (lab != null) {
            try {
                lab.post("/v1/down", null, Duration.ofSeconds(5));
            } catch (RuntimeException e) {
                // already gone
            }
            ProcessHandle.of(lab.state().pid()).ifPresent(p -> p.onExit().orTimeout(30, TimeUnit.SECONDS).join());
        }
        started.forEach(Process::destroyForcibly);
    }

    private Process run(String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar", "target/lab-cli.jar"));
        cmd.addAll(List.of(args));
        cmd.addAll(List.of("--state-dir", dir.resolve("state").toString()));
        int n = started.size();
        Process p = new ProcessBuilder(cmd).redirectOutput(dir.resolve("out-" + n).toFile())
                .redirectError(dir.resolve("err-" + n).toFile()).start();
        started.add(p);
        return p;
    }

    /** The page redraws as updates arrive: an element found a moment ago may be gone, so look again. */
    private static String output(int n) {
        try {
            return Files.readString(dir.resolve("out-" + n)) + Files.readString(dir.resolve("err-" + n));
        } catch (java.io.IOException e) {
            return e.toString();
        }
    }

    private WebDriverWait waitUpTo(int seconds) {
        WebDriverWait wait = new WebDriverWait(chrome, Duration.ofSeconds(seconds), Duration.ofMillis(200));
        wait.ignoring(StaleElementReferenceException.class);
        return wait;
    }

    private String text(String id) {
        return css("#" + id);
    }

    private String css(String selector) {
        return waitUpTo(5).until(d -> d.findElement(By.cssSelector(selector)).getText());
    }

    private void deployCanary(String version, int weight) throws InterruptedException {
        lab.post("/v1/deploy", new ControlServer.DeployRequest(version, "canary", 1), Duration.ofSeconds(30));
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        TrackStatus canary = null;
        while (System.nanoTime() < deadline) {
            canary = lab.status().track(Track.CANARY);
            if (canary != null && canary.ready() >= 1) {
                break;
            }
            Thread.sleep(200);
        }
        assertThat(canary).as("%s ready on the canary track", version).isNotNull()
                .satisfies(c -> assertThat(c.ready()).isEqualTo(1));
        lab.post("/v1/weight", new ControlServer.WeightRequest(weight), Duration.ofSeconds(10));
    }

    private double sharePercent(String series) {
        return waitUpTo(5).until(d -> {
            List<WebElement> seg = d.findElements(By.cssSelector("#share-now .seg[data-series='" + series + "']"));
            return seg.isEmpty() ? 0.0 : Double.parseDouble(seg.get(0).getAttribute("data-percent"));
        });
    }

    @Test
    @Order(1)
    void thePageLoadsWithoutConsoleErrorsAndShowsTheRunningVersions() throws Exception {
        deployCanary("v2", 30);
        chrome.get(url);
        waitUpTo(15).until(d -> d.findElement(By.id("connection")).getText().equals("live"));
        waitUpTo(10).until(d -> d.findElements(By.cssSelector("#tracks li")).size() == 2);

        assertThat(css("#tracks li[data-track='stable']"))
                .contains("stable v1").contains("blue").contains("1/1 ready").contains("70% of traffic");
        assertThat(css("#tracks li[data-track='canary']"))
                .contains("canary v2").contains("green").contains("30% of traffic");
        assertThat(text("weight")).isEqualTo("canary v2: 30% of traffic");
        assertThat(chrome.findElement(By.id("banner")).isDisplayed()).isFalse();
        Thread.sleep(2500); // a few ticks of the stream, drawn
        Browser.screenshot(chrome, "dashboard-versions");
        assertThat(Browser.consoleErrors(chrome)).as("console errors").isEmpty();
    }

    @Test
    @Order(2)
    void theTrafficShareFollowsTheTrafficWhileItRuns() {
        assertThat(sharePercent("stable v1") + sharePercent("canary v2")).as("no traffic yet").isZero();
        lab.post("/v1/traffic/start", new ControlServer.TrafficRequest(List.of("--rps", "40", "--duration", "forever")),
                Duration.ofSeconds(45)); // traffic-gen's JVM starts on a machine busy with a browser and a lab

        waitUpTo(60).until(d -> sharePercent("canary v2") > 15 && sharePercent("stable v1") > 50);
        assertThat(chrome.findElements(By.cssSelector("#grid .cell[data-version='v2']"))).isNotEmpty();
        assertThat(chrome.findElements(By.cssSelector("#grid .cell[data-version='v1']"))).isNotEmpty();
        assertThat(chrome.findElements(By.cssSelector("#chart-rps polyline.line[data-series='canary v2']"))).isNotEmpty();

        lab.post("/v1/weight", new ControlServer.WeightRequest(60), Duration.ofSeconds(10));
        waitUpTo(30).until(d -> sharePercent("canary v2") > 45);
        Browser.screenshot(chrome, "dashboard-traffic");
        assertThat(Browser.consoleErrors(chrome)).as("console errors").isEmpty();
    }

    @Test
    @Order(3)
    void theFaultControlsBreakAndHealARunningVersion() {
        new org.openqa.selenium.support.ui.Select(chrome.findElement(By.id("fault-version"))).selectByValue("v2");
        setValue("fault-latency", "0");
        setValue("fault-errors", "30");
        chrome.findElement(By.id("break")).click();
        waitUpTo(20).until(d -> d.findElement(By.id("control-result")).getText().startsWith("v2: "));
        assertThat(text("control-result")).isEqualTo("v2: 30% errors");
        assertThat(lab.get("/v1/faults")).contains("\"version\":\"v2\"").contains("\"active\":[\"30% errors\"]");
        waitUpTo(30).until(d -> !d.findElements(By.cssSelector("#grid .cell.error[data-version='v2']")).isEmpty());
        assertThat(chrome.findElements(By.cssSelector("#grid .cell.error[data-version='v1']"))).isEmpty();
        Browser.screenshot(chrome, "dashboard-v2-broken");

        chrome.findElement(By.id("heal")).click();
        waitUpTo(20).until(d -> d.findElement(By.id("control-result")).getText().equals("v2: faults cleared"));
        assertThat(lab.get("/v1/faults")).doesNotContain("errors\"");
        assertThat(Browser.consoleErrors(chrome)).as("console errors").isEmpty();
    }

    private void setValue(String id, String value) {
        WebElement input = chrome.findElement(By.id(id));
        input.clear();
        input.sendKeys(value);
    }

    @Test
    @Order(4)
    void clickingRollbackMovesAllTrafficToStable() {
        chrome.findElement(By.id("rollback")).click();
        waitUpTo(20).until(d -> d.findElement(By.id("control-result")).getText().startsWith("rollback: "));
        assertThat(text("control-result")).isEqualTo("rollback: ok");

        RuntimeStatus s = lab.status();
        assertThat(s.track(Track.CANARY)).isNull();
        assertThat(s.weightOf(Track.STABLE)).isEqualTo(100);
        waitUpTo(30).until(d -> sharePercent("canary v2") == 0 && sharePercent("stable v1") == 100);
        Browser.screenshot(chrome, "dashboard-rolled-back");
        assertThat(Browser.consoleErrors(chrome)).as("console errors").isEmpty();
    }

    @Test
    @Order(5)
    void aControlWithoutTheTokenIsRefused() throws Exception {
        deployCanary("v2", 20);
        chrome.get(url.replace("token=", "token=not-the-") );
        waitUpTo(15).until(d -> d.findElement(By.id("banner")).isDisplayed());
        assertThat(chrome.findElement(By.id("banner")).getText()).contains("refused this page's token");

        chrome.findElement(By.id("rollback")).click();
        waitUpTo(15).until(d -> !d.findElement(By.id("control-result")).getText().isEmpty());
        assertThat(text("control-result"))
                .startsWith("rollback refused: the control API needs the token").endsWith("(HTTP 401)");
        Browser.screenshot(chrome, "dashboard-without-token");
        assertThat(Browser.consoleErrors(chrome)).as("the only errors: the refusals").isNotEmpty()
                .allSatisfy(e -> assertThat(e).contains("401 (Unauthorized)"));

        RuntimeStatus s = lab.status();
        assertThat(s.track(Track.CANARY)).as("the canary is still there").isNotNull();
        assertThat(s.weightOf(Track.CANARY)).isEqualTo(20);
        lab.post("/v1/rollback", null, Duration.ofSeconds(10));
    }

    @Test
    @Order(6)
    void aSlowReleaseRollbackShowsItsVerdictSentenceAndReport() throws Exception {
        lab.post("/v1/traffic/stop", null, Duration.ofSeconds(45));
        Path strategy = Files.writeString(dir.resolve("short-canary.yaml"), """
                strategy: canary
                baseline: true
                analysis: {interval: 5s, lifetime: 30s}
                extensions: 1
                background: true
                steps:
                  - setWeight: 25
                  - analysis: {}
                  - setWeight: 50
                """);
        chrome.get(url);
        waitUpTo(15).until(d -> d.findElement(By.id("connection")).getText().equals("live"));
        Process rollout = run("rollout", "v3", "--strategy", strategy.toString(), "--rps", "40");

        waitUpTo(60).until(d -> {
            if (!rollout.isAlive()) {
                throw new AssertionError("lab rollout ended early: " + output(started.size() - 1));
            }
            return d.findElement(By.id("rollout-step")).getText().startsWith("step ");
        });
        assertThat(text("rollout-strategy")).isEqualTo("canary 'short-canary.yaml'");
        waitUpTo(150).until(d -> !d.findElements(By.id("rollout-report")).isEmpty());
        assertThat(rollout.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(rollout.exitValue()).as("lab rollout v3 exits 1 (rolled back): %s", output(started.size() - 1))
                .isEqualTo(1);

        assertThat(text("rollout-outcome")).contains("ROLLED BACK");
        assertThat(text("rollout-verdicts")).contains("FAIL").contains("latency");
        assertThat(text("rollout-shadow")).as("shadow.js").contains("Shadow judges").contains("Kayenta").contains("Flagger")
                .contains("Argo");
        String sentence = text("rollout-sentence");
        String printed = Files.readString(dir.resolve("out-" + (started.size() - 1)));
        assertThat(printed).as("the CLI prints the same sentence").contains(sentence);
        assertThat(output(started.size() - 1)).as("lab rollout's output to a file").doesNotContain(lab.state().token());
        Browser.screenshot(chrome, "dashboard-slow-release");
        assertThat(Browser.consoleErrors(chrome)).as("console errors").isEmpty();

        String href = waitUpTo(5).until(d -> d.findElement(By.id("rollout-report")).getAttribute("href"));
        chrome.get(href);
        assertThat(chrome.getTitle()).containsIgnoringCase("v3");
        assertThat(lab.status().weightOf(Track.STABLE)).isEqualTo(100);
    }

    /**
     * The projector layout, right after the slow release's rollback (the lab of the tests above, no new one): at
     * 1280x720 the verdict, the traffic share and the latency chart all fit the screen, in type readable from the
     * back of a room, and nothing else of the page shows.
     */
    @Test
    @Order(7)
    void theStageViewShowsVerdictShareAndLatencyOnOneProjectorScreen() throws Exception {
        chrome.executeCdpCommand("Emulation.setDeviceMetricsOverride",
                Map.of("width", 1280, "height", 720, "deviceScaleFactor", 1, "mobile", false));
        Browser.consoleErrors(chrome); // the report's page, opened last, asked for a favicon without the token
        try {
            chrome.get(url + "&view=stage");
            waitUpTo(15).until(d -> d.findElement(By.id("stage-badge")).getText().contains("ROLLED BACK"));
            assertThat(text("stage-badge")).isEqualTo("\u2715 FAIL \u00b7 ROLLED BACK");
            JsonNode rollout = new ObjectMapper().readTree(lab.get("/v1/rollout"));
            assertThat(chrome.findElement(By.id("stage-sentence")).getDomProperty("textContent"))
                    .isEqualTo(rollout.get("sentence").asText()).contains("v3");
            // the share is of the last 5 s of requests: the canary's last ones leave it within those seconds
            waitUpTo(15).until(d -> css("#stage-share-list li[data-series='stable v1']").contains("100%"));
            assertThat(css("#stage-share-list li[data-series='stable v1']")).contains("stable v1").contains("100%");
            assertThat(chrome.findElements(By.cssSelector("#stage-share-bar .seg[data-series='stable v1']"))).hasSize(1);
            for (String series : List.of("canary v3", "baseline v1", "stable v1")) {
                assertThat(chrome.findElements(By.cssSelector("#stage-latency polyline.line[data-series='" + series + "']")))
                        .as("the latency chart's line of %s", series).isNotEmpty();
            }
            // the slow release's looks carry the shadow judges' verdicts: the stage's one line ends with the lab's
            assertThat(chrome.findElement(By.id("stage-shadows")).isDisplayed()).as("the shadow judges' line").isTrue();
            assertThat(text("stage-shadows")).contains("Kayenta").contains("Flagger").contains("Argo")
                    .contains("canary-lab FAIL");
            assertThat(chrome.findElement(By.id("stage-qr")).isDisplayed()).as("no audience mode, no QR code").isFalse();
            assertThat(chrome.findElement(By.id("controls")).isDisplayed()).as("the presenter controls").isFalse();

            assertFitsOneScreen("stage-badge", "stage-sentence", "stage-share-bar", "stage-share-list", "stage-latency");
            Browser.screenshot(chrome, "dashboard-stage");
            assertThat(Browser.consoleErrors(chrome)).as("console errors").isEmpty();
        } finally {
            chrome.executeCdpCommand("Emulation.clearDeviceMetricsOverride", Map.of());
        }
    }

    /**
     * The two slots other parts fill, given their state through the page's own hooks (audience mode's answer to
     * LabStage.audience, shadow looks in the rollout state): both show, and the screen still holds everything.
     */
    @Test
    @Order(8)
    void theStageViewStillFitsWithTheAudienceQrCodeAndTheShadowJudgesLine() {
        chrome.executeCdpCommand("Emulation.setDeviceMetricsOverride",
                Map.of("width", 1280, "height", 720, "deviceScaleFactor", 1, "mobile", false));
        try {
            chrome.get(url + "&view=stage");
            waitUpTo(15).until(d -> d.findElement(By.id("stage-badge")).getText().contains("ROLLED BACK"));
            chrome.executeScript("""
                    LabStage.audience({url: 'http://192.168.1.20:8080/', windowSeconds: 10,
                      qr: "data:image/svg+xml,<svg xmlns='http://www.w3.org/2000/svg' viewBox='0 0 21 21'><rect width='7' height='7'/></svg>",
                      devices: [{version: 'v1', color: 'blue', count: 17}, {version: 'v3', color: 'yellow', count: 5}]});
                    const judge = (judge, verdict, disagrees) => ({judge, verdict, reason: 'why', disagrees});
                    LabDashboard.view.rollout.shadow = [{analysis: 'background analysis', look: 3, lab: 'FAIL',
                      judges: [judge('Kayenta', 'PASS', true), judge('Flagger', 'PASS', true), judge('Argo', 'PASS', true)]}];
                    LabStage.render();
                    """);
            assertThat(text("stage-shadows")).isEqualTo("Kayenta PASS \u00b7 Flagger PASS \u00b7 Argo PASS \u00b7 canary-lab FAIL");
            assertThat(chrome.findElements(By.cssSelector("#stage-shadows .judge.disagrees"))).hasSize(3);
            assertThat(chrome.findElement(By.id("stage-qr")).isDisplayed()).isTrue();
            assertThat(text("stage-qr-address")).isEqualTo("http://192.168.1.20:8080/");
            assertThat(text("stage-qr-phones")).isEqualTo("22 phones: v1 17 \u00b7 v3 5");
            assertFitsOneScreen("stage-badge", "stage-sentence", "stage-shadows", "stage-share-bar", "stage-share-list",
                    "stage-latency", "stage-qr-image", "stage-qr-phones");
            Browser.screenshot(chrome, "dashboard-stage-audience-shadows");

            chrome.executeScript("LabStage.audience(null)");
            assertThat(chrome.findElement(By.id("stage-qr")).isDisplayed()).as("audience mode off again").isFalse();
            assertThat(Browser.consoleErrors(chrome)).as("console errors").isEmpty();
        } finally {
            chrome.executeCdpCommand("Emulation.clearDeviceMetricsOverride", Map.of());
        }
    }

    /**
     * The page's viewport is 1280x720, it does not scroll, the given elements lie inside it, and its smallest
     * visible text (SVG text as drawn, after the chart's scaling) is at least 20 px.
     */
    private void assertFitsOneScreen(String... ids) {
        @SuppressWarnings("unchecked")
        Map<String, Object> fit = (Map<String, Object>) chrome.executeScript("""
                const page = document.scrollingElement;
                const outside = [...arguments].filter(id => {
                  const r = document.getElementById(id).getBoundingClientRect();
                  return !(r.height > 0 && r.top >= 0 && r.left >= 0 && r.bottom <= innerHeight && r.right <= innerWidth);
                });
                let smallest = Infinity;
                for (const e of document.querySelectorAll('#stage *')) {
                  const own = [...e.childNodes].some(n => n.nodeType === Node.TEXT_NODE && n.textContent.trim());
                  if (!own || e.getClientRects().length === 0) continue;
                  let px = parseFloat(getComputedStyle(e).fontSize);
                  if (e instanceof SVGElement) {
                    const svg = e.ownerSVGElement;
                    px *= svg.getBoundingClientRect().width / svg.viewBox.baseVal.width;
                  }
                  smallest = Math.min(smallest, px);
                }
                return {width: innerWidth, height: innerHeight, scrollWidth: page.scrollWidth,
                  scrollHeight: page.scrollHeight, outside: outside.join(' '), smallestText: smallest};
                """, (Object[]) ids);
        assertThat(fit).containsEntry("width", 1280L).containsEntry("height", 720L);
        assertThat(fit.get("outside")).as("elements not wholly on the screen").isEqualTo("");
        assertThat((Long) fit.get("scrollHeight")).as("no vertical scrolling").isLessThanOrEqualTo(720);
        assertThat((Long) fit.get("scrollWidth")).as("no horizontal scrolling").isLessThanOrEqualTo(1280);
        assertThat(((Number) fit.get("smallestText")).doubleValue()).as("the smallest text, in px").isGreaterThanOrEqualTo(20);
    }
}
