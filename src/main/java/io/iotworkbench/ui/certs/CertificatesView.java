package io.iotworkbench.ui.certs;

import io.iotworkbench.cert.BundleCheck;
import io.iotworkbench.cert.CertificateFactory;
import io.iotworkbench.cert.ConnectionStep;
import io.iotworkbench.ui.common.PaneView;
import javafx.beans.binding.Bindings;
import javafx.collections.ListChangeListener;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Alert;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonType;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.PasswordField;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.SplitPane;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.scene.input.DragEvent;
import javafx.scene.input.TransferMode;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.ColumnConstraints;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.stage.DirectoryChooser;
import javafx.stage.FileChooser;

import java.io.File;
import java.nio.file.Path;
import java.util.List;

/**
 * The Certificates pane's view, built in code and bound to {@link CertificatesViewModel}: the bundle list on the left
 * (drop files or a download folder anywhere on the pane), and tabs on the right — Overview (detail, validity bar,
 * checks as marks, password prompt, "Use in session", connection check with its steps), Create, IoT Core (status
 * actions and the policy editor) and WM SDK (export and the {@code aws_user_def.h} diff). Destructive actions and
 * overwrites ask first. FX thread only.
 */
public final class CertificatesView implements PaneView {

    private final CertificatesViewModel vm;
    private final BorderPane root = new BorderPane();
    private final TabPane tabs = new TabPane();

    public CertificatesView(CertificatesViewModel viewModel) {
        this.vm = viewModel;
        root.setId("certs-pane");
        root.getStyleClass().add("certs-pane");
        root.setTop(header());
        SplitPane split = new SplitPane(bundleList(), tabs);
        split.setDividerPositions(0.26);
        SplitPane.setResizableWithParent(split.getItems().get(0), false);
        root.setCenter(split);
        tabs.setTabClosingPolicy(TabPane.TabClosingPolicy.UNAVAILABLE);
        tabs.setId("certs-tabs");
        tabs.getTabs().addAll(tab("Overview", overview()), tab("Create", create()), tab("IoT Core", iotCore()),
                tab("WM SDK", wmSdk()));
        root.setOnDragOver(this::dragOver);
        root.setOnDragDropped(this::dragDropped);
    }

    @Override
    public Node root() {
        return root;
    }

    @Override
    public void dispose() {
        vm.dispose();
    }

    /** What a drop of files does; also what the headless test calls, as drag and drop cannot be simulated there. */
    public void drop(List<Path> paths) {
        vm.list().addFiles(paths);
        tabs.getSelectionModel().select(0);
    }

    public CertificatesViewModel viewModel() {
        return vm;
    }

    private static Tab tab(String title, Node content) {
        ScrollPane scroll = new ScrollPane(content);
        scroll.setFitToWidth(true);
        Tab t = new Tab(title, scroll);
        t.setId("certs-tab-" + title.toLowerCase(java.util.Locale.ROOT).replace(' ', '-'));
        return t;
    }

    private Node header() {
        Label title = new Label(vm.title());
        title.getStyleClass().add("pane-title");
        Label session = new Label();
        session.setId("certs-pane-session");
        session.getStyleClass().add("pane-session");
        session.textProperty().bind(vm.sessionSummary());
        ProgressIndicator busy = new ProgressIndicator();
        busy.setPrefSize(18, 18);
        busy.setMaxSize(18, 18);
        busy.visibleProperty().bind(vm.busyProperty());
        busy.managedProperty().bind(busy.visibleProperty());
        Label message = new Label();
        message.setId("certs-message");
        message.setWrapText(true);
        message.textProperty().bind(vm.messageProperty());
        vm.errorProperty().addListener((o, a, b) -> styleError(message, b));
        styleError(message, vm.errorProperty().get());
        HBox titleRow = new HBox(12, title, session);
        titleRow.setAlignment(Pos.BASELINE_LEFT);
        HBox status = new HBox(8, busy, message);
        status.setAlignment(Pos.CENTER_LEFT);
        // no empty band under the title while there is nothing to say
        status.visibleProperty().bind(message.textProperty().isNotEmpty().or(vm.busyProperty()));
        status.managedProperty().bind(status.visibleProperty());
        VBox box = new VBox(6, titleRow, status);
        box.setPadding(new Insets(10, 12, 8, 12));
        return box;
    }

