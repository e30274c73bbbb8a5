package io.iotworkbench.ui.serial;

import io.iotworkbench.serial.SerialConnection;
import io.iotworkbench.serial.cli.LineEnding;
import io.iotworkbench.serial.console.SerialConsole;
import io.iotworkbench.session.SerialBoard;

import java.io.IOException;
import java.util.function.Consumer;

/**
 * A console's board as the session shares it: its name, its decoded lines (to follow) and its input (typed with the
 * default line ending). Thread-safe as the console and connection are; lines reach a sink on the pipeline thread.
 */
final class ConsoleSerialBoard implements SerialBoard {

    private final String name;
    private final SerialConsole console;
    private final SerialConnection connection;

    ConsoleSerialBoard(String name, SerialConsole console, SerialConnection connection) {
        this.name = name;
        this.console = console;
        this.connection = connection;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public AutoCloseable follow(Consumer<String> sink) {
        SerialConsole.Listener l = (decoded, partial) -> decoded.forEach(line -> sink.accept(line.text()));
        console.addListener(l);
        return () -> console.removeListener(l);
    }

    @Override
    public void type(String command) throws IOException {
        connection.write(LineEnding.DEFAULT.terminate(command));
    }
}
