package io.iotworkbench.cli;

import io.iotworkbench.demo.DemoResult;
import io.iotworkbench.demo.DemoRunner;
import io.iotworkbench.demo.DemoScript;
import io.iotworkbench.demo.DemoScriptException;
import io.iotworkbench.demo.DemoScriptParser;
import io.iotworkbench.demo.DemoStep;
import io.iotworkbench.demo.LocalDemoServices;
import io.iotworkbench.demo.ShippedDemos;
import io.iotworkbench.demo.StepOutcome;
import io.iotworkbench.recording.SessionRecorder;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Comparator;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.stream.Stream;

/**
 * {@code iot-workbench demo}: {@code list} prints the shipped demo scripts; {@code run FILE} runs a script headless
 * against an embedded Local IoT Core (a temporary data folder unless {@code --data-dir}) with the virtual device and
 * a virtual board, printing each step. Exit codes: 0 every step done, 1 a step failed (named, with what was seen),
 * 2 usage or a bad script.
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = "Run demo scripts without a window (see README \"Demo scripts\").",
        subcommands = {DemoCommand.ListCommand.class, DemoCommand.RunCommand.class})
public final class DemoCommand implements Callable<Integer> {

    static final int FAILED = 1;
    static final int USAGE = 2;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getErr());
        return USAGE;
    }

    /** {@code demo list}. */
    @Command(name = "list", mixinStandardHelpOptions = true, description = "List the shipped demo scripts.")
    static final class ListCommand implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Override
        public Integer call() throws DemoScriptException {
            PrintWriter out = spec.commandLine().getOut();
            for (String name : ShippedDemos.NAMES) {
                DemoScript s = ShippedDemos.load(name).orElseThrow();
                out.printf("%-12s %s — %s (%d steps)%n", name + ".yaml", s.title(), s.description(), s.steps().size());
            }
            out.flush();
            return 0;
        }
    }

    /** {@code demo run FILE}. */
    @Command(name = "run", mixinStandardHelpOptions = true,
            description = "Run a demo script against an embedded Local IoT Core without a window. FILE is a path or "
                    + "the name of a shipped script (demo list). Exits 0 when every step held, 1 when one failed.")
    static final class RunCommand implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Parameters(paramLabel = "FILE", description = "The script (YAML), or a shipped script's name.")
        String file;

        @Option(names = "--data-dir", paramLabel = "DIR",
                description = "Data folder for the Local IoT Core (default: a temporary folder, removed after).")
        Path dataDir;

        @Option(names = "--record", paramLabel = "FILE",
                description = "Record the whole session (MQTT messages, shadow versions, job statuses, serial lines) "
                        + "to FILE (NDJSON), for replay in the window's MQTT pane and Timeline.")
        Path record;

        @Option(names = "--verbose", description = "Show the full error (stack trace) when something fails.")
        boolean verbose;

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            DemoScript script;
            try {
                script = load();
            } catch (DemoScriptException e) {
                return fail(USAGE, e.getMessage(), e);
            }
            Path folder;
            boolean temporary = dataDir == null;
            try {
                folder = temporary ? Files.createTempDirectory("iot-workbench-demo-") : dataDir;
            } catch (IOException e) {
                return fail(FAILED, "Cannot make a temporary data folder: " + e.getMessage(), e);
            }
            Clock clock = Clock.systemUTC();
            out.println("Running " + script.title() + " (" + script.steps().size() + " steps) on a Local IoT Core in "
                    + folder);
            out.flush();
            DemoResult result;
            try (LocalDemoServices services = LocalDemoServices.headless(folder, clock)) {
                SessionRecorder recorder = record == null ? null : SessionRecorder.start(record, clock);
                if (recorder != null) {
                    services.recordTo(recorder);
                }
                DemoRunner runner = new DemoRunner(script, services, clock, new Printer(out),
                        DemoRunner.runIdAt(clock.instant()));
                result = runner.runAll();
                if (recorder != null) {
                    recorder.close();
                    out.println("Recorded " + recorder.written() + " events to " + record
                            + (recorder.dropped() > 0 ? " (" + recorder.dropped() + " dropped)" : "") + ".");
                }
            } catch (IOException e) {
                return fail(FAILED, "Cannot record to " + record + ": " + e.getMessage(), e);
            } catch (RuntimeException e) {
                return fail(FAILED, "The demo stopped: " + e.getMessage(), e);
            } finally {
                if (temporary) {
                    deleteQuietly(folder);
                }
            }
            if (result.ok()) {
                out.println(result.summary());
                out.flush();
                return 0;
            }
            return fail(FAILED, result.summary(), null);
        }

        private DemoScript load() throws DemoScriptException {
            Path path = Path.of(file);
            if (!Files.exists(path)) {
                Optional<DemoScript> shipped = ShippedDemos.load(file);
                if (shipped.isPresent()) {
                    return shipped.get();
                }
            }
            return new DemoScriptParser().parse(path);
        }

        private int fail(int exitCode, String message, Throwable cause) {
            PrintWriter err = spec.commandLine().getErr();
            err.println("error: " + message);
            if (verbose && cause != null) {
                StringWriter trace = new StringWriter();
                cause.printStackTrace(new PrintWriter(trace));
                err.print(trace);
            }
            err.flush();
            return exitCode;
        }

        private static void deleteQuietly(Path folder) {
            try (Stream<Path> all = Files.walk(folder)) {
                all.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            } catch (IOException e) {
                // a temporary folder left behind is harmless
            }
        }
    }

    /** Prints each step as it runs: {@code [3/9] line 12 wait-shadow reported.led = red … ok (…)}. */
    private record Printer(PrintWriter out) implements DemoRunner.Listener {
        @Override
        public void stepStarted(int index, DemoStep step) {
            out.print("[" + (index + 1) + "] line " + step.line() + " " + step.describe() + " … ");
            out.flush();
        }

        @Override
        public void stepEnded(int index, DemoStep step, StepOutcome outcome) {
            out.println((outcome.ok() ? "ok" : "FAILED") + " (" + outcome.detail() + ")");
            out.flush();
        }
    }
}
