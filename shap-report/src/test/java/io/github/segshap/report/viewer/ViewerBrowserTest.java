package io.github.segshap.report.viewer;

import io.github.segshap.core.io.ExplanationFolder;
import io.github.segshap.core.io.Npy;
import io.github.segshap.report.chart.ColorMap;
import java.awt.Color;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.interactions.Actions;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The viewer in a real headless Chromium (Debian's {@code chromium} and {@code chromium-driver},
 * driven by Selenium): clicks known pixels, moves with the keyboard, and reads the numbers shown
 * against the folder's {@code .npy} files. Skipped only when no Chromium or chromedriver is installed.
 * Saves a screenshot as {@code target/viewer/viewer-screenshot.png}.
 */
class ViewerBrowserTest {
    /** Printed to 4 decimals, from float32 copies. */
    private static final double PRINTED = 0.5e-4 + 1e-6;
    private static final int M = ViewerFixture.PLAYERS.size();
    private static final int K = ViewerFixture.H * ViewerFixture.W;

    @TempDir
    static Path tmp;
    private static final String NO_BROWSER =
            "no chromium and chromedriver installed (apt-get install chromium chromium-driver)";
    private static boolean browser;
    private static ChromeDriver driver;
    private static Path folder;
    private static String page;
    private static double[] base;
    private static double[] prediction;
    private static double[] contributions;
    private static double[] interactions;
    private static double[] truth;

    private static Optional<Path> executable(String... names) {
        for (String name : names) {
            for (String dir : (System.getenv().getOrDefault("PATH", "") + File.pathSeparator + "/usr/bin")
                    .split(File.pathSeparator)) {
                Path p = Path.of(dir.isEmpty() ? "." : dir, name);
                if (Files.isExecutable(p)) {
                    return Optional.of(p);
                }
            }
        }
        return Optional.empty();
    }

