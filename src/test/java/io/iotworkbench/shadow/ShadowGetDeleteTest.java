package io.iotworkbench.shadow;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.charset.StandardCharsets;

import static io.iotworkbench.shadow.ShadowTesting.T0;
import static io.iotworkbench.shadow.ShadowTesting.assertJson;
import static io.iotworkbench.shadow.ShadowTesting.bytes;
import static io.iotworkbench.shadow.ShadowTesting.repeat;
import static org.assertj.core.api.Assertions.assertThat;

class ShadowGetDeleteTest {

    private static final byte[] EMPTY = new byte[0];

    private final ShadowEngine engine = new ShadowEngine();

    private StoredShadow shadow(String shadowName, String payload) {
        return engine.update("thing1", shadowName, null, bytes(payload), T0).newShadow().orElseThrow();
    }

    @Test
    void getReturnsStateWithDeltaMetadataVersionAndTheTimeOfTheReply() {
        StoredShadow stored = shadow("", "{\"state\":{\"desired\":{\"color\":\"red\",\"on\":true},"
                + "\"reported\":{\"color\":\"blue\",\"on\":true}}}");
        ShadowOutcome outcome = engine.get("thing1", "", stored, EMPTY, T0 + 60);
        String ts = "{\"timestamp\":" + T0 + "}";
        assertJson(outcome.response(), "{\"state\":{\"desired\":{\"color\":\"red\",\"on\":true},"
                + "\"reported\":{\"color\":\"blue\",\"on\":true},\"delta\":{\"color\":\"red\"}},"
                + "\"metadata\":{\"desired\":{\"color\":" + ts + ",\"on\":" + ts + "},"
                + "\"reported\":{\"color\":" + ts + ",\"on\":" + ts + "}},"
                + "\"version\":1,\"timestamp\":" + (T0 + 60) + "}");
        assertThat(outcome.newShadow()).as("get changes nothing").isEmpty();
        assertThat(outcome.documents()).isEmpty();
        assertThat(outcome.delta()).isEmpty();
    }

    @Test
    void getLeavesOutAnEmptyDelta() {
        StoredShadow stored = shadow("", "{\"state\":{\"desired\":{\"v\":1},\"reported\":{\"v\":1.0}}}");
        ShadowOutcome outcome = engine.get("thing1", "", stored, EMPTY, T0);
        assertThat(outcome.response().get("state").has("delta")).isFalse();
        assertThat(outcome.response().get("state").has("desired")).isTrue();
    }

    @Test
    void getEchoesTheClientToken() {
        StoredShadow stored = shadow("", "{\"state\":{\"reported\":{\"a\":1}}}");
        ShadowOutcome outcome = engine.get("thing1", "", stored, bytes("{\"clientToken\":\"uuid-1\"}"), T0);
        assertThat(outcome.response().get("clientToken").asText()).isEqualTo("uuid-1");
        assertThat(engine.get("thing1", "", stored, EMPTY, T0).response().has("clientToken")).isFalse();
    }

    @Test
    void getOfAMissingClassicShadowIs404UnnamedShadowWithTheTokenEchoed() {
        ShadowOutcome outcome = engine.get("thing1", "", null, bytes("{\"clientToken\":\"g-1\"}"), T0);
        assertJson(outcome.response(), "{\"code\":404,\"message\":\"No shadow exists with name: 'Unnamed Shadow'\","
                + "\"timestamp\":" + T0 + ",\"clientToken\":\"g-1\"}");
        assertThat(outcome.status()).isEqualTo(404);
    }

    @Test
    void getOfAMissingNamedShadowNamesIt() {
        ShadowOutcome outcome = engine.get("thing1", "simShadow1", null, EMPTY, T0);
        assertThat(outcome.error().orElseThrow().message()).isEqualTo("No shadow exists with name: 'simShadow1'");
        assertThat(outcome.error().orElseThrow().clientToken()).isNull();
    }

    @Test
    void getOfADeletedShadowIs404() {
        StoredShadow deleted = engine.delete("thing1", "cfg", shadow("cfg", "{\"state\":{}}"), EMPTY, T0)
                .newShadow().orElseThrow();
        ShadowOutcome outcome = engine.get("thing1", "cfg", deleted, bytes("{\"clientToken\":\"q\"}"), T0 + 1);
        assertThat(outcome.status()).isEqualTo(404);
        assertThat(outcome.error().orElseThrow().message()).isEqualTo("No shadow exists with name: 'cfg'");
        assertThat(outcome.error().orElseThrow().clientToken()).isEqualTo("q");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", " ", "garbage", "[1]", "{}", "{\"foo\":1}", "{\"clientToken\":null}"})
    void getAndDeleteIgnoreAPayloadWithoutToken(String payload) {
        StoredShadow stored = shadow("", "{\"state\":{}}");
        ShadowOutcome get = engine.get("thing1", "", stored, bytes(payload), T0);
        assertThat(get.isAccepted()).isTrue();
        assertThat(get.response().has("clientToken")).isFalse();
        ShadowOutcome delete = engine.delete("thing1", "", stored, bytes(payload), T0);
        assertThat(delete.isAccepted()).isTrue();
        assertThat(delete.response().has("clientToken")).isFalse();
    }

