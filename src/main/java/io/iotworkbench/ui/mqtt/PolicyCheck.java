package io.iotworkbench.ui.mqtt;

import io.iotworkbench.cert.CertificateIds;
import io.iotworkbench.cert.PemFiles;
import io.iotworkbench.localcore.LocalCoreRuntime;
import io.iotworkbench.localcore.policy.AccessDecision;
import io.iotworkbench.localcore.policy.PolicySimulator;
import io.iotworkbench.session.Profile;
import io.iotworkbench.session.ProfileKind;
import io.iotworkbench.ui.common.PaneTasks;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Asks the Local IoT Core's policy simulator whether the session's own identity (its certificate, or the workbench's
 * thing when the Local profile names no certificate; its client id) may publish to a topic or subscribe to a filter,
 * so the MQTT pane can say so before anything is sent. Only on a LOCAL profile with the core running; elsewhere the
 * answer is "" (nothing to say).
 *
 * <p>Threading: {@link #ask} is called on the FX thread and returns at once; reading the certificate and simulating
 * run as the pane's {@link PaneTasks} in the check's own lane; the warning comes back through the FX executor. A
 * newer question makes older answers stale (dropped).
 */
final class PolicyCheck {

    private final Supplier<Profile> profile;
    private final Supplier<PolicySimulator> simulator;
    private final PaneTasks tasks;
    private final String lane;

    /** @param simulator the running core's simulator, or null while none runs */
    PolicyCheck(Supplier<Profile> profile, Supplier<PolicySimulator> simulator, PaneTasks tasks, String lane) {
        this.profile = Objects.requireNonNull(profile);
        this.simulator = Objects.requireNonNull(simulator);
        this.tasks = Objects.requireNonNull(tasks);
        this.lane = Objects.requireNonNull(lane);
    }

    /**
     * Checks each of {@code actions} (for example iot:Publish and iot:RetainPublish) on {@code resource}; hands
     * {@code warning} the first denial in words, or "" when all are allowed or nothing can be said.
     */
    void ask(List<String> actions, String resource, String what, Consumer<String> warning) {
        Profile p = profile.get();
        if (p.kind() != ProfileKind.LOCAL || resource == null || resource.endsWith("/")) {
            tasks.invalidate(lane);
            warning.accept("");
            return;
        }
        tasks.background(lane, null, () -> {
            try {
                return check(p, actions, resource, what);
            } catch (Exception | LinkageError e) {
                return ""; // no certificate to read, core stopping: nothing to warn about
            }
        }, warning);
    }

    private String check(Profile p, List<String> actions, String resource, String what) throws Exception {
        PolicySimulator s = simulator.get();
        if (s == null) {
            return "";
        }
        String certificateId = p.certificateFile() == null ? null
                : CertificateIds.of(PemFiles.readCertificate(Path.of(p.certificateFile())));
        String thing = certificateId == null ? LocalCoreRuntime.APP_THING : null;
        for (String action : actions) {
            AccessDecision d = s.simulate(new PolicySimulator.Question(certificateId, thing, p.clientId(), action,
                    resource));
            if (!d.allowed()) {
                return "The Local IoT Core's policy would deny this " + what + " (" + action + " on " + resource
                        + ")" + (d.reason().isEmpty() ? "" : ": " + d.reason()) + ". You may still send it; see the "
                        + "Access tab for why.";
            }
        }
        return "";
    }
}
