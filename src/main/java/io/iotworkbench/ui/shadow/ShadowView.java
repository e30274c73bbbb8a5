package io.iotworkbench.ui.shadow;

import io.iotworkbench.ui.common.PaneIntro;
import io.iotworkbench.ui.common.PaneView;
import javafx.scene.Node;
import javafx.scene.control.ScrollPane;

/**
 * The Shadow pane's view: builds its nodes in code and binds them to {@link ShadowViewModel}. FX thread only.
 */
public final class ShadowView implements PaneView {

    private final ScrollPane root;

    public ShadowView(ShadowViewModel viewModel) {
        root = new ScrollPane(PaneIntro.build(viewModel, "shadow-pane"));
        root.setFitToWidth(true);
    }

    @Override
    public Node root() {
        return root;
    }
}
