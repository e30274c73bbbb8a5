package io.iotworkbench.ui.access;

import io.iotworkbench.localcore.policy.AccessDecision;
import io.iotworkbench.ui.common.JsonHighlighter;
import io.iotworkbench.ui.common.PaneIntro;
import io.iotworkbench.ui.common.PaneView;
import io.iotworkbench.ui.common.Tables;
import javafx.beans.binding.Bindings;
import javafx.geometry.Insets;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.control.TitledPane;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import org.fxmisc.flowless.VirtualizedScrollPane;
import org.fxmisc.richtext.CodeArea;

import java.util.List;

/**
 * The Access pane's view, built in code: filters over the live decision trace, the trace table (denials marked), the
 * selected decision's policy with the deciding statement highlighted, and the policy simulator form. Binds to
 * {@link AccessViewModel}. FX thread only.
 */
public final class AccessView implements PaneView {

    private final AccessViewModel vm;
    private final BorderPane root = new BorderPane();
    private final CodeArea policyArea = new CodeArea();

    public AccessView(AccessViewModel vm) {
        this.vm = vm;
        root.setId("access-pane");
        root.getStyleClass().add("access-pane");
        Label notice = new Label();
        notice.setId("access-notice");
        notice.getStyleClass().add("pane-message");
        notice.setWrapText(true);
        notice.textProperty().bind(vm.traceNotice());
        notice.managedProperty().bind(notice.textProperty().isNotEmpty());
        notice.visibleProperty().bind(notice.managedProperty());
        notice.setPadding(new Insets(0, 8, 4, 8));
        root.setTop(new VBox(PaneIntro.header(vm, "access"), notice, filters()));
        SplitPane split = new SplitPane(table(), policy());
        split.setDividerPositions(0.6);
        SplitPane vertical = new SplitPane(split, simulator());
        vertical.setOrientation(javafx.geometry.Orientation.VERTICAL);
        vertical.setDividerPositions(0.74);
        // at large text on a small screen the decisions and the simulator keep their minimum heights and scroll
        root.setCenter(io.iotworkbench.ui.common.Toolbars.scrollingBelowMinimum(vertical));
        Label message = PaneIntro.message(vm, "access");
        root.setBottom(message);
        vm.policyProperty().addListener((o, a, p) -> showPolicy(p));
    }

    @Override
    public Node root() {
        return root;
    }

    @Override
    public void dispose() {
        vm.dispose();
    }

    private Node filters() {
        TextField thing = new TextField();
        thing.setId("access-filter-thing");
        thing.setPromptText("Thing or client id");
        thing.textProperty().bindBidirectional(vm.thingFilterProperty());
        ChoiceBox<String> action = new ChoiceBox<>();
        action.setId("access-filter-action");
        action.getItems().setAll(vm.actionChoices());
        action.valueProperty().bindBidirectional(vm.actionFilterProperty());
        CheckBox denied = new CheckBox("Denied only");
        denied.setId("access-denied-only");
        denied.selectedProperty().bindBidirectional(vm.deniedOnlyProperty());
        Button clear = new Button("Clear");
        clear.setOnAction(e -> vm.clear());
        Label status = new Label();
        status.setId("access-status");
        status.textProperty().bind(vm.statusProperty());
        Label mode = new Label();
        mode.setId("access-mode");
        mode.getStyleClass().add("pane-session");
        mode.textProperty().bind(vm.modeProperty());
        javafx.scene.layout.FlowPane bar = io.iotworkbench.ui.common.Toolbars.wrapping(8, thing, action, denied, clear,
                status, mode);
        bar.setPadding(new Insets(4, 8, 8, 8));
        return bar;
    }

    private Node table() {
        TableView<AccessDecision> table = new TableView<>(vm.decisions());
        table.setId("access-table");
        table.setPlaceholder(new Label("No decisions yet: they appear as clients connect, publish and subscribe."));
        table.getColumns().add(Tables.textColumn("Time", 8.5, AccessViewModel::time));
        table.getColumns().add(Tables.textColumn("Client", 8, d -> d.clientId() == null ? "" : d.clientId()));
        table.getColumns().add(Tables.textColumn("Action", 9, AccessDecision::action));
        table.getColumns().add(Tables.textColumn("Resource", 14, AccessDecision::resource));
        TableColumn<AccessDecision, String> verdict = Tables.textColumn("Verdict", 9.5, AccessViewModel::verdictWord);
        verdict.setCellFactory(c -> new TableCell<>() {
            @Override
            protected void updateItem(String item, boolean empty) {
                super.updateItem(item, empty);
                getStyleClass().removeAll("access-allow", "access-deny");
                setText(empty ? null : item);
                if (!empty && item != null) {
                    getStyleClass().add(item.startsWith("ALLOW") ? "access-allow" : "access-deny");
                }
            }
        });
        table.getColumns().add(verdict);
        table.getColumns().get(0).setMinWidth(100);
        verdict.setMinWidth(125);
        table.getColumns().add(Tables.textColumn("Reason", 20, AccessDecision::reason));
        table.setColumnResizePolicy(TableView.UNCONSTRAINED_RESIZE_POLICY);
        // long topics and reasons: the columns grow to their text and the table scrolls sideways
        io.iotworkbench.ui.common.Toolbars.cellsWhole(table);
        io.iotworkbench.ui.common.Toolbars.headersWhole(table);
        Tables.selectInto(table, vm.selectedProperty());
        return table;
    }


