package io.iotworkbench.shadow;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

import static io.iotworkbench.shadow.ShadowTesting.T0;
import static io.iotworkbench.shadow.ShadowTesting.assertJson;
import static io.iotworkbench.shadow.ShadowTesting.bytes;
import static io.iotworkbench.shadow.ShadowTesting.repeat;
import static org.assertj.core.api.Assertions.assertThat;

/** Every rejection of an update, its code, message, token echo and the order of the checks. */
class ShadowUpdateValidationTest {

    private final ShadowEngine engine = new ShadowEngine();

    private ShadowOutcome update(String payload) {
        return update(bytes(payload));
    }

    private ShadowOutcome update(byte[] payload) {
        return engine.update("thing1", "", null, payload, T0);
    }

    private static void assertRejected(ShadowOutcome outcome, int code, String message, String token) {
        assertThat(outcome.isAccepted()).as("accepted: %s", outcome).isFalse();
        ShadowError error = outcome.error().orElseThrow();
        assertThat(error.code()).isEqualTo(code);
        assertThat(error.message()).isEqualTo(message);
        assertThat(error.clientToken()).isEqualTo(token);
        assertThat(outcome.status()).isEqualTo(code);
        assertThat(outcome.newShadow()).isEmpty();
        assertThat(outcome.documents()).isEmpty();
        assertThat(outcome.delta()).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"{\"state\":", "", "   ", "not json", "[1,2]", "\"state\"", "null", "42",
            "{\"state\":{}} {\"state\":{}}", "{\"state\":{},\"state\":{}}", "{'state':{}}",
            "{\"state\":{\"desired\":{\"a\":NaN}}}"})
    void anythingButOneJsonObjectIsInvalidJson(String payload) {
        assertRejected(update(payload), 400, "Invalid JSON", null);
    }

    @Test
    void errorDocumentHasCodeMessageTimestampAndTheTokenOnlyWhenKnown() {
        assertJson(update("{").response(), "{\"code\":400,\"message\":\"Invalid JSON\",\"timestamp\":" + T0 + "}");
        assertJson(update("{\"clientToken\":\"tok-1\"}").response(),
                "{\"code\":400,\"message\":\"Missing required node: state\",\"timestamp\":" + T0
                        + ",\"clientToken\":\"tok-1\"}");
    }

    @Test
    void missingStateIsRejected() {
        assertRejected(update("{ }"), 400, "Missing required node: state", null);
        assertRejected(update("{\"desired\":{\"a\":1},\"clientToken\":\"t\"}"), 400, "Missing required node: state",
                "t");
    }

    @ParameterizedTest
    @ValueSource(strings = {"\"on\"", "1", "true", "[]", "[{\"desired\":{}}]"})
    void stateMustBeAnObjectOrNull(String state) {
        assertRejected(update("{\"state\":" + state + ",\"clientToken\":\"c\"}"), 400, "State node must be an object",
                "c");
    }

    @ParameterizedTest
    @ValueSource(strings = {"\"on\"", "1", "false", "[]", "[1]"})
    void desiredAndReportedMustBeObjectsOrNull(String value) {
        assertRejected(update("{\"state\":{\"desired\":" + value + "}}"), 400, "Desired node must be an object", null);
        assertRejected(update("{\"state\":{\"reported\":" + value + "}}"), 400, "Reported node must be an object",
                null);
    }

    @Test
    void deltaOrAnyOtherKeyInStateIsAnInvalidNode() {
        assertRejected(update("{\"state\":{\"desired\":{\"a\":1},\"delta\":{\"a\":1}},\"clientToken\":\"x\"}"), 400,
                "State contains an invalid node: 'delta'", "x");
        assertRejected(update("{\"state\":{\"Desired\":{\"a\":1}}}"), 400, "State contains an invalid node: 'Desired'",
                null);
        assertRejected(update("{\"state\":{\"metadata\":null}}"), 400, "State contains an invalid node: 'metadata'",
                null);
    }

    @ParameterizedTest
    @ValueSource(strings = {"\"1\"", "-1", "1.5", "1.0", "true", "{}", "[1]", "9223372036854775808"})
    void versionMustBeANonNegativeInteger(String version) {
        assertRejected(update("{\"state\":{},\"version\":" + version + ",\"clientToken\":\"v\"}"), 400,
                "Invalid version", "v");
    }

    @Test
    void aNullVersionCountsAsNoVersion() {
        ShadowOutcome outcome = update("{\"state\":{\"desired\":{\"a\":1}},\"version\":null}");
        assertThat(outcome.isAccepted()).isTrue();
        assertThat(outcome.newShadow().orElseThrow().version()).isEqualTo(1);
    }

    @Test
    void clientTokenOf64BytesIsAcceptedAnd65IsNotAndTheBadTokenIsNotEchoed() {
        String ok = repeat('a', 64);
        ShadowOutcome accepted = update("{\"state\":{},\"clientToken\":\"" + ok + "\"}");
        assertThat(accepted.isAccepted()).isTrue();
        assertThat(accepted.response().get("clientToken").asText()).isEqualTo(ok);

        assertRejected(update("{\"state\":{},\"clientToken\":\"" + repeat('a', 65) + "\"}"), 400,
                "Invalid clientToken", null);
        assertThat(update("{\"state\":{},\"clientToken\":\"" + repeat('a', 65) + "\"}").response().has("clientToken"))
                .isFalse();
    }

    @Test
    void clientTokenLengthCountsUtf8Bytes() {
        assertThat(update("{\"state\":{},\"clientToken\":\"" + repeat('é', 32) + "\"}").isAccepted()).isTrue();
        assertRejected(update("{\"state\":{},\"clientToken\":\"" + repeat('é', 33) + "\"}"), 400,
                "Invalid clientToken", null);
    }

    @ParameterizedTest
    @ValueSource(strings = {"1", "true", "{}", "[\"a\"]"})
    void clientTokenMustBeAString(String token) {
        assertRejected(update("{\"state\":{},\"clientToken\":" + token + "}"), 400, "Invalid clientToken", null);
    }

    @Test
    void aClientTokenOfNullCountsAsNoToken() {
        ShadowOutcome outcome = update("{\"state\":{},\"clientToken\":null}");
        assertThat(outcome.isAccepted()).isTrue();
        assertThat(outcome.response().has("clientToken")).isFalse();
    }

    /** A desired section whose deepest non-empty container is at {@code depth} (desired itself is level 1). */
    private static String desiredOfDepth(int depth) {
        String inner = "{\"v\":1}";
        for (int level = depth; level > 1; level--) {
            inner = "{\"l" + level + "\":" + inner + "}";
        }
        return inner;
    }

    @Test
    void nestingOfSixLevelsIsAcceptedAndSevenIsNot() {
        assertThat(desiredOfDepth(3)).isEqualTo("{\"l2\":{\"l3\":{\"v\":1}}}");
        assertThat(update("{\"state\":{\"desired\":" + desiredOfDepth(6) + "}}").isAccepted()).isTrue();
        assertRejected(update("{\"state\":{\"desired\":" + desiredOfDepth(7) + "},\"clientToken\":\"d\"}"), 400,
                "JSON contains too many levels of nesting; maximum is 6", "d");
        assertRejected(update("{\"state\":{\"reported\":" + desiredOfDepth(7) + "}}"), 400,
                "JSON contains too many levels of nesting; maximum is 6", null);
    }

    @Test
    void arraysCountAsLevelsButScalarsAndEmptyContainersDoNot() {
        // desired (1) > a (2) > 4 more arrays (3..6), holding scalars
        assertThat(update("{\"state\":{\"desired\":{\"a\":[[[[[1]]]]]}}}").isAccepted()).isTrue();
        assertRejected(update("{\"state\":{\"desired\":{\"a\":[[[[[[1]]]]]]}}}"), 400,
                "JSON contains too many levels of nesting; maximum is 6", null);
        String sixWithEmptyAtSeven = desiredOfDepth(6).replace("{\"v\":1}", "{\"v\":1,\"e\":{},\"f\":[]}");
        assertThat(update("{\"state\":{\"desired\":" + sixWithEmptyAtSeven + "}}").isAccepted()).isTrue();
    }

    @Test
    void theConfiguredDepthIsUsedAndNamedInTheMessage() {
        ShadowEngine lenient = new ShadowEngine(ShadowLimits.defaults().withMaxDepth(8));
        assertThat(lenient.update("t", "", null, bytes("{\"state\":{\"desired\":" + desiredOfDepth(8) + "}}"), T0)
                .isAccepted()).isTrue();
        ShadowOutcome tooDeep = lenient.update("t", "", null,
                bytes("{\"state\":{\"desired\":" + desiredOfDepth(9) + "}}"), T0);
        assertThat(tooDeep.error().orElseThrow().message())
                .isEqualTo("JSON contains too many levels of nesting; maximum is 8");
    }

    @ParameterizedTest
    @ValueSource(strings = {"{\"colors\":[null,\"RED\",\"GREEN\"]}", "{\"a\":[[1],[null]]}", "{\"a\":{\"b\":[1,null]}}",
            "{\"a\":[{\"b\":[null]}]}"})
    void nullElementsInArraysAreInvalidJson(String desired) {
        assertRejected(update("{\"state\":{\"desired\":" + desired + "},\"clientToken\":\"n\"}"), 400, "Invalid JSON",
                "n");
    }

    @Test
    void aNullFieldOfAnObjectInsideAnArrayIsNotAnArrayElementAndIsKept() {
        ShadowOutcome outcome = update("{\"state\":{\"reported\":{\"a\":[{\"b\":null,\"c\":1}]}}}");
        assertThat(outcome.isAccepted()).isTrue();
        assertJson(outcome.newShadow().orElseThrow().state(), "{\"reported\":{\"a\":[{\"b\":null,\"c\":1}]}}");
    }

    private static byte[] padded(String json, int length) {
        byte[] payload = new byte[length];
        Arrays.fill(payload, (byte) ' ');
        byte[] text = bytes(json);
        System.arraycopy(text, 0, payload, 0, text.length);
        return payload;
    }

    @Test
    void payloadOf128KiBIsAcceptedAndOneByteMoreIsTooLarge() {
        String json = "{\"state\":{\"desired\":{\"a\":1}},\"clientToken\":\"big\"}";
        assertThat(update(padded(json, 128 * 1024)).isAccepted()).isTrue();
        assertRejected(update(padded(json, 128 * 1024 + 1)), 413, "The payload exceeds the maximum size allowed", null);
    }

    @Test
    void payloadsThatAreNotUtf8Give415() {
        byte[] latin1 = "{\"state\":{\"desired\":{\"name\":\"Müller\"}}}".getBytes(StandardCharsets.ISO_8859_1);
        assertRejected(update(latin1), 415, "Unsupported documented encoding; supported encoding is UTF-8", null);
        byte[] utf16 = "{\"state\":{}}".getBytes(StandardCharsets.UTF_16LE);
        assertRejected(update(utf16), 415, "Unsupported documented encoding; supported encoding is UTF-8", null);
        byte[] utf16WithBom = "{\"state\":{}}".getBytes(StandardCharsets.UTF_16);
        assertRejected(update(utf16WithBom), 415, "Unsupported documented encoding; supported encoding is UTF-8",
                null);
        assertThat(update("{\"state\":{\"desired\":{\"name\":\"Müller\"}}}").isAccepted()).isTrue();
    }

    @Test
    void aDocumentWithItsTerminatingNulAsTheEmbeddedSdksSendItIsAccepted() {
        String document = "{\"state\":{\"desired\":{\"led\":\"red\"}},\"clientToken\":\"654718\"}";
        byte[] cString = Arrays.copyOf(document.getBytes(StandardCharsets.UTF_8), document.length() + 1);
        assertThat(document).hasSize(58);
        assertThat(cString).hasSize(59);
        ShadowOutcome outcome = update(cString);
        assertThat(outcome.isAccepted()).isTrue();
        assertThat(outcome.response().get("clientToken").asText()).isEqualTo("654718");
        assertThat(outcome.delta()).isPresent();
        assertThat(update(Arrays.copyOf(cString, 64)).isAccepted()).as("a zero-padded buffer").isTrue();
        byte[] inner = bytes("{\"state\":{\"desired\":{\"a\":1}}} ");
        inner[inner.length - 1] = 0;
        inner[5] = 0;
        assertRejected(update(inner), 415, "Unsupported documented encoding; supported encoding is UTF-8", null);
        byte[] get = bytes("{\"clientToken\":\"g1\"}");
        assertThat(engine.get("thing1", "", null, Arrays.copyOf(get, get.length + 1), T0)
                .response().get("clientToken").asText()).as("get's token is read too").isEqualTo("g1");
    }

    private static String stringOfSize(String key, int serializedBytes) {
        // {"k":"xxx"} is the value's length plus 8 bytes for a one-letter key
        return "{\"" + key + "\":\"" + repeat('x', serializedBytes - 8) + "\"}";
    }

    @Test
    void stateOf8192BytesIsAcceptedAnd8193IsTooLarge() {
        assertThat(update("{\"state\":{\"desired\":" + stringOfSize("k", 8192) + "}}").isAccepted()).isTrue();
        assertRejected(update("{\"state\":{\"desired\":" + stringOfSize("k", 8193) + "},\"clientToken\":\"s\"}"), 413,
                "The payload exceeds the maximum size allowed", "s");
    }

    @Test
    void stateSizeCountsDesiredPlusReported() {
        assertThat(update("{\"state\":{\"desired\":" + stringOfSize("k", 4096) + ",\"reported\":"
                + stringOfSize("k", 4096) + "}}").isAccepted()).isTrue();
        assertRejected(update("{\"state\":{\"desired\":" + stringOfSize("k", 4096) + ",\"reported\":"
                + stringOfSize("k", 4097) + "}}"), 413, "The payload exceeds the maximum size allowed", null);
    }

    @Test
    void stateSizeIsMeasuredAfterTheMergeAndARejectionChangesNothing() {
        StoredShadow stored = engine.update("thing1", "", null,
                bytes("{\"state\":{\"desired\":" + stringOfSize("k", 8000) + "}}"), T0).newShadow().orElseThrow();
        ShadowOutcome outcome = engine.update("thing1", "", stored,
                bytes("{\"state\":{\"reported\":" + stringOfSize("r", 200) + "}}"), T0 + 1);
        assertRejected(outcome, 413, "The payload exceeds the maximum size allowed", null);
        assertThat(stored.version()).isEqualTo(1);
        assertThat(stored.reported()).isEmpty();
    }

    @Test
    void metadataDoesNotCountTowardTheStateSize() {
        StringBuilder many = new StringBuilder("{");
        for (int i = 0; i < 400; i++) {
            many.append(i == 0 ? "" : ",").append("\"k").append(i).append("\":[1,2]");
        }
        many.append('}');
        ShadowOutcome outcome = update("{\"state\":{\"desired\":" + many + "}}");
        assertThat(outcome.isAccepted()).isTrue();
        StoredShadow shadow = outcome.newShadow().orElseThrow();
        assertThat(ShadowJson.sizeInBytes(shadow.state())).isLessThan(8192);
        assertThat(ShadowJson.sizeInBytes(shadow.metadata())).isGreaterThan(8192);
    }

    @Test
    void checksRunInTheDocumentedOrder() {
        // token before state
        assertRejected(update("{\"clientToken\":7}"), 400, "Invalid clientToken", null);
        // state shape before version
        assertRejected(update("{\"state\":1,\"version\":\"x\"}"), 400, "State node must be an object", null);
        // desired before reported before unknown keys
        assertRejected(update("{\"state\":{\"delta\":{},\"reported\":1,\"desired\":1}}"), 400,
                "Desired node must be an object", null);
        assertRejected(update("{\"state\":{\"delta\":{},\"reported\":1}}"), 400, "Reported node must be an object",
                null);
        // unknown keys before version, version before depth, depth before nulls in arrays
        assertRejected(update("{\"state\":{\"x\":1},\"version\":-1}"), 400, "State contains an invalid node: 'x'",
                null);
        assertRejected(update("{\"state\":{\"desired\":" + desiredOfDepth(7) + "},\"version\":-1}"), 400,
                "Invalid version", null);
        assertRejected(update("{\"state\":{\"desired\":{\"n\":[null],\"d\":" + desiredOfDepth(7) + "}}}"), 400,
                "JSON contains too many levels of nesting; maximum is 6", null);
    }

    @Test
    void validationComesBeforeTheVersionConflict() {
        StoredShadow stored = engine.update("thing1", "", null, bytes("{\"state\":{\"desired\":{\"a\":1}}}"), T0)
                .newShadow().orElseThrow();
        ShadowOutcome outcome = engine.update("thing1", "", stored,
                bytes("{\"state\":{\"desired\":5},\"version\":99}"), T0);
        assertRejected(outcome, 400, "Desired node must be an object", null);
    }

    @Test
    void keysOutsideStateAreIgnoredAndNeverStored() {
        ShadowOutcome outcome = update("{\"state\":{\"desired\":{\"a\":1}},\"metadata\":{\"x\":1},\"foo\":\"bar\","
                + "\"timestamp\":5}");
        assertThat(outcome.isAccepted()).isTrue();
        StoredShadow shadow = outcome.newShadow().orElseThrow();
        assertJson(shadow.state(), "{\"desired\":{\"a\":1}}");
        assertJson(shadow.metadata(), "{\"desired\":{\"a\":{\"timestamp\":" + T0 + "}}}");
        assertThat(shadow.timestamp()).isEqualTo(T0);
        assertThat(outcome.response().has("foo")).isFalse();
    }
}
