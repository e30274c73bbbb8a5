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
}
