package io.iotworkbench.ui.common;

import javafx.animation.AnimationTimer;

/**
 * Runs work once the window's first frame is on screen: on the second animation pulse after the call, by which time
 * the frame drawn in the first pulse has been handed to the screen. Start-up uses it to show the window at once and
 * build what can wait (the selected pane's content, the window icons) just after.
 *
 * <p>FX thread only.
 */
public final class FirstFrame {

    private FirstFrame() {
    }

    /** Runs {@code action} on the FX thread after the next frame has been drawn. */
    public static void then(Runnable action) {
        new AnimationTimer() {
            private int pulses;

            @Override
            public void handle(long now) {
                if (++pulses == 2) {
                    stop();
                    action.run();
                }
            }
        }.start();
    }
}
