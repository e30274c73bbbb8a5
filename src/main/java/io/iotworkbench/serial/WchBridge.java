package io.iotworkbench.serial;

import java.util.Optional;

/**
 * The WCH USB-serial bridges that WM boards ship with (every WM board guide asks for the CH34X driver; wm-board.md
 * §1). WM publishes no VID:PID of its own, so one of these IDs makes a port a likely WM board, to be confirmed by
 * probing.
 *
 * <p>Immutable; safe from any thread.
 */
public enum WchBridge {
    CH340(0x7523), CH340K(0x7522), CH341(0x5523), CH343(0x55D3);

    public static final int WCH_VENDOR_ID = 0x1A86;

    private final int productId;

    WchBridge(int productId) {
        this.productId = productId;
    }

    public static Optional<WchBridge> of(int vendorId, int productId) {
        if (vendorId != WCH_VENDOR_ID) {
            return Optional.empty();
        }
        for (WchBridge bridge : values()) {
            if (bridge.productId == productId) {
                return Optional.of(bridge);
            }
        }
        return Optional.empty();
    }
}
