package io.iotworkbench.shadow;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

import static io.iotworkbench.shadow.ShadowTesting.assertJson;
import static io.iotworkbench.shadow.ShadowTesting.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class StoredShadowTest {

    @Test
    void isImmutableAgainstItsCallers() {
        ObjectNode state = (ObjectNode) json("{\"desired\":{\"a\":1}}");
        StoredShadow shadow = new StoredShadow("t", "", 1, true, state, ShadowJson.object(), 5);
        state.put("reported", 1);
        shadow.state().put("reported", 2);
        shadow.desired().orElseThrow().put("b", 2);
        assertJson(shadow.state(), "{\"desired\":{\"a\":1}}");
    }

    @Test
    void offersSectionsAndTheDelta() {
        StoredShadow shadow = new StoredShadow("t", "cfg", 3, true,
                (ObjectNode) json("{\"desired\":{\"a\":1,\"b\":2},\"reported\":{\"a\":1}}"), ShadowJson.object(), 5);
        assertJson(shadow.desired().orElseThrow(), "{\"a\":1,\"b\":2}");
        assertJson(shadow.reported().orElseThrow(), "{\"a\":1}");
        assertJson(shadow.delta(), "{\"b\":2}");
        assertThat(shadow.isClassic()).isFalse();
        StoredShadow empty = new StoredShadow("t", "", 0, false, ShadowJson.object(), ShadowJson.object(), 0);
        assertThat(empty.desired()).isEmpty();
        assertThat(empty.reported()).isEmpty();
        assertThat(empty.delta()).isEmpty();
    }

    @Test
    void equalityComparesJsonByValue() {
        StoredShadow a = new StoredShadow("t", "", 1, true, (ObjectNode) json("{\"desired\":{\"a\":1}}"),
                ShadowJson.object().put("ts", 5L), 5);
        StoredShadow b = new StoredShadow("t", "", 1, true, (ObjectNode) json("{\"desired\":{\"a\":1.0}}"),
                ShadowJson.object().put("ts", 5), 5);
        assertThat(a).isEqualTo(b).hasSameHashCodeAs(b);
        assertThat(a).isNotEqualTo(new StoredShadow("t", "", 1, true, (ObjectNode) json("{\"desired\":{\"a\":2}}"),
                ShadowJson.object().put("ts", 5), 5));
        assertThat(a).isNotEqualTo(new StoredShadow("t", "", 2, true, a.state(), a.metadata(), 5));
        assertThat(a).isNotEqualTo(new StoredShadow("t", "", 1, false, a.state(), a.metadata(), 5));
        assertThat(a).isNotEqualTo(new StoredShadow("t", "x", 1, true, a.state(), a.metadata(), 5));
    }

    @Test
    void refusesInvalidValues() {
        ObjectNode o = ShadowJson.object();
        assertThatThrownBy(() -> new StoredShadow("t t", "", 1, true, o, o, 0))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new StoredShadow("t", "a/b", 1, true, o, o, 0))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new StoredShadow("t", "", -1, true, o, o, 0))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new StoredShadow("t", "", 1, true, null, o, 0))
                .isInstanceOf(NullPointerException.class);
    }

    @Test
    void limitsRefuseNonsense() {
        assertThat(ShadowLimits.defaults()).isEqualTo(new ShadowLimits(8192, 6, 64, 131072));
        assertThatThrownBy(() -> new ShadowLimits(0, 6, 64, 1)).isInstanceOf(IllegalArgumentException.class);
        assertThat(ShadowLimits.defaults().withMaxStateBytes(30720).maxStateBytes()).isEqualTo(30720);
    }
}
