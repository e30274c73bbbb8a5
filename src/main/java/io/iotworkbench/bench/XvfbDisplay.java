package io.iotworkbench.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The X display a benchmark opens windows on: the session's when {@code DISPLAY} is set, otherwise an Xvfb started
 * for the benchmark on a free display number and stopped on {@link #close}. Not thread-safe; one per benchmark.
 */
public final class XvfbDisplay implements AutoCloseable {

    private final String name;
    private final Process xvfb;

    private XvfbDisplay(String name, Process xvfb) {
        this.name = name;
        this.xvfb = xvfb;
    }

    /** The session's display, or a new Xvfb; fails with what to install when there is neither. */
    public static XvfbDisplay ensure(Map<String, String> env) throws IOException, InterruptedException {
        String current = env.get("DISPLAY");
        if (current != null && !current.isBlank() || System.getProperty("os.name").startsWith("Windows")
                || System.getProperty("os.name").startsWith("Mac")) {
            return new XvfbDisplay(null, null);
        }
        Path binary = Stream.of(env.getOrDefault("PATH", "").split(java.io.File.pathSeparator))
                .map(d -> Path.of(d, "Xvfb")).filter(Files::isExecutable).findFirst()
                .orElseThrow(() -> new IllegalStateException("No display: set DISPLAY or install Xvfb "
                        + "(apt-get install xvfb)."));
        for (int n = 90; n < 140; n++) {
            if (Files.exists(Path.of("/tmp/.X11-unix/X" + n)) || Files.exists(Path.of("/tmp/.X" + n + "-lock"))) {
                continue;
            }
            Process p = new ProcessBuilder(binary.toString(), ":" + n, "-screen", "0", "1280x800x24", "-nolisten",
                    "tcp").redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            for (int i = 0; i < 50 && p.isAlive(); i++) {
                if (Files.exists(Path.of("/tmp/.X11-unix/X" + n))) {
                    return new XvfbDisplay(":" + n, p);
                }
                Thread.sleep(100);
            }
            p.destroyForcibly();
        }
        throw new IllegalStateException("Xvfb did not start on any display from :90 to :139.");
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
