package io.iotworkbench.ui.jobs;

import io.iotworkbench.jobs.JobSpec;
import io.iotworkbench.jobs.JobTemplates;
import io.iotworkbench.localcore.LocalIoTCore;
import io.iotworkbench.testsupport.Wait;
import io.iotworkbench.ui.LocalPaneContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The Jobs view model without a toolkit: direct executors, a real Local IoT Core with its virtual device. */
@Tag("integration")
class JobsViewModelTest {

    @TempDir
    Path dir;

    private LocalPaneContext panes;
    private JobsViewModel vm;
    private LocalIoTCore core;

    @BeforeEach
    void start() throws Exception {
        panes = LocalPaneContext.started(dir.resolve("data"));
        core = panes.core();
        vm = new JobsViewModel(panes.context(), Runnable::run);
    }

    @AfterEach
    void stop() {
        vm.dispose();
        panes.close();
    }

    private static void waitUntil(BooleanSupplier condition, Runnable poll) {
        Wait.untilThen("the Jobs pane's state", Wait.CAP, condition, poll);
    }

    @Test
    void createsAJobOnTheVirtualDeviceAndWatchesItSucceed() throws Exception {
        vm.loadTargets();
        assertThat(vm.thingChoices()).contains("wm_demo_1");
        vm.create(new JobSpec("reboot-1", List.of("wm_demo_1"), List.of(), JobTemplates.WM_REBOOT.document(),
                "reboot it", false, null, null));
        assertThat(vm.messageProperty().get()).isIn("Job reboot-1 created", "1 jobs");
        assertThat(vm.filteredJobs()).extracting(j -> j.jobId()).containsExactly("reboot-1");
        vm.selectedJobProperty().set(vm.filteredJobs().get(0));
        waitUntil(() -> !vm.executions().isEmpty() && vm.executions().get(0).status().equals("SUCCEEDED")
                && vm.filteredJobs().get(0).status().equals("COMPLETED"), vm::refreshNow);
        assertThat(vm.filteredJobs().get(0).status()).isEqualTo("COMPLETED");
        assertThat(vm.filteredJobs().get(0).count("SUCCEEDED")).isEqualTo(1);
        vm.selectedExecutionProperty().set(vm.executions().get(0));
        assertThat(vm.history()).last().asString().contains("SUCCEEDED");

        vm.searchProperty().set("nothing-like-this");
        assertThat(vm.filteredJobs()).isEmpty();
        vm.searchProperty().set("REBOOT");
        assertThat(vm.filteredJobs()).hasSize(1);
        vm.statusFilterProperty().set("CANCELED");
        assertThat(vm.filteredJobs()).isEmpty();
        vm.statusFilterProperty().set("All");

        vm.delete(false);
        assertThat(vm.filteredJobs()).isEmpty();
    }

    @Test
    void errorsShowAsMessagesAndPollingBacksOff() {
        vm.create(new JobSpec("no-target", List.of("ghost"), List.of(), "{}", null, false, null, null));
        assertThat(vm.messageProperty().get()).isNotEmpty();
        vm.refreshNow();
        long first = vm.intervalMillis();
        vm.refreshNow();
        vm.refreshNow();
        assertThat(vm.intervalMillis()).isGreaterThan(first);
        assertThat(vm.intervalMillis()).isLessThanOrEqualTo(JobsViewModel.MAX_INTERVAL_MS);
    }

    @Test
    void deviceAgentRunsAJobAsTheSessionsThing() throws Exception {
        core.registry().createThing("bench_dev", null, java.util.Map.of());
        panes.session().setThingName("bench_dev");
        panes.connection().connect().get(60, TimeUnit.SECONDS);
        vm.setAgentEnabled(true);
        waitUntil(() -> vm.agentLog().stream().anyMatch(l -> l.contains("Acting as bench_dev")), vm::tick);
        vm.create(new JobSpec("agent-1", List.of("bench_dev"), List.of(), JobTemplates.AWS_PRINT.document(), null,
                false, null, null));
        vm.agentStartNext(5L);
        waitUntil(() -> vm.agentCurrentProperty().get() != null
                && "IN_PROGRESS".equals(vm.agentCurrentProperty().get().status()), vm::tick);
        assertThat(vm.agentCurrentProperty().get().document()).contains("print");
        vm.agentReport("IN_PROGRESS", "progress=50%", null);
        waitUntil(() -> vm.agentCurrentProperty().get().versionNumber() == 3, vm::tick);
        vm.agentReport("SUCCEEDED", "result=ok", null);
        waitUntil(() -> "SUCCEEDED".equals(vm.agentCurrentProperty().get().status()), vm::tick);
        assertThat(core.jobs().describeJobExecution("bench_dev", "agent-1", null).at("/execution/statusDetails"
                + "/detailsMap/result").asText()).isEqualTo("ok");
        assertThat(vm.agentLog()).anyMatch(l -> l.contains("start-next/accepted"));
    }

    @Test
    void inputChecks() {
        assertThat(JobsViewModel.parseDetails("progress=50%, step=download"))
                .containsEntry("progress", "50%").containsEntry("step", "download");
        assertThatThrownBy(() -> JobsViewModel.parseDetails("oops")).hasMessageContaining("key=value");
        assertThatThrownBy(() -> JobsViewModel.parseDetails("bad key=1")).hasMessageContaining("statusDetails key");
        assertThat(JobsViewModel.minutes(" ")).isNull();
        assertThat(JobsViewModel.minutes("15")).isEqualTo(15L);
        assertThatThrownBy(() -> JobsViewModel.minutes("0")).hasMessageContaining("1 to 10080");
    }
}
