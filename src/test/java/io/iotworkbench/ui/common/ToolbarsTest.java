package io.iotworkbench.ui.common;

import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.layout.VBox;
import javafx.stage.Stage;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link Toolbars#headersWhole} and {@link Toolbars#cellsWhole} keep header and cell texts whole, refit when the
 * columns, the texts or the font change, and leave tables that do not show (another tab) and tables where nothing
 * changed alone (decision 0030).
 */
@ExtendWith(ApplicationExtension.class)
@Tag("ui")
class ToolbarsTest {

    private static final String LONG_HEADER = "A header much wider than its column";
    private static final String LONG_CELL = "a cell text that is much wider than its column";

    private TabPane tabs;
    private Label other;
    private TableView<String> headers;
    private TableView<String> cells;
    private TableView<String> hidden;

    @Start
    void start(Stage stage) {
        headers = table(LONG_HEADER);
        Toolbars.headersWhole(headers);
        cells = table("C");
        cells.setColumnResizePolicy(TableView.UNCONSTRAINED_RESIZE_POLICY);
        Toolbars.cellsWhole(cells);
        hidden = table(LONG_HEADER);
        Toolbars.headersWhole(hidden);
        other = new Label("other");
        tabs = new TabPane(new Tab("shown", new VBox(other, headers, cells)), new Tab("hidden", hidden));
        stage.setScene(new Scene(tabs, 800, 600));
        stage.show();
    }

    private static TableView<String> table(String header) {
        TableView<String> t = new TableView<>();
        TableColumn<String, String> c = new TableColumn<>(header);
        c.setPrefWidth(20);
        c.setCellValueFactory(d -> new ReadOnlyStringWrapper(d.getValue()));
        t.getColumns().add(c);
        t.getItems().add("x");
        return t;
    }

    private static TableColumn<String, ?> column(TableView<String> t) {
        return t.getColumns().get(0);
    }

    private int fits(TableView<String> t) {
        return (t == cells ? Toolbars.Fitting.cells(t) : Toolbars.Fitting.headers(t)).orElseThrow().fits();
    }

    private static void await(Callable<Boolean> condition) throws Exception {
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, condition);
    }

    @Test
    void headersStayWholeAndFollowTheTextSize(FxRobot robot) throws Exception {
        await(() -> column(headers).getMinWidth() > 100);
        double before = column(headers).getMinWidth();
        assertThat(column(headers).getWidth()).isGreaterThanOrEqualTo(before);
        robot.interact(() -> tabs.setStyle("-fx-font-size: 26px;"));
        await(() -> column(headers).getMinWidth() > before * 1.4);
        double larger = column(headers).getMinWidth();
        robot.interact(() -> column(headers).setText(LONG_HEADER + LONG_HEADER));
        await(() -> column(headers).getMinWidth() > larger * 1.5);
    }

    @Test
    void nothingIsFittedAgainUntilSomethingItWatchesChanges(FxRobot robot) throws Exception {
        await(() -> column(headers).getMinWidth() > 100 && fits(headers) > 0);
        double fitted = column(headers).getMinWidth();
        int fitsBefore = fits(headers);
        robot.interact(() -> column(headers).setMinWidth(5));
        for (int i = 0; i < 5; i++) {
            int n = i;
            robot.interact(() -> other.setText("layout pass " + n)); // new layout passes of the scene
            WaitForAsyncUtils.waitForFxEvents();
        }
        assertThat(column(headers).getMinWidth()).isEqualTo(5);
        assertThat(fits(headers)).isEqualTo(fitsBefore);
        robot.interact(() -> column(headers).setText(LONG_HEADER + "!"));
        await(() -> column(headers).getMinWidth() >= fitted);
        assertThat(fits(headers)).isGreaterThan(fitsBefore);
    }

    @Test
    void aTableInAnotherTabIsFittedWhenItShows(FxRobot robot) throws Exception {
        await(() -> column(headers).getMinWidth() > 100);
        for (int i = 0; i < 3; i++) {
            WaitForAsyncUtils.waitForFxEvents();
        }
        assertThat(fits(hidden)).isZero();
        assertThat(column(hidden).getMinWidth()).isLessThan(100);
        robot.interact(() -> tabs.getSelectionModel().select(1));
        await(() -> column(hidden).getMinWidth() > 100);
        assertThat(fits(hidden)).isPositive();
    }

    @Test
    void cellsWidenTheirColumnWhenALongerTextArrives(FxRobot robot) throws Exception {
        await(() -> fits(cells) > 0);
        double narrow = column(cells).getWidth();
        assertThat(narrow).isLessThan(100);
        robot.interact(() -> cells.getItems().add(LONG_CELL));
        await(() -> column(cells).getWidth() > 200);
        double wide = column(cells).getWidth();
        robot.interact(() -> cells.getItems().set(0, LONG_CELL + LONG_CELL));
        await(() -> column(cells).getWidth() > wide * 1.5);
    }
}