    private static void styleError(Label l, boolean error) {
        l.getStyleClass().remove("form-error");
        if (error) {
            l.getStyleClass().add("form-error");
        }
    }

    private Node bundleList() {
        ListView<BundleItem> list = new ListView<>(vm.list().bundles());
        list.setId("certs-bundles");
        Label placeholder = new Label("Drop certificate files or a whole AWS download folder here.");
        placeholder.setWrapText(true);
        placeholder.setPadding(new Insets(8));
        list.setPlaceholder(placeholder);
        list.setCellFactory(v -> new ListCell<>() {
            @Override
            protected void updateItem(BundleItem item, boolean empty) {
                super.updateItem(item, empty);
                setText(empty || item == null ? null : item.label());
            }
        });
        list.getSelectionModel().selectedItemProperty().addListener((o, a, b) -> {
            if (b != null && b != vm.list().selectedProperty().get()) {
                vm.list().selectedProperty().set(b);
            }
        });
        vm.list().selectedProperty().addListener((o, a, b) -> list.getSelectionModel().select(b));
        Button files = new Button("Add files…");
        files.setOnAction(e -> {
            FileChooser chooser = new FileChooser();
            chooser.setTitle("Certificate, private key and root CA");
            List<File> chosen = chooser.showOpenMultipleDialog(root.getScene().getWindow());
            if (chosen != null) {
                drop(chosen.stream().map(File::toPath).toList());
            }
        });
        Button folder = new Button("Add folder…");
        folder.setOnAction(e -> {
            File chosen = new DirectoryChooser().showDialog(root.getScene().getWindow());
            if (chosen != null) {
                drop(List.of(chosen.toPath()));
            }
        });
        Button remove = new Button("Remove");
        remove.setOnAction(e -> vm.list().removeSelected());
        FlowPane buttons = new FlowPane(6, 6, files, folder, remove);
        VBox box = new VBox(8, list, buttons);
        VBox.setVgrow(list, Priority.ALWAYS);
        box.setPadding(new Insets(0, 6, 8, 12));
        box.setMinWidth(180);
        return box;
    }

    private void dragOver(DragEvent e) {
        if (e.getDragboard().hasFiles()) {
            e.acceptTransferModes(TransferMode.COPY);
        }
        e.consume();
    }

    private void dragDropped(DragEvent e) {
        boolean ok = e.getDragboard().hasFiles();
        if (ok) {
            drop(e.getDragboard().getFiles().stream().map(File::toPath).toList());
        }
        e.setDropCompleted(ok);
        e.consume();
    }

    // ---- Overview

