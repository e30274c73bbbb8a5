package io.iotworkbench.ui.things;

import io.iotworkbench.ui.common.FxSession;
import io.iotworkbench.ui.common.PaneViewModel;

import java.util.List;

/**
 * View model of the Things pane. Follows the session's current thing and connection state.
 *
 * <p>FX thread; testable without a toolkit.
 */
public final class ThingsViewModel extends PaneViewModel {

    public ThingsViewModel(FxSession fxSession) {
        super(fxSession);
    }

    @Override
    public String title() {
        return "Things";
    }

    @Override
    public String purpose() {
        return "Browse and manage the Things registry, and set up a new device in one flow.";
    }

    @Override
    public List<String> capabilities() {
        return List.of(
                "Things with attributes, groups, certificates and policies",
                "Create, edit and delete things with the detach steps they need",
                "A one-page new-device flow: thing, key and certificate, policy, WM SDK files, profile");
    }
}
