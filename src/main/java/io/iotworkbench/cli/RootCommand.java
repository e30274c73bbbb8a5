package io.iotworkbench.cli;

import io.iotworkbench.diagnostics.AppInfo;
import picocli.CommandLine;
import picocli.CommandLine.Command;

import java.util.concurrent.Callable;

/**
 * The {@code iot-workbench} command: with no subcommand it opens the window (through the launcher the app hands in,
 * so this package stays free of JavaFX); each subcommand runs headless. Later capabilities add their subcommands in
 * {@link #commandLine}.
 */
@Command(name = "iot-workbench", mixinStandardHelpOptions = true, versionProvider = RootCommand.Version.class,
        description = "A desktop workbench for AWS IoT development with WinnerMicro W80x boards.%n"
                + "With no command, opens the window on the built-in Local IoT Core.",
        subcommands = {ProfilesCommand.class, LocalCoreCommand.class, CertCommand.class, BenchCommand.class,
                DemoCommand.class,
                CommandLine.HelpCommand.class})
public final class RootCommand implements Callable<Integer> {

    private final Runnable guiLauncher;

    public RootCommand(Runnable guiLauncher) {
        this.guiLauncher = guiLauncher;
    }

    @Override
    public Integer call() {
        guiLauncher.run();
        return 0;
    }

    /**
     * The configured command line: the root command with every subcommand registered. A usage error of
     * {@code local-core} is one sentence (and exit code 2) instead of the whole usage text.
     */
    public static CommandLine commandLine(Runnable guiLauncher) {
        CommandLine cl = new CommandLine(new RootCommand(guiLauncher));
        CommandLine.IParameterExceptionHandler standard = cl.getParameterExceptionHandler();
        cl.setParameterExceptionHandler((e, args) -> {
            CommandLine failed = e.getCommandLine();
            if (failed.getCommand() instanceof LocalCoreCommand) {
                failed.getErr().println("error: " + e.getMessage() + " (iot-workbench local-core --help lists the "
                        + "options)");
                failed.getErr().flush();
                return LocalCoreCommand.USAGE;
            }
            return standard.handleParseException(e, args);
        });
        return cl;
    }

    /** Prints the app's and the Java runtime's versions, and where that runtime is (a packaged app's own, or a JDK). */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            AppInfo info = AppInfo.current();
            return new String[] {info.name() + " " + info.version(),
                    "Java " + info.javaVersion() + " (" + info.javaVendor() + ")",
                    "Runtime " + System.getProperty("java.home")};
        }
    }
}