    private Node overview() {
        GridPane grid = new GridPane();
        grid.setId("certs-detail");
        grid.setHgap(12);
        grid.setVgap(4);
        ColumnConstraints labels = new ColumnConstraints();
        labels.setMinWidth(Region.USE_PREF_SIZE);
        ColumnConstraints values = new ColumnConstraints();
        values.setHgrow(Priority.ALWAYS);
        grid.getColumnConstraints().addAll(labels, values);
        vm.list().detail().addListener((ListChangeListener<CertificatesViewModel.DetailField>) c -> fillDetail(grid));

        ValidityBar bar = new ValidityBar(vm.list().todayPositionProperty());
        bar.setId("certs-validity");
        Label barCaption = new Label();
        barCaption.getStyleClass().add("muted");
        barCaption.textProperty().bind(Bindings.createStringBinding(() -> {
            var s = vm.list().summaryProperty().get();
            return s == null ? "" : "Validity " + s.notBefore().toString().substring(0, 10) + " → "
                    + s.notAfter().toString().substring(0, 10) + "; the marker is today.";
        }, vm.list().summaryProperty()));
        VBox validity = new VBox(4, bar, barCaption);
        validity.visibleProperty().bind(vm.list().summaryProperty().isNotNull());
        validity.managedProperty().bind(validity.visibleProperty());

        PasswordField password = new PasswordField();
        password.setId("certs-password");
        password.setPromptText("Key password (used once, never stored)");
        Button unlock = new Button("Unlock");
        unlock.setDefaultButton(false);
        Runnable doUnlock = () -> {
            char[] chars = password.getText().toCharArray();
            password.clear();
            vm.list().unlock(chars);
        };
        unlock.setOnAction(e -> doUnlock.run());
        password.setOnAction(e -> doUnlock.run());
        HBox passwordRow = new HBox(8, new Label("The private key is encrypted:"), password, unlock);
        passwordRow.setAlignment(Pos.CENTER_LEFT);
        passwordRow.visibleProperty().bind(vm.list().passwordNeededProperty());
        passwordRow.managedProperty().bind(passwordRow.visibleProperty());

        VBox checks = new VBox(6);
        checks.setId("certs-checks");
        vm.list().checks().addListener((ListChangeListener<BundleCheck>) c -> fillChecks(checks));

        Button use = new Button("Use in session");
        use.setId("certs-use");
        use.setOnAction(e -> vm.useInSession());
        Button connect = new Button("Check connection");
        connect.setId("certs-connect");
        connect.setOnAction(e -> vm.connectionCheck().checkConnection());
        HBox actions = new HBox(8, use, connect);
        actions.disableProperty().bind(vm.busyProperty());

        VBox steps = new VBox(6);
        steps.setId("certs-steps");
        vm.connectionCheck().connectionSteps().addListener((ListChangeListener<ConnectionStep>) c -> fillSteps(steps));

        Label empty = new Label("Select a bundle on the left, or drop files here: the device certificate "
                + "(xxxx-certificate.pem.crt), its private key (xxxx-private.pem.key) and the root CA "
                + "(AmazonRootCA1.pem), or the whole folder.");
        empty.setWrapText(true);
        empty.visibleProperty().bind(vm.list().summaryProperty().isNull());
        empty.managedProperty().bind(empty.visibleProperty());

        VBox box = new VBox(12, empty, section("Certificate"), grid, validity, passwordRow, section("Checks"), checks,
                actions, steps);
        box.setPadding(new Insets(12));
        return box;
    }

    private static Label section(String title) {
        Label l = new Label(title);
        l.getStyleClass().add("section-title");
        return l;
    }

    private void fillDetail(GridPane grid) {
        grid.getChildren().clear();
        int row = 0;
        for (var f : vm.list().detail()) {
            Label label = new Label(f.label());
            label.getStyleClass().add("muted");
            Label value = new Label(f.value());
            value.setWrapText(true);
            if (f.label().startsWith("SHA") || f.label().equals("AWS id")) {
                value.getStyleClass().add("monospace");
            }
            grid.addRow(row++, label, value);
        }
    }

    private void fillChecks(VBox box) {
        box.getChildren().clear();
        for (BundleCheck c : vm.list().checks()) {
            Label name = new Label(c.name());
            name.getStyleClass().add("check-name");
            Label text = new Label(c.explanation());
            text.setWrapText(true);
            VBox words = new VBox(2, name, text);
            HBox.setHgrow(words, Priority.ALWAYS);
            HBox row = new HBox(8, CheckMarks.mark(c.verdict()), words);
            row.getStyleClass().add("check-row");
            box.getChildren().add(row);
        }
    }

    private void fillSteps(VBox box) {
        box.getChildren().clear();
        if (!vm.connectionCheck().connectionSteps().isEmpty()) {
            box.getChildren().add(section("Connection check"));
        }
        for (ConnectionStep s : vm.connectionCheck().connectionSteps()) {
            Label text = new Label(s.stage().title() + " (" + s.took().toMillis() + " ms): " + s.explanation());
            text.setWrapText(true);
            HBox.setHgrow(text, Priority.ALWAYS);
            HBox row = new HBox(8, CheckMarks.mark(s.verdict()), text);
            row.getStyleClass().add("check-row");
            box.getChildren().add(row);
        }
    }

    // ---- Create

