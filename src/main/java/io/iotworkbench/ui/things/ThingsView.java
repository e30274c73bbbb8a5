package io.iotworkbench.ui.things;

import io.iotworkbench.registry.ThingDetails;
import io.iotworkbench.registry.ThingRow;
import io.iotworkbench.ui.common.PaneView;
import io.iotworkbench.ui.common.Tables;
import io.iotworkbench.ui.common.Toolbars;
import javafx.beans.binding.Bindings;
import javafx.geometry.Insets;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.SplitPane;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.control.TableView;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;

import java.util.ArrayList;
import java.util.List;

/**
 * The Things pane's view, built in code: header, search, the things table, and tabs for the selected thing's
 * details (groups, certificates with their policies, attribute editor, delete), creating a thing, and the one-page
 * new-device flow. Binds to {@link ThingsViewModel}. FX thread only.
 */
public final class ThingsView implements PaneView {

    private final ThingsViewModel vm;
    private final BorderPane root = new BorderPane();

    public ThingsView(ThingsViewModel vm) {
        this.vm = vm;
        root.setId("things-pane");
        root.getStyleClass().add("things-pane");
        root.setTop(new VBox(header(), toolbar()));
        // forms scroll at large text on a small screen instead of cutting their editors and buttons at the bottom
        TabPane tabs = new TabPane(new Tab("Details", Toolbars.scrolling(details())),
                new Tab("Create thing", Toolbars.scrolling(create())),
                new Tab("New device", Toolbars.scrolling(newDevice())));
        tabs.setId("things-tabs");
        tabs.setTabClosingPolicy(TabPane.TabClosingPolicy.UNAVAILABLE);
        SplitPane split = new SplitPane(table(), tabs);
        split.setDividerPositions(0.45);
        root.setCenter(split);
        Label message = io.iotworkbench.ui.common.PaneIntro.message(vm, "things");
        root.setBottom(message);
        vm.refresh();
    }

    private Node header() {
        return io.iotworkbench.ui.common.PaneIntro.header(vm, "things");
    }

    private Node toolbar() {
        // a clear button (×) inside the field: ControlsFX
        TextField search = org.controlsfx.control.textfield.TextFields.createClearableTextField();
        search.setId("things-search");
        search.setPromptText("Search name, type or attribute (key=value)");
        search.textProperty().bindBidirectional(vm.searchProperty());
        HBox.setHgrow(search, Priority.ALWAYS);
        Button refresh = new Button("Refresh");
        refresh.setOnAction(e -> vm.refresh());
        HBox bar = new HBox(8, search, refresh);
        bar.setPadding(new Insets(4, 8, 8, 8));
        return bar;
    }

    private Node table() {
        TableView<ThingRow> table = new TableView<>(vm.filteredThings());
        io.iotworkbench.ui.common.Toolbars.headersWhole(table);
        table.setId("things-table");
        table.setPlaceholder(new Label("No things"));
        table.getColumns().add(Tables.textColumn("Name", 10, ThingRow::name));
        table.getColumns().add(Tables.textColumn("Type", 6, t -> t.typeName() == null ? "" : t.typeName()));
        table.getColumns().add(Tables.textColumn("Attributes", 14, t -> ThingsViewModel.format(t.attributes())
                .trim().replace('\n', ' ')));
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        Tables.selectInto(table, vm.selectedProperty());
        return table;
    }


    private VBox details() {
        Label name = new Label();
        name.getStyleClass().add("section-title");
        name.textProperty().bind(Bindings.createStringBinding(() -> vm.selectedProperty().get() == null
                ? "Select a thing" : vm.selectedProperty().get().name(), vm.selectedProperty()));
        ListView<String> attached = new ListView<>();
        attached.setId("things-attached");
        // small by default so the attributes editor and its buttons show at large text; grows with the room there is
        attached.setPrefHeight(80);
        attached.setMinHeight(80);
        vm.detailsProperty().addListener((o, a, d) -> attached.getItems().setAll(lines(d)));
        TextArea attributes = new TextArea();
        attributes.setId("things-attributes");
        attributes.getStyleClass().add("monospace");
        attributes.setPromptText("key=value, one per line");
        attributes.setPrefRowCount(3);
        attributes.setMinHeight(javafx.scene.layout.Region.USE_PREF_SIZE);
        attributes.textProperty().bindBidirectional(vm.attributesTextProperty());
        Button save = new Button("Save attributes");
        save.setId("things-save-attributes");
        save.setOnAction(e -> vm.saveAttributes());
        Button delete = new Button("Delete thing…");
        delete.setId("things-delete");
        delete.setOnAction(e -> {
            var confirm = new javafx.scene.control.Alert(javafx.scene.control.Alert.AlertType.CONFIRMATION,
                    "Detach its certificates, remove it from its groups and delete "
                            + vm.selectedProperty().get().name() + "?");
            confirm.initOwner(root.getScene().getWindow());
            confirm.showAndWait().filter(b -> b == javafx.scene.control.ButtonType.OK).ifPresent(b -> vm.delete());
        });
        for (Button b : List.of(save, delete)) {
            b.disableProperty().bind(vm.selectedProperty().isNull().or(vm.busyProperty()));
        }
        VBox box = new VBox(6, name, new Label("Groups, certificates and their policies"), attached,
                new Label("Attributes"), attributes, new HBox(8, save, delete));
        VBox.setVgrow(attached, Priority.ALWAYS);
        box.setPadding(new Insets(8));
        return box;
    }

