package io.iotworkbench.ui.serial;

import io.iotworkbench.serial.PortInfo;
import io.iotworkbench.serial.SerialSettings;
import javafx.beans.binding.Bindings;
import javafx.collections.ListChangeListener;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.TabPane;
import javafx.scene.control.TextField;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;
import javafx.util.StringConverter;
import io.iotworkbench.ui.common.PaneView;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The Serial pane's view: the port chooser and settings with Open and "Virtual WM board", then a tab per open port
 * ({@link ConsoleTab}) beside the {@link TimelineTab}. Builds its nodes in code and binds them to
 * {@link SerialViewModel}. FX thread only.
 */
public final class SerialView implements PaneView {

    private final SerialViewModel vm;
    private final BorderPane root;
    private final TabPane tabs = new TabPane();
    private final Map<ConsoleViewModel, ConsoleTab> consoleTabs = new HashMap<>();

    public SerialView(SerialViewModel viewModel) {
        this.vm = viewModel;
        Label title = new Label(vm.title());
        title.getStyleClass().add("serial-title");
        Label session = new Label();
        session.setId("serial-pane-session");
        session.getStyleClass().add("pane-session");
        session.textProperty().bind(vm.sessionSummary());
        Label message = new Label();
        message.setId("serial-message");
        message.getStyleClass().add("serial-message");
        message.textProperty().bind(vm.messageProperty());
        HBox header = new HBox(12, title, session, message);
        header.setAlignment(Pos.BASELINE_LEFT);

        VBox top = new VBox(6, header, connectionBar());
        top.setPadding(new Insets(8, 8, 4, 8));
        top.getStyleClass().add("serial-top");

        tabs.setId("serial-tabs");
        tabs.setTabClosingPolicy(TabPane.TabClosingPolicy.ALL_TABS);
        tabs.getTabs().add(new TimelineTab(vm.timeline()).tab());
        vm.consoles().addListener((ListChangeListener<ConsoleViewModel>) c -> syncTabs());
        vm.selectedConsoleProperty().addListener((o, a, b) -> {
            ConsoleTab t = b == null ? null : consoleTabs.get(b);
            if (t != null) {
                tabs.getSelectionModel().select(t.tab());
            }
        });
        root = new BorderPane(tabs, top, null, null, null);
        root.setId("serial-pane");
    }

    private FlowPane connectionBar() {
        ComboBox<PortInfo> ports = new ComboBox<>(vm.ports());
        ports.setId("serial-port-choice");
        ports.setPromptText("Choose a port");
        ports.setPrefWidth(320);
        ports.setCellFactory(l -> new PortCell());
        ports.setButtonCell(new PortCell());
        ports.valueProperty().bindBidirectional(vm.selectedPortProperty());
        ports.setTooltip(new Tooltip("Refreshed when a board is plugged in or out; WCH bridges are likely WM boards"));
        TextField path = new TextField();
        path.setId("serial-path");
        path.setPromptText("or a path, e.g. /dev/pts/3");
        path.setPrefColumnCount(14);
        path.textProperty().bindBidirectional(vm.pathProperty());
        path.setOnAction(e -> vm.open());
        ComboBox<String> baud = new ComboBox<>();
        baud.setId("serial-baud");
        baud.setEditable(true);
        baud.getItems().setAll(vm.baudPresets());
        baud.getEditor().setPrefColumnCount(7);
        baud.getEditor().textProperty().bindBidirectional(vm.baudRateProperty());
        baud.setTooltip(new Tooltip("115200 (WM default), 921600, 2000000 or any rate typed"));
        ChoiceBox<Number> dataBits = new ChoiceBox<>();
        dataBits.getItems().setAll(List.of(5, 6, 7, 8));
        dataBits.valueProperty().bindBidirectional(vm.dataBitsProperty());
        dataBits.setTooltip(new Tooltip("Data bits"));
        ChoiceBox<SerialSettings.Parity> parity = new ChoiceBox<>();
        parity.getItems().setAll(SerialSettings.Parity.values());
        parity.valueProperty().bindBidirectional(vm.parityProperty());
        parity.setTooltip(new Tooltip("Parity"));
        ChoiceBox<SerialSettings.StopBits> stop = new ChoiceBox<>();
        stop.getItems().setAll(SerialSettings.StopBits.values());
        stop.valueProperty().bindBidirectional(vm.stopBitsProperty());
        stop.setConverter(new StringConverter<>() {
            @Override
            public String toString(SerialSettings.StopBits s) {
                return s == null ? "" : switch (s) {
                    case ONE -> "1 stop";
                    case ONE_POINT_FIVE -> "1.5 stop";
                    case TWO -> "2 stop";
                };
            }

            @Override
            public SerialSettings.StopBits fromString(String s) {
                return null;
            }
        });
        ChoiceBox<SerialSettings.FlowControl> flow = new ChoiceBox<>();
        flow.getItems().setAll(SerialSettings.FlowControl.values());
        flow.valueProperty().bindBidirectional(vm.flowControlProperty());
        flow.setTooltip(new Tooltip("Flow control"));
        Button open = new Button("Open");
        open.setId("serial-open");
        open.getStyleClass().add("default-action");
        open.disableProperty().bind(vm.busyProperty());
        open.setOnAction(e -> vm.open());
        Button virtual = new Button("Virtual WM board");
        virtual.setId("serial-virtual-board");
        virtual.disableProperty().bind(vm.busyProperty());
        virtual.setTooltip(new Tooltip("A simulated W800 on a pty; its aws_led runs against the Local IoT Core"));
        virtual.setOnAction(e -> vm.startVirtualBoard());
        Label summary = new Label();
        summary.getStyleClass().add("serial-muted");
        summary.textProperty().bind(Bindings.createStringBinding(vm::portSummary, vm.ports()));
        FlowPane bar = new FlowPane(6, 4, ports, path, baud, dataBits, parity, stop, flow, open, virtual, summary);
        bar.setAlignment(Pos.CENTER_LEFT);
        return bar;
    }

    private void syncTabs() {
        for (ConsoleViewModel c : vm.consoles()) {
            if (!consoleTabs.containsKey(c)) {
                ConsoleTab t = new ConsoleTab(c);
                consoleTabs.put(c, t);
                t.tab().setOnClosed(e -> vm.close(c));
                tabs.getTabs().add(t.tab());
                tabs.getSelectionModel().select(t.tab());
            }
        }
        consoleTabs.keySet().removeIf(c -> {
            if (vm.consoles().contains(c)) {
                return false;
            }
            tabs.getTabs().remove(consoleTabs.get(c).tab());
            return true;
        });
    }

    /** The console tab of an open port, for tests. */
    ConsoleTab consoleTab(ConsoleViewModel c) {
        return consoleTabs.get(c);
    }

    public SerialViewModel viewModel() {
        return vm;
    }

    @Override
    public Node root() {
        return root;
    }

    @Override
    public void dispose() {
        vm.dispose();
    }

    /** A port row: path, description, VID:PID and the WM hint; likely WM boards in the accent style. */
    private static final class PortCell extends ListCell<PortInfo> {
        @Override
        protected void updateItem(PortInfo p, boolean empty) {
            super.updateItem(p, empty);
            getStyleClass().remove("likely-wm");
            if (empty || p == null) {
                setText(null);
                return;
            }
            setText(p.label());
            if (p.isLikelyWmBoard()) {
                getStyleClass().add("likely-wm");
            }
        }
    }
}