    private Node create() {
        TextField name = new TextField("my-device");
        name.setId("certs-create-name");
        TextField subject = new TextField("CN=my-device");
        subject.setId("certs-create-subject");
        boolean[] following = {true};
        boolean[] updating = {false};
        subject.textProperty().addListener((o, a, b) -> following[0] &= updating[0]);
        name.textProperty().addListener((o, a, b) -> {
            if (following[0]) {
                updating[0] = true;
                subject.setText("CN=" + b.strip());
                updating[0] = false;
            }
        });
        ComboBox<CertificateFactory.KeyType> keyType = new ComboBox<>();
        keyType.getItems().addAll(CertificateFactory.KeyType.values());
        keyType.setValue(CertificateFactory.KeyType.RSA_2048);
        keyType.setConverter(new javafx.util.StringConverter<>() {
            @Override
            public String toString(CertificateFactory.KeyType t) {
                return t == null ? "" : t == CertificateFactory.KeyType.RSA_2048 ? "RSA 2048" : "EC P-256";
            }

            @Override
            public CertificateFactory.KeyType fromString(String s) {
                return s.startsWith("EC") ? CertificateFactory.KeyType.EC_P256 : CertificateFactory.KeyType.RSA_2048;
            }
        });
        ComboBox<CertificatesViewModel.CreateMethod> method = new ComboBox<>();
        method.setId("certs-create-method");
        method.getItems().addAll(CertificatesViewModel.CreateMethod.values());
        method.setValue(CertificatesViewModel.CreateMethod.CSR);
        method.setCellFactory(v -> methodCell());
        method.setButtonCell(methodCell());
        method.setMaxWidth(Double.MAX_VALUE);
        Button go = new Button("Create");
        go.setId("certs-create");
        go.setDefaultButton(false);
        go.disableProperty().bind(vm.busyProperty());
        go.setOnAction(e -> vm.creation().create(name.getText().strip(), subject.getText().strip(), keyType.getValue(),
                method.getValue()));
        GridPane form = form();
        form.addRow(0, new Label("Name"), name);
        form.addRow(1, new Label("Subject"), subject);
        form.addRow(2, new Label("Key type"), keyType);
        form.addRow(3, new Label("How"), method);
        Label note = new Label("RSA 2048 is what the WM SDK ships; EC P-256 also works. The key is written "
                + "owner-only into the workbench's data folder before anything is sent; with a CSR it never leaves "
                + "this machine. The certificate is registered ACTIVE on the session's IoT Core.");
        note.setWrapText(true);
        note.getStyleClass().add("muted");
        VBox box = new VBox(12, section("New key and certificate"), form, note, go);
        box.setPadding(new Insets(12));
        return box;
    }

    private static ListCell<CertificatesViewModel.CreateMethod> methodCell() {
        return new ListCell<>() {
            @Override
            protected void updateItem(CertificatesViewModel.CreateMethod item, boolean empty) {
                super.updateItem(item, empty);
                setText(empty || item == null ? null : item.label());
            }
        };
    }

    private static GridPane form() {
        GridPane form = new GridPane();
        form.setHgap(10);
        form.setVgap(8);
        ColumnConstraints labels = new ColumnConstraints();
        labels.setMinWidth(Region.USE_PREF_SIZE);
        ColumnConstraints fields = new ColumnConstraints();
        fields.setHgrow(Priority.ALWAYS);
        form.getColumnConstraints().addAll(labels, fields);
        return form;
    }

    // ---- IoT Core

