package io.iotworkbench.ui.certs;

import io.iotworkbench.cert.BundleCheck;
import io.iotworkbench.cert.Verdict;
import io.iotworkbench.localcore.LocalIoTCore;
import io.iotworkbench.session.Profile;
import io.iotworkbench.session.ProfileKind;
import io.iotworkbench.session.Session;
import io.iotworkbench.ui.common.PaneContext;
import io.iotworkbench.ui.common.PaneTasks;
import software.amazon.awssdk.services.iot.IotClient;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

/**
 * What the Certificates pane's sub-models share: the pane's context, its {@link PaneTasks} (worker, busy, message),
 * the clock, and the small helpers they all use. FX thread, except {@link #iot} and {@link #localCore}, which block
 * and run on the worker.
 */
final class CertsContext {

    final PaneContext pane;
    final PaneTasks tasks;
    final Clock clock;

    CertsContext(PaneContext pane, PaneTasks tasks, Clock clock) {
        this.pane = pane;
        this.tasks = tasks;
        this.clock = clock;
    }

    Session session() {
        return pane.fxSession().session();
    }

    IotClient iot(Profile profile) throws Exception {
        return pane.aws().iot(profile);
    }

    /** The running Local IoT Core; waits for its start (worker only). */
    LocalIoTCore localCore() throws Exception {
        try {
            return pane.localCore().start().get(60, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            throw new IOException("The Local IoT Core is not running: " + e.getCause().getMessage(), e.getCause());
        }
    }

    void info(String text) {
        tasks.info(text);
    }

    void fail(String text) {
        tasks.fail(text);
    }

    static String errors(List<BundleCheck> checks) {
        return String.join(" ", checks.stream().filter(c -> c.verdict() == Verdict.ERROR)
                .map(c -> c.name() + ": " + c.explanation()).toList());
    }

    static String names(List<Path> paths) {
        return String.join(", ", paths.stream().map(p -> p.getFileName().toString()).toList());
    }

    static String shortId(String id) {
        return id.length() > 10 ? id.substring(0, 10) + "…" : id;
    }

    static String regionOf(Profile p) {
        return p.kind() == ProfileKind.LOCAL ? "*" : p.region();
    }
}
