package io.iotworkbench.ui.serial;

import io.iotworkbench.ui.common.PaneIntro;
import io.iotworkbench.ui.common.PaneView;
import javafx.scene.Node;
import javafx.scene.control.ScrollPane;

/**
 * The Serial pane's view: builds its nodes in code and binds them to {@link SerialViewModel}. FX thread only.
 */
public final class SerialView implements PaneView {

    private final ScrollPane root;

    public SerialView(SerialViewModel viewModel) {
        root = new ScrollPane(PaneIntro.build(viewModel, "serial-pane"));
        root.setFitToWidth(true);
    }

    @Override
    public Node root() {
        return root;
    }
}
