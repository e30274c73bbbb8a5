package io.iotworkbench.ui.certs;

import io.iotworkbench.cert.BundleCheck;
import io.iotworkbench.cert.Verdict;
import io.iotworkbench.cert.WmSdkExport;
import io.iotworkbench.cert.WmUserDefEdit;
import io.iotworkbench.settings.WorkbenchSettings;
import io.iotworkbench.ui.PaneStage;
import io.iotworkbench.ui.common.Appearance;
import javafx.application.Platform;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;
import javafx.stage.Stage;
import javafx.scene.input.KeyCode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Certificates pane headless (Monocle) on a real context: a download folder added (through
 * {@link CertificatesView#drop}, the drop handler's own method, since drag and drop cannot be simulated headless), its
 * checks shown as marks, a certificate created from a CSR on the Local IoT Core, and the WM SDK export; PNG snapshots
 * in both themes.
 */
@ExtendWith(ApplicationExtension.class)
@Tag("ui")
class CertificatesPaneUiTest {

    @TempDir
    static Path home;

    private CertsFixture fixture;
    private CertificatesView view;
    private Appearance appearance;
    private Scene scene;

    @Start
    void start(Stage stage) {
        fixture = new CertsFixture(home.resolve("run-" + System.nanoTime()), Platform::runLater);
        view = new CertificatesView(new CertificatesViewModel(fixture.context));
        appearance = new Appearance(Appearance.Theme.LIGHT, WorkbenchSettings.DEFAULT_FONT_SIZE);
        scene = new Scene((javafx.scene.Parent) view.root(), 1180, 820);
        appearance.register(scene);
        stage.setScene(scene);
        stage.show();
    }

    @AfterEach
    void stop() throws Exception {
        WaitForAsyncUtils.asyncFx(view::dispose).get(60, TimeUnit.SECONDS);
        fixture.close();
    }

    private void waitIdle() throws Exception {
        WaitForAsyncUtils.waitForFxEvents();
        WaitForAsyncUtils.waitFor(90, TimeUnit.SECONDS, () -> !view.viewModel().busyProperty().get());
        WaitForAsyncUtils.waitForFxEvents();
    }

    /** Selects a tab of the pane the way a click on its header does (the header text also names buttons). */
    private static void selectTab(FxRobot robot, String title) {
        javafx.scene.control.TabPane tabs = robot.lookup("#certs-tabs").queryAs(javafx.scene.control.TabPane.class);
        robot.interact(() -> tabs.getTabs().stream().filter(t -> t.getText().equals(title)).findFirst()
                .ifPresent(t -> tabs.getSelectionModel().select(t)));
        WaitForAsyncUtils.waitForFxEvents();
    }

    private Path snapshot(String name) throws Exception {
        return PaneStage.snapshot(scene, name);
    }

    @Test
    void dropAFolderSeeTheChecksCreateACertificateAndExport(FxRobot robot) throws Exception {
        Path download = CertsFixture.download(fixture.dir.resolve("Downloads/kitchen"), "8c1f0e2b9a",
                Instant.now().minus(200, ChronoUnit.DAYS), Instant.now().plus(165, ChronoUnit.DAYS));
        robot.interact(() -> view.drop(List.of(download)));
        waitIdle();
        CertificatesViewModel vm = view.viewModel();
        assertThat(vm.errorProperty().get()).as(vm.messageProperty().get()).isFalse();
        VBox checks = robot.lookup("#certs-checks").queryAs(VBox.class);
        assertThat(checks.getChildren()).hasSize(vm.list().checks().size()).hasSizeGreaterThan(4);
        Label firstMark = (Label) ((HBox) checks.getChildren().get(0)).getChildren().get(0);
        assertThat(firstMark.getText()).isEqualTo("✔");
        assertThat(firstMark.getStyleClass()).contains("check-ok");
        assertThat(vm.list().checks()).noneMatch(c -> c.verdict() == Verdict.ERROR);
        assertThat(vm.list().checks()).extracting(BundleCheck::name).contains(BundleCheck.KEY_MATCHES);
        assertThat(robot.lookup("#certs-validity").query().isVisible()).isTrue();
        snapshot("certs-overview-light");
        robot.interact(() -> appearance.themeProperty().set(Appearance.Theme.DARK));
        WaitForAsyncUtils.waitForFxEvents();
        snapshot("certs-overview-dark");
        robot.interact(() -> appearance.themeProperty().set(Appearance.Theme.LIGHT));

        robot.interact(() -> fixture.session.setThingName("porch-light"));
        selectTab(robot, "Create");
        robot.clickOn("#certs-create-name").type(KeyCode.END).eraseText(60).write("porch-light");
        assertThat(robot.lookup("#certs-create-subject").queryAs(TextField.class).getText())
                .isEqualTo("CN=porch-light");
        snapshot("certs-create-light");
        robot.clickOn("#certs-create");
        waitIdle();
        assertThat(vm.errorProperty().get()).as(vm.messageProperty().get()).isFalse();
        assertThat(vm.list().selectedProperty().get().name()).isEqualTo("porch-light");
        assertThat(vm.messageProperty().get()).contains("registered it, ACTIVE");

        selectTab(robot, "IoT Core");
        robot.clickOn("Refresh");
        waitIdle();
        assertThat(vm.iotCore().registrationProperty().get()).startsWith("ACTIVE");
        snapshot("certs-iotcore-light");
        robot.interact(() -> appearance.themeProperty().set(Appearance.Theme.DARK));
        WaitForAsyncUtils.waitForFxEvents();
        snapshot("certs-iotcore-dark");
        robot.interact(() -> appearance.themeProperty().set(Appearance.Theme.LIGHT));

        Path sdk = fixture.dir.resolve("wm_iot_sdk");
        Files.createDirectories(sdk.resolve("components"));
        Path userDef = sdk.resolve(WmSdkExport.AWS_EXAMPLES).resolve("led_demo").resolve(WmUserDefEdit.USER_DEF);
        Files.createDirectories(userDef.getParent());
        Files.writeString(userDef, "#define AWS_IOT_ENDPOINT \"a2crv3ycvx4d9c-ats.iot.ap-northeast-2.amazonaws.com\""
                + "\n#define THING_NAME       \"wm_demo_1\"\n");
        selectTab(robot, "WM SDK");
        robot.clickOn("#certs-sdk").write(sdk.toString());
        robot.clickOn("#certs-export");
        waitIdle();
        assertThat(vm.errorProperty().get()).as(vm.messageProperty().get()).isFalse();
        Path aws = sdk.resolve(WmSdkExport.AWS_EXAMPLES);
        assertThat(aws.resolve(WmSdkExport.CERTIFICATE)).exists();
        assertThat(Files.readString(aws.resolve(WmSdkExport.PRIVATE_KEY))).startsWith("-----BEGIN RSA PRIVATE KEY");
        assertThat(aws.resolve(WmSdkExport.ROOT_CA)).exists();
        robot.clickOn("#certs-userdef-diff");
        waitIdle();
        assertThat(vm.wmExport().userDefDiffProperty().get()).contains("+#define THING_NAME       \"porch-light\"");
        snapshot("certs-wmsdk-light");
        robot.interact(() -> appearance.themeProperty().set(Appearance.Theme.DARK));
        WaitForAsyncUtils.waitForFxEvents();
        snapshot("certs-wmsdk-dark");
    }
}
