package io.iotworkbench.ui.shadow;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.DoubleNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.iotworkbench.shadow.ShadowJson;
import io.iotworkbench.shadow.ShadowNames;
import io.iotworkbench.shadow.ShadowPreflight;
import io.iotworkbench.ui.common.JsonHighlighter;
import io.iotworkbench.ui.common.PaneView;
import javafx.beans.binding.Bindings;
import javafx.collections.ListChangeListener;
import javafx.geometry.Insets;
import javafx.geometry.Orientation;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Alert;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonType;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.RadioButton;
import javafx.scene.control.SelectionMode;
import javafx.scene.control.Spinner;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.SplitPane;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.control.TextInputDialog;
import javafx.scene.control.ToggleGroup;
import javafx.scene.control.cell.TextFieldTableCell;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.stage.FileChooser;
import org.fxmisc.flowless.VirtualizedScrollPane;
import org.fxmisc.richtext.CodeArea;
import org.fxmisc.richtext.LineNumberFactory;

import java.io.File;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The Shadow pane: shadow chooser and header on top; desired, reported and delta side by side; below them the editor
 * (JSON with line numbers, bracket matching, format, validation, send with version, conflict flow), the key/value
 * table, the generated control panel and the version timeline. Built in code; FX thread only.
 */
public final class ShadowView implements PaneView {

    private final ShadowViewModel vm;
    private final BorderPane root = new BorderPane();

    public ShadowView(ShadowViewModel vm) {
        this.vm = vm;
        root.setId("shadow-pane");
        root.setTop(toolbar());
        SplitPane split = new SplitPane(sections(), tabs());
        split.setOrientation(Orientation.VERTICAL);
        split.setDividerPositions(0.45);
        // at large text on a small screen the documents and the tabs keep their minimum heights and scroll
        root.setCenter(io.iotworkbench.ui.common.Toolbars.scrollingBelowMinimum(split));
        Label message = new Label();
        message.setId("shadow-message");
        message.setWrapText(true);
        message.textProperty().bind(vm.messageProperty());
        message.getStyleClass().add("pane-message");
        HBox bottom = new HBox(message);
        bottom.setPadding(new Insets(4, 8, 4, 8));
        io.iotworkbench.ui.common.Toolbars.messageLine(message, bottom);
        root.setBottom(bottom);
        vm.refresh();
    }

    private Node toolbar() {
        ComboBox<String> chooser = new ComboBox<>(vm.shadowNames());
        chooser.setId("shadow-chooser");
        chooser.setConverter(new javafx.util.StringConverter<>() {
            @Override
            public String toString(String s) {
                return s == null ? "" : ShadowViewModel.chooserName(s);
            }

            @Override
            public String fromString(String s) {
                return s;
            }
        });
        chooser.setCellFactory(v -> new javafx.scene.control.ListCell<>() {
            @Override
            protected void updateItem(String item, boolean empty) {
                super.updateItem(item, empty);
                setText(empty || item == null ? null : ShadowViewModel.chooserName(item));
            }
        });
        // no custom button cell: the skin's own one follows the value through the converter (a custom one went blank
        // when the list was refreshed)
        chooser.valueProperty().bindBidirectional(vm.shadowNameProperty());
        Button create = new Button("New named…");
        create.setId("shadow-new");
        create.setOnAction(e -> {
            TextInputDialog d = new TextInputDialog();
            d.initOwner(root.getScene().getWindow());
            d.setHeaderText("Name of the new shadow (letters, digits, $ : _ -)");
            d.showAndWait().ifPresent(vm::createNamedShadow);
        });
        Button delete = new Button("Delete…");
        delete.setId("shadow-delete");
        delete.setOnAction(e -> {
            Alert a = new Alert(Alert.AlertType.CONFIRMATION, "Delete the " + ShadowNames.displayName(
                    vm.shadowNameProperty().get()) + " of " + vm.session().thingName()
                    + "? Devices lose their desired state; the version counter is kept.", ButtonType.OK,
                    ButtonType.CANCEL);
            a.initOwner(root.getScene().getWindow());
            if (a.showAndWait().orElse(ButtonType.CANCEL) == ButtonType.OK) {
                vm.deleteShadow();
            }
        });
        Button refresh = new Button("Refresh");
        refresh.setId("shadow-refresh");
        refresh.setOnAction(e -> vm.refresh());
        Label header = new Label();
        header.setId("shadow-header");
        header.getStyleClass().add("pane-session");
        header.textProperty().bind(vm.headerProperty());
        Label transport = new Label();
        transport.textProperty().bind(vm.transportProperty());
        transport.getStyleClass().add("muted");
        Label title = new Label("Shadow");
        var bar = io.iotworkbench.ui.common.Toolbars.wrapping(8, title, chooser, create, delete, refresh, header,
                transport);
        bar.setPadding(new Insets(6, 8, 6, 8));
        return bar;
    }

