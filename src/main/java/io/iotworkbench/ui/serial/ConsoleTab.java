package io.iotworkbench.ui.serial;

import io.iotworkbench.serial.cli.LineEnding;
import io.iotworkbench.serial.cli.WmMacro;
import io.iotworkbench.serial.console.LogLevel;
import io.iotworkbench.serial.console.SerialLine;
import javafx.beans.binding.Bindings;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonType;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.PasswordField;
import javafx.scene.control.SelectionMode;
import javafx.scene.control.Separator;
import javafx.scene.control.Tab;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.Tooltip;
import javafx.scene.input.Clipboard;
import javafx.scene.input.ClipboardContent;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyEvent;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import javafx.stage.FileChooser;
import javafx.util.StringConverter;

import java.io.File;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The tab of one open port: board buttons and status, filters and search, the virtualized console list (or the hex
 * view), the line being received, the input line with completion and usage, macros, and the flashing panel. Binds to
 * a {@link ConsoleViewModel}. FX thread only.
 */
final class ConsoleTab {

    private final ConsoleViewModel vm;
    private final Tab tab;
    private final ListView<SerialLine> list = new ListView<>();

    ConsoleTab(ConsoleViewModel vm) {
        this.vm = vm;
        tab = new Tab(vm.isVirtualBoard() ? "Virtual " + shortName(vm.name()) : shortName(vm.name()));
        tab.setTooltip(new Tooltip(vm.description()));
        tab.setUserData(vm);

        list.setId("serial-console-list");
        list.getStyleClass().addAll("console-list", "monospace");
        list.setItems(vm.lines());
        list.setCellFactory(l -> new SerialLineCell(vm));
        list.getSelectionModel().setSelectionMode(SelectionMode.MULTIPLE);
        vm.batchesAppliedProperty().addListener((o, a, b) -> {
            if (vm.followProperty().get() && !list.getItems().isEmpty()) {
                list.scrollTo(list.getItems().size() - 1);
            }
        });
        vm.scrollRequestProperty().addListener((o, a, index) -> {
            int i = index.intValue();
            if (i >= 0) {
                list.scrollTo(Math.max(0, i - 3));
                list.getSelectionModel().clearAndSelect(i);
            }
        });
        vm.timestampsProperty().addListener((o, a, b) -> list.refresh());
        vm.matches().addListener((javafx.collections.ListChangeListener<Object>) c -> list.refresh());

        TextArea hex = new TextArea();
        hex.setId("serial-hex");
        hex.setEditable(false);
        hex.getStyleClass().add("monospace");
        hex.textProperty().bind(vm.hexTextProperty());
        hex.visibleProperty().bind(vm.hexViewProperty());
        list.visibleProperty().bind(vm.hexViewProperty().not());
        Label partial = new Label();
        partial.setId("serial-partial");
        partial.getStyleClass().addAll("monospace", "console-partial");
        partial.textProperty().bind(Bindings.createStringBinding(() -> {
            SerialLine p = vm.partialProperty().get();
            return p == null ? "" : vm.shown(p).text();
        }, vm.partialProperty()));
        vm.redactor().addListener(() -> javafx.application.Platform.runLater(list::refresh));
        partial.setMaxWidth(Double.MAX_VALUE);
        BorderPane center = new BorderPane(new StackPane(list, hex));
        center.setBottom(partial);

        FlashPanel flash = new FlashPanel(vm.flash());
        ToggleButton flashToggle = new ToggleButton("Flash…");
        flashToggle.setId("serial-flash-toggle");
        BorderPane body = new BorderPane(center);
        flashToggle.selectedProperty().addListener((o, a, on) -> body.setRight(on ? flash.root() : null));

        VBox top = new VBox(4, boardBar(flashToggle), filterBar());
        top.setPadding(new Insets(6, 6, 4, 6));
        body.setTop(top);
        body.setBottom(inputArea());
        body.getStyleClass().add("serial-console");
        tab.setContent(body);
    }

