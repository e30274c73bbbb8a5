package io.iotworkbench.serial;

import java.io.IOException;

/**
 * Something a {@link SerialConnection} can open, and open again after the device came back: a real port by name or
 * path, or the host side of an in-process {@link SerialPipe}.
 *
 * <p>Implementations are safe from any thread; each {@link #open} returns a new channel.
 */
public interface SerialEndpoint {

    String name();

    SerialChannel open(SerialSettings settings) throws IOException;

    /** A port by system name ({@code ttyUSB0}, {@code COM3}) or any path jSerialComm can open (a pty). */
    static SerialEndpoint port(String nameOrPath) {
        return new SerialEndpoint() {
            @Override
            public String name() {
                return nameOrPath;
            }

            @Override
            public SerialChannel open(SerialSettings settings) throws IOException {
                return JSerialCommChannel.open(nameOrPath, settings);
            }
        };
    }
}