    private Node iotCore() {
        Label registration = new Label();
        registration.setId("certs-registration");
        registration.setWrapText(true);
        IotCoreModel core = vm.iotCore();
        registration.textProperty().bind(Bindings.createStringBinding(() -> core.registrationProperty().get()
                .isEmpty() ? "Status on the session's IoT Core: press Refresh." : "Status: "
                + core.registrationProperty().get(), core.registrationProperty()));
        Button refresh = button("Refresh", vm.iotCore()::refreshRegistration);
        Button register = button("Register (without CA)", vm.iotCore()::register);
        Button activate = button("Activate", vm.iotCore()::activate);
        Button deactivate = button("Deactivate", vm.iotCore()::deactivate);
        Button revoke = button("Revoke…", () -> {
            if (confirm("Revoke this certificate? A revoked certificate can never connect again.")) {
                vm.iotCore().revoke();
            }
        });
        Button delete = button("Delete…", () -> {
            if (confirm("Delete this certificate from the IoT Core? Its policies and things are detached and it is "
                    + "deactivated first. The files stay on disk.")) {
                vm.iotCore().deleteFromIotCore();
            }
        });
        Button attach = button("Attach to session thing", vm.iotCore()::attachToSessionThing);
        Button detachThing = button("Detach from thing…", () -> ask("Detach from which thing?",
                vm.session().thingName()).ifPresent(vm.iotCore()::detachFromThing));
        Button detachPolicy = button("Detach policy…", () -> ask("Detach which policy?",
                vm.iotCore().policyNameProperty().get()).ifPresent(vm.iotCore()::detachPolicy));
        FlowPane actions = new FlowPane(6, 6, refresh, register, activate, deactivate, revoke, delete, attach,
                detachThing, detachPolicy);
        actions.disableProperty().bind(vm.busyProperty());

        javafx.scene.control.ListView<io.iotworkbench.cert.aws.CertificateActions.Listed> account =
                new javafx.scene.control.ListView<>(vm.iotCore().accountCertificates());
        account.setId("certs-account-list");
        account.setPrefHeight(140);
        account.setPlaceholder(new Label("Press List to see every certificate on the session's IoT Core."));
        account.setCellFactory(v -> new javafx.scene.control.ListCell<>() {
            @Override
            protected void updateItem(io.iotworkbench.cert.aws.CertificateActions.Listed item, boolean empty) {
                super.updateItem(item, empty);
                setText(empty || item == null ? null : item.certificateId().substring(0, 12) + "…  " + item.status()
                        + (item.created() == null ? "" : "  created " + item.created()));
            }
        });
        var selectedAccount = account.getSelectionModel().selectedItemProperty();
        Button list = button("List", vm.iotCore()::listAccountCertificates);
        list.setId("certs-account-refresh");
        Button aActivate = button("Activate", () -> vm.iotCore().onAccountCertificate(selectedAccount.get(),
                CertificatesViewModel.AccountAction.ACTIVATE));
        Button aDeactivate = button("Deactivate", () -> vm.iotCore().onAccountCertificate(selectedAccount.get(),
                CertificatesViewModel.AccountAction.DEACTIVATE));
        Button aRevoke = button("Revoke…", () -> {
            if (confirm("Revoke the selected certificate? It can never connect again.")) {
                vm.iotCore().onAccountCertificate(selectedAccount.get(), CertificatesViewModel.AccountAction.REVOKE);
            }
        });
        Button aDelete = button("Delete…", () -> {
            if (confirm("Delete the selected certificate (its policies and things are detached first)?")) {
                vm.iotCore().onAccountCertificate(selectedAccount.get(), CertificatesViewModel.AccountAction.DELETE);
            }
        });
        FlowPane accountActions = new FlowPane(6, 6, list, aActivate, aDeactivate, aRevoke, aDelete);
        accountActions.disableProperty().bind(vm.busyProperty());

        TextField policyName = new TextField();
        policyName.setId("certs-policy-name");
        policyName.textProperty().bindBidirectional(vm.iotCore().policyNameProperty());
        TextArea policy = new TextArea();
        policy.setId("certs-policy");
        policy.getStyleClass().add("monospace");
        policy.setPrefRowCount(16);
        policy.textProperty().bindBidirectional(vm.iotCore().policyTextProperty());
        Label problems = new Label();
        problems.setWrapText(true);
        problems.textProperty().bind(Bindings.createStringBinding(() -> core.policyProblems().isEmpty()
                ? "✔ Valid policy JSON." : String.join("\n", core.policyProblems()), core.policyProblems()));
        problems.getStyleClass().add("muted");
        vm.iotCore().policyProblems().addListener((ListChangeListener<String>) c -> styleError(problems,
                !vm.iotCore().policyProblems().isEmpty()));
        Label warnings = new Label();
        warnings.setId("certs-policy-warnings");
        warnings.setWrapText(true);
        warnings.getStyleClass().add("policy-warnings");
        warnings.textProperty().bind(Bindings.createStringBinding(() -> String.join("\n",
                core.policyWarnings().stream().map(w -> "⚠ " + w).toList()), core.policyWarnings()));
        warnings.managedProperty().bind(Bindings.isNotEmpty(core.policyWarnings()));
        warnings.visibleProperty().bind(warnings.managedProperty());
        Button reset = button("Least-privilege template", vm.iotCore()::resetPolicy);
        Button save = button("Create or update, and attach", vm.iotCore()::saveAndAttachPolicy);
        save.disableProperty().bind(vm.busyProperty().or(Bindings.isNotEmpty(vm.iotCore().policyProblems())));
        HBox nameRow = new HBox(8, new Label("Policy name"), policyName);
        nameRow.setAlignment(Pos.CENTER_LEFT);
        HBox.setHgrow(policyName, Priority.ALWAYS);
        VBox box = new VBox(10, section("Certificate on the session's IoT Core"), registration, actions,
                section("Policy"), nameRow, policy, problems, warnings, new HBox(8, reset, save),
                section("All certificates on the session's IoT Core"), account, accountActions);
        box.setPadding(new Insets(12));
        return box;
    }

