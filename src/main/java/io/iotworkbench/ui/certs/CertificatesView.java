package io.iotworkbench.ui.certs;

import io.iotworkbench.ui.common.PaneIntro;
import io.iotworkbench.ui.common.PaneView;
import javafx.scene.Node;
import javafx.scene.control.ScrollPane;

/**
 * The Certificates pane's view: builds its nodes in code and binds them to {@link CertificatesViewModel}. FX thread only.
 */
public final class CertificatesView implements PaneView {

    private final ScrollPane root;

    public CertificatesView(CertificatesViewModel viewModel) {
        root = new ScrollPane(PaneIntro.build(viewModel, "certs-pane"));
        root.setFitToWidth(true);
    }

    @Override
    public Node root() {
        return root;
    }
}
