package io.iotworkbench.shadow;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

import static io.iotworkbench.shadow.ShadowTesting.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ShadowJsonTest {

    @Test
    void numbersAreEqualByValueAtAnyDepth() {
        assertThat(ShadowJson.semanticEquals(json("1"), json("1.0"))).isTrue();
        assertThat(ShadowJson.semanticEquals(json("{\"a\":[1,{\"b\":2.50}]}"), json("{\"a\":[1.0,{\"b\":2.5}]}")))
                .isTrue();
        assertThat(ShadowJson.semanticEquals(json("12345678901234567890"), json("1.2345678901234567890e19")))
                .isTrue();
        assertThat(ShadowJson.semanticEquals(json("1"), json("1.0000000000000000001"))).isFalse();
        assertThat(ShadowJson.semanticEquals(json("1"), json("\"1\""))).isFalse();
        assertThat(ShadowJson.semanticEquals(json("[1,2]"), json("[2,1]"))).isFalse();
        assertThat(ShadowJson.semanticEquals(json("{\"a\":1}"), json("{\"a\":1,\"b\":null}"))).isFalse();
        assertThat(ShadowJson.semanticEquals(json("{\"a\":1,\"b\":2}"), json("{\"b\":2,\"a\":1}"))).isTrue();
        assertThat(ShadowJson.semanticEquals(null, json("1"))).isFalse();
        assertThat(ShadowJson.semanticEquals(null, null)).isTrue();
    }

    @Test
    void writesCompactlyAndKeepsDecimalsAsWritten() {
        assertThat(ShadowJson.write(json("{ \"a\" : 1.50 , \"b\" : [ true ] }")))
                .isEqualTo("{\"a\":1.50,\"b\":[true]}");
        assertThat(ShadowJson.sizeInBytes(json("{\"é\":1}"))).as("é is 2 bytes").isEqualTo(8);
        assertThat(ShadowJson.sizeInBytes(null)).isZero();
    }

    @Test
    void parseObjectRoundTripsAndRefusesOtherText() {
        ObjectNode node = ShadowJson.parseObject("{\"desired\":{\"a\":[1,2]}}");
        assertThat(ShadowJson.parseObject(ShadowJson.write(node))).isEqualTo(node);
        assertThatThrownBy(() -> ShadowJson.parseObject("[1]")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ShadowJson.parseObject("{")).isInstanceOf(IllegalArgumentException.class);
    }
}
