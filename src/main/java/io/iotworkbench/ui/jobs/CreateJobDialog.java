package io.iotworkbench.ui.jobs;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.iotworkbench.jobs.JobSpec;
import io.iotworkbench.jobs.JobTemplates;
import javafx.geometry.Insets;
import javafx.scene.control.ButtonType;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.SelectionMode;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.Priority;
import javafx.stage.Window;

import java.io.IOException;

/**
 * The create-job wizard on one page: job ID and description, targets (things and thing groups, several of each),
 * a document editor filled from {@link JobTemplates}, the in-progress timeout, snapshot or continuous, and for AWS
 * profiles the presigned-URL role. OK is refused with a clear message while the input is invalid (nothing typed is
 * lost). FX thread only.
 */
final class CreateJobDialog {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final JobsViewModel vm;
    private final Dialog<JobSpec> dialog = new Dialog<>();
    private final TextField jobId = new TextField("job-" + System.currentTimeMillis() / 1000);
    private final TextField description = new TextField();
    private final ListView<String> things = new ListView<>();
    private final ListView<String> groups = new ListView<>();
    private final ComboBox<JobTemplates.Template> template = new ComboBox<>();
    private final TextArea document = new TextArea(JobTemplates.WM_REBOOT.document());
    private final TextField timeout = new TextField();
    private final CheckBox continuous = new CheckBox("Continuous (also things added to a target group later)");
    private final TextField role = new TextField();
    private final Label error = new Label();

    CreateJobDialog(JobsViewModel vm, Window owner) {
        this.vm = vm;
        dialog.initOwner(owner);
        dialog.setTitle("New job");
        dialog.setHeaderText("Create a job for things and thing groups");
        dialog.getDialogPane().setId("create-job-dialog");
        things.setItems(vm.thingChoices());
        groups.setItems(vm.groupChoices());
        things.setId("create-job-things");
        groups.setId("create-job-groups");
        for (ListView<String> l : java.util.List.of(things, groups)) {
            l.getSelectionModel().setSelectionMode(SelectionMode.MULTIPLE);
            l.setPrefHeight(110);
        }
        String sessionThing = vm.thingNameProperty().get();
        vm.thingChoices().addListener((javafx.collections.ListChangeListener<String>) c -> {
            if (things.getSelectionModel().isEmpty() && vm.thingChoices().contains(sessionThing)) {
                things.getSelectionModel().select(sessionThing);
            }
        });
        if (vm.thingChoices().contains(sessionThing)) {
            things.getSelectionModel().select(sessionThing);
        }
        jobId.setId("create-job-id");
        document.setId("create-job-document");
        document.getStyleClass().add("monospace");
        document.setPrefRowCount(10);
        template.getItems().setAll(JobTemplates.all());
        template.getSelectionModel().select(JobTemplates.WM_REBOOT);
        template.valueProperty().addListener((o, a, b) -> {
            if (b != null) {
                document.setText(b.document());
            }
        });
        timeout.setPromptText("minutes, optional");
        role.setPromptText(vm.isAwsProfile() ? "arn:aws:iam::123456789012:role/iot-s3-presign"
                : "AWS profiles only");
        role.setDisable(!vm.isAwsProfile());
        error.setId("create-job-error");
        error.getStyleClass().add("form-error");
        error.setWrapText(true);

        GridPane grid = new GridPane();
        grid.setHgap(8);
        grid.setVgap(6);
        grid.setPadding(new Insets(8));
        int row = 0;
        grid.addRow(row++, new Label("Job ID"), jobId);
        grid.addRow(row++, new Label("Description"), description);
        grid.addRow(row++, new Label("Things"), things);
        grid.addRow(row++, new Label("Thing groups"), groups);
        grid.addRow(row++, new Label("Template"), template);
        grid.addRow(row++, new Label("Document"), document);
        grid.addRow(row++, new Label("In-progress timeout"), timeout);
        grid.addRow(row++, new Label(""), continuous);
        grid.addRow(row++, new Label("Presigned-URL role"), role);
        grid.add(error, 0, row, 2, 1);
        GridPane.setHgrow(document, Priority.ALWAYS);
        GridPane.setVgrow(document, Priority.ALWAYS);
        dialog.getDialogPane().setContent(grid);
        dialog.getDialogPane().getButtonTypes().setAll(ButtonType.OK, ButtonType.CANCEL);
        dialog.getDialogPane().lookupButton(ButtonType.OK).addEventFilter(javafx.event.ActionEvent.ACTION, e -> {
            String problem = validate();
            if (problem != null) {
                error.setText(problem);
                e.consume();
            }
        });
        dialog.setResultConverter(b -> b == ButtonType.OK ? spec() : null);
        dialog.setResizable(true);
        vm.loadTargets();
    }

    private String validate() {
        if (!jobId.getText().matches("[a-zA-Z0-9_-]{1,64}")) {
            return "The job ID must be 1-64 characters of letters, digits, '_' or '-'.";
        }
        if (things.getSelectionModel().isEmpty() && groups.getSelectionModel().isEmpty()) {
            return "Choose at least one thing or thing group.";
        }
        try {
            var node = JSON.readTree(document.getText());
            if (node == null || !node.isObject()) {
                return "The document must be a JSON object.";
            }
        } catch (IOException e) {
            return "The document is not valid JSON: " + e.getMessage().lines().findFirst().orElse("");
        }
        if (document.getText().length() > 32_768) {
            return "The document is longer than 32768 characters.";
        }
        try {
            JobsViewModel.minutes(timeout.getText());
        } catch (IllegalArgumentException e) {
            return e.getMessage();
        }
        if (document.getText().contains("${aws:iot:s3-presigned-url:") && vm.isAwsProfile()
                && role.getText().isBlank()) {
            return "The document has a presigned-URL placeholder: give the IAM role AWS IoT uses to sign it.";
        }
        return null;
    }

    private JobSpec spec() {
        return new JobSpec(jobId.getText(), things.getSelectionModel().getSelectedItems(),
                groups.getSelectionModel().getSelectedItems(), document.getText(), description.getText(),
                continuous.isSelected(), JobsViewModel.minutes(timeout.getText()),
                role.isDisabled() ? null : role.getText());
    }

    /** Shows the dialog and creates the job when OK is pressed. */
    void showAndCreate() {
        dialog.showAndWait().ifPresent(vm::create);
    }
}
