package io.iotworkbench.cli;

import io.iotworkbench.session.Profile;
import io.iotworkbench.session.ProfileStore;
import io.iotworkbench.storage.AppDirectories;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.util.concurrent.Callable;

/** {@code iot-workbench profiles}: lists the saved connection profiles and where they are stored. */
@Command(name = "profiles", mixinStandardHelpOptions = true,
        description = "List the connection profiles and the file they are stored in.")
final class ProfilesCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        ProfileStore store = ProfileStore.open(AppDirectories.fromEnvironment().configDir());
        store.problems().forEach(p -> spec.commandLine().getErr().println("warning: " + p));
        out.println("Profiles in " + store.file());
        String active = store.active().name();
        for (Profile p : store.profiles()) {
            out.printf("%s %-28s %-5s %s:%d thing=%s%n", p.name().equals(active) ? "*" : " ", p.name(),
                    p.kind(), p.endpoint(), p.port(), p.thingName());
        }
        out.flush();
        return 0;
    }
}