    private Node sections() {
        JsonSectionArea desired = new JsonSectionArea("shadow-desired");
        JsonSectionArea reported = new JsonSectionArea("shadow-reported");
        JsonSectionArea delta = new JsonSectionArea("shadow-delta");
        vm.desiredViewProperty().addListener((o, a, v) -> desired.show(v));
        vm.reportedViewProperty().addListener((o, a, v) -> reported.show(v));
        vm.deltaViewProperty().addListener((o, a, v) -> delta.show(v));
        desired.show(vm.desiredViewProperty().get());
        SplitPane columns = new SplitPane(column("Desired", desired), column("Reported", reported),
                column("Delta (desired ≠ reported)", delta));
        columns.setDividerPositions(0.34, 0.67);
        return columns;
    }

    private static Node column(String title, JsonSectionArea area) {
        Label l = new Label(title);
        l.getStyleClass().add("column-title");
        VBox box = new VBox(4, l, area.root());
        VBox.setVgrow(area.root(), Priority.ALWAYS);
        box.setPadding(new Insets(4));
        box.getStyleClass().add("shadow-column");
        // a split pane may leave it less than its minimum (title and two lines): then it scrolls instead of cramming
        return io.iotworkbench.ui.common.Toolbars.scrollingBelowMinimum(box);
    }

    private Node tabs() {
        TabPane tabs = new TabPane(new Tab("Edit", editor()), new Tab("Fields", fields()),
                new Tab("Controls", controls()), new Tab("Timeline", timeline()));
        tabs.setId("shadow-tabs");
        tabs.setTabClosingPolicy(TabPane.TabClosingPolicy.UNAVAILABLE);
        return tabs;
    }

