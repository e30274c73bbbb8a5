package io.iotworkbench.ui.common;

import javafx.scene.Node;

/** A pane's view: the node to place in its tab. Built on the FX thread when the tab is first shown. */
public interface PaneView {

    Node root();

    /** Releases what the view holds (listeners, pumps) when the window closes. */
    default void dispose() {
    }
}
