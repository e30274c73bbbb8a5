package io.iotworkbench.serial;

import com.fazecast.jSerialComm.SerialPort;
import com.fazecast.jSerialComm.SerialPortInvalidPortException;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;

/**
 * A {@link SerialChannel} over a jSerialComm port, opened by system name ({@code ttyUSB0}, {@code COM3}) or by path,
 * including pseudo-terminals that jSerialComm does not list but opens fine (socat's links, the virtual board). The port
 * opens with DTR and RTS de-asserted, because asserting RTS holds a W800-Arduino v4 in reset (wm-board.md §1–2).
 * After a successful open on a pty jSerialComm reports error 25 (ENOTTY, the modem-line ioctls a pty lacks); that is
 * not a failure and is ignored.
 *
 * <p>Read timeouts are rounded up by the OS: on Linux jSerialComm waits in steps of 100 ms when nothing arrives, and
 * returns as soon as a byte does. Threading: one reader and one writer thread; writes are serialised.
 */
public final class JSerialCommChannel implements SerialChannel {

    private static final int WRITE_TIMEOUT_MS = 5_000;
    private static final int DISCARD_LIMIT = 1 << 20;

    private final String name;
    private final SerialPort port;
    private final Object writeLock = new Object();
    private volatile int baudRate;
    private int readTimeoutMs = -1;

    private JSerialCommChannel(String name, SerialPort port, int baudRate) {
        this.name = name;
        this.port = port;
        this.baudRate = baudRate;
    }

    /** Opens a port by system name or path, or fails with a message that says what to do. */
    public static JSerialCommChannel open(String nameOrPath, SerialSettings settings) throws IOException {
        if (nameOrPath.contains("/") && !Files.exists(Path.of(nameOrPath))) {
            throw new IOException("No such port: " + nameOrPath);
        }
        SerialPort port;
        try {
            port = SerialPort.getCommPort(nameOrPath);
        } catch (SerialPortInvalidPortException e) {
            throw new IOException("No such port: " + nameOrPath, e);
        }
        port.setComPortParameters(settings.baudRate(), settings.dataBits(), stopBits(settings.stopBits()),
                parity(settings.parity()));
        port.setFlowControl(flowControl(settings.flowControl()));
        port.setComPortTimeouts(SerialPort.TIMEOUT_READ_SEMI_BLOCKING | SerialPort.TIMEOUT_WRITE_BLOCKING, 100,
                WRITE_TIMEOUT_MS);
        port.clearDTR();
        port.clearRTS();
        if (!port.openPort()) {
            throw new IOException(openFailure(nameOrPath, port.getLastErrorCode()));
        }
        port.clearDTR();
        port.clearRTS();
        JSerialCommChannel channel = new JSerialCommChannel(nameOrPath, port, settings.baudRate());
        channel.readTimeoutMs = 100;
        return channel;
    }

    static String openFailure(String port, int errorCode) {
        boolean windows = System.getProperty("os.name", "").toLowerCase(Locale.ROOT).contains("win");
        return switch (errorCode) {
            case 2 -> "No such port: " + port;
            case 13 -> "Permission denied on " + port
                    + ": add your user to the 'dialout' group (Linux) or 'uucp' (Arch), then log in again";
            case 16 -> port + " is busy: another program has it open";
            case 5 -> windows ? port + " is in use by another program" : "I/O error opening " + port;
            default -> "Cannot open " + port + " (system error " + errorCode + ")";
        };
    }

    @Override
    public int read(byte[] buffer, int offset, int length, Duration timeout) throws IOException {
        int ms = (int) Math.max(1, Math.min(Integer.MAX_VALUE, timeout.toMillis()));
        if (ms != readTimeoutMs) {
            port.setComPortTimeouts(SerialPort.TIMEOUT_READ_SEMI_BLOCKING | SerialPort.TIMEOUT_WRITE_BLOCKING, ms,
                    WRITE_TIMEOUT_MS);
            readTimeoutMs = ms;
        }
        int n = port.readBytes(buffer, length, offset);
        return n < 0 ? -1 : n;
    }

    @Override
    public void write(byte[] data, int offset, int length) throws IOException {
        synchronized (writeLock) {
            int done = 0;
            while (done < length) {
                int n = port.writeBytes(data, length - done, offset + done);
                if (n < 0) {
                    throw new IOException("Write to " + name + " failed (system error " + port.getLastErrorCode()
                            + ")");
                }
                if (n == 0) {
                    throw new IOException("Write to " + name + " timed out");
                }
                done += n;
            }
        }
    }

    @Override
    public boolean setBaudRate(int rate) {
        boolean ok = port.setBaudRate(rate);
        if (ok) {
            baudRate = rate;
        }
        return ok;
    }

    @Override
    public int baudRate() {
        return baudRate;
    }

    @Override
    public boolean setControlLines(boolean dtr, boolean rts) {
        boolean d = dtr ? port.setDTR() : port.clearDTR();
        boolean r = rts ? port.setRTS() : port.clearRTS();
        return d && r;
    }

    @Override
    public void discardInput() {
        byte[] scratch = new byte[4096];
        int discarded = 0;
        int available;
        while (discarded < DISCARD_LIMIT && (available = port.bytesAvailable()) > 0) {
            int n = port.readBytes(scratch, Math.min(available, scratch.length));
            if (n <= 0) {
                return;
            }
            discarded += n;
        }
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public void close() {
        port.closePort();
    }

    private static int stopBits(SerialSettings.StopBits stopBits) {
        return switch (stopBits) {
            case ONE -> SerialPort.ONE_STOP_BIT;
            case ONE_POINT_FIVE -> SerialPort.ONE_POINT_FIVE_STOP_BITS;
            case TWO -> SerialPort.TWO_STOP_BITS;
        };
    }

    private static int parity(SerialSettings.Parity parity) {
        return switch (parity) {
            case NONE -> SerialPort.NO_PARITY;
            case ODD -> SerialPort.ODD_PARITY;
            case EVEN -> SerialPort.EVEN_PARITY;
            case MARK -> SerialPort.MARK_PARITY;
            case SPACE -> SerialPort.SPACE_PARITY;
        };
    }

    private static int flowControl(SerialSettings.FlowControl flowControl) {
        return switch (flowControl) {
            case NONE -> SerialPort.FLOW_CONTROL_DISABLED;
            case RTS_CTS -> SerialPort.FLOW_CONTROL_RTS_ENABLED | SerialPort.FLOW_CONTROL_CTS_ENABLED;
            case XON_XOFF -> SerialPort.FLOW_CONTROL_XONXOFF_IN_ENABLED | SerialPort.FLOW_CONTROL_XONXOFF_OUT_ENABLED;
        };
    }
}