    @Test
    void getAndDeleteIgnoreNullAndNonUtf8Payloads() {
        StoredShadow stored = shadow("", "{\"state\":{}}");
        assertThat(engine.get("thing1", "", stored, null, T0).isAccepted()).isTrue();
        byte[] latin1 = "{\"clientToken\":\"é\"}".getBytes(StandardCharsets.ISO_8859_1);
        assertThat(engine.delete("thing1", "", stored, latin1, T0).isAccepted()).isTrue();
    }

    @Test
    void getAndDeleteRejectAnInvalidToken() {
        StoredShadow stored = shadow("", "{\"state\":{}}");
        byte[] longToken = bytes("{\"clientToken\":\"" + repeat('t', 65) + "\"}");
        ShadowOutcome get = engine.get("thing1", "", stored, longToken, T0);
        assertThat(get.status()).isEqualTo(400);
        assertThat(get.error().orElseThrow().message()).isEqualTo("Invalid clientToken");
        ShadowOutcome delete = engine.delete("thing1", "", stored, bytes("{\"clientToken\":5}"), T0);
        assertThat(delete.status()).isEqualTo(400);
        assertThat(delete.newShadow()).isEmpty();
    }

    @Test
    void deleteAnswersVersionTimestampAndTokenAndKeepsTheVersion() {
        StoredShadow stored = shadow("", "{\"state\":{\"desired\":{\"a\":1}}}");
        stored = engine.update("thing1", "", stored, bytes("{\"state\":{\"desired\":{\"a\":2}}}"), T0).newShadow()
                .orElseThrow();
        ShadowOutcome outcome = engine.delete("thing1", "", stored, bytes("{\"clientToken\":\"del-1\"}"), T0 + 30);
        assertJson(outcome.response(), "{\"version\":2,\"timestamp\":" + (T0 + 30) + ",\"clientToken\":\"del-1\"}");
        StoredShadow deleted = outcome.newShadow().orElseThrow();
        assertThat(deleted.exists()).isFalse();
        assertThat(deleted.version()).isEqualTo(2);
        assertThat(deleted.timestamp()).isEqualTo(T0 + 30);
        assertJson(deleted.state(), "{}");
        assertJson(deleted.metadata(), "{}");
        assertThat(outcome.documents()).isEmpty();
        assertThat(outcome.delta()).isEmpty();
        assertThat(engine.delete("thing1", "", stored, EMPTY, T0).response().has("clientToken")).isFalse();
    }

    @Test
    void deleteOfAMissingOrDeletedShadowIs404WithTheTokenEchoed() {
        ShadowOutcome missing = engine.delete("thing1", "", null, bytes("{\"clientToken\":\"d-1\"}"), T0);
        assertJson(missing.response(), "{\"code\":404,\"message\":\"No shadow exists with name: 'Unnamed Shadow'\","
                + "\"timestamp\":" + T0 + ",\"clientToken\":\"d-1\"}");
        assertThat(missing.newShadow()).isEmpty();

        StoredShadow deleted = engine.delete("thing1", "named", shadow("named", "{\"state\":{}}"), EMPTY, T0)
                .newShadow().orElseThrow();
        ShadowOutcome again = engine.delete("thing1", "named", deleted, EMPTY, T0 + 1);
        assertThat(again.status()).isEqualTo(404);
        assertThat(again.error().orElseThrow().message()).isEqualTo("No shadow exists with name: 'named'");
    }

    @Test
    void aStateNullShadowStillExistsForGetAndDelete() {
        StoredShadow stored = shadow("", "{\"state\":{\"desired\":{\"a\":1}}}");
        StoredShadow cleared = engine.update("thing1", "", stored, bytes("{\"state\":null}"), T0).newShadow()
                .orElseThrow();
        assertJson(engine.get("thing1", "", cleared, EMPTY, T0).response(),
                "{\"state\":{},\"metadata\":{},\"version\":2,\"timestamp\":" + T0 + "}");
        assertThat(engine.delete("thing1", "", cleared, EMPTY, T0).isAccepted()).isTrue();
    }
}
