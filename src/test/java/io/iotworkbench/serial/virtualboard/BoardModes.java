package io.iotworkbench.serial.virtualboard;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/** Waits, with a timeout, until a virtual board reaches a mode. */
final class BoardModes {

    private BoardModes() {
    }

    static void await(VirtualWmBoard board, VirtualWmBoard.Mode mode, Duration timeout) throws InterruptedException {
        CountDownLatch reached = new CountDownLatch(1);
        board.addListener(new VirtualWmBoard.Listener() {
            @Override
            public void modeChanged(VirtualWmBoard.Mode now) {
                if (now == mode) {
                    reached.countDown();
                }
            }
        });
        if (board.mode() == mode) {
            return;
        }
        if (!reached.await(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            throw new AssertionError("the board did not reach " + mode + " within " + timeout + "; it is "
                    + board.mode());
        }
    }
}
