package io.iotworkbench.serial;

import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BiConsumer;

/**
 * An in-process serial line between a host and a device, for the virtual board when socat is missing and for tests.
 * It models what matters to the WM tools:
 * <ul>
 *   <li>two bounded directions that block the writer when full, as a tty does;</li>
 *   <li>a baud rate per side: bytes sent while the two sides disagree arrive garbled, so a failed baud switch looks
 *       like one on hardware; the host side can be given a highest rate its "adapter" accepts;</li>
 *   <li>DTR/RTS from the host, reported to a listener on the device side (the board's reset wiring);</li>
 *   <li>a host side that can be closed and opened again (the device does not notice, like a UART), and unplugged;</li>
 *   <li>one injected fault: flip a byte at a given offset of the host-to-device stream.</li>
 * </ul>
 *
 * <p>Thread-safe. Each end serves one reader and one writer thread.
 */
public final class SerialPipe {

    private static final int CAPACITY = 64 * 1024;

    private final String name;
    private final PipeBuffer toDevice = new PipeBuffer(CAPACITY);
    private final PipeBuffer toHost = new PipeBuffer(CAPACITY);
    private final AtomicLong hostToDeviceOffset = new AtomicLong();
    private final DeviceEnd device = new DeviceEnd();
    private volatile HostEnd host;
    private volatile int hostBaud = SerialSettings.WM_DEFAULT_BAUD;
    private volatile int deviceBaud = SerialSettings.WM_DEFAULT_BAUD;
    private volatile int hostMaxBaud = Integer.MAX_VALUE;
    private volatile long corruptAt = -1;
    private volatile boolean unplugged;
    private volatile BiConsumer<Boolean, Boolean> controlLineListener = (dtr, rts) -> { };

    public SerialPipe(String name) {
        this.name = name;
    }

    /** The device's side; always open. */
    public SerialChannel deviceEnd() {
        return device;
    }

    /** Opens the host's side; only one host end is open at a time. */
    public synchronized SerialChannel openHostEnd() throws IOException {
        if (unplugged) {
            throw new IOException("No such port: " + name);
        }
        if (host != null && !host.closed) {
            throw new IOException(name + " is busy: already open");
        }
        toHost.clear();
        host = new HostEnd();
        return host;
    }

    /** An endpoint a {@link SerialConnection} can open (and reopen) like a port. */
    public SerialEndpoint hostEndpoint() {
        return new SerialEndpoint() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public SerialChannel open(SerialSettings settings) throws IOException {
                SerialChannel end = openHostEnd();
                end.setBaudRate(settings.baudRate());
                return end;
            }
        };
    }

    /** Receives the host's DTR and RTS (true = asserted) on the host's thread. */
    public void onControlLines(BiConsumer<Boolean, Boolean> listener) {
        controlLineListener = listener;
    }

    /** Makes the host side refuse rates above {@code baud}, like a USB adapter with a lower ceiling. */
    public void setHostMaxBaudRate(int baud) {
        hostMaxBaud = baud;
    }

    /** Inverts the byte at {@code offset} (counted from 0) of everything the host will send, once. */
    public void corruptHostToDevice(long offset) {
        corruptAt = offset;
    }

    /** Simulates pulling the USB cable: the host end reads end-of-stream and cannot be opened until {@link #plugIn}. */
    public void unplug() {
        unplugged = true;
        toHost.wake();
        toDevice.wake();
    }

    public void plugIn() {
        unplugged = false;
    }

    private static void garble(byte[] data, int offset, int length) {
        for (int i = offset; i < offset + length; i++) {
            data[i] = (byte) ~data[i];
        }
    }

    private final class HostEnd implements SerialChannel {
        private volatile boolean closed;

        private boolean open() {
            return !closed && !unplugged;
        }

        @Override
        public int read(byte[] buffer, int offset, int length, Duration timeout) throws IOException {
            if (!open()) {
                return -1;
            }
            return toHost.read(buffer, offset, length, timeout.toNanos(), this::open);
        }

        @Override
        public void write(byte[] data, int offset, int length) throws IOException {
            if (!open()) {
                throw new IOException(name + " is closed");
            }
            byte[] copy = java.util.Arrays.copyOfRange(data, offset, offset + length);
            long start = hostToDeviceOffset.getAndAdd(length);
            long fault = corruptAt;
            if (fault >= start && fault < start + length) {
                copy[(int) (fault - start)] ^= (byte) 0xFF;
                corruptAt = -1;
            }
            if (hostBaud != deviceBaud) {
                garble(copy, 0, copy.length);
            }
            toDevice.write(copy, 0, copy.length, this::open);
        }

        @Override
        public boolean setBaudRate(int baudRate) {
            if (baudRate > hostMaxBaud) {
                return false;
            }
            hostBaud = baudRate;
            return true;
        }

        @Override
        public int baudRate() {
            return hostBaud;
        }

        @Override
        public boolean setControlLines(boolean dtr, boolean rts) {
            controlLineListener.accept(dtr, rts);
            return true;
        }

        @Override
        public void discardInput() {
            toHost.clear();
        }

        @Override
        public String name() {
            return name;
        }

        @Override
        public void close() {
            closed = true;
            toHost.wake();
            toDevice.wake();
        }
    }

    private final class DeviceEnd implements SerialChannel {

        private boolean hostListening() {
            HostEnd h = host;
            return h != null && h.open();
        }

        @Override
        public int read(byte[] buffer, int offset, int length, Duration timeout) throws IOException {
            return toDevice.read(buffer, offset, length, timeout.toNanos(), () -> true);
        }

        @Override
        public void write(byte[] data, int offset, int length) throws IOException {
            if (!hostListening()) {
                return;
            }
            byte[] copy = java.util.Arrays.copyOfRange(data, offset, offset + length);
            if (hostBaud != deviceBaud) {
                garble(copy, 0, copy.length);
            }
            try {
                toHost.write(copy, 0, copy.length, this::hostListening);
            } catch (IOException e) {
                if (hostListening()) {
                    throw e;
                }
            }
        }

        @Override
        public boolean setBaudRate(int baudRate) {
            deviceBaud = baudRate;
            return true;
        }

        @Override
        public int baudRate() {
            return deviceBaud;
        }

        @Override
        public boolean setControlLines(boolean dtr, boolean rts) {
            return false;
        }

        @Override
        public void discardInput() {
            toDevice.clear();
        }

        @Override
        public String name() {
            return name + " (device side)";
        }

        @Override
        public void close() {
            // the device side lives as long as the pipe
        }
    }
}