    private Node editor() {
        ToggleGroup sectionGroup = new ToggleGroup();
        RadioButton desired = new RadioButton("Desired (as the app)");
        RadioButton reported = new RadioButton("Reported (act as the device)");
        desired.setId("edit-desired");
        reported.setId("edit-reported");
        desired.setToggleGroup(sectionGroup);
        reported.setToggleGroup(sectionGroup);
        desired.setSelected(true);
        sectionGroup.selectedToggleProperty().addListener((o, a, t) -> vm.sectionProperty().set(
                t == reported ? ShadowViewModel.Section.REPORTED : ShadowViewModel.Section.DESIRED));

        CodeArea area = new CodeArea();
        area.setId("shadow-editor");
        area.getStyleClass().add("json-area");
        area.setParagraphGraphicFactory(LineNumberFactory.get(area));
        area.replaceText(vm.editorTextProperty().get());
        area.setStyleSpans(0, JsonHighlighter.spans(area.getText()));
        boolean[] updating = {false};
        area.textProperty().addListener((o, a, text) -> {
            if (!updating[0]) {
                updating[0] = true;
                vm.editorTextProperty().set(text);
                updating[0] = false;
            }
            area.setStyleSpans(0, JsonHighlighter.spans(text));
        });
        vm.editorTextProperty().addListener((o, a, text) -> {
            if (!updating[0] && !text.equals(area.getText())) {
                updating[0] = true;
                area.replaceText(text);
                updating[0] = false;
            }
        });
        area.caretPositionProperty().addListener((o, a, pos) -> BracketMatcher.highlight(area, pos));

        Button format = new Button("Format");
        format.setId("shadow-format");
        format.setOnAction(e -> vm.format());
        Button validate = new Button("Validate");
        validate.setId("shadow-validate");
        validate.setOnAction(e -> vm.validate());
        Button send = new Button("Send (with version)");
        send.setId("shadow-send");
        send.setDefaultButton(false);
        send.setOnAction(e -> vm.send());
        Button force = new Button("Send without version");
        force.setId("shadow-send-force");
        force.setOnAction(e -> vm.sendWithoutVersion());
        send.disableProperty().bind(vm.busyProperty());
        ListView<ShadowPreflight.Problem> problems = new ListView<>(vm.problems());
        problems.setId("shadow-problems");
        problems.setPrefHeight(70);
        problems.getStyleClass().add("problems");
        problems.setPlaceholder(new Label("No problems found."));

        JsonSectionArea server = new JsonSectionArea("shadow-conflict-server");
        Button reload = new Button("Reload (drop my edit)");
        reload.setId("conflict-reload");
        reload.setOnAction(e -> vm.reload());
        Button reapply = new Button("Re-apply my edit on top");
        reapply.setId("conflict-reapply");
        reapply.setOnAction(e -> vm.reapplyOnTop());
        Button without = new Button("Send without version");
        without.setOnAction(e -> vm.sendWithoutVersion());
        Label conflictTitle = new Label("The service holds a newer version:");
        conflictTitle.getStyleClass().add("form-error");
        VBox conflict = new VBox(4, conflictTitle, server.root(),
                io.iotworkbench.ui.common.Toolbars.wrapping(6, reload, reapply, without));
        conflict.setId("shadow-conflict");
        conflict.setPrefWidth(360);
        conflict.visibleProperty().bind(vm.conflictServerDocumentProperty().isNotNull());
        conflict.managedProperty().bind(conflict.visibleProperty());
        vm.conflictServerDocumentProperty().addListener((o, a, doc) -> {
            if (doc != null) {
                server.show(RenderedSection.of(doc.path("state"), null, null));
            }
        });

        VirtualizedScrollPane<CodeArea> scroll = new VirtualizedScrollPane<>(area);
        HBox editorAndConflict = new HBox(6, scroll, conflict);
        HBox.setHgrow(scroll, Priority.ALWAYS);
        VBox.setVgrow(editorAndConflict, Priority.ALWAYS);
        javafx.scene.layout.FlowPane buttons = io.iotworkbench.ui.common.Toolbars.wrapping(6, desired, reported,
                format, validate, send, force);
        VBox box = new VBox(6, buttons, editorAndConflict, problems);
        box.setPadding(new Insets(6));
        // at large text on a small screen the buttons wrap and the editor keeps a few lines: scroll, never cut
        scroll.setMinHeight(80);
        problems.setMinHeight(40);
        ScrollPane page = new ScrollPane(box);
        page.setFitToWidth(true);
        page.setFitToHeight(true);
        page.setHbarPolicy(ScrollPane.ScrollBarPolicy.NEVER);
        return page;
    }

    private Node fields() {
        TableView<KeyValueRow> table = new TableView<>(vm.rows());
        io.iotworkbench.ui.common.Toolbars.headersWhole(table);
        table.setId("shadow-fields");
        table.setEditable(true);
        TableColumn<KeyValueRow, String> path = new TableColumn<>("Field");
        path.setCellValueFactory(c -> new javafx.beans.property.SimpleStringProperty(c.getValue().path()));
        path.setPrefWidth(260);
        TableColumn<KeyValueRow, String> value = new TableColumn<>("Value (JSON; edit and press Enter)");
        value.setCellValueFactory(c -> new javafx.beans.property.SimpleStringProperty(
                ShadowJson.write(c.getValue().value())));
        value.setCellFactory(TextFieldTableCell.forTableColumn());
        value.setOnEditCommit(e -> vm.setField(vm.sectionProperty().get(), e.getRowValue().path(),
                parseValue(e.getNewValue())));
        value.setPrefWidth(320);
        table.getColumns().add(path);
        table.getColumns().add(value);
        table.setPlaceholder(new Label("No fields in this section."));
        Button remove = new Button("Remove field");
        remove.setId("field-remove");
        remove.setOnAction(e -> {
            KeyValueRow row = table.getSelectionModel().getSelectedItem();
            if (row != null) {
                vm.setField(vm.sectionProperty().get(), row.path(), null);
            }
        });
        TextField newPath = new TextField();
        newPath.setId("field-new-path");
        newPath.setPromptText("field, e.g. led or lights.color");
        TextField newValue = new TextField();
        newValue.setId("field-new-value");
        newValue.setPromptText("value, e.g. \"blue\" or 42");
        Button add = new Button("Add / change");
        add.setId("field-add");
        add.setOnAction(e -> {
            if (!newPath.getText().isBlank()) {
                vm.setField(vm.sectionProperty().get(), newPath.getText().strip(), parseValue(newValue.getText()));
            }
        });
        Label which = new Label();
        which.textProperty().bind(Bindings.createStringBinding(() -> "Section: "
                + vm.sectionProperty().get().name().toLowerCase() + " (choose in the Edit tab)", vm.sectionProperty()));
        HBox addRow = new HBox(6, newPath, newValue, add, remove, which);
        addRow.setAlignment(Pos.CENTER_LEFT);
        VBox box = new VBox(6, table, addRow);
        VBox.setVgrow(table, Priority.ALWAYS);
        box.setPadding(new Insets(6));
        return box;
    }

