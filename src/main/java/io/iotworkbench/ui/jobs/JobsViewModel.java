package io.iotworkbench.ui.jobs;

import io.iotworkbench.ui.common.FxSession;
import io.iotworkbench.ui.common.PaneViewModel;

import java.util.List;

/**
 * View model of the Jobs pane. Follows the session's current thing and connection state.
 *
 * <p>FX thread; testable without a toolkit.
 */
public final class JobsViewModel extends PaneViewModel {

    public JobsViewModel(FxSession fxSession) {
        super(fxSession);
    }

    @Override
    public String title() {
        return "Jobs";
    }

    @Override
    public String purpose() {
        return "Create AWS IoT Jobs and watch their executions live.";
    }

    @Override
    public List<String> capabilities() {
        return List.of(
                "Jobs list with progress by execution status",
                "Create-job wizard with WM jobs_demo and OTA templates",
                "Live execution table; cancel, force-cancel, delete",
                "A device agent that dry-runs a job as the session's thing");
    }
}
