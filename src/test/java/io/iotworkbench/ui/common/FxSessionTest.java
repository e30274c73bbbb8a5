package io.iotworkbench.ui.common;

import io.iotworkbench.session.ConnectionState;
import io.iotworkbench.session.Profile;
import io.iotworkbench.session.Session;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The FX adapter without a toolkit: a hand-driven executor stands in for Platform.runLater. */
class FxSessionTest {

    private final List<Runnable> queued = new ArrayList<>();
    private final Session session = new Session(Profile.localDefault());
    private final FxSession fx = new FxSession(session, queued::add);

    private void runQueued() {
        List<Runnable> now = new ArrayList<>(queued);
        queued.clear();
        now.forEach(Runnable::run);
    }

    @Test
    void copiesTheSessionOnTheFxExecutorOnly() {
        assertThat(fx.stateProperty().get()).isEqualTo(ConnectionState.DISCONNECTED);
        session.moveTo(ConnectionState.CONNECTING, "");
        assertThat(fx.stateProperty().get()).as("not before the FX executor ran")
                .isEqualTo(ConnectionState.DISCONNECTED);
        runQueued();
        assertThat(fx.stateProperty().get()).isEqualTo(ConnectionState.CONNECTING);
    }

    @Test
    void aBurstOfChangesCostsOneFxUpdateAndShowsTheLatestState() {
        session.moveTo(ConnectionState.CONNECTING, "");
        session.moveTo(ConnectionState.FAILED, "server not trusted");
        session.setThingName("sensor_9");
        session.setShadowName("config");
        assertThat(queued).hasSize(1);
        runQueued();
        assertThat(fx.stateProperty().get()).isEqualTo(ConnectionState.FAILED);
        assertThat(fx.failureReasonProperty().get()).isEqualTo("server not trusted");
        assertThat(fx.thingNameProperty().get()).isEqualTo("sensor_9");
        assertThat(fx.shadowNameProperty().get()).isEqualTo("config");
    }

    @Test
    void failureReasonStaysAfterTheStateMovesOn() {
        session.moveTo(ConnectionState.CONNECTING, "");
        session.moveTo(ConnectionState.FAILED, "CONNACK 5");
        runQueued();
        session.moveTo(ConnectionState.DISCONNECTED, "");
        runQueued();
        assertThat(fx.stateProperty().get()).isEqualTo(ConnectionState.DISCONNECTED);
        assertThat(fx.failureReasonProperty().get()).isEqualTo("CONNACK 5");
    }
}
