package io.iotworkbench.ui.jobs;

import io.iotworkbench.jobs.OtaDeviceProgress;
import javafx.beans.binding.Bindings;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.ListChangeListener;
import javafx.geometry.Insets;
import javafx.geometry.Orientation;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.RadioButton;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.SelectionMode;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.control.ToggleGroup;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.stage.FileChooser;
import software.amazon.awssdk.services.iot.model.Protocol;

import java.io.File;
import java.util.List;
import java.util.Locale;

/**
 * The OTA view of the Jobs pane, built in code: on the left the three steps (firmware file, signing, targets and
 * protocol, create), on the right a row per device (state, progress bar with bytes and blocks, cancel and retry) with
 * the virtual board's serial log beside it, fault buttons on the Local IoT Core, and the message line. Binds to
 * {@link OtaViewModel} (also its root's user data, for tests: a file chooser cannot be driven headless).
 * FX thread only.
 */
public final class OtaView {

    private final OtaViewModel vm;
    private final BorderPane root = new BorderPane();

    public OtaView(OtaViewModel vm) {
        this.vm = vm;
        root.setId("ota-view");
        root.getStyleClass().add("ota-view");
        root.setUserData(vm);
        ScrollPane steps = new ScrollPane(steps());
        steps.setFitToWidth(true);
        steps.setMinWidth(360);
        BorderPane left = new BorderPane(steps);
        left.setBottom(createRow());
        SplitPane split = new SplitPane(left, watch());
        split.setDividerPositions(0.36);
        root.setCenter(split);
        Label message = io.iotworkbench.ui.common.PaneIntro.message(vm, "ota");
        vm.errorProperty().addListener((o, a, b) -> styleError(message, b));
        root.setBottom(message);
        vm.start();
    }

    public Node root() {
        return root;
    }

    private Node steps() {
        VBox box = new VBox(4, title("1. Firmware"), fileStep(), title("2. Signing"), signingStep(),
                title("3. Targets and protocol"), targetStep());
        box.setPadding(new Insets(6, 10, 10, 10));
        return box;
    }

    private static Label title(String text) {
        Label l = new Label(text);
        l.getStyleClass().add("section-title");
        return l;
    }

    private Node fileStep() {
        Button choose = new Button("Choose .img or .fls…");
        choose.setId("ota-choose-file");
        choose.setOnAction(e -> {
            FileChooser chooser = new FileChooser();
            chooser.setTitle("Firmware image for the OTA update");
            chooser.getExtensionFilters().add(new FileChooser.ExtensionFilter("WM firmware (*.img, *.fls)",
                    "*.img", "*.fls"));
            File f = chooser.showOpenDialog(root.getScene().getWindow());
            if (f != null) {
                vm.chooseFile(f.toPath());
            }
        });
        Label summary = new Label();
        summary.setId("ota-file-summary");
        summary.setWrapText(true);
        summary.textProperty().bind(vm.imageSummaryProperty());
        vm.imageBadProperty().addListener((o, a, b) -> styleError(summary, b));
        return new VBox(4, choose, summary);
    }

    private Node signingStep() {
        ToggleGroup group = new ToggleGroup();
        RadioButton signer = new RadioButton(vm.isAwsProfile() ? "Sign with an AWS Signer profile"
                : "Sign with the Local IoT Core's code signer");
        signer.setId("ota-sign-signer");
        RadioButton own = new RadioButton("Bring my signature (base64 ECDSA P-256 / SHA-256)");
        own.setId("ota-sign-own");
        signer.setToggleGroup(group);
        own.setToggleGroup(group);
        signer.setSelected(vm.signingModeProperty().get() == OtaViewModel.SigningMode.CODE_SIGNER);
        own.setSelected(!signer.isSelected());
        group.selectedToggleProperty().addListener((o, a, b) -> vm.signingModeProperty().set(b == own
                ? OtaViewModel.SigningMode.OWN_SIGNATURE : OtaViewModel.SigningMode.CODE_SIGNER));
        Label cert = new Label();
        cert.setId("ota-signer-certificate");
        cert.setWrapText(true);
        cert.getStyleClass().add("muted");
        cert.textProperty().bind(vm.signerCertificateProperty());
        TextField profile = new TextField();
        profile.setId("ota-signer-profile");
        profile.setPromptText("AWS Signer profile name");
        profile.textProperty().bindBidirectional(vm.signerProfileProperty());
        profile.setVisible(vm.isAwsProfile());
        profile.setManaged(vm.isAwsProfile());
        TextField signature = new TextField();
        signature.setId("ota-signature");
        signature.setPromptText("signature (base64 of the DER ECDSA signature of the file)");
        signature.textProperty().bindBidirectional(vm.signatureProperty());
        signature.disableProperty().bind(own.selectedProperty().not());
        TextField certPath = new TextField();
        certPath.setId("ota-cert-path");
        certPath.textProperty().bindBidirectional(vm.certificatePathProperty());
        certPath.setTooltip(new Tooltip("Where the device finds the code-signing certificate (certfile)"));
        HBox certRow = new HBox(6, new Label("Certificate on device"), certPath);
        certRow.setAlignment(Pos.CENTER_LEFT);
        HBox.setHgrow(certPath, Priority.ALWAYS);
        return new VBox(4, signer, profile, cert, own, signature, certRow);
    }

