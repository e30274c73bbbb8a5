package io.iotworkbench.ui;

import io.iotworkbench.app.Workbench;
import io.iotworkbench.session.ConnectionState;
import io.iotworkbench.storage.AppDirectories;
import io.iotworkbench.ui.shell.MainWindow;
import javafx.scene.Scene;
import javafx.stage.Stage;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.testfx.util.WaitForAsyncUtils;

import java.nio.file.Path;
import java.util.Objects;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The TestFX set-up the pane UI tests share: the real app (a {@link Workbench} with its folders in a fresh folder
 * under the test's temp dir) opened in TestFX's stage, closed after each test, and PNG snapshots of its window in
 * {@code target/screenshots/}. TestFX finds {@code @Start} only in the test class itself, so a test registers this
 * as an extension and its one-line {@code @Start} calls {@link #open}:
 *
 * <pre>{@code
 * @RegisterExtension
 * final PaneStage app = new PaneStage(Workbench.Options.app());
 *
 * @Start
 * void start(Stage stage) {
 *     window = app.open(stage, home);
 * }
 * }</pre>
 *
 * <p>Threading: {@link #open} on the FX thread (TestFX calls {@code @Start} there); the rest from the test thread.
 */
public final class PaneStage implements AfterEachCallback {

    private final Workbench.Options options;
    private Workbench workbench;
    private MainWindow window;

    public PaneStage(Workbench.Options options) {
        this.options = Objects.requireNonNull(options);
    }

    /** A fresh workbench under {@code home} and its main window in {@code stage}; from the test's {@code @Start}. */
    public MainWindow open(Stage stage, Path home) {
        workbench = new Workbench(AppDirectories.under(home.resolve("run-" + System.nanoTime())), options);
        window = workbench.openWindow(stage);
        return window;
    }

    /** Like {@link #open(Stage, Path)}, at a given window size. */
    public MainWindow open(Stage stage, Path home, double width, double height) {
        MainWindow opened = open(stage, home);
        stage.setWidth(width);
        stage.setHeight(height);
        return opened;
    }

    public Workbench workbench() {
        return workbench;
    }

    public MainWindow window() {
        return window;
    }

    /** Waits (up to 90 s: the Local IoT Core starts first) until the session is connected. */
    public void awaitConnected() throws Exception {
        WaitForAsyncUtils.waitFor(90, TimeUnit.SECONDS, () -> workbench.session().state() == ConnectionState.CONNECTED);
    }

    /**
     * Has the window's virtual device report its temperature now (waiting up to 90 s for it to run), instead of
     * waiting for its drift (decision 0029). Returns the value it reported.
     */
    public String reportTemperature() throws Exception {
        var core = workbench.localCore().ready().get(90, TimeUnit.SECONDS);
        WaitForAsyncUtils.waitFor(90, TimeUnit.SECONDS, () -> core.virtualDevice().map(d -> d.isConnected())
                .orElse(false));
        return core.virtualDevice().orElseThrow().reportTemperature().orElseThrow();
    }

    /** Closes the workbench after each test (after the test's own {@code @AfterEach} methods). */
    @Override
    public void afterEach(ExtensionContext context) {
        if (workbench != null) {
            workbench.close();
            workbench = null;
        }
    }

    /** Writes {@code target/screenshots/<name>.png} of the main window. */
    public Path snapshot(String name) throws Exception {
        return snapshot(window.stage().getScene(), name);
    }

    /** Writes {@code target/screenshots/<name>.png} of {@code scene} once pending FX events have run. */
    public static Path snapshot(Scene scene, String name) throws Exception {
        WaitForAsyncUtils.waitForFxEvents();
        Path png = WaitForAsyncUtils.asyncFx(() -> Screenshots.write(scene, name)).get(60, TimeUnit.SECONDS);
        assertThat(png).exists();
        return png;
    }
}
