package io.iotworkbench.ui.serial;

import io.iotworkbench.ui.common.FxSession;
import io.iotworkbench.ui.common.PaneViewModel;

import java.util.List;

/**
 * View model of the Serial pane. Follows the session's current thing and connection state.
 *
 * <p>FX thread; testable without a toolkit.
 */
public final class SerialViewModel extends PaneViewModel {

    public SerialViewModel(FxSession fxSession) {
        super(fxSession);
    }

    @Override
    public String title() {
        return "Serial";
    }

    @Override
    public String purpose() {
        return "A serial console that knows the WM board: log colours, CLI completion and flashing.";
    }

    @Override
    public List<String> capabilities() {
        return List.of(
                "WM log levels coloured, ANSI colours, timestamps, filters and search",
                "WM CLI completion, macros and history",
                "Flashing over the ROM protocol with image checks",
                "A virtual WM board for working without hardware");
    }
}
