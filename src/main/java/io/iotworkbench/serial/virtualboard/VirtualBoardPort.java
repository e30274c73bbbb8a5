package io.iotworkbench.serial.virtualboard;

import io.iotworkbench.serial.JSerialCommChannel;
import io.iotworkbench.serial.SerialEndpoint;
import io.iotworkbench.serial.SerialPipe;
import io.iotworkbench.serial.SerialSettings;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Optional;

/**
 * A {@link VirtualWmBoard} reachable as a serial port. With socat on the PATH the board holds one end of a
 * {@link SocatPtyPair} and the user opens the other by path (so any terminal program can talk to it too); without
 * socat the board sits behind an in-process {@link SerialPipe} that also carries DTR/RTS, so the reset button works.
 * Either way {@link #endpoint()} is what a {@code SerialConnection} opens.
 *
 * <p>Thread-safe; the board has its own threads.
 */
public final class VirtualBoardPort implements AutoCloseable {

    private final VirtualWmBoard board;
    private final SerialEndpoint endpoint;
    private final SocatPtyPair pty;

    private VirtualBoardPort(VirtualWmBoard board, SerialEndpoint endpoint, SocatPtyPair pty) {
        this.board = board;
        this.endpoint = endpoint;
        this.pty = pty;
    }

    /** A pty pair in {@code directory} when socat is available, an in-process pipe otherwise. */
    public static VirtualBoardPort start(BoardOptions options, Clock clock, Path directory) throws IOException {
        return SocatPtyPair.isAvailable() ? startPty(options, clock, directory) : startPipe(options, clock);
    }

    public static VirtualBoardPort startPty(BoardOptions options, Clock clock, Path directory) throws IOException {
        SocatPtyPair pty = SocatPtyPair.open(directory);
        try {
            VirtualWmBoard board = new VirtualWmBoard(options, clock);
            board.attach(JSerialCommChannel.open(pty.boardPath().toString(), SerialSettings.wmDefault()));
            return new VirtualBoardPort(board, SerialEndpoint.port(pty.userPath().toString()), pty);
        } catch (IOException | RuntimeException e) {
            pty.close();
            throw e;
        }
    }

    public static VirtualBoardPort startPipe(BoardOptions options, Clock clock) {
        SerialPipe pipe = new SerialPipe("virtual " + options.chip());
        VirtualWmBoard board = new VirtualWmBoard(options, clock);
        pipe.onControlLines(board::controlLines);
        board.attach(pipe.deviceEnd());
        return new VirtualBoardPort(board, pipe.hostEndpoint(), null);
    }

    public VirtualWmBoard board() {
        return board;
    }

    /** What the console opens. */
    public SerialEndpoint endpoint() {
        return endpoint;
    }

    /** The pty path to type into a terminal, when the board is behind socat. */
    public Optional<Path> userPath() {
        return pty == null ? Optional.empty() : Optional.of(pty.userPath());
    }

    public boolean isPty() {
        return pty != null;
    }

    /** E.g. {@code virtual W800 on /tmp/x/ttyB (socat pty)}. */
    public String description() {
        return "virtual " + board.options().chip() + " on " + (pty == null ? "an in-process port"
                : pty.userPath() + " (socat pty)");
    }

    @Override
    public void close() {
        board.close();
        if (pty != null) {
            pty.close();
        }
    }
}
