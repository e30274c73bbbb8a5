package io.iotworkbench.ui.serial;

import javafx.beans.binding.Bindings;
import javafx.geometry.Insets;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;
import javafx.stage.FileChooser;
import javafx.util.StringConverter;

import java.io.File;
import java.util.Locale;

/**
 * The console's flashing panel: choose a file, read the checked headers (or why the file was refused), choose erase
 * and the download baud rate, start, follow the progress, cancel. Binds to a {@link FlashViewModel}. FX thread only.
 */
final class FlashPanel {

    private final VBox root;

    FlashPanel(FlashViewModel vm) {
        Label title = new Label("Flash firmware");
        title.getStyleClass().add("serial-section-title");
        Button choose = new Button("Choose .img / .fls…");
        choose.setId("serial-flash-choose");
        choose.disableProperty().bind(vm.busyProperty());
        choose.setOnAction(e -> {
            FileChooser chooser = new FileChooser();
            chooser.setTitle("Firmware image");
            chooser.getExtensionFilters().addAll(
                    new FileChooser.ExtensionFilter("WM firmware (*.img, *.fls)", "*.img", "*.fls"),
                    new FileChooser.ExtensionFilter("All files", "*"));
            File f = chooser.showOpenDialog(choose.getScene().getWindow());
            if (f != null) {
                vm.chooseFile(f.toPath());
            }
        });
        Label summary = new Label();
        summary.setId("serial-flash-summary");
        summary.setWrapText(true);
        summary.textProperty().bind(vm.summaryProperty());
        summary.getStyleClass().add("monospace");
        vm.stateProperty().addListener((o, a, s) -> summary.getStyleClass().removeAll("form-error"));
        vm.stateProperty().addListener((o, a, s) -> {
            if (s == FlashViewModel.State.INVALID) {
                summary.getStyleClass().add("form-error");
            }
        });
        CheckBox erase = new CheckBox("Erase the flash first");
        erase.selectedProperty().bindBidirectional(vm.eraseProperty());
        ChoiceBox<Integer> baud = new ChoiceBox<>();
        baud.getItems().setAll(FlashViewModel.BAUD_RATES);
        baud.setConverter(new StringConverter<>() {
            @Override
            public String toString(Integer rate) {
                return rate == null ? "" : String.format(Locale.ROOT, "%,d baud", rate)
                        + (rate == 2_000_000 ? " (falls back to 115,200)" : "");
            }

            @Override
            public Integer fromString(String s) {
                return null;
            }
        });
        baud.setValue(vm.baudRateProperty().get());
        baud.valueProperty().addListener((o, a, b) -> vm.baudRateProperty().set(b));
        Button start = new Button("Flash");
        start.setId("serial-flash-start");
        start.getStyleClass().add("default-action");
        start.disableProperty().bind(vm.canStartProperty().not());
        start.setOnAction(e -> vm.start());
        Button cancel = new Button("Cancel");
        cancel.setId("serial-flash-cancel");
        cancel.disableProperty().bind(vm.stateProperty().isNotEqualTo(FlashViewModel.State.FLASHING));
        cancel.setOnAction(e -> vm.cancel());
        ProgressBar progress = new ProgressBar();
        progress.setMaxWidth(Double.MAX_VALUE);
        progress.progressProperty().bind(vm.progressProperty());
        Label status = new Label();
        status.setId("serial-flash-status");
        status.setWrapText(true);
        status.textProperty().bind(Bindings.createStringBinding(() -> {
            String state = vm.stateProperty().get().name().toLowerCase(Locale.ROOT).replace('_', ' ');
            String text = vm.statusProperty().get();
            return "State: " + state + (text == null || text.isEmpty() ? "" : " — " + text);
        }, vm.stateProperty(), vm.statusProperty()));
        root = new VBox(8, title, choose, summary, erase, new Label("Download baud rate"), baud,
                new HBox(8, start, cancel), progress, status);
        root.setPadding(new Insets(8));
        root.setPrefWidth(300);
        root.setMinWidth(260);
        root.getStyleClass().add("serial-flash-panel");
        root.setId("serial-flash-panel");
    }

    Node root() {
        return root;
    }
}
