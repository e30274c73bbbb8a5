package io.iotworkbench.ui.jobs;

import io.iotworkbench.jobs.ExecutionInfo;
import io.iotworkbench.jobs.JobSummary;
import io.iotworkbench.ui.common.PaneView;
import io.iotworkbench.ui.common.Tables;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.geometry.Insets;
import javafx.geometry.Orientation;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.control.TitledPane;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;

import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;

/**
 * The Jobs pane's view, built in code: header, toolbar (search, status filter, new job, cancel, force-cancel,
 * delete), the jobs table with a stacked progress bar of execution statuses, the selected job's executions with
 * details and observed history, and the device agent. Binds to {@link JobsViewModel}. FX thread only.
 */
public final class JobsView implements PaneView {

    /** Bar segment order and their CSS classes ({@code exec-<status>}). */
    static final List<String> BAR_STATUSES = List.of("SUCCEEDED", "IN_PROGRESS", "QUEUED", "FAILED", "TIMED_OUT",
            "REJECTED", "CANCELED", "REMOVED");
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("MM-dd HH:mm:ss", Locale.ROOT)
            .withZone(ZoneId.systemDefault());

    private final JobsViewModel vm;
    private final BorderPane root = new BorderPane();
    private OtaView ota;

    public JobsView(JobsViewModel vm) {
        this.vm = vm;
        root.setId("jobs-pane");
        root.getStyleClass().add("jobs-pane");
        root.setTop(header());
        SplitPane split = new SplitPane(jobsTable(), detail());
        split.setDividerPositions(0.5);
        SplitPane vertical = new SplitPane(split, agent());
        vertical.setOrientation(Orientation.VERTICAL);
        vertical.setDividerPositions(0.68);
        // at large text on a small screen the panels keep their minimum heights and the whole area scrolls
        BorderPane jobs = new BorderPane(io.iotworkbench.ui.common.Toolbars.scrollingBelowMinimum(vertical));
        jobs.setTop(toolbar());
        root.setCenter(withOtaTab(jobs));
        Label message = io.iotworkbench.ui.common.PaneIntro.message(vm, "jobs");
        jobs.setBottom(message);
        vm.start();
    }

    /** The jobs content in a "Jobs" tab beside the "OTA updates" tab (its view made when first shown). */
    private Node withOtaTab(Node jobs) {
        javafx.scene.control.Tab jobsTab = new javafx.scene.control.Tab("Jobs", jobs);
        javafx.scene.control.Tab otaTab = new javafx.scene.control.Tab("OTA updates");
        otaTab.setId("jobs-ota-tab");
        otaTab.selectedProperty().addListener((o, a, b) -> {
            if (b && otaTab.getContent() == null) {
                ota = new OtaView(vm.ota());
                otaTab.setContent(ota.root());
            }
        });
        javafx.scene.control.TabPane tabs = new javafx.scene.control.TabPane(jobsTab, otaTab);
        tabs.setId("jobs-tabs");
        tabs.setTabClosingPolicy(javafx.scene.control.TabPane.TabClosingPolicy.UNAVAILABLE);
        return tabs;
    }

    private Node header() {
        return io.iotworkbench.ui.common.PaneIntro.header(vm, "jobs");
    }

    private Node toolbar() {
        // a clear button (×) inside the field: ControlsFX
        TextField search = org.controlsfx.control.textfield.TextFields.createClearableTextField();
        search.setId("jobs-search");
        search.setPromptText("Search jobs");
        search.setTooltip(new javafx.scene.control.Tooltip("Search job ID or description"));
        search.textProperty().bindBidirectional(vm.searchProperty());
        ComboBox<String> status = new ComboBox<>();
        status.setId("jobs-status-filter");
        status.getItems().setAll(JobsViewModel.STATUS_FILTERS);
        status.valueProperty().bindBidirectional(vm.statusFilterProperty());
        Button create = new Button("New job…");
        create.setId("jobs-new");
        create.setDefaultButton(false);
        create.setOnAction(e -> new CreateJobDialog(vm, root.getScene().getWindow()).showAndCreate());
        Button refresh = new Button("Refresh");
        refresh.setOnAction(e -> vm.refreshNow());
        Button cancel = new Button("Cancel job");
        cancel.setId("jobs-cancel");
        cancel.setTooltip(new Tooltip("QUEUED executions become CANCELED; IN_PROGRESS ones keep running"));
        cancel.setOnAction(e -> vm.cancel(false));
        Button force = new Button("Force cancel");
        force.setId("jobs-force-cancel");
        force.setTooltip(new Tooltip("Also cancels IN_PROGRESS executions"));
        force.setOnAction(e -> confirm("Force-cancel " + selectedId() + "? Executions in progress on devices are "
                + "canceled too.", () -> vm.cancel(true)));
        Button delete = new Button("Delete");
        delete.setId("jobs-delete");
        delete.setTooltip(new Tooltip("Deletes a completed or canceled job (force deletes an active one)"));
        delete.setOnAction(e -> {
            boolean active = vm.selectedJobProperty().get() != null
                    && "IN_PROGRESS".equals(vm.selectedJobProperty().get().status());
            confirm("Delete " + selectedId() + (active ? " although it is still in progress (force)" : "") + "?",
                    () -> vm.delete(active));
        });
        for (Button b : List.of(cancel, force, delete)) {
            b.disableProperty().bind(vm.selectedJobProperty().isNull().or(vm.busyProperty()));
        }
        HBox.setHgrow(search, Priority.ALWAYS);
        HBox bar = new HBox(8, search, status, create, refresh, cancel, force, delete);
        bar.setAlignment(Pos.CENTER_LEFT);
        bar.setPadding(new Insets(4, 8, 8, 8));
        return bar;
    }

