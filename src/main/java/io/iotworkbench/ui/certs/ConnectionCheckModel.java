package io.iotworkbench.ui.certs;

import io.iotworkbench.cert.CertificateBundle;
import io.iotworkbench.cert.ConnectionCheck;
import io.iotworkbench.cert.ConnectionReport;
import io.iotworkbench.cert.ConnectionStep;
import io.iotworkbench.localcore.LocalIoTCore;
import io.iotworkbench.session.Profile;
import io.iotworkbench.session.ProfileKind;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

import java.time.Duration;
import java.util.function.Supplier;

/**
 * The Certificates pane's connection check: connects with the loaded bundle to the session profile's endpoint as
 * the session's thing, step by step (name, TCP, server, client certificate, CONNACK), on the pane's worker. FX thread.
 */
public final class ConnectionCheckModel {

    private final CertsContext c;
    private final Supplier<CertificateBundle> loaded;
    private final ObservableList<ConnectionStep> steps = FXCollections.observableArrayList();

    ConnectionCheckModel(CertsContext c, Supplier<CertificateBundle> loaded) {
        this.c = c;
        this.loaded = loaded;
    }

    public ObservableList<ConnectionStep> connectionSteps() {
        return steps;
    }

    /** Connects with the loaded bundle to the session profile's endpoint as the session's thing, step by step. */
    public void checkConnection() {
        CertificateBundle b = loaded.get();
        if (b == null) {
            c.fail("Select a bundle whose certificate and key can be read first.");
            return;
        }
        Profile profile = c.session().profile();
        String thing = c.session().thingName();
        steps.clear();
        c.tasks.run("Checking the connection", () -> {
            String host = profile.endpoint();
            int port = profile.port();
            if (profile.kind() == ProfileKind.LOCAL) {
                LocalIoTCore core = c.localCore();
                host = core.mqttHost();
                port = core.mqttPort();
            }
            if (host == null || host.isBlank()) {
                throw new IllegalArgumentException("The profile " + profile.name() + " has no endpoint.");
            }
            String clientId = thing.isEmpty() ? profile.clientId() : thing;
            return new ConnectionCheck(Duration.ofSeconds(10)).run(b, host, port, clientId);
        }, (ConnectionReport r) -> {
            steps.setAll(r.steps());
            if (r.succeeded()) {
                c.info("Connected to " + r.host() + ":" + r.port() + ".");
            } else {
                c.fail("Failed at " + r.failure().map(s -> s.stage().title() + ": " + s.explanation())
                        .orElse("?"));
            }
        });
    }
}
