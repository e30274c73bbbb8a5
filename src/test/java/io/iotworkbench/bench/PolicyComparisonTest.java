package io.iotworkbench.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.iotworkbench.localcore.policy.PolicyMode;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code --policies both}: modes interleaved, medians compared, enforce / off and the loss in the RESULT. */
class PolicyComparisonTest {

    private final ByteArrayOutputStream printed = new ByteArrayOutputStream();
    private final PrintStream out = new PrintStream(printed, true, StandardCharsets.UTF_8);

    @Test
    void bothRunsOffAndEnforceInterleavedAndComparesTheirMedians() throws Exception {
        List<PolicyMode> order = new ArrayList<>();
        double[] off = {1000, 1200, 900};
        double[] enforce = {950, 1100, 700};
        int[] n = {0, 0};
        ObjectNode result = PolicyComparison.run(out, PolicyComparison.modes("both").orElseThrow(), 3,
                List.of("rate"), mode -> {
                    order.add(mode);
                    ObjectNode r = new ObjectMapper().createObjectNode().put("policies", mode.word());
                    return r.put("rate", mode == PolicyMode.OFF ? off[n[0]++] : enforce[n[1]++]);
                });
        assertThat(order).containsExactly(PolicyMode.OFF, PolicyMode.ENFORCE, PolicyMode.ENFORCE, PolicyMode.OFF,
                PolicyMode.OFF, PolicyMode.ENFORCE);
        assertThat(result.get("policies").asText()).isEqualTo("both");
        assertThat(result.at("/off/rate").asDouble()).isEqualTo(1000);
        assertThat(result.at("/enforce/rate").asDouble()).isEqualTo(950);
        assertThat(result.at("/enforceVsOff/rate").asDouble()).isEqualTo(0.95);
        assertThat(result.at("/enforceLossPercent/rate").asDouble()).isEqualTo(5.0);
        assertThat(result.at("/runs/rate/off")).hasSize(3);
        assertThat(printed.toString(StandardCharsets.UTF_8)).contains("rate: off 1000, enforce 950: enforce/off 0.950");
    }

    @Test
    void aCostLosesWhenEnforceNeedsMore() throws Exception {
        ObjectNode result = PolicyComparison.run(out, PolicyComparison.modes("both").orElseThrow(), 1, List.of(),
                List.of("cpu"), mode -> new ObjectMapper().createObjectNode().put("cpu",
                        mode == PolicyMode.OFF ? 2.0 : 2.1));
        assertThat(result.at("/enforceLossPercent/cpu").asDouble()).isEqualTo(5.0);
        assertThat(printed.toString(StandardCharsets.UTF_8)).contains("cpu: off 2.00, enforce 2.10");
    }

    @Test
    void oneModeRunsAloneAndUnknownWordsAreRefused() throws Exception {
        ObjectNode result = PolicyComparison.run(out, PolicyComparison.modes("LOG").orElseThrow(), 1, List.of("rate"),
                mode -> new ObjectMapper().createObjectNode().put("policies", mode.word()));
        assertThat(result.get("policies").asText()).isEqualTo("log");
        assertThat(result.has("enforceVsOff")).isFalse();
        assertThat(PolicyComparison.modes("sometimes")).isEmpty();
    }
}