    private String selectedId() {
        JobSummary j = vm.selectedJobProperty().get();
        return j == null ? "" : "job " + j.jobId();
    }

    private void confirm(String question, Runnable action) {
        javafx.scene.control.Alert alert = new javafx.scene.control.Alert(
                javafx.scene.control.Alert.AlertType.CONFIRMATION, question);
        alert.initOwner(root.getScene().getWindow());
        alert.showAndWait().filter(b -> b == javafx.scene.control.ButtonType.OK).ifPresent(b -> action.run());
    }

    private Node jobsTable() {
        TableView<JobSummary> table = new TableView<>(vm.filteredJobs());
        io.iotworkbench.ui.common.Toolbars.headersWhole(table);
        table.setId("jobs-table");
        table.setPlaceholder(new Label("No jobs. Create one with “New job…”."));
        table.getColumns().add(Tables.textColumn("Job ID", 10, j -> j.jobId()));
        table.getColumns().add(Tables.textColumn("Status", 8, j -> j.status()));
        table.getColumns().add(Tables.textColumn("Targets", 7, j -> j.targetSelection()));
        TableColumn<JobSummary, JobSummary> progress = new TableColumn<>("Executions");
        progress.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(c.getValue()));
        progress.setCellFactory(c -> new ProgressCell());
        progress.setPrefWidth(180);
        table.getColumns().add(progress);
        table.getColumns().add(Tables.textColumn("Created", 11,
                j -> j.createdAt() == null ? "" : TIME.format(j.createdAt())));
        Tables.selectInto(table, vm.selectedJobProperty());
        vm.selectedJobProperty().addListener((o, a, b) -> {
            if (b != null && table.getSelectionModel().getSelectedItem() != b) {
                table.getSelectionModel().select(b);
            }
        });
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        return table;
    }


    /** A stacked bar: one segment per execution status, widths proportional to the counts. */
    private static final class ProgressCell extends TableCell<JobSummary, JobSummary> {
        @Override
        protected void updateItem(JobSummary job, boolean empty) {
            super.updateItem(job, empty);
            if (empty || job == null) {
                setGraphic(null);
                setText(null);
                return;
            }
            HBox bar = new HBox();
            bar.getStyleClass().add("exec-bar");
            int total = job.total();
            StringBuilder tip = new StringBuilder();
            for (String s : BAR_STATUSES) {
                int n = job.count(s);
                if (n == 0) {
                    continue;
                }
                Region seg = new Region();
                seg.getStyleClass().addAll("exec-segment", "exec-" + s.toLowerCase(Locale.ROOT).replace('_', '-'));
                seg.setMinHeight(10);
                seg.prefWidthProperty().bind(bar.widthProperty().multiply((double) n / total));
                bar.getChildren().add(seg);
                tip.append(s).append(": ").append(n).append('\n');
            }
            Label count = new Label(total == 0 ? "none" : job.count("SUCCEEDED") + "/" + total);
            count.getStyleClass().add("exec-count");
            HBox.setHgrow(bar, Priority.ALWAYS);
            HBox box = new HBox(6, bar, count);
            box.setAlignment(Pos.CENTER_LEFT);
            Tooltip.install(box, new Tooltip(tip.toString().trim()));
            setGraphic(box);
            setText(null);
        }
    }

    private Node detail() {
        Label title = new Label();
        title.getStyleClass().add("section-title");
        title.textProperty().bind(javafx.beans.binding.Bindings.createStringBinding(() -> {
            JobSummary j = vm.selectedJobProperty().get();
            return j == null ? "Select a job to see its executions" : "Executions of " + j.jobId()
                    + (j.description() == null ? "" : " — " + j.description());
        }, vm.selectedJobProperty()));
        TableView<ExecutionInfo> table = new TableView<>(vm.executions());
        io.iotworkbench.ui.common.Toolbars.headersWhole(table);
        table.setId("jobs-executions");
        table.setPlaceholder(new Label("No executions"));
        table.getColumns().add(Tables.textColumn("Thing", 9, ExecutionInfo::thingName));
        table.getColumns().add(Tables.textColumn("Status", 8, ExecutionInfo::status));
        table.getColumns().add(Tables.textColumn("Ver.", 3, e -> Long.toString(e.versionNumber())));
        table.getColumns().add(Tables.textColumn("Details", 12, e -> e.statusDetails().isEmpty() ? ""
                : e.statusDetails().toString()));
        table.getColumns().add(Tables.textColumn("Updated", 9, e -> TIME.format(e.lastUpdatedAt())));
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        Tables.selectInto(table, vm.selectedExecutionProperty());
        Label historyTitle = new Label("Execution history (as observed)");
        historyTitle.setTooltip(new javafx.scene.control.Tooltip("History of the selected execution, as observed"));
        historyTitle.getStyleClass().add("section-title");
        ListView<String> history = new ListView<>(vm.history());
        history.setId("jobs-history");
        history.setMinHeight(60);
        history.getStyleClass().add("monospace");
        VBox top = new VBox(6, title, table);
        VBox.setVgrow(table, Priority.ALWAYS);
        VBox bottom = new VBox(4, historyTitle, history);
        VBox.setVgrow(history, Priority.ALWAYS);
        SplitPane box = new SplitPane(top, bottom);
        box.setOrientation(Orientation.VERTICAL);
        box.setDividerPositions(0.6);
        box.setPadding(new Insets(0, 0, 0, 6));
        return box;
    }

    private Node agent() {
        ToggleButton on = new ToggleButton("Act as the session's thing");
        on.setId("jobs-agent-toggle");
        on.selectedProperty().addListener((o, a, b) -> vm.setAgentEnabled(b));
        TextField step = new TextField();
        step.setPromptText("step timeout (min)");
        step.setPrefColumnCount(8);
        io.iotworkbench.ui.common.Toolbars.promptsWhole(step);
        TextField details = new TextField();
        details.setPromptText("details: progress=50%");
        details.setTooltip(new javafx.scene.control.Tooltip("Status details, e.g. progress=50%, step=download"));
        HBox.setHgrow(details, Priority.ALWAYS);
        Button startNext = new Button("Start next");
        startNext.setId("jobs-agent-start-next");
        startNext.setOnAction(e -> withMinutes(step, m -> vm.agentStartNext(m)));
        details.setPrefColumnCount(16);
        io.iotworkbench.ui.common.Toolbars.promptsWhole(details);
        // rows that wrap at large text sizes instead of cutting their buttons (Toolbars)
        var buttons = io.iotworkbench.ui.common.Toolbars.wrapping(6, on, startNext, step, details);
        List<Button> reportButtons = new java.util.ArrayList<>();
        for (String s : List.of("IN_PROGRESS", "SUCCEEDED", "FAILED", "REJECTED")) {
            Button b = new Button("Report " + s);
            b.setMnemonicParsing(false);
            b.setId("jobs-agent-" + s.toLowerCase(Locale.ROOT).replace('_', '-'));
            b.setOnAction(e -> withMinutes(step, m -> vm.agentReport(s, details.getText(), m)));
            reportButtons.add(b);
        }
        var reports = io.iotworkbench.ui.common.Toolbars.wrapping(6, reportButtons.toArray(Node[]::new));
        for (Node n : List.of(startNext, step, details)) {
            n.disableProperty().bind(vm.agentEnabledProperty().not());
        }
        reports.disableProperty().bind(vm.agentEnabledProperty().not());
        Label current = new Label();
        current.setId("jobs-agent-current");
        current.textProperty().bind(javafx.beans.binding.Bindings.createStringBinding(() -> {
            var c = vm.agentCurrentProperty().get();
            return c == null || c.jobId() == null ? "No job started" : "Job " + c.jobId() + " · " + c.status()
                    + " · version " + c.versionNumber() + " · document " + c.document();
        }, vm.agentCurrentProperty()));
        current.setWrapText(true);
        current.setMinWidth(0);
        ListView<String> log = new ListView<>(vm.agentLog());
        log.setId("jobs-agent-log");
        log.getStyleClass().add("monospace");
        log.setMinHeight(60);
        log.setPrefHeight(120);
        VBox box = new VBox(6, buttons, reports, current, log);
        VBox.setVgrow(log, Priority.ALWAYS);
        box.setPadding(new Insets(6));
        // scrolls at large text on a small screen instead of cutting its rows at the bottom
        TitledPane pane = new TitledPane("", io.iotworkbench.ui.common.Toolbars.scrolling(box));
        pane.textProperty().bind(vm.thingNameProperty().map(t -> "Device agent: dry-run jobs as " + t));
        pane.setCollapsible(false);
        pane.setId("jobs-agent");
        pane.setMaxHeight(Double.MAX_VALUE);
        return pane;
    }

    private void withMinutes(TextField field, java.util.function.Consumer<Long> action) {
        try {
            action.accept(JobsViewModel.minutes(field.getText()));
        } catch (IllegalArgumentException e) {
            vm.agentLog().add("✗ " + e.getMessage());
        }
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
