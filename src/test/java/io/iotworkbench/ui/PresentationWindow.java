package io.iotworkbench.ui;

import io.iotworkbench.app.Workbench;
import io.iotworkbench.session.ConnectionState;
import io.iotworkbench.storage.AppDirectories;
import io.iotworkbench.ui.shell.MainWindow;
import javafx.scene.Scene;
import javafx.scene.control.Tab;
import javafx.stage.Stage;
import org.testfx.api.FxRobot;
import org.testfx.util.WaitForAsyncUtils;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;

/**
 * Test support for the shell's presentation tests: one workbench window on its Local IoT Core, sized like a projector,
 * walked tab by tab with each tab's pane built and laid out before the visit. Open it in the test's {@code @Start}
 * (FX thread), close it after each test; the other methods run on the test thread.
 */
public final class PresentationWindow {

    /** What a test does on each tab, with the tab's id (without "tab-"); called on the test thread. */
    @FunctionalInterface
    public interface TabVisit {
        void visit(String id) throws Exception;
    }

    private final Workbench workbench;
    private final MainWindow window;

    private PresentationWindow(Workbench workbench, MainWindow window) {
        this.workbench = workbench;
        this.window = window;
    }

    /** A workbench with its own folders under {@code home}, its window at 1280×720. FX thread. */
    public static PresentationWindow open(Stage stage, Path home) {
        Workbench workbench = new Workbench(AppDirectories.under(home.resolve("run-" + System.nanoTime())),
                Workbench.Options.app());
        MainWindow window = workbench.openWindow(stage);
        stage.setMaximized(false);
        stage.setWidth(1280);
        stage.setHeight(720);
        return new PresentationWindow(workbench, window);
    }

    public Workbench workbench() {
        return workbench;
    }

    public MainWindow window() {
        return window;
    }

    public Scene scene() {
        return window.stage().getScene();
    }

    /** Waits until the session is connected to the Local IoT Core. */
    public void awaitConnected() throws Exception {
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () ->
                workbench.session().state() == ConnectionState.CONNECTED);
    }

    /** Sets the window to {@code width}×{@code height} and waits until the scene has taken the size. */
    public void resize(FxRobot robot, int width, int height) throws Exception {
        robot.interact(() -> {
            window.stage().setWidth(width);
            window.stage().setHeight(height);
        });
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () ->
                Math.abs(scene().getWidth() - width) < 1 && Math.abs(scene().getHeight() - height) < 1);
    }

    /** Selects every tab in turn and, once its pane is built and laid out, hands its id to {@code visit}. */
    public void eachTab(FxRobot robot, TabVisit visit) throws Exception {
        for (Tab tab : List.copyOf(window.tabs().getTabs())) {
            robot.interact(() -> window.tabs().getSelectionModel().select(tab));
            String id = tab.getId().substring("tab-".length());
            WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () ->
                    robot.lookup("#placeholder-" + id).tryQuery().isEmpty());
            settle();
            visit.visit(id);
        }
    }

    /** Runs {@code work} on the FX thread and returns its result. */
    public static <T> T onFx(Callable<T> work) throws Exception {
        return WaitForAsyncUtils.asyncFx(work).get(60, TimeUnit.SECONDS);
    }

    /** Writes a screenshot of the whole window as {@code target/screenshots/<name>.png}. */
    public void screenshot(String name) throws Exception {
        onFx(() -> Screenshots.write(scene(), name));
    }

    /** Lets a few pulses pass, so that layouts started by the last change have run. */
    public static void settle() {
        for (int i = 0; i < 3; i++) {
            WaitForAsyncUtils.waitForFxEvents();
            WaitForAsyncUtils.sleep(150, TimeUnit.MILLISECONDS);
        }
    }

    public void close() {
        workbench.close();
    }
}