    private FlowPane boardBar(ToggleButton flashToggle) {
        Label status = new Label();
        status.setId("serial-port-status");
        status.getStyleClass().add("serial-status");
        status.textProperty().bind(Bindings.createStringBinding(vm::statusText, vm.statusProperty()));
        Button reset = button("Reset", "serial-reset", "Pulse RTS (W800-Arduino v4 wiring); sends 'reboot' on a pty");
        reset.setOnAction(e -> vm.board().reset());
        Button download = button("Download mode", "serial-download-mode", "Reset into the ROM and wait for its Cs");
        download.setOnAction(e -> vm.board().enterDownloadMode());
        Button probe = button("Probe", "serial-probe", "Send CR and look for the WM prompt or boot lines");
        probe.setOnAction(e -> vm.board().probe());
        Label probeResult = new Label();
        probeResult.setId("serial-probe-result");
        probeResult.textProperty().bind(Bindings.concat("Probe: ", vm.board().probeProperty()));
        Button sendFile = button("Send file…", "serial-send-file", "Send a file's bytes as they are");
        sendFile.setOnAction(e -> {
            File f = new FileChooser().showOpenDialog(tab.getTabPane().getScene().getWindow());
            if (f != null) {
                vm.input().sendFile(f.toPath());
            }
        });
        ToggleButton log = new ToggleButton("Log to file…");
        log.setId("serial-log-toggle");
        log.setTooltip(new Tooltip("Write every line to a file, rotating at 10 MB"));
        log.setOnAction(e -> {
            if (log.isSelected()) {
                FileChooser chooser = new FileChooser();
                chooser.setInitialFileName("serial-" + shortName(vm.name()) + ".log");
                File f = chooser.showSaveDialog(tab.getTabPane().getScene().getWindow());
                if (f == null) {
                    log.setSelected(false);
                } else {
                    vm.logFile().startLog(f.toPath());
                }
            } else {
                vm.logFile().stopLog();
            }
        });
        Button copy = button("Copy", "serial-copy",
                "Copy the selected lines (all visible lines when none is selected)");
        copy.setOnAction(e -> copy());
        Button export = button("Export…", "serial-export", "Save the visible lines as text");
        export.setOnAction(e -> {
            FileChooser chooser = new FileChooser();
            chooser.setInitialFileName("serial-" + shortName(vm.name()) + ".txt");
            File f = chooser.showSaveDialog(tab.getTabPane().getScene().getWindow());
            if (f != null) {
                vm.export(f.toPath());
            }
        });
        Button clear = button("Clear", "serial-clear", "Remove every line");
        clear.setOnAction(e -> vm.clear());
        Label message = new Label();
        message.setId("serial-console-message");
        message.getStyleClass().add("serial-message");
        message.textProperty().bind(vm.messageProperty());
        FlowPane bar = new FlowPane(6, 4, status, new Separator(), reset, download, probe, probeResult,
                new Separator(), flashToggle, sendFile, log, copy, export, clear, message);
        bar.setAlignment(Pos.CENTER_LEFT);
        return bar;
    }

