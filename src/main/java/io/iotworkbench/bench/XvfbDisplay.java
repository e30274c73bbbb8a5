package io.iotworkbench.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The X display a benchmark opens windows on: the session's when {@code DISPLAY} is set, otherwise an Xvfb started
 * for the benchmark and stopped on {@link #close}. Xvfb picks a free display number itself and writes it to its
 * standard output once it accepts clients ({@code -displayfd}), so there is nothing to poll. Not thread-safe; one per
 * benchmark.
 */
public final class XvfbDisplay implements AutoCloseable {

    private final String name;
    private final Process xvfb;

    private XvfbDisplay(String name, Process xvfb) {
        this.name = name;
        this.xvfb = xvfb;
    }

    /** The session's display, or a new Xvfb; fails with what to install when there is neither. */
    public static XvfbDisplay ensure(Map<String, String> env) throws IOException {
        String current = env.get("DISPLAY");
        if (current != null && !current.isBlank() || System.getProperty("os.name").startsWith("Windows")
                || System.getProperty("os.name").startsWith("Mac")) {
            return new XvfbDisplay(null, null);
        }
        Path binary = Stream.of(env.getOrDefault("PATH", "").split(java.io.File.pathSeparator))
                .map(d -> Path.of(d, "Xvfb")).filter(Files::isExecutable).findFirst()
                .orElseThrow(() -> new IllegalStateException("No display: set DISPLAY or install Xvfb "
                        + "(apt-get install xvfb)."));
        Process p = new ProcessBuilder(binary.toString(), "-displayfd", "1", "-screen", "0", "1280x800x24",
                "-nolisten", "tcp").redirectError(ProcessBuilder.Redirect.DISCARD).start();
        String number = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.US_ASCII))
                .readLine();
        if (number == null || !number.strip().matches("[0-9]+")) {
            p.destroyForcibly();
            throw new IllegalStateException("Xvfb did not start: run `Xvfb -displayfd 1` by hand to see why.");
        }
        return new XvfbDisplay(":" + number.strip(), p);
    }

    /** The variables to set in a child's environment (none when the session's display is used). */
    public Map<String, String> environment() {
        return name == null ? Map.of() : Map.of("DISPLAY", name);
    }

    @Override
    public void close() {
        if (xvfb != null) {
            xvfb.destroy();
        }
    }
}