    private Node policy() {
        Label title = new Label();
        title.setId("access-policy-title");
        io.iotworkbench.ui.common.Toolbars.wrappingText(title);
        title.setMinHeight(Region.USE_PREF_SIZE);
        title.getStyleClass().add("section-title");
        title.textProperty().bind(Bindings.createStringBinding(() -> vm.policyTitleProperty().get().isEmpty()
                ? "Select a decision to see the policy that decided it" : vm.policyTitleProperty().get(),
                vm.policyTitleProperty()));
        policyArea.setId("access-policy");
        policyArea.setEditable(false);
        policyArea.getStyleClass().add("json-area");
        VirtualizedScrollPane<CodeArea> scroll = new VirtualizedScrollPane<>(policyArea);
        scroll.setId("access-policy-scroll");
        VBox box = new VBox(6, title, scroll);
        VBox.setVgrow(scroll, Priority.ALWAYS);
        box.setPadding(new Insets(0, 8, 8, 8));
        // a split pane may leave it less than its minimum (title and a few lines): then it scrolls instead of cutting
        return io.iotworkbench.ui.common.Toolbars.scrollingBelowMinimum(box);
    }

    private void showPolicy(PolicyText p) {
        policyArea.replaceText(p.text());
        if (!p.text().isEmpty()) {
            policyArea.setStyleSpans(0, JsonHighlighter.spans(p.text()));
        }
        if (p.hasHighlight()) {
            int first = policyArea.offsetToPosition(p.start(),
                    org.fxmisc.richtext.model.TwoDimensional.Bias.Forward).getMajor();
            int last = policyArea.offsetToPosition(Math.max(p.start(), p.end() - 1),
                    org.fxmisc.richtext.model.TwoDimensional.Bias.Forward).getMajor();
            for (int i = first; i <= last && i < policyArea.getParagraphs().size(); i++) {
                policyArea.setParagraphStyle(i, List.of("policy-statement"));
            }
            policyArea.showParagraphAtTop(Math.max(0, first - 2));
        }
    }

    private Node simulator() {
        SimulatorModel s = vm.simulator();
        ComboBox<String> certificate = new ComboBox<>(s.certificates());
        certificate.setId("access-sim-certificate");
        certificate.setEditable(true);
        certificate.setPromptText("certificate id (or empty)");
        certificate.setTooltip(new javafx.scene.control.Tooltip(
                "A certificate id, or leave it empty and name a thing"));
        certificate.setMaxWidth(Double.MAX_VALUE);
        certificate.getEditor().textProperty().bindBidirectional(s.certificateProperty());
        certificate.setOnShowing(e -> {
            if (s.certificates().isEmpty()) {
                s.loadCertificates();
            }
        });
        TextField thing = field("access-sim-thing", "thing name", s.thingProperty());
        TextField client = field("access-sim-client", "client id", s.clientIdProperty());
        ChoiceBox<SimulatorModel.Action> action = new ChoiceBox<>();
        action.setId("access-sim-action");
        action.getItems().setAll(SimulatorModel.Action.values());
        action.valueProperty().bindBidirectional(s.actionProperty());
        TextField target = field("access-sim-target", "topic", s.targetProperty());
        target.promptTextProperty().bind(Bindings.createStringBinding(() -> s.actionProperty().get().targetLabel(),
                s.actionProperty()));
        Button test = new Button("Test");
        test.setId("access-sim-test");
        test.setDefaultButton(false);
        test.disableProperty().bind(vm.busyProperty());
        test.setOnAction(e -> s.simulate());
        target.setOnAction(e -> s.simulate());
        Label result = new Label();
        result.setId("access-sim-result");
        result.setWrapText(true);
        result.textProperty().bind(Bindings.createStringBinding(() -> SimulatorModel.summary(s.resultProperty().get()),
                s.resultProperty()));
        s.resultProperty().addListener((o, a, d) -> {
            result.getStyleClass().removeAll("access-allow", "access-deny");
            if (d != null) {
                result.getStyleClass().add(d.allowed() ? "access-allow" : "access-deny");
            }
        });
        GridPane grid = new GridPane();
        grid.setHgap(8);
        grid.setVgap(6);
        grid.addRow(0, new Label("Certificate"), certificate, new Label("Thing"), thing, new Label("Client id"),
                client);
        grid.addRow(1, new Label("Action"), action, new Label("Resource"), target, test);
        grid.getChildren().forEach(n -> {
            if (n instanceof javafx.scene.control.Labeled l) {
                io.iotworkbench.ui.common.Toolbars.whole(l);
            }
        });
        GridPane.setColumnSpan(target, 1);
        GridPane.setHgrow(certificate, Priority.ALWAYS);
        GridPane.setHgrow(target, Priority.ALWAYS);
        VBox box = new VBox(8, grid, result);
        box.setPadding(new Insets(8));
        // scrolls at large text on a small screen instead of cutting its fields at the bottom
        TitledPane pane = new TitledPane("Policy simulator: would this be allowed?",
                io.iotworkbench.ui.common.Toolbars.scrolling(box));
        pane.setId("access-simulator");
        pane.setCollapsible(false);
        return pane;
    }

    private static TextField field(String id, String prompt, javafx.beans.property.StringProperty p) {
        TextField f = new TextField();
        f.setId(id);
        f.setPromptText(prompt);
        f.textProperty().bindBidirectional(p);
        return f;
    }
}