    private Node targetStep() {
        ListView<String> things = new ListView<>(vm.thingChoices());
        things.setId("ota-things");
        things.setPlaceholder(new Label("No things"));
        ListView<String> groups = new ListView<>(vm.groupChoices());
        groups.setId("ota-groups");
        groups.setPlaceholder(new Label("No thing groups"));
        for (ListView<String> l : List.of(things, groups)) {
            l.getSelectionModel().setSelectionMode(SelectionMode.MULTIPLE);
            l.setPrefHeight(72);
        }
        things.getSelectionModel().getSelectedItems().addListener((ListChangeListener<String>) c ->
                vm.selectedThings().setAll(List.copyOf(things.getSelectionModel().getSelectedItems())));
        groups.getSelectionModel().getSelectedItems().addListener((ListChangeListener<String>) c ->
                vm.selectedGroups().setAll(List.copyOf(groups.getSelectionModel().getSelectedItems())));
        vm.selectedThings().addListener((ListChangeListener<String>) c -> {
            if (!things.getSelectionModel().getSelectedItems().equals(vm.selectedThings())) {
                things.getSelectionModel().clearSelection();
                vm.selectedThings().forEach(t -> things.getSelectionModel().select(t));
            }
        });
        GridPane lists = new GridPane();
        lists.setHgap(6);
        lists.addRow(0, new Label("Things"), new Label("Thing groups"));
        lists.addRow(1, things, groups);
        GridPane.setHgrow(things, Priority.ALWAYS);
        GridPane.setHgrow(groups, Priority.ALWAYS);

        ToggleGroup protocols = new ToggleGroup();
        RadioButton http = new RadioButton("HTTP (presigned URL)");
        http.setId("ota-http");
        RadioButton mqtt = new RadioButton("MQTT (stream)");
        mqtt.setId("ota-mqtt");
        http.setToggleGroup(protocols);
        mqtt.setToggleGroup(protocols);
        http.setSelected(vm.protocolProperty().get() == Protocol.HTTP);
        mqtt.setSelected(!http.isSelected());
        protocols.selectedToggleProperty().addListener((o, a, b) ->
                vm.protocolProperty().set(b == mqtt ? Protocol.MQTT : Protocol.HTTP));
        vm.protocolProperty().addListener((o, a, b) -> (b == Protocol.MQTT ? mqtt : http).setSelected(true));
        HBox protocolRow = new HBox(12, new Label("Protocol"), http, mqtt);
        protocolRow.setAlignment(Pos.CENTER_LEFT);

        VBox box = new VBox(6, lists, protocolRow, safetyRow());
        if (vm.isAwsProfile()) {
            TextField s3 = new TextField();
            s3.setId("ota-s3-url");
            s3.setPromptText("s3://bucket/key");
            s3.textProperty().bindBidirectional(vm.s3UrlProperty());
            Label note = new Label("Real AWS: the image is uploaded to this s3://bucket/key (the bucket must "
                    + "exist and the profile may write to it).");
            note.setWrapText(true);
            note.getStyleClass().add("muted");
            TextField role = new TextField();
            role.setId("ota-role-arn");
            role.setPromptText("arn:aws:iam::ACCOUNT:role/ota-role");
            role.textProperty().bindBidirectional(vm.roleArnProperty());
            box.getChildren().addAll(new Label("Image in S3"), s3, note, new Label("OTA role ARN"), role);
        } else {
            Label note = new Label("The image goes into the Local IoT Core's object store (bucket "
                    + OtaViewModel.LOCAL_BUCKET + ").");
            note.setWrapText(true);
            note.getStyleClass().add("muted");
            box.getChildren().add(note);
        }
        return box;
    }

