package io.iotworkbench.ui.shell;

import io.iotworkbench.session.ProfileKind;
import javafx.beans.property.StringProperty;
import javafx.event.ActionEvent;
import javafx.geometry.Insets;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonType;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.stage.FileChooser;
import javafx.stage.Window;

import java.io.File;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The dialog for a new, edited or duplicated profile: a form bound to {@link ProfileEditorViewModel}; OK saves and
 * stays open with the problems marked when validation fails. FX thread only.
 */
public final class ProfileEditorDialog extends Dialog<Boolean> {

    private final Map<String, javafx.scene.Node> fields = new LinkedHashMap<>();
    private final ProfileEditorViewModel vm;
    private final java.util.List<Runnable> modeListeners = new java.util.ArrayList<>();

    public ProfileEditorDialog(Window owner, ProfileEditorViewModel vm) {
        this.vm = vm;
        initOwner(owner);
        setTitle(vm.isNew() ? "New profile" : "Edit profile");
        setHeaderText(vm.isNew() ? "A profile says which IoT Core to reach and as which device."
                : "Edit profile '" + vm.nameProperty().get() + "'");
        setResizable(true);

        GridPane grid = new GridPane();
        grid.setHgap(8);
        grid.setVgap(6);
        grid.setPadding(new Insets(12));
        int row = 0;
        TextField name = text(grid, row++, "Name", "name", vm.name);
        name.setDisable(vm.isBuiltIn());
        ComboBox<ProfileKind> kind = new ComboBox<>();
        kind.getItems().setAll(ProfileKind.values());
        kind.valueProperty().bindBidirectional(vm.kind);
        kind.setDisable(vm.isBuiltIn());
        kind.setId("profile-kind");
        grid.addRow(row++, new Label("Kind"), kind);
        fields.put("kind", kind);
        text(grid, row++, "AWS region", "region", vm.region);
        text(grid, row++, "Endpoint host", "endpoint", vm.endpoint)
                .setPromptText("abc123-ats.iot.us-east-1.amazonaws.com");
        text(grid, row++, "Port", "port", vm.port).setPromptText("8883, or 443 (ALPN x-amzn-mqtt-ca)");
        text(grid, row++, "Thing name", "thingName", vm.thingName);
        text(grid, row++, "MQTT client id", "clientId", vm.clientId);
        fileRow(grid, row++, "Device certificate", "certificateFile", vm.certificateFile);
        fileRow(grid, row++, "Private key", "privateKeyFile", vm.privateKeyFile);
        fileRow(grid, row++, "Root CA", "rootCaFile", vm.rootCaFile);
        text(grid, row++, "AWS credentials profile", "credentialsProfile", vm.credentialsProfile)
                .setPromptText("default (credentials are never stored here)");
        Label errors = new Label();
        errors.setId("profile-errors");
        errors.getStyleClass().add("form-error");
        errors.setWrapText(true);
        errors.textProperty().bind(vm.errorTextProperty());
        grid.add(errors, 0, row, 3, 1);

        getDialogPane().setContent(grid);
        getDialogPane().getButtonTypes().setAll(ButtonType.OK, ButtonType.CANCEL);
        Button ok = (Button) getDialogPane().lookupButton(ButtonType.OK);
        ok.setId("profile-save");
        ok.setText("Save");
        ok.addEventFilter(ActionEvent.ACTION, e -> {
            if (!vm.save()) {
                e.consume();
                markErrors(vm);
            }
        });
        setResultConverter(b -> b == ButtonType.OK);
        setOnHidden(e -> modeListeners.forEach(vm.redactor()::removeListener));
    }

    private void markErrors(ProfileEditorViewModel vm) {
        fields.forEach((field, node) -> {
            String msg = vm.fieldErrors().get(field);
            node.getStyleClass().remove("field-error");
            if (msg != null) {
                node.getStyleClass().add("field-error");
                if (node instanceof TextField tf) {
                    tf.setTooltip(new Tooltip(msg));
                }
            }
        });
    }

    private TextField text(GridPane grid, int row, String label, String field, StringProperty property) {
        TextField tf = new TextField();
        tf.textProperty().bindBidirectional(property);
        tf.setId("profile-" + field);
        tf.setPrefColumnCount(32);
        grid.add(new Label(label), 0, row);
        grid.add(presenterAware(tf, field, property), 1, row);
        GridPane.setHgrow(tf, Priority.ALWAYS);
        fields.put(field, tf);
        return tf;
    }

    /**
     * The field, with a password field over it (the same value, drawn as dots) while presenter mode hides it; it
     * follows the mode and what is typed or pasted.
     */
    private javafx.scene.Node presenterAware(TextField tf, String field, StringProperty property) {
        javafx.scene.control.PasswordField hidden = new javafx.scene.control.PasswordField();
        hidden.textProperty().bindBidirectional(property);
        hidden.setId("profile-" + field + "-hidden");
        hidden.setPrefColumnCount(32);
        Runnable update = () -> {
            boolean hide = vm.hiddenNow(field);
            hidden.setVisible(hide);
            hidden.setManaged(hide);
            tf.setVisible(!hide);
            tf.setManaged(!hide);
        };
        update.run();
        property.addListener((o, a, b) -> update.run());
        Runnable onMode = () -> javafx.application.Platform.runLater(update);
        vm.redactor().addListener(onMode);
        modeListeners.add(onMode);
        javafx.scene.layout.StackPane both = new javafx.scene.layout.StackPane(tf, hidden);
        both.setAlignment(javafx.geometry.Pos.CENTER_LEFT);
        GridPane.setHgrow(both, Priority.ALWAYS);
        return both;
    }

    private void fileRow(GridPane grid, int row, String label, String field, StringProperty property) {
        TextField tf = text(grid, row, label, field, property);
        Button browse = new Button("…");
        browse.setTooltip(new Tooltip("Choose the " + label.toLowerCase() + " file"));
        browse.setOnAction(e -> {
            FileChooser chooser = new FileChooser();
            chooser.setTitle("Choose the " + label.toLowerCase());
            File f = chooser.showOpenDialog(getDialogPane().getScene().getWindow());
            if (f != null) {
                tf.setText(f.getAbsolutePath());
            }
        });
        grid.add(new HBox(browse), 2, row);
    }
}