    private static List<String> lines(ThingDetails d) {
        List<String> out = new ArrayList<>();
        if (d == null) {
            return out;
        }
        out.add("Groups: " + (d.groups().isEmpty() ? "none" : String.join(", ", d.groups())));
        if (d.certificates().isEmpty()) {
            out.add("No certificate attached");
        }
        for (ThingDetails.Certificate c : d.certificates()) {
            out.add("Certificate " + c.id().substring(0, Math.min(12, c.id().length())) + "… " + c.status());
            out.add("    policies: " + (c.policies().isEmpty() ? "none" : String.join(", ", c.policies())));
        }
        return out;
    }

    private GridPane create() {
        TextField name = new TextField();
        name.setId("things-new-name");
        name.textProperty().bindBidirectional(vm.newThingNameProperty());
        TextArea attrs = new TextArea();
        attrs.getStyleClass().add("monospace");
        attrs.setPromptText("key=value, one per line");
        attrs.setPrefRowCount(4);
        attrs.textProperty().bindBidirectional(vm.newThingAttributesProperty());
        Button create = new Button("Create thing");
        create.setId("things-create");
        create.disableProperty().bind(vm.busyProperty());
        create.setOnAction(e -> vm.create());
        GridPane grid = form();
        grid.addRow(0, new Label("Thing name"), name);
        grid.addRow(1, new Label("Attributes"), attrs);
        grid.add(create, 1, 2);
        return grid;
    }

    private GridPane newDevice() {
        TextField name = new TextField();
        name.setId("device-name");
        name.setPromptText("e.g. w800_kitchen");
        name.textProperty().bindBidirectional(vm.deviceNameProperty());
        CheckBox csr = new CheckBox("Make the key here and send only a CSR (recommended)");
        csr.selectedProperty().bindBidirectional(vm.useCsrProperty());
        TextField folder = new TextField();
        folder.setPromptText("where the key and certificate go (default: the workbench's devices folder)");
        folder.textProperty().bindBidirectional(vm.deviceFolderProperty());
        TextField sdk = new TextField();
        sdk.setId("device-wm-sdk");
        sdk.setPromptText("WM IoT SDK folder, optional: writes the AWS demos' certificate files");
        sdk.textProperty().bindBidirectional(vm.wmSdkFolderProperty());
        CheckBox connect = new CheckBox("Then ask whether to switch the session to it (profile, connect)");
        connect.setId("device-connect");
        connect.selectedProperty().bindBidirectional(vm.connectAfterProperty());
        Button run = new Button("Create device");
        run.setId("device-run");
        run.disableProperty().bind(vm.busyProperty());
        run.setOnAction(e -> vm.runNewDevice());
        vm.switchOfferProperty().addListener((o, before, offer) -> {
            if (offer != null) {
                javafx.application.Platform.runLater(() -> askToSwitch(offer));
            }
        });
        Label steps = new Label("Thing → key and certificate → least-privilege policy → attach → WM SDK files → "
                + "profile");
        steps.setWrapText(true);
        ListView<String> log = new ListView<>(vm.deviceLog());
        log.setId("device-log");
        log.getStyleClass().add("monospace");
        GridPane grid = form();
        int row = 0;
        grid.add(steps, 0, row++, 2, 1);
        grid.addRow(row++, new Label("Thing name"), name);
        grid.addRow(row++, new Label("Key"), csr);
        grid.addRow(row++, new Label("Files folder"), folder);
        grid.addRow(row++, new Label("WM SDK"), sdk);
        grid.addRow(row++, new Label("Profile"), connect);
        grid.add(run, 1, row++);
        grid.add(log, 0, row, 2, 1);
        GridPane.setVgrow(log, Priority.ALWAYS);
        return grid;
    }

    /** Asks whether the session switches to the new device; the answer goes to the view model. */
    private void askToSwitch(io.iotworkbench.session.Profile offer) {
        if (vm.switchOfferProperty().get() != offer) {
            return;
        }
        javafx.scene.control.ButtonType yes = new javafx.scene.control.ButtonType("Switch to " + offer.thingName(),
                javafx.scene.control.ButtonBar.ButtonData.YES);
        javafx.scene.control.ButtonType no = new javafx.scene.control.ButtonType("Keep "
                + vm.session().thingName(), javafx.scene.control.ButtonBar.ButtonData.NO);
        javafx.scene.control.Alert ask = new javafx.scene.control.Alert(
                javafx.scene.control.Alert.AlertType.CONFIRMATION, "Device " + offer.thingName() + " is ready. Switch "
                + "the session to it? Its profile is saved and the session reconnects as " + offer.thingName()
                + "; the MQTT filters and publish topic, Shadow, Jobs and Things then follow it.", yes, no);
        ask.setHeaderText("Switch the session to " + offer.thingName() + "?");
        ask.getDialogPane().setId("device-switch-dialog");
        for (javafx.scene.control.ButtonType t : List.of(yes, no)) {
            ((javafx.scene.control.Button) ask.getDialogPane().lookupButton(t)).setMnemonicParsing(false);
        }
        if (root.getScene() != null) {
            ask.initOwner(root.getScene().getWindow());
        }
        if (ask.showAndWait().orElse(no) == yes) {
            vm.switchToNewDevice();
        } else {
            vm.keepSession();
        }
    }

    private static GridPane form() {
        GridPane grid = new GridPane();
        grid.setHgap(8);
        grid.setVgap(6);
        grid.setPadding(new Insets(8));
        javafx.scene.layout.ColumnConstraints labels = new javafx.scene.layout.ColumnConstraints();
        javafx.scene.layout.ColumnConstraints fields = new javafx.scene.layout.ColumnConstraints();
        fields.setHgrow(Priority.ALWAYS);
        grid.getColumnConstraints().setAll(labels, fields);
        return grid;
    }

    @Override
    public Node root() {
        return root;
    }

    @Override
    public void dispose() {
        vm.dispose();
    }
}