    /** Rollout and abort: notify at most N devices a minute; abort when X % of M finished devices failed. */
    private Node safetyRow() {
        OtaJobControlsForm form = vm.jobControls();
        TextField perMinute = smallField("ota-per-minute", "all", form.perMinuteProperty());
        TextField percent = smallField("ota-abort-percent", "–", form.failedPercentProperty());
        TextField after = smallField("ota-abort-after", "–", form.afterDevicesProperty());
        HBox rate = new HBox(6, new Label("Devices per minute"), perMinute);
        rate.setAlignment(Pos.CENTER_LEFT);
        HBox abort = new HBox(6, new Label("Abort when"), percent, new Label("% failed, after"), after,
                new Label("devices"));
        abort.setAlignment(Pos.CENTER_LEFT);
        return new VBox(6, rate, abort);
    }

    private static TextField smallField(String id, String prompt, javafx.beans.property.StringProperty value) {
        TextField f = new TextField();
        f.setId(id);
        f.setPromptText(prompt);
        f.setPrefColumnCount(4);
        f.textProperty().bindBidirectional(value);
        return f;
    }

    /** Name and "Create OTA update", always in view under the steps. */
    private Node createRow() {
        TextField id = new TextField();
        id.setId("ota-update-id");
        id.setPromptText("update name");
        id.textProperty().bindBidirectional(vm.updateIdProperty());
        Button create = new Button("Create OTA update");
        create.setId("ota-create");
        create.setDefaultButton(true);
        create.disableProperty().bind(vm.imageProperty().isNull().or(vm.busyProperty()));
        create.setOnAction(e -> vm.createUpdate());
        HBox createRow = new HBox(6, new Label("Name"), id, create);
        createRow.setAlignment(Pos.CENTER_LEFT);
        createRow.setPadding(new Insets(6, 10, 6, 10));
        createRow.getStyleClass().add("ota-create-row");
        HBox.setHgrow(id, Priority.ALWAYS);
        return createRow;
    }

