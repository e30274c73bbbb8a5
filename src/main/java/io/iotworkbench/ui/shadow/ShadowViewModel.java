package io.iotworkbench.ui.shadow;

import io.iotworkbench.ui.common.FxSession;
import io.iotworkbench.ui.common.PaneViewModel;

import java.util.List;

/**
 * View model of the Shadow pane. Follows the session's current thing and connection state.
 *
 * <p>FX thread; testable without a toolkit.
 */
public final class ShadowViewModel extends PaneViewModel {

    public ShadowViewModel(FxSession fxSession) {
        super(fxSession);
    }

    @Override
    public String title() {
        return "Shadow";
    }

    @Override
    public String purpose() {
        return "See and edit a device shadow: desired, reported and delta side by side, live.";
    }

    @Override
    public List<String> capabilities() {
        return List.of(
                "Classic and named shadows of the session's thing",
                "A version timeline fed by update/documents, with diffs between versions",
                "Safe edits with optimistic locking and a clear conflict flow",
                "A control panel generated from the reported state for demos");
    }
}