    @BeforeAll
    static void openTheViewer() throws IOException {
        Optional<Path> chromium = executable("chromium", "chromium-browser");
        Optional<Path> chromedriver = executable("chromedriver");
        browser = chromium.isPresent() && chromedriver.isPresent();
        if (!browser) {
            // said here and skipped per test (an assumption failed in @BeforeAll reports no test at all)
            System.err.println("WARNING: ViewerBrowserTest skipped: " + NO_BROWSER);
            return;
        }
        folder = ViewerFixture.folder(tmp.resolve("explanation"));
        base = Npy.read(folder.resolve("base_values.npy")).toDoubles();
        prediction = Npy.read(folder.resolve("prediction.npy")).toDoubles();
        contributions = Npy.read(folder.resolve("contributions.npy")).toDoubles();
        interactions = Npy.read(folder.resolve(ExplanationFolder.INTERACTIONS)).toDoubles();
        truth = Npy.read(folder.resolve(ExplanationFolder.TRUTH)).toDoubles();
        Path html = InteractiveViewer.builder().maxImages(2).title("Viewer test").maskLabels("salt", "not salt")
                .build().write(folder, tmp.resolve("out"));

        ChromeOptions options = new ChromeOptions();
        options.setBinary(chromium.get().toFile());
        options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--disable-dev-shm-usage", "--window-size=1280,860",
                "--user-data-dir=" + Files.createDirectories(tmp.resolve("chromium-profile")));
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(chromedriver.get().toFile()).usingAnyFreePort().build();
        driver = new ChromeDriver(service, options);
        page = html.toUri().toString();
    }

    @BeforeEach
    void load() {
        assumeTrue(browser, NO_BROWSER);
        driver.get(page);
        assertEquals("true", driver.findElement(By.tagName("body")).getAttribute("data-ready"),
                "the viewer's script did not finish");
    }

    @AfterAll
    static void close() {
        if (driver != null) {
            driver.quit();
        }
    }

    private static int scale() {
        return Integer.parseInt(driver.findElement(By.id("map-canvas")).getAttribute("data-scale"));
    }

    private static void click(int row, int col) {
        WebElement canvas = driver.findElement(By.id("map-canvas"));
        int s = scale();
        int dx = (int) Math.round((col + 0.5) * s - ViewerFixture.W * s / 2.0);
        int dy = (int) Math.round((row + 0.5) * s - ViewerFixture.H * s / 2.0);
        new Actions(driver).moveToElement(canvas, dx, dy).click().perform();
    }

    private static void choose(String select, String value) {
        driver.findElement(By.cssSelector("#" + select + " option[value='" + value + "']")).click();
    }

    private static double shown(String id) {
        return Double.parseDouble(driver.findElement(By.id(id)).findElement(By.className("value")).getText());
    }

    private static double cell(String id) {
        return Double.parseDouble(driver.findElement(By.id(id)).getText());
    }

    private static void assertPixel(int image, int row, int col) {
        WebElement pixel = driver.findElement(By.id("pixel"));
        assertEquals(ViewerFixture.IDS.get(image), pixel.getAttribute("data-sample"));
        assertEquals(row, Integer.parseInt(pixel.getAttribute("data-row")), "selected row");
        assertEquals(col, Integer.parseInt(pixel.getAttribute("data-col")), "selected column");
        int o = row * ViewerFixture.W + col;
        double b = shown("wf-base");
        assertEquals(base[image * K + o], b, PRINTED, "base value");
        double sum = b;
        double exactSum = base[image * K + o];
        for (int p = 0; p < M; p++) {
            double c = shown("wf-player-" + p);
            assertEquals(contributions[(image * M + p) * K + o], c, PRINTED, "contribution of player " + p);
            sum += c;
            exactSum += contributions[(image * M + p) * K + o];
        }
        double pred = shown("wf-prediction");
        assertEquals(prediction[image * K + o], pred, PRINTED, "prediction");
        assertEquals(pred, sum, (M + 2) * PRINTED, "the printed rows add up to the printed prediction");
        assertEquals(prediction[image * K + o], exactSum, 1e-9, "the saved values are additive");
        assertEquals(truth[image * K + o], shown("wf-truth"), 0, "truth");
        for (int i = 0; i < M; i++) {
            double row0 = 0;
            for (int j = 0; j < M; j++) {
                double v = cell("ix-" + i + "-" + j);
                assertEquals(interactions[((image * M + i) * M + j) * K + o], v, PRINTED, "interaction " + i + ", " + j);
                row0 += v;
            }
            assertEquals(contributions[(image * M + i) * K + o], row0, M * PRINTED, "row " + i + " sums to phi_i");
        }
    }

    @Test
    void clickedAndKeyedPixelsShowTheSavedNumbers() throws IOException {
        List<WebElement> samples = driver.findElements(By.cssSelector("#sample option"));
        assertEquals(2, samples.size(), "maxImages 2 of 3");
        assertTrue(driver.findElement(By.id("shown-note")).getText().contains("first 2 of the 3"));

        click(2, 5);
        assertEquals("selected", driver.findElement(By.id("pixel")).getAttribute("data-source"));
        assertPixel(0, 2, 5);
        driver.switchTo().activeElement().sendKeys(Keys.ARROW_RIGHT, Keys.ARROW_DOWN, Keys.ARROW_DOWN);
        assertPixel(0, 4, 6);

        choose("sample", "1");
        assertPixel(1, 4, 6);
        click(6, 0);
        assertPixel(1, 6, 0);

        // Tab from the page's start reaches the controls, then the map, whose arrow keys move the pixel
        driver.findElement(By.id("title")).click();
        new Actions(driver).sendKeys(Keys.TAB).perform();
        assertEquals("sample", driver.switchTo().activeElement().getAttribute("id"));
        new Actions(driver).sendKeys(Keys.TAB).perform();
        assertEquals("map", driver.switchTo().activeElement().getAttribute("id"));
        new Actions(driver).sendKeys(Keys.TAB).perform();
        assertEquals("map-canvas", driver.switchTo().activeElement().getAttribute("id"));
        new Actions(driver).sendKeys(Keys.ARROW_UP).perform();
        assertPixel(1, 5, 0);

        choose("map", "contribution-2");
        Path shot = Path.of("target", "viewer", "viewer-screenshot.png");
        Files.createDirectories(shot.getParent());
        Files.copy(driver.getScreenshotAs(OutputType.FILE).toPath(), shot, StandardCopyOption.REPLACE_EXISTING);
        assertTrue(Files.size(shot) > 10_000, "screenshot " + shot);
    }

    @Test
    void contributionMapIsDrawnOnTheSharedSymmetricScale() {
        choose("sample", "1");
        choose("map", "contribution-1");
        assertEquals("contribution-1", driver.findElement(By.id("map-canvas")).getAttribute("data-map"));
        double limit = 0;
        for (int p = 0; p < M; p++) {
            for (int o = 0; o < K; o++) {
                limit = Math.max(limit, Math.abs(contributions[(M + p) * K + o]));
            }
        }
        for (int q = 0; q < M * M; q++) {
            for (int o = 0; o < K; o++) {
                limit = Math.max(limit, Math.abs(interactions[(M * M + q) * K + o]));
            }
        }
        WebElement legend = driver.findElement(By.id("legend"));
        assertEquals(-limit, Double.parseDouble(legend.getAttribute("data-min")), 1e-6 * limit);
        assertEquals(limit, Double.parseDouble(legend.getAttribute("data-max")), 1e-6 * limit);
        assertEquals(limit, Double.parseDouble(driver.findElement(By.id("legend-max")).getText()), PRINTED);

        // the drawn colour of an unselected pixel is the report's colour map at its contribution
        int s = scale();
        int row = 1;
        int col = 7;
        @SuppressWarnings("unchecked")
        List<Long> rgb = (List<Long>) ((JavascriptExecutor) driver).executeScript(
                "var d = document.getElementById('map-canvas').getContext('2d')"
                        + ".getImageData(arguments[0], arguments[1], 1, 1).data; return [d[0], d[1], d[2]];",
                col * s + s / 2, row * s + s / 2);
        Color want = ColorMap.divergingSymmetric(limit).color(contributions[(M + 1) * K + row * ViewerFixture.W + col]);
        assertEquals(want.getRed(), rgb.get(0), 4, "red");
        assertEquals(want.getGreen(), rgb.get(1), 4, "green");
        assertEquals(want.getBlue(), rgb.get(2), 4, "blue");
        choose("map", "prediction");
    }
}