    /** A value typed in a cell: JSON when it parses, else the text as a string. */
    static JsonNode parseValue(String text) {
        try {
            return ShadowJson.parse(text.strip());
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            return TextNode.valueOf(text.strip());
        }
    }

    /**
     * The control panel: one card per reported field, updated in place when a report arrives (a card is made only
     * for a new field or a field whose kind changed), so an open drop-down stays open and a value being typed stays.
     */
    private Node controls() {
        FlowPane pane = new FlowPane(16, 12);
        pane.setId("shadow-controls");
        pane.setPadding(new Insets(10));
        Label none = new Label("The reported state has no booleans, known choices or numbers yet.");
        Map<String, ControlCard> cards = new HashMap<>();
        Runnable reconcile = () -> {
            List<Node> wanted = new ArrayList<>();
            java.util.Set<String> fields = new java.util.HashSet<>();
            for (ControlSpec c : vm.controls()) {
                fields.add(c.field());
                ControlCard card = cards.get(c.field());
                if (card == null || !card.fits(c)) {
                    card = new ControlCard(c);
                    cards.put(c.field(), card);
                } else {
                    card.update(c);
                }
                wanted.add(card.root);
            }
            cards.keySet().retainAll(fields);
            if (wanted.isEmpty()) {
                wanted.add(none);
            }
            if (!pane.getChildren().equals(wanted)) {
                pane.getChildren().setAll(wanted);
            }
        };
        vm.controls().addListener((ListChangeListener<ControlSpec>) ch -> reconcile.run());
        reconcile.run();
        return pane;
    }

    /** One control card; {@link #update} changes its values in place and never while the user is using it. */
    private final class ControlCard {
        private final ControlSpec.Kind kind;
        private final List<String> choices;
        private final VBox root;
        private final Label hint = new Label();
        private org.controlsfx.control.ToggleSwitch toggle;
        private ChoiceBox<String> choice;
        private Spinner<Double> spinner;
        private boolean updating;

        ControlCard(ControlSpec c) {
            this.kind = c.kind();
            this.choices = c.choices();
            Label name = new Label(c.field());
            name.getStyleClass().add("control-name");
            Node input;
            switch (c.kind()) {
                case SWITCH -> {
                    toggle = new org.controlsfx.control.ToggleSwitch();
                    toggle.selectedProperty().addListener((o, was, on) -> {
                        if (!updating) {
                            vm.setField(ShadowViewModel.Section.DESIRED, c.field(), BooleanNode.valueOf(on));
                        }
                    });
                    input = toggle;
                }
                case CHOICE -> {
                    choice = new ChoiceBox<>();
                    choice.getItems().setAll(c.choices());
                    choice.setOnAction(e -> {
                        if (!updating && choice.getValue() != null) {
                            vm.setField(ShadowViewModel.Section.DESIRED, c.field(),
                                    TextNode.valueOf(choice.getValue()));
                        }
                    });
                    input = choice;
                }
                default -> {
                    spinner = new Spinner<>(-1e9, 1e9, c.reported().asDouble(), 1);
                    spinner.setEditable(true);
                    spinner.setPrefWidth(120);
                    Button set = new Button("Set");
                    set.setOnAction(e -> vm.setField(ShadowViewModel.Section.DESIRED, c.field(),
                            DoubleNode.valueOf(spinner.getValue())));
                    input = new HBox(4, spinner, set);
                }
            }
            input.setId("control-" + c.field());
            hint.getStyleClass().add("muted");
            root = new VBox(4, name, input, hint);
            root.getStyleClass().add("control-card");
            root.setPadding(new Insets(8));
            update(c);
        }

