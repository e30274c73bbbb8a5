package io.iotworkbench.serial;

import java.util.Locale;
import java.util.Optional;

/**
 * A serial port the operating system lists: its name and path, description, USB IDs (-1 when not a USB device),
 * serial number and location, and whether its bridge makes it a likely WM board.
 *
 * <p>Immutable; safe from any thread.
 */
public record PortInfo(String systemName, String path, String description, int vendorId, int productId,
                       String serialNumber, String location) {

    public boolean isUsb() {
        return vendorId >= 0 && productId >= 0;
    }

    /** {@code 1a86:7523}, or "" for a port without USB IDs. */
    public String vidPid() {
        return isUsb() ? String.format(Locale.ROOT, "%04x:%04x", vendorId, productId) : "";
    }

    public Optional<WchBridge> wchBridge() {
        return WchBridge.of(vendorId, productId);
    }

    /** True for the WCH bridges WM boards use; still to be confirmed by probing for the prompt or boot lines. */
    public boolean isLikelyWmBoard() {
        return wchBridge().isPresent();
    }

    /** One line for a port list: path, description, IDs and the WM hint. */
    public String label() {
        StringBuilder s = new StringBuilder(path);
        if (description != null && !description.isBlank()) {
            s.append(" — ").append(description);
        }
        if (isUsb()) {
            s.append(" [").append(vidPid()).append(']');
        }
        wchBridge().ifPresent(b -> s.append(" (").append(b.name()).append(", likely a WM board)"));
        return s.toString();
    }
}
