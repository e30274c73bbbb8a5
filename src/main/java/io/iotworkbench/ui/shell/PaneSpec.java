package io.iotworkbench.ui.shell;

import io.iotworkbench.ui.common.PaneContext;
import io.iotworkbench.ui.common.PaneView;

import java.util.function.Function;

/**
 * One tab of the main window: its id (used for remembering the last tab and in tests), its title, and how to build
 * its view, which happens when the tab is first shown.
 */
public record PaneSpec(String id, String title, Function<PaneContext, PaneView> factory) {
}
