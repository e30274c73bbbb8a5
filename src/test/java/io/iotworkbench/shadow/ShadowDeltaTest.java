package io.iotworkbench.shadow;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

import static io.iotworkbench.shadow.ShadowTesting.assertJson;
import static io.iotworkbench.shadow.ShadowTesting.json;
import static org.assertj.core.api.Assertions.assertThat;

class ShadowDeltaTest {

    private static ObjectNode delta(String desired, String reported) {
        return ShadowDelta.compute(desired == null ? null : json(desired), reported == null ? null : json(reported));
    }

    @Test
    void keepsThePathToTheDifferingLeafOnly() {
        assertJson(delta("{\"lights\":{\"color\":{\"r\":255,\"g\":255,\"b\":255}}}",
                "{\"lights\":{\"color\":{\"r\":255,\"g\":0,\"b\":255}}}"), "{\"lights\":{\"color\":{\"g\":255}}}");
    }

    @Test
    void fieldsMissingFromReportedAreIncludedAndFieldsOnlyInReportedAreNot() {
        assertJson(delta("{\"a\":1,\"b\":2}", "{\"b\":2,\"c\":3}"), "{\"a\":1}");
    }

    @Test
    void equalStatesGiveAnEmptyDelta() {
        assertThat(delta("{\"a\":1,\"o\":{\"x\":[1,{\"y\":\"z\"}]}}", "{\"o\":{\"x\":[1,{\"y\":\"z\"}]},\"a\":1}"))
                .isEmpty();
    }

    @Test
    void numbersCompareByValue() {
        assertThat(delta("{\"a\":1}", "{\"a\":1.0}")).isEmpty();
        assertThat(delta("{\"a\":100}", "{\"a\":1e2}")).isEmpty();
        assertThat(delta("{\"a\":[1,2.50]}", "{\"a\":[1.0,2.5]}")).isEmpty();
        assertJson(delta("{\"a\":1}", "{\"a\":1.01}"), "{\"a\":1}");
        assertJson(delta("{\"a\":1}", "{\"a\":\"1\"}"), "{\"a\":1}");
    }

    @Test
    void aDifferingArrayGoesIntoTheDeltaWhole() {
        assertJson(delta("{\"c\":[1,2,3]}", "{\"c\":[1,2,4]}"), "{\"c\":[1,2,3]}");
        assertJson(delta("{\"c\":[1,2]}", "{\"c\":[1,2,3]}"), "{\"c\":[1,2]}");
        assertJson(delta("{\"c\":[{\"a\":1,\"b\":2}]}", "{\"c\":[{\"a\":1}]}"), "{\"c\":[{\"a\":1,\"b\":2}]}");
    }

    @Test
    void noReportedMeansTheWholeDesired() {
        assertJson(delta("{\"a\":{\"b\":1},\"c\":[1]}", null), "{\"a\":{\"b\":1},\"c\":[1]}");
        assertJson(delta("{\"a\":1}", "\"not an object\""), "{\"a\":1}");
    }

    @Test
    void noDesiredMeansNoDelta() {
        assertThat(delta(null, "{\"a\":1}")).isEmpty();
        assertThat(delta("{}", "{\"a\":1}")).isEmpty();
        assertThat(delta("[1]", "{\"a\":1}")).isEmpty();
    }

    @Test
    void typeChangesAndEmptyObjects() {
        assertJson(delta("{\"a\":{\"b\":1}}", "{\"a\":5}"), "{\"a\":{\"b\":1}}");
        assertJson(delta("{\"a\":5}", "{\"a\":{\"b\":1}}"), "{\"a\":5}");
        assertThat(delta("{\"a\":{}}", "{}")).isEmpty();
        assertThat(delta("{\"a\":null}", "{\"a\":1}")).isEmpty();
        assertJson(delta("{\"a\":true}", "{\"a\":null}"), "{\"a\":true}");
    }

    @Test
    void theResultSharesNothingWithTheInputs() {
        JsonNode desired = json("{\"a\":{\"b\":[1]}}");
        ObjectNode result = ShadowDelta.compute(desired, null);
        ((ObjectNode) result.get("a")).put("b", 9);
        assertJson(desired, "{\"a\":{\"b\":[1]}}");
    }

    @Test
    void metadataForTakesTheDeltaShapeFromDesiredMetadata() {
        JsonNode desiredMetadata = json("{\"lights\":{\"color\":{\"r\":{\"timestamp\":1},\"g\":{\"timestamp\":2}}},"
                + "\"rgb\":[{\"timestamp\":3},{\"timestamp\":3}],\"on\":{\"timestamp\":4}}");
        JsonNode delta = json("{\"lights\":{\"color\":{\"g\":255}},\"rgb\":[1,2]}");
        assertJson(ShadowDelta.metadataFor(delta, desiredMetadata),
                "{\"lights\":{\"color\":{\"g\":{\"timestamp\":2}}},\"rgb\":[{\"timestamp\":3},{\"timestamp\":3}]}");
    }

    @Test
    void metadataForLeavesOutPathsWithoutMetadata() {
        assertJson(ShadowDelta.metadataFor(json("{\"a\":1,\"b\":{\"c\":2}}"), json("{\"a\":{\"timestamp\":1}}")),
                "{\"a\":{\"timestamp\":1}}");
        assertThat(ShadowDelta.metadataFor(json("{\"a\":1}"), null)).isEmpty();
    }
}