    private FlowPane filterBar() {
        FlowPane bar = new FlowPane(6, 4);
        bar.setAlignment(Pos.CENTER_LEFT);
        bar.getChildren().add(new Label("Levels"));
        for (LogLevel level : LogLevel.values()) {
            ToggleButton t = new ToggleButton("[" + level.letter() + "]");
            t.setId("serial-level-" + level.letter());
            t.getStyleClass().addAll("level-toggle", SerialLineCell.levelClass(level) + "-toggle");
            t.setTooltip(new Tooltip("Show " + level.cliName() + " lines"));
            t.selectedProperty().bindBidirectional(vm.levelShownProperty(level));
            bar.getChildren().add(t);
        }
        ToggleButton other = new ToggleButton("other");
        other.setId("serial-level-other");
        other.setTooltip(new Tooltip("Lines without a WM level: prompt, echoes, banners"));
        other.selectedProperty().bindBidirectional(vm.unleveledShownProperty());
        bar.getChildren().add(other);
        ComboBox<String> tag = new ComboBox<>();
        tag.setId("serial-tag");
        tag.setPromptText("all tags");
        tag.getItems().add("");
        vm.tags().addListener((javafx.collections.ListChangeListener<String>) c -> {
            String chosen = tag.getValue();
            tag.getItems().setAll(vm.tags());
            tag.getItems().add(0, "");
            tag.setValue(chosen);
        });
        tag.setConverter(new StringConverter<>() {
            @Override
            public String toString(String s) {
                return s == null || s.isEmpty() ? "all tags" : s;
            }

            @Override
            public String fromString(String s) {
                return "all tags".equals(s) ? "" : s;
            }
        });
        tag.valueProperty().addListener((o, a, b) -> vm.tagProperty().set(b == null ? "" : b));
        // a clear button (×) inside the field: ControlsFX
        TextField search = org.controlsfx.control.textfield.TextFields.createClearableTextField();
        search.setId("serial-search");
        search.setPromptText("Search");
        search.setPrefColumnCount(14);
        search.textProperty().bindBidirectional(vm.searchProperty());
        search.setOnAction(e -> vm.nextMatch(1));
        Button previous = button("▲", "serial-search-previous", "Previous match");
        previous.setOnAction(e -> vm.nextMatch(-1));
        Button next = button("▼", "serial-search-next", "Next match");
        next.setOnAction(e -> vm.nextMatch(1));
        Label count = new Label();
        count.setId("serial-search-count");
        count.textProperty().bind(Bindings.createStringBinding(() -> vm.searchProperty().get().isEmpty() ? ""
                        : vm.matches().isEmpty() ? "no match"
                        : (vm.currentMatchProperty().get() + 1) + " of " + vm.matches().size(),
                vm.searchProperty(), vm.matches(), vm.currentMatchProperty()));
        ToggleButton pause = toggle("Pause", "serial-pause", vm.pausedProperty());
        ToggleButton follow = toggle("Follow", "serial-follow", vm.followProperty());
        ToggleButton time = toggle("Timestamps", "serial-timestamps", vm.timestampsProperty());
        ToggleButton hex = toggle("Hex", "serial-hex-toggle", vm.hexViewProperty());
        Label dropped = new Label();
        dropped.textProperty().bind(Bindings.createStringBinding(() -> vm.droppedLinesProperty().get() == 0 ? ""
                : vm.droppedLinesProperty().get() + " old lines dropped", vm.droppedLinesProperty()));
        bar.getChildren().addAll(tag, new Separator(), search, previous, next, count, new Separator(), pause, follow,
                time, hex, dropped);
        return bar;
    }

