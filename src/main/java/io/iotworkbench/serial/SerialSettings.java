package io.iotworkbench.serial;

import java.util.List;

/**
 * How a port is configured. The WM default is 115200 8N1 without flow control (wm-board.md §2, the CLI guide and the
 * device table); 921600 and 2,000,000 are the other presets (2,000,000 is the ROM's fastest download rate), and any
 * other positive rate can be typed in.
 *
 * <p>Immutable; safe from any thread.
 */
public record SerialSettings(int baudRate, int dataBits, Parity parity, StopBits stopBits, FlowControl flowControl) {

    public static final int WM_DEFAULT_BAUD = 115_200;
    public static final List<Integer> BAUD_PRESETS = List.of(115_200, 921_600, 2_000_000);

    public enum Parity { NONE, ODD, EVEN, MARK, SPACE }

    public enum StopBits { ONE, ONE_POINT_FIVE, TWO }

    public enum FlowControl { NONE, RTS_CTS, XON_XOFF }

    public SerialSettings {
        if (baudRate <= 0) {
            throw new IllegalArgumentException("baud rate must be positive, was " + baudRate);
        }
        if (dataBits < 5 || dataBits > 8) {
            throw new IllegalArgumentException("data bits must be 5 to 8, was " + dataBits);
        }
        if (parity == null || stopBits == null || flowControl == null) {
            throw new NullPointerException("parity, stop bits and flow control are required");
        }
    }

    /** 115200 8N1, no flow control: what every WM board's UART0 uses. */
    public static SerialSettings wmDefault() {
        return new SerialSettings(WM_DEFAULT_BAUD, 8, Parity.NONE, StopBits.ONE, FlowControl.NONE);
    }

    public SerialSettings withBaudRate(int rate) {
        return new SerialSettings(rate, dataBits, parity, stopBits, flowControl);
    }

    public boolean isPresetBaudRate() {
        return BAUD_PRESETS.contains(baudRate);
    }

    /** E.g. {@code 115200 8N1}. */
    public String summary() {
        String stop = switch (stopBits) {
            case ONE -> "1";
            case ONE_POINT_FIVE -> "1.5";
            case TWO -> "2";
        };
        return baudRate + " " + dataBits + parity.name().charAt(0) + stop
                + (flowControl == FlowControl.NONE ? "" : " " + flowControl.name());
    }
}