    private java.util.Optional<String> ask(String question, String initial) {
        javafx.scene.control.TextInputDialog d = new javafx.scene.control.TextInputDialog(initial);
        d.initOwner(root().getScene().getWindow());
        d.setHeaderText(question);
        return d.showAndWait().map(String::strip).filter(t -> !t.isEmpty());
    }

    private static Button button(String text, Runnable action) {
        Button b = new Button(text);
        b.setMnemonicParsing(false);
        b.setOnAction(e -> action.run());
        return b;
    }

    private static boolean confirm(String text) {
        Alert a = new Alert(Alert.AlertType.CONFIRMATION, text, ButtonType.OK, ButtonType.CANCEL);
        a.setHeaderText(null);
        return a.showAndWait().filter(b -> b == ButtonType.OK).isPresent();
    }

    // ---- WM SDK

    private Node wmSdk() {
        WmExportModel wm = vm.wmExport();
        TextField sdk = new TextField();
        sdk.setId("certs-sdk");
        sdk.setPromptText("The WM IoT SDK's top folder (holding components/, examples/, tools/)");
        sdk.textProperty().bindBidirectional(wm.sdkFolderProperty());
        Button browse = button("Choose…", () -> {
            File chosen = new DirectoryChooser().showDialog(root.getScene().getWindow());
            if (chosen != null) {
                wm.chooseSdk(chosen.toPath());
            }
        });
        HBox.setHgrow(sdk, Priority.ALWAYS);
        Button export = button("Export certificate, key and root CA", () -> wm.export(false));
        export.setId("certs-export");
        wm.exportConflicts().addListener((ListChangeListener<Path>) c -> {
            if (!wm.exportConflicts().isEmpty() && confirm("Replace these files?\n" + String.join("\n",
                    wm.exportConflicts().stream().map(Path::toString).toList()))) {
                wm.export(true);
            }
        });
        ComboBox<String> demo = new ComboBox<>(wm.demos());
        demo.setId("certs-demo");
        demo.setPromptText("demo");
        demo.valueProperty().bindBidirectional(wm.demoProperty());
        Button diff = button("Show aws_user_def.h changes", wm::planUserDef);
        diff.setId("certs-userdef-diff");
        TextArea diffText = new TextArea();
        diffText.setId("certs-diff");
        diffText.setEditable(false);
        diffText.getStyleClass().add("monospace");
        diffText.setPrefRowCount(11);
        diffText.textProperty().bind(vm.wmExport().userDefDiffProperty());
        Button apply = button("Apply (keeps a backup)", () -> {
            if (confirm("Apply this change to aws_user_def.h? The original is kept as aws_user_def.h.bak.")) {
                vm.wmExport().applyUserDef();
            }
        });
        apply.disableProperty().bind(vm.wmExport().userDefDiffProperty().isEmpty().or(vm.busyProperty()));
        Label note = new Label("Writes examples/network/cloud/aws/cert/internal/certificate.pem.crt and "
                + "private.pem.key (PEM, unencrypted, as the SDK's mbedTLS needs) and cert/AmazonRootCA1.pem — the "
                + "override folder the demos' build prefers. Nothing is replaced without asking. The demo's endpoint "
                + "and thing come from the session.");
        note.setWrapText(true);
        note.getStyleClass().add("muted");
        HBox demoRow = new HBox(8, new Label("Demo"), demo, diff);
        demoRow.setAlignment(Pos.CENTER_LEFT);
        VBox box = new VBox(10, section("Export to the WM IoT SDK"), new HBox(8, sdk, browse), note, export,
                section("Point a demo at this endpoint and thing"), demoRow, diffText, apply);
        box.setPadding(new Insets(12));
        return box;
    }
}