        boolean fits(ControlSpec c) {
            return c.kind() == kind && c.choices().equals(choices);
        }

        void update(ControlSpec c) {
            String reported = "reported " + c.reported();
            if (!reported.equals(hint.getText())) {
                hint.setText(reported);
            }
            updating = true;
            try {
                if (toggle != null && toggle.isSelected() != c.reported().asBoolean()) {
                    toggle.setSelected(c.reported().asBoolean());
                } else if (choice != null && !choice.isShowing()
                        && !c.reported().asText().equals(choice.getValue())) {
                    choice.setValue(c.reported().asText());
                } else if (spinner != null && !spinner.getEditor().isFocused()
                        && spinner.getValue() != c.reported().asDouble()) {
                    spinner.getValueFactory().setValue(c.reported().asDouble());
                }
            } finally {
                updating = false;
            }
        }
    }

    private Node timeline() {
        TableView<TimelineEntry> table = new TableView<>(vm.timeline());
        io.iotworkbench.ui.common.Toolbars.headersWhole(table);
        table.setId("shadow-timeline");
        table.getSelectionModel().setSelectionMode(SelectionMode.MULTIPLE);
        TableColumn<TimelineEntry, Number> version = new TableColumn<>("Version");
        version.setCellValueFactory(c -> new javafx.beans.property.SimpleLongProperty(c.getValue().version()));
        TableColumn<TimelineEntry, String> time = new TableColumn<>("Time");
        time.setCellValueFactory(c -> new javafx.beans.property.SimpleStringProperty(
                c.getValue().timestamp() == 0 ? "" : Instant.ofEpochSecond(c.getValue().timestamp()).toString()));
        TableColumn<TimelineEntry, String> token = new TableColumn<>("Client token");
        token.setCellValueFactory(c -> new javafx.beans.property.SimpleStringProperty(c.getValue().clientToken()));
        TableColumn<TimelineEntry, String> changes = new TableColumn<>("What changed");
        changes.setCellValueFactory(c -> new javafx.beans.property.SimpleStringProperty(c.getValue().changes()));
        changes.setPrefWidth(520);
        time.setPrefWidth(190);
        token.setPrefWidth(140);
        table.getColumns().add(version);
        table.getColumns().add(time);
        table.getColumns().add(token);
        table.getColumns().add(changes);
        table.setPlaceholder(new Label("Versions appear here as the shadow changes."));
        ListView<String> diff = new ListView<>();
        diff.setId("shadow-version-diff");
        diff.setPlaceholder(new Label("Select two versions to compare them."));
        table.getSelectionModel().getSelectedItems().addListener((ListChangeListener<TimelineEntry>) ch -> {
            List<TimelineEntry> sel = List.copyOf(table.getSelectionModel().getSelectedItems());
            if (sel.size() == 2) {
                TimelineEntry a = sel.get(0).version() < sel.get(1).version() ? sel.get(0) : sel.get(1);
                TimelineEntry b = a == sel.get(0) ? sel.get(1) : sel.get(0);
                List<String> lines = vm.diff(a, b);
                diff.getItems().setAll(lines.isEmpty() ? List.of("Versions " + a.version() + " and " + b.version()
                        + " hold the same state.") : lines);
            }
        });
        Button export = new Button("Export timeline…");
        export.setId("timeline-export");
        export.setOnAction(e -> {
            FileChooser fc = new FileChooser();
            fc.setInitialFileName("shadow-timeline.ndjson");
            File f = fc.showSaveDialog(root.getScene().getWindow());
            if (f != null) {
                try {
                    vm.exportTimeline(f.toPath());
                } catch (java.io.IOException ex) {
                    new Alert(Alert.AlertType.ERROR, "The timeline could not be written: " + ex.getMessage())
                            .showAndWait();
                }
            }
        });
        SplitPane split = new SplitPane(table, diff);
        split.setDividerPositions(0.7);
        VBox box = new VBox(6, split, new HBox(export));
        VBox.setVgrow(split, Priority.ALWAYS);
        box.setPadding(new Insets(6));
        return box;
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
