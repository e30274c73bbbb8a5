package io.iotworkbench.ui.help;

import javafx.geometry.Insets;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.control.TextArea;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.VBox;
import javafx.stage.Modality;
import javafx.stage.Stage;
import javafx.stage.Window;

import java.util.function.Consumer;

/** The Help menu's windows: one README section, and the keyboard shortcuts. FX thread only. */
public final class HelpWindows {

    private HelpWindows() {
    }

    /** A README section as read-only text, in a window of its own; {@code styled} applies the app's theme. */
    public static Stage section(Window owner, String title, String text, Consumer<Scene> styled) {
        TextArea area = new TextArea(text);
        area.setId("help-text");
        area.setEditable(false);
        area.setWrapText(true);
        Stage stage = new Stage();
        stage.initOwner(owner);
        stage.setTitle("Help — " + title);
        Scene scene = new Scene(area, 820, 600);
        styled.accept(scene);
        stage.setScene(scene);
        stage.show();
        return stage;
    }

    /** The keyboard shortcuts. */
    public static Stage shortcuts(Window owner, Consumer<Scene> styled) {
        GridPane grid = new GridPane();
        grid.setId("help-shortcuts");
        grid.setHgap(16);
        grid.setVgap(6);
        int row = 0;
        for (String[] s : HelpTopics.SHORTCUTS) {
            Label key = new Label(s[0]);
            key.setStyle("-fx-font-weight: bold;");
            grid.addRow(row++, key, new Label(s[1]));
        }
        VBox box = new VBox(10, grid);
        box.setPadding(new Insets(14));
        Stage stage = new Stage();
        stage.initOwner(owner);
        stage.initModality(Modality.NONE);
        stage.setTitle("Keyboard shortcuts");
        Scene scene = new Scene(box);
        styled.accept(scene);
        stage.setScene(scene);
        stage.show();
        return stage;
    }
}
