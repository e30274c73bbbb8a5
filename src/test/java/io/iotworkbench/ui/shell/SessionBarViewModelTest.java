package io.iotworkbench.ui.shell;

import io.iotworkbench.session.ConnectionState;
import io.iotworkbench.session.Connector;
import io.iotworkbench.session.Profile;
import io.iotworkbench.session.Session;
import io.iotworkbench.ui.common.FxSession;
import org.junit.jupiter.api.Test;

import java.util.concurrent.CompletableFuture;

import static org.assertj.core.api.Assertions.assertThat;

/** Session bar logic without a toolkit; the FX executor runs inline. */
class SessionBarViewModelTest {

    private final Session session = new Session(Profile.localDefault());
    private final FxSession fx = new FxSession(session, Runnable::run);

    /** A connector that drives the state machine as a real one does, with a fixed outcome. */
    private final Connector failing = new Connector() {
        @Override
        public CompletableFuture<Void> connect() {
            session.moveTo(ConnectionState.CONNECTING, "");
            session.moveTo(ConnectionState.FAILED, "The server refused the client certificate.");
            return CompletableFuture.completedFuture(null);
        }

        @Override
        public CompletableFuture<Void> disconnect() {
            session.moveTo(ConnectionState.DISCONNECTED, "");
            return CompletableFuture.completedFuture(null);
        }
    };

    @Test
    void thingNameIsValidatedBeforeThePanesFollowIt() {
        SessionBarViewModel vm = new SessionBarViewModel(fx, failing);
        assertThat(vm.commitThingName("bad thing!")).contains("letters, digits");
        assertThat(session.thingName()).isEqualTo("wm_demo_1");
        assertThat(vm.commitThingName(" sensor:7 ")).isEmpty();
        assertThat(session.thingName()).isEqualTo("sensor:7");
        assertThat(fx.thingNameProperty().get()).isEqualTo("sensor:7");
    }

    @Test
    void badgeShowsTheStateAndItsTooltipTheLastFailure() {
        SessionBarViewModel vm = new SessionBarViewModel(fx, failing);
        assertThat(vm.badgeText().get()).isEqualTo("disconnected");
        assertThat(vm.canConnect().get()).isTrue();
        vm.connect();
        assertThat(vm.badgeText().get()).isEqualTo("failed");
        assertThat(vm.badgeTooltip().get()).contains("refused the client certificate");
        assertThat(vm.canConnect().get()).as("a failed connection may be retried").isTrue();
    }

    @Test
    void connectAndDisconnectAreOfferedByState() {
        SessionBarViewModel vm = new SessionBarViewModel(fx, failing);
        session.moveTo(ConnectionState.CONNECTING, "");
        assertThat(vm.canConnect().get()).isFalse();
        assertThat(vm.canDisconnect().get()).isTrue();
        assertThat(vm.profileLocked().get()).isTrue();
        vm.disconnect();
        assertThat(vm.canConnect().get()).isTrue();
        assertThat(vm.profileLocked().get()).isFalse();
    }
}