    private VBox inputArea() {
        TextField input = new TextField();
        input.setId("serial-input");
        input.getStyleClass().add("monospace");
        input.setPromptText("WM CLI command — Tab completes, ↑/↓ history, Enter sends");
        input.textProperty().bindBidirectional(vm.input().inputProperty());
        input.addEventFilter(KeyEvent.KEY_PRESSED, e -> {
            if (e.getCode() == KeyCode.TAB) {
                vm.input().complete();
                input.positionCaret(input.getText().length());
                e.consume();
            } else if (e.getCode() == KeyCode.UP) {
                vm.input().historyPrevious();
                input.positionCaret(input.getText().length());
                e.consume();
            } else if (e.getCode() == KeyCode.DOWN) {
                vm.input().historyNext();
                input.positionCaret(input.getText().length());
                e.consume();
            }
        });
        input.setOnAction(e -> vm.input().send());
        HBox.setHgrow(input, Priority.ALWAYS);
        ChoiceBox<LineEnding> ending = new ChoiceBox<>();
        ending.setId("serial-line-ending");
        ending.getItems().setAll(LineEnding.values());
        ending.setConverter(new StringConverter<>() {
            @Override
            public String toString(LineEnding e) {
                return e == null ? "" : e.label();
            }

            @Override
            public LineEnding fromString(String s) {
                return null;
            }
        });
        ending.valueProperty().bindBidirectional(vm.input().lineEndingProperty());
        Button send = button("Send", "serial-send", "Send the line with the chosen line ending");
        send.setOnAction(e -> vm.input().send());
        HBox line = new HBox(6, input, ending, send);
        line.setAlignment(Pos.CENTER_LEFT);

        Label usage = new Label();
        usage.setId("serial-usage");
        usage.getStyleClass().addAll("monospace", "serial-usage");
        usage.setWrapText(true);
        usage.textProperty().bind(Bindings.createStringBinding(() -> vm.input().completions().isEmpty()
                        ? vm.input().usageProperty().get() : String.join("   ", vm.input().completions()),
                vm.input().usageProperty(), vm.input().completions()));
        usage.managedProperty().bind(usage.textProperty().isNotEmpty());
        usage.visibleProperty().bind(usage.textProperty().isNotEmpty());

        FlowPane macros = new FlowPane(6, 4);
        macros.setAlignment(Pos.CENTER_LEFT);
        macros.getChildren().add(new Label("AWS demo"));
        for (WmMacro macro : vm.input().macros()) {
            Button b = new Button(macro.label());
            b.setMnemonicParsing(false);
            b.setId("serial-macro-" + macro.label().replace(' ', '-'));
            b.setTooltip(new Tooltip(String.join("  →  ", macro.lines())));
            b.setOnAction(e -> runMacro(macro));
            macros.getChildren().add(b);
        }
        VBox box = new VBox(4, usage, line, macros);
        box.setPadding(new Insets(4, 6, 6, 6));
        return box;
    }

    private void runMacro(WmMacro macro) {
        if (macro.placeholders().isEmpty()) {
            vm.input().runMacro(macro, Map.of());
            return;
        }
        Dialog<ButtonType> dialog = new Dialog<>();
        dialog.setTitle(macro.label());
        dialog.setHeaderText("The board joins this Wi-Fi network. The password is sent to the board only.");
        dialog.initOwner(tab.getTabPane().getScene().getWindow());
        GridPane grid = new GridPane();
        grid.setHgap(8);
        grid.setVgap(8);
        Map<String, TextField> fields = new HashMap<>();
        int row = 0;
        for (String name : macro.placeholders()) {
            TextField f = WmMacro.PASSWORD.equals(name) ? new PasswordField() : new TextField();
            f.setId("serial-macro-" + name.toLowerCase(java.util.Locale.ROOT));
            fields.put(name, f);
            grid.addRow(row++, new Label(WmMacro.SSID.equals(name) ? "Network (SSID)"
                    : WmMacro.PASSWORD.equals(name) ? "Password" : name), f);
        }
        dialog.getDialogPane().setContent(grid);
        dialog.getDialogPane().getButtonTypes().setAll(ButtonType.OK, ButtonType.CANCEL);
        dialog.showAndWait().filter(b -> b == ButtonType.OK).ifPresent(b -> {
            Map<String, String> values = new HashMap<>();
            fields.forEach((k, f) -> values.put(k, f.getText()));
            vm.input().runMacro(macro, values);
        });
    }

    private void copy() {
        List<SerialLine> selected = List.copyOf(list.getSelectionModel().getSelectedItems());
        ClipboardContent content = new ClipboardContent();
        content.putString(vm.textOf(selected.isEmpty() ? List.copyOf(list.getItems()) : selected));
        Clipboard.getSystemClipboard().setContent(content);
    }

    private static Button button(String text, String id, String tip) {
        Button b = new Button(text);
        b.setId(id);
        b.setTooltip(new Tooltip(tip));
        return b;
    }

    private static ToggleButton toggle(String text, String id, javafx.beans.property.BooleanProperty p) {
        ToggleButton t = new ToggleButton(text);
        t.setId(id);
        t.selectedProperty().bindBidirectional(p);
        return t;
    }

    static String shortName(String name) {
        int slash = name.lastIndexOf('/');
        return slash >= 0 && slash < name.length() - 1 ? name.substring(slash + 1) : name;
    }

    Tab tab() {
        return tab;
    }

    ListView<SerialLine> list() {
        return list;
    }
}
