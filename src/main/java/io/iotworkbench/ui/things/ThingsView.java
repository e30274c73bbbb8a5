package io.iotworkbench.ui.things;

import io.iotworkbench.ui.common.PaneIntro;
import io.iotworkbench.ui.common.PaneView;
import javafx.scene.Node;
import javafx.scene.control.ScrollPane;

/**
 * The Things pane's view: builds its nodes in code and binds them to {@link ThingsViewModel}. FX thread only.
 */
public final class ThingsView implements PaneView {

    private final ScrollPane root;

    public ThingsView(ThingsViewModel viewModel) {
        root = new ScrollPane(PaneIntro.build(viewModel, "things-pane"));
        root.setFitToWidth(true);
    }

    @Override
    public Node root() {
        return root;
    }
}
