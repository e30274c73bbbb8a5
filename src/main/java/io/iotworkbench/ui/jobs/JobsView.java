package io.iotworkbench.ui.jobs;

import io.iotworkbench.ui.common.PaneIntro;
import io.iotworkbench.ui.common.PaneView;
import javafx.scene.Node;
import javafx.scene.control.ScrollPane;

/**
 * The Jobs pane's view: builds its nodes in code and binds them to {@link JobsViewModel}. FX thread only.
 */
public final class JobsView implements PaneView {

    private final ScrollPane root;

    public JobsView(JobsViewModel viewModel) {
        root = new ScrollPane(PaneIntro.build(viewModel, "jobs-pane"));
        root.setFitToWidth(true);
    }

    @Override
    public Node root() {
        return root;
    }
}