    private Node watch() {
        Label title = new Label();
        title.getStyleClass().add("section-title");
        title.textProperty().bind(Bindings.createStringBinding(() -> vm.watchingProperty().get().isEmpty()
                ? "4. Devices (create an update to watch it)" : "4. Devices of " + vm.watchingProperty().get(),
                vm.watchingProperty()));
        Button cancelAll = new Button("Cancel update");
        cancelAll.setId("ota-cancel-update");
        cancelAll.disableProperty().bind(vm.watchingProperty().isEmpty().or(vm.busyProperty()));
        cancelAll.setOnAction(e -> vm.cancelUpdate());
        Label state = new Label();
        state.setId("ota-update-state");
        state.textProperty().bind(vm.updateStateProperty());
        state.setWrapText(true);
        state.getStyleClass().add("muted");
        HBox head = new HBox(10, title, cancelAll, state);
        head.setAlignment(Pos.CENTER_LEFT);
        HBox.setHgrow(state, Priority.ALWAYS);

        TableView<OtaViewModel.DeviceRow> table = new TableView<>(vm.devices());
        table.setId("ota-devices");
        table.setPlaceholder(new Label("No devices yet"));
        table.getColumns().add(text("Thing", 130, OtaViewModel.DeviceRow::thingName));
        table.getColumns().add(text("State", 170, r -> r.progress().stateText()));
        TableColumn<OtaViewModel.DeviceRow, OtaViewModel.DeviceRow> progress = new TableColumn<>("Progress");
        progress.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(c.getValue()));
        progress.setCellFactory(c -> new ProgressCell());
        progress.setPrefWidth(300);
        table.getColumns().add(progress);
        TableColumn<OtaViewModel.DeviceRow, OtaViewModel.DeviceRow> actions = new TableColumn<>("");
        actions.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(c.getValue()));
        actions.setCellFactory(c -> new ActionsCell());
        actions.setPrefWidth(140);
        actions.setMinWidth(140);
        table.getColumns().add(actions);
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_ALL_COLUMNS);

        Label logTitle = new Label();
        logTitle.getStyleClass().add("section-title");
        logTitle.textProperty().bind(Bindings.createStringBinding(() -> vm.serialLogThingProperty().get().isEmpty()
                ? "Serial log (open a board in the Serial pane)" : "Serial log of "
                + vm.serialLogThingProperty().get(), vm.serialLogThingProperty()));
        ListView<String> log = new ListView<>(vm.serialLog());
        log.setId("ota-serial-log");
        log.getStyleClass().add("monospace");
        log.setPlaceholder(new Label(vm.isAwsProfile() ? "Real devices: see the Serial pane" : "No lines yet"));
        vm.serialLog().addListener((ListChangeListener<String>) c -> log.scrollTo(vm.serialLog().size() - 1));
        VBox logBox = new VBox(4, logTitle, log);
        VBox.setVgrow(log, Priority.ALWAYS);
        SplitPane split = new SplitPane(table, logBox);
        split.setOrientation(Orientation.VERTICAL);
        split.setDividerPositions(0.5);
        VBox.setVgrow(split, Priority.ALWAYS);
        VBox box = new VBox(6, head, split);
        if (vm.faultsAvailable()) {
            box.getChildren().add(faults());
        }
        box.setPadding(new Insets(6, 8, 6, 8));
        return box;
    }

    private Node faults() {
        HBox bar = new HBox(6);
        bar.setId("ota-faults");
        bar.setAlignment(Pos.CENTER_LEFT);
        bar.getChildren().add(new Label("Inject a fault:"));
        for (OtaViewModel.Fault f : OtaViewModel.Fault.values()) {
            Button b = new Button(f.label());
            b.setId("ota-fault-" + f.name().toLowerCase(Locale.ROOT).replace('_', '-'));
            b.setOnAction(e -> vm.inject(f));
            bar.getChildren().add(b);
        }
        return bar;
    }

    private static <T> TableColumn<T, String> text(String title, double width,
                                                   java.util.function.Function<T, String> f) {
        TableColumn<T, String> c = new TableColumn<>(title);
        c.setCellValueFactory(d -> new ReadOnlyStringWrapper(f.apply(d.getValue())));
        c.setPrefWidth(width);
        return c;
    }

    /** Progress bar with bytes and blocks under it; red when failed, green when done. */
    private static final class ProgressCell extends TableCell<OtaViewModel.DeviceRow, OtaViewModel.DeviceRow> {
        private final ProgressBar bar = new ProgressBar();
        private final Label amount = new Label();
        private final VBox box = new VBox(2, bar, amount);

        ProgressCell() {
            bar.setMaxWidth(Double.MAX_VALUE);
            amount.getStyleClass().add("ota-amount");
        }

        @Override
        protected void updateItem(OtaViewModel.DeviceRow row, boolean empty) {
            super.updateItem(row, empty);
            if (empty || row == null) {
                setGraphic(null);
                return;
            }
            OtaDeviceProgress p = row.progress();
            bar.setProgress(p.fraction());
            bar.getStyleClass().removeAll("ota-bar-failed", "ota-bar-succeeded");
            if (p.stage() == OtaDeviceProgress.Stage.FAILED || p.stage() == OtaDeviceProgress.Stage.CANCELED) {
                bar.getStyleClass().add("ota-bar-failed");
            } else if (p.stage() == OtaDeviceProgress.Stage.SUCCEEDED) {
                bar.getStyleClass().add("ota-bar-succeeded");
            }
            amount.setText(p.amount());
            setGraphic(box);
        }
    }

    /** Cancel while the device may still change; retry once it failed or was canceled. */
    private final class ActionsCell extends TableCell<OtaViewModel.DeviceRow, OtaViewModel.DeviceRow> {
        private final Button cancel = new Button("Cancel");
        private final Button retry = new Button("Retry");
        private final HBox box = new HBox(4, cancel, retry);

        ActionsCell() {
            box.setAlignment(Pos.CENTER_LEFT);
            cancel.getStyleClass().add("ota-cancel");
            retry.getStyleClass().add("ota-retry");
        }

        @Override
        protected void updateItem(OtaViewModel.DeviceRow row, boolean empty) {
            super.updateItem(row, empty);
            if (empty || row == null) {
                setGraphic(null);
                return;
            }
            OtaDeviceProgress.Stage s = row.progress().stage();
            cancel.setDisable(s.isFinal());
            retry.setDisable(s != OtaDeviceProgress.Stage.FAILED && s != OtaDeviceProgress.Stage.CANCELED);
            cancel.setOnAction(e -> vm.cancelDevice(row));
            retry.setOnAction(e -> vm.retryDevice(row));
            setGraphic(box);
        }
    }

    private static void styleError(Label l, boolean error) {
        l.getStyleClass().remove("form-error");
        if (error) {
            l.getStyleClass().add("form-error");
        }
    }
}
