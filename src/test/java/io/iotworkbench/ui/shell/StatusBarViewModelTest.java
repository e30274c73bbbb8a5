package io.iotworkbench.ui.shell;

import io.iotworkbench.diagnostics.ErrorLog;
import io.iotworkbench.localcore.policy.PolicyMode;
import io.iotworkbench.session.Profile;
import io.iotworkbench.session.Session;
import io.iotworkbench.ui.common.FxSession;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The status bar's Local profile status without a toolkit; the FX executor runs inline. */
class StatusBarViewModelTest {

    private final Session session = new Session(Profile.localDefault());
    private final StatusBarViewModel vm = new StatusBarViewModel(new FxSession(session, Runnable::run),
            new ErrorLog());

    @Test
    void theLocalProfilesStatusSaysHowPoliciesApply() {
        assertThat(vm.localStatus().get()).as("before the core runs").isEmpty();
        vm.showLocalPolicies(PolicyMode.ENFORCE);
        assertThat(vm.localStatus().get()).isEqualTo("policies: enforce");
        assertThat(vm.localStatusTooltip().get()).contains("refuses what AWS IoT Core would refuse");
        vm.showLocalPolicies(PolicyMode.LOG);
        assertThat(vm.localStatus().get()).isEqualTo("policies: log");
        session.selectProfile(Profile.newAws("aws-dev"));
        assertThat(vm.localStatus().get()).as("an AWS profile has no local policies").isEmpty();
    }

    @Test
    void theTickPostsOnlyWhenAFigureShownMoved() {
        Session quiet = new Session(Profile.localDefault());
        ErrorLog errors = new ErrorLog();
        java.util.List<Runnable> posted = new java.util.ArrayList<>();
        StatusBarViewModel bar = new StatusBarViewModel(new FxSession(quiet, Runnable::run), errors, posted::add);
        assertThat(bar.tick()).as("the first tick").isTrue();
        assertThat(bar.tick()).as("nothing moved").isFalse();
        assertThat(bar.tick()).isFalse();
        assertThat(posted).hasSize(1);

        errors.record(Thread.currentThread(), new IllegalStateException("boom"));
        assertThat(bar.tick()).as("an error counted").isTrue();
        assertThat(posted).hasSize(2);
        posted.forEach(Runnable::run);
        assertThat(bar.errorCountProperty().get()).isEqualTo(1);
        assertThat(bar.tick()).isFalse();

        quiet.metrics().messagesDropped(3);
        assertThat(bar.tick()).as("drops counted").isTrue();
        posted.get(posted.size() - 1).run();
        assertThat(bar.droppedProperty().get()).isEqualTo("3 dropped");
        assertThat(bar.tick()).isFalse();
    }

    @Test
    void theConnectionFollowsTheSessionWithoutATick() {
        Session s = new Session(Profile.localDefault());
        java.util.List<Runnable> posted = new java.util.ArrayList<>();
        StatusBarViewModel bar = new StatusBarViewModel(new FxSession(s, Runnable::run), new ErrorLog(),
                posted::add);
        s.selectProfile(Profile.newAws("aws-dev"));
        assertThat(bar.connectionProperty().get()).endsWith("· aws-dev");
        assertThat(posted).isEmpty();
    }
}
