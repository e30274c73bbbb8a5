package io.iotworkbench.shadow;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

import static io.iotworkbench.shadow.ShadowTesting.T0;
import static io.iotworkbench.shadow.ShadowTesting.assertJson;
import static io.iotworkbench.shadow.ShadowTesting.bytes;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Merge, versions, metadata and the documents of accepted updates. */
class ShadowUpdateTest {

    private final ShadowEngine engine = new ShadowEngine();

    private ShadowOutcome update(StoredShadow stored, String payload, long now) {
        return engine.update("thing1", "", stored, bytes(payload), now);
    }

    private StoredShadow apply(StoredShadow stored, String payload, long now) {
        ShadowOutcome outcome = update(stored, payload, now);
        assertThat(outcome.isAccepted()).as("%s", outcome).isTrue();
        return outcome.newShadow().orElseThrow();
    }

    private StoredShadow apply(StoredShadow stored, String payload) {
        return apply(stored, payload, T0);
    }

    @Test
    void firstUpdateCreatesTheShadowAtVersionOne() {
        StoredShadow shadow = apply(null, "{\"state\":{\"reported\":{\"temp\":21}}}", T0 + 5);
        assertThat(shadow.thingName()).isEqualTo("thing1");
        assertThat(shadow.shadowName()).isEmpty();
        assertThat(shadow.isClassic()).isTrue();
        assertThat(shadow.exists()).isTrue();
        assertThat(shadow.version()).isEqualTo(1);
        assertThat(shadow.timestamp()).isEqualTo(T0 + 5);
        assertJson(shadow.state(), "{\"reported\":{\"temp\":21}}");
        assertJson(shadow.metadata(), "{\"reported\":{\"temp\":{\"timestamp\":" + (T0 + 5) + "}}}");
    }

    @Test
    void everyAcceptedUpdateAddsOne() {
        StoredShadow shadow = null;
        for (int i = 1; i <= 5; i++) {
            shadow = apply(shadow, "{\"state\":{\"reported\":{\"n\":" + i + "}}}");
            assertThat(shadow.version()).isEqualTo(i);
        }
    }

    @Test
    void onlyTheFieldsInTheRequestChange() {
        StoredShadow shadow = apply(null, "{\"state\":{\"desired\":{\"color\":\"red\",\"power\":\"on\"},"
                + "\"reported\":{\"color\":\"blue\"}}}", T0);
        shadow = apply(shadow, "{\"state\":{\"desired\":{\"color\":\"green\"}}}", T0 + 10);
        assertJson(shadow.state(),
                "{\"desired\":{\"color\":\"green\",\"power\":\"on\"},\"reported\":{\"color\":\"blue\"}}");
        assertJson(shadow.metadata(), "{\"desired\":{\"color\":{\"timestamp\":" + (T0 + 10) + "},"
                + "\"power\":{\"timestamp\":" + T0 + "}},\"reported\":{\"color\":{\"timestamp\":" + T0 + "}}}");
    }

    @Test
    void objectsMergeRecursively() {
        StoredShadow shadow = apply(null, "{\"state\":{\"desired\":{\"lights\":{\"color\":{\"r\":1,\"g\":2},"
                + "\"on\":true}}}}");
        shadow = apply(shadow, "{\"state\":{\"desired\":{\"lights\":{\"color\":{\"b\":3,\"g\":20}}}}}");
        assertJson(shadow.state(), "{\"desired\":{\"lights\":{\"color\":{\"r\":1,\"g\":20,\"b\":3},\"on\":true}}}");
    }

    @Test
    void nullDeletesAFieldAndItsMetadata() {
        StoredShadow shadow = apply(null, "{\"state\":{\"desired\":{\"a\":1,\"b\":{\"c\":2,\"d\":3}}}}");
        shadow = apply(shadow, "{\"state\":{\"desired\":{\"a\":null,\"b\":{\"c\":null}}}}", T0 + 1);
        assertJson(shadow.state(), "{\"desired\":{\"b\":{\"d\":3}}}");
        assertJson(shadow.metadata(), "{\"desired\":{\"b\":{\"d\":{\"timestamp\":" + T0 + "}}}}");
    }

    @Test
    void nullForAFieldThatDoesNotExistChangesNothingButTheVersion() {
        StoredShadow shadow = apply(null, "{\"state\":{\"desired\":{\"a\":1}}}");
        shadow = apply(shadow, "{\"state\":{\"desired\":{\"zzz\":null},\"reported\":{\"q\":null}}}");
        assertJson(shadow.state(), "{\"desired\":{\"a\":1}}");
        assertThat(shadow.version()).isEqualTo(2);
    }

    @Test
    void nestedNullsNeverCreateAnObject() {
        StoredShadow shadow = apply(null, "{\"state\":{\"desired\":{\"a\":{\"b\":null,\"c\":{\"d\":null}}},"
                + "\"reported\":{\"x\":1}}}");
        assertJson(shadow.state(), "{\"reported\":{\"x\":1}}");
        assertJson(shadow.metadata(), "{\"reported\":{\"x\":{\"timestamp\":" + T0 + "}}}");
    }

    @Test
    void nestedObjectsThatEndUpEmptyAreRemovedUpToTheSection() {
        StoredShadow shadow = apply(null, "{\"state\":{\"desired\":{\"a\":{\"b\":{\"c\":1}}},\"reported\":{\"r\":1}}}");
        shadow = apply(shadow, "{\"state\":{\"desired\":{\"a\":{\"b\":{\"c\":null}}}}}");
        assertJson(shadow.state(), "{\"reported\":{\"r\":1}}");
        assertThat(shadow.metadata().has("desired")).isFalse();
        assertThat(shadow.desired()).isEmpty();
    }

    @Test
    void anEmptyObjectIsNeverStored() {
        StoredShadow shadow = apply(null, "{\"state\":{\"desired\":{\"obj\":{\"x\":1},\"num\":5,\"arr\":[1]}}}");
        shadow = apply(shadow, "{\"state\":{\"desired\":{\"obj\":{},\"num\":{},\"arr\":{},\"fresh\":{}}}}");
        // {} on an object changes nothing; on a scalar or array it leaves nothing; a new {} is not created
        assertJson(shadow.state(), "{\"desired\":{\"obj\":{\"x\":1}}}");
        assertJson(shadow.metadata(), "{\"desired\":{\"obj\":{\"x\":{\"timestamp\":" + T0 + "}}}}");
    }

    @Test
    void arraysAreReplacedWhole() {
        StoredShadow shadow = apply(null, "{\"state\":{\"reported\":{\"list\":[1,2,3],\"objs\":[{\"a\":1}]}}}");
        shadow = apply(shadow, "{\"state\":{\"reported\":{\"list\":[9],\"objs\":[{\"b\":2}]}}}", T0 + 1);
        assertJson(shadow.state(), "{\"reported\":{\"list\":[9],\"objs\":[{\"b\":2}]}}");
        assertJson(shadow.metadata(), "{\"reported\":{\"list\":[{\"timestamp\":" + (T0 + 1) + "}],"
                + "\"objs\":[{\"b\":{\"timestamp\":" + (T0 + 1) + "}}]}}");
    }

    @Test
    void valuesCanChangeType() {
        StoredShadow shadow = apply(null, "{\"state\":{\"desired\":{\"a\":5,\"b\":{\"x\":1},\"c\":[1]}}}");
        shadow = apply(shadow, "{\"state\":{\"desired\":{\"a\":{\"y\":2},\"b\":\"flat\",\"c\":{\"z\":[true]}}}}",
                T0 + 1);
        assertJson(shadow.state(), "{\"desired\":{\"a\":{\"y\":2},\"b\":\"flat\",\"c\":{\"z\":[true]}}}");
        long t = T0 + 1;
        assertJson(shadow.metadata(), "{\"desired\":{\"a\":{\"y\":{\"timestamp\":" + t + "}},"
                + "\"b\":{\"timestamp\":" + t + "},\"c\":{\"z\":[{\"timestamp\":" + t + "}]}}}");
    }

    @Test
    void desiredNullRemovesTheWholeSection() {
        StoredShadow shadow = apply(null, "{\"state\":{\"desired\":{\"a\":1},\"reported\":{\"a\":2}}}");
        shadow = apply(shadow, "{\"state\":{\"desired\":null}}");
        assertJson(shadow.state(), "{\"reported\":{\"a\":2}}");
        assertJson(shadow.metadata(), "{\"reported\":{\"a\":{\"timestamp\":" + T0 + "}}}");
        shadow = apply(shadow, "{\"state\":{\"reported\":null}}");
        assertJson(shadow.state(), "{}");
        assertThat(shadow.exists()).isTrue();
        assertThat(shadow.version()).isEqualTo(3);
    }

    @Test
    void stateNullClearsBothSectionsButTheShadowExistsAndTheVersionMovesOn() {
        StoredShadow shadow = apply(null, "{\"state\":{\"desired\":{\"a\":1},\"reported\":{\"b\":2}}}");
        ShadowOutcome outcome = update(shadow, "{\"state\":null,\"clientToken\":\"z\"}", T0 + 3);
        StoredShadow cleared = outcome.newShadow().orElseThrow();
        assertJson(cleared.state(), "{}");
        assertJson(cleared.metadata(), "{}");
        assertThat(cleared.exists()).isTrue();
        assertThat(cleared.version()).isEqualTo(2);
        assertJson(outcome.response(), "{\"state\":null,\"version\":2,\"timestamp\":" + (T0 + 3)
                + ",\"clientToken\":\"z\"}");
        assertThat(outcome.delta()).isEmpty();
        assertThat(engine.get("thing1", "", cleared, new byte[0], T0 + 4).isAccepted()).isTrue();
    }

    @Test
    void anEmptyStateOnlyAddsOneToTheVersion() {
        StoredShadow shadow = apply(null, "{\"state\":{}}");
        assertThat(shadow.version()).isEqualTo(1);
        assertJson(shadow.state(), "{}");
        StoredShadow next = apply(shadow, "{\"state\":{\"desired\":{},\"reported\":{}}}");
        assertThat(next.version()).isEqualTo(2);
        assertJson(next.state(), "{}");
    }

    @Test
    void desiredIsNotClearedWhenReportedCatchesUp() {
        StoredShadow shadow = apply(null, "{\"state\":{\"desired\":{\"a\":1}}}");
        shadow = apply(shadow, "{\"state\":{\"reported\":{\"a\":1}}}");
        assertJson(shadow.state(), "{\"desired\":{\"a\":1},\"reported\":{\"a\":1}}");
    }

    @Test
    void matchingVersionIsAppliedAndAnythingElseIsAConflictThatChangesNothing() {
        StoredShadow v1 = apply(null, "{\"state\":{\"desired\":{\"a\":1}}}");
        StoredShadow v2 = apply(v1, "{\"state\":{\"desired\":{\"a\":2}},\"version\":1}");
        assertThat(v2.version()).isEqualTo(2);

        for (long stale : new long[] {0, 1, 3, 100}) {
            ShadowOutcome conflict = update(v2, "{\"state\":{\"desired\":{\"a\":3}},\"version\":" + stale
                    + ",\"clientToken\":\"c1\"}", T0 + 9);
            assertThat(conflict.status()).isEqualTo(409);
            assertJson(conflict.response(), "{\"code\":409,\"message\":\"Version conflict\",\"timestamp\":" + (T0 + 9)
                    + ",\"clientToken\":\"c1\"}");
            assertThat(conflict.newShadow()).isEmpty();
            assertThat(conflict.documents()).isEmpty();
        }
        assertJson(v2.state(), "{\"desired\":{\"a\":2}}");
        assertThat(v2.version()).isEqualTo(2);
    }

    @Test
    void aShadowThatNeverExistedHasVersionCounterZero() {
        assertThat(update(null, "{\"state\":{},\"version\":0}", T0).isAccepted()).isTrue();
        assertThat(update(null, "{\"state\":{},\"version\":1}", T0).status()).isEqualTo(409);
    }

    @Test
    void anUpdateAfterADeleteContinuesTheNumberingWithAFreshState() {
        StoredShadow shadow = apply(null, "{\"state\":{\"desired\":{\"a\":1}}}");
        shadow = apply(shadow, "{\"state\":{\"desired\":{\"b\":2}}}");
        shadow = apply(shadow, "{\"state\":{\"desired\":{\"c\":3}}}");
        StoredShadow deleted = engine.delete("thing1", "", shadow, new byte[0], T0 + 100).newShadow().orElseThrow();
        assertThat(deleted.exists()).isFalse();
        assertThat(deleted.version()).isEqualTo(3);

        ShadowOutcome outcome = update(deleted, "{\"state\":{\"reported\":{\"x\":1}}}", T0 + 200);
        StoredShadow reborn = outcome.newShadow().orElseThrow();
        assertThat(reborn.version()).isEqualTo(4);
        assertThat(reborn.exists()).isTrue();
        assertJson(reborn.state(), "{\"reported\":{\"x\":1}}");
        assertThat(outcome.documents().orElseThrow().has("previous")).isFalse();
    }

    @Test
    void withinFortyEightHoursOfADeleteTheVersionMustMatchTheOldCounter() {
        StoredShadow shadow = apply(apply(null, "{\"state\":{}}"), "{\"state\":{}}");
        StoredShadow deleted = engine.delete("thing1", "", shadow, new byte[0], T0).newShadow().orElseThrow();
        assertThat(update(deleted, "{\"state\":{},\"version\":0}", T0 + 1).status()).isEqualTo(409);
        assertThat(update(deleted, "{\"state\":{},\"version\":2}", T0 + 1).newShadow().orElseThrow().version())
                .isEqualTo(3);
    }

    @Test
    void fortyEightHoursAfterADeleteTheNumberingStartsAgain() {
        StoredShadow shadow = null;
        for (int i = 0; i < 7; i++) {
            shadow = apply(shadow, "{\"state\":{\"reported\":{\"i\":" + i + "}}}");
        }
        long deletedAt = T0 + 1000;
        StoredShadow deleted = engine.delete("thing1", "", shadow, new byte[0], deletedAt).newShadow().orElseThrow();
        long fortyEightHours = 48L * 3600;

        assertThat(apply(deleted, "{\"state\":{}}", deletedAt + fortyEightHours - 1).version()).isEqualTo(8);
        assertThat(apply(deleted, "{\"state\":{}}", deletedAt + fortyEightHours).version()).isEqualTo(1);
        assertThat(apply(deleted, "{\"state\":{}}", deletedAt + 30L * 24 * 3600).version()).isEqualTo(1);
        assertThat(update(deleted, "{\"state\":{},\"version\":0}", deletedAt + fortyEightHours).isAccepted()).isTrue();
        assertThat(ShadowEngine.versionCounter(deleted, deletedAt + fortyEightHours - 1)).isEqualTo(7);
        assertThat(ShadowEngine.versionCounter(deleted, deletedAt + fortyEightHours)).isZero();
    }

    @Test
    void anExistingShadowKeepsItsCounterHoweverOldItIs() {
        StoredShadow shadow = apply(apply(null, "{\"state\":{}}", T0), "{\"state\":{}}", T0);
        assertThat(apply(shadow, "{\"state\":{}}", T0 + 365L * 24 * 3600).version()).isEqualTo(3);
    }

    @Test
    void colorRgbArrayGetsPerElementMetadata() {
        ShadowOutcome outcome = update(null, "{\"state\":{\"reported\":{\"ColorRGB\":[255,120,0]}}}", T0);
        String ts = "{\"timestamp\":" + T0 + "}";
        assertJson(outcome.newShadow().orElseThrow().metadata(),
                "{\"reported\":{\"ColorRGB\":[" + ts + "," + ts + "," + ts + "]}}");
        assertJson(outcome.response().get("metadata"), "{\"reported\":{\"ColorRGB\":[" + ts + "," + ts + "," + ts
                + "]}}");
    }

    @Test
    void aShorterArrayShortensItsMetadata() {
        StoredShadow shadow = apply(null, "{\"state\":{\"reported\":{\"c\":[1,2,3]}}}", T0);
        shadow = apply(shadow, "{\"state\":{\"reported\":{\"c\":[[1,2]]}}}", T0 + 1);
        String ts = "{\"timestamp\":" + (T0 + 1) + "}";
        assertJson(shadow.metadata(), "{\"reported\":{\"c\":[[" + ts + "," + ts + "]]}}");
    }

    @Test
    void acceptedDocumentEchoesTheRequestStateWithMetadataForItsFieldsOnly() {
        StoredShadow shadow = apply(null, "{\"state\":{\"desired\":{\"keep\":1},\"reported\":{\"old\":true}}}", T0);
        ShadowOutcome outcome = update(shadow, "{\"state\":{\"desired\":{\"color\":\"red\",\"gone\":null,"
                + "\"nested\":{\"x\":[1,2]}},\"reported\":{\"r\":{}}},\"clientToken\":\"tok\",\"version\":1}", T0 + 7);
        long t = T0 + 7;
        assertJson(outcome.response(), "{"
                + "\"state\":{\"desired\":{\"color\":\"red\",\"gone\":null,\"nested\":{\"x\":[1,2]}},"
                + "\"reported\":{\"r\":{}}},"
                + "\"metadata\":{\"desired\":{\"color\":{\"timestamp\":" + t + "},\"gone\":{\"timestamp\":" + t + "},"
                + "\"nested\":{\"x\":[{\"timestamp\":" + t + "},{\"timestamp\":" + t + "}]}},\"reported\":{\"r\":{}}},"
                + "\"version\":2,\"timestamp\":" + t + ",\"clientToken\":\"tok\"}");
        assertThat(outcome.acceptedDocument()).contains(outcome.response());
        assertThat(outcome.status()).isEqualTo(200);
    }

    @Test
    void acceptedDocumentHasNoClientTokenWhenNoneWasSent() {
        ShadowOutcome outcome = update(null, "{\"state\":{\"desired\":{\"a\":1}}}", T0);
        assertThat(outcome.response().has("clientToken")).isFalse();
        assertThat(outcome.documents().orElseThrow().has("clientToken")).isFalse();
        assertThat(outcome.delta().orElseThrow().has("clientToken")).isFalse();
    }

    @Test
    void numbersAreEchoedAndStoredAsWritten() {
        ShadowOutcome outcome = update(null, "{\"state\":{\"reported\":{\"a\":1.10,\"b\":12345678901234567890.5,"
                + "\"c\":100000000000000000000000}}}", T0);
        String accepted = ShadowJson.write(outcome.response());
        assertThat(accepted).contains("\"a\":1.10").contains("\"b\":12345678901234567890.5")
                .contains("\"c\":100000000000000000000000");
        assertThat(ShadowJson.write(outcome.newShadow().orElseThrow().state())).contains("\"a\":1.10");
    }

    @Test
    void documentsMessageHasPreviousAndCurrentWithoutDelta() {
        StoredShadow v1 = apply(null, "{\"state\":{\"desired\":{\"a\":1},\"reported\":{\"a\":0}}}", T0);
        ShadowOutcome outcome = update(v1, "{\"state\":{\"reported\":{\"b\":2}},\"clientToken\":\"d\"}", T0 + 2);
        String t0 = "{\"timestamp\":" + T0 + "}";
        String t2 = "{\"timestamp\":" + (T0 + 2) + "}";
        assertJson(outcome.documents().orElseThrow(), "{"
                + "\"previous\":{\"state\":{\"desired\":{\"a\":1},\"reported\":{\"a\":0}},"
                + "\"metadata\":{\"desired\":{\"a\":" + t0 + "},\"reported\":{\"a\":" + t0 + "}},\"version\":1},"
                + "\"current\":{\"state\":{\"desired\":{\"a\":1},\"reported\":{\"a\":0,\"b\":2}},"
                + "\"metadata\":{\"desired\":{\"a\":" + t0 + "},\"reported\":{\"a\":" + t0 + ",\"b\":" + t2 + "}},"
                + "\"version\":2},"
                + "\"timestamp\":" + (T0 + 2) + ",\"clientToken\":\"d\"}");
    }

    @Test
    void documentsMessageOfANewShadowHasNoPrevious() {
        ShadowOutcome outcome = update(null, "{\"state\":{\"reported\":{\"a\":1}}}", T0);
        assertJson(outcome.documents().orElseThrow(), "{\"current\":{\"state\":{\"reported\":{\"a\":1}},"
                + "\"metadata\":{\"reported\":{\"a\":{\"timestamp\":" + T0 + "}}},\"version\":1},\"timestamp\":" + T0
                + "}");
    }

    @Test
    void deltaMessageFollowsTheLightsColorExample() {
        StoredShadow shadow = apply(null, "{\"state\":{\"reported\":{\"lights\":{\"color\":{\"r\":255,\"g\":0,"
                + "\"b\":255}}}}}", T0);
        ShadowOutcome outcome = update(shadow, "{\"state\":{\"desired\":{\"lights\":{\"color\":{\"r\":255,\"g\":255,"
                + "\"b\":255}}}},\"clientToken\":\"L\"}", T0 + 4);
        assertJson(outcome.delta().orElseThrow(), "{\"state\":{\"lights\":{\"color\":{\"g\":255}}},"
                + "\"metadata\":{\"lights\":{\"color\":{\"g\":{\"timestamp\":" + (T0 + 4) + "}}}},"
                + "\"version\":2,\"timestamp\":" + (T0 + 4) + ",\"clientToken\":\"L\"}");
    }

    @Test
    void deltaMessageHoldsAllDifferencesAndIsSentAfterAReportedOnlyUpdate() {
        StoredShadow shadow = apply(null, "{\"state\":{\"desired\":{\"a\":1,\"b\":2,\"c\":3}}}", T0);
        ShadowOutcome outcome = update(shadow, "{\"state\":{\"reported\":{\"a\":1}}}", T0 + 1);
        assertJson(outcome.delta().orElseThrow().get("state"), "{\"b\":2,\"c\":3}");
        assertJson(outcome.delta().orElseThrow().get("metadata"), "{\"b\":{\"timestamp\":" + T0 + "},"
                + "\"c\":{\"timestamp\":" + T0 + "}}");
        assertThat(outcome.delta().orElseThrow().get("version").asLong()).isEqualTo(2);
    }

    @Test
    void noDeltaMessageOnceReportedCatchesUp() {
        StoredShadow shadow = apply(null, "{\"state\":{\"desired\":{\"a\":1,\"list\":[1,2]}}}", T0);
        ShadowOutcome outcome = update(shadow, "{\"state\":{\"reported\":{\"a\":1.0,\"list\":[1,2.0],\"extra\":5}}}",
                T0 + 1);
        assertThat(outcome.isAccepted()).isTrue();
        assertThat(outcome.delta()).isEmpty();
        assertThat(update(null, "{\"state\":{\"reported\":{\"a\":1}}}", T0).delta()).isEmpty();
    }

    @Test
    void deltaMessageCarriesAWholeArrayAndItsMetadataArray() {
        StoredShadow shadow = apply(null, "{\"state\":{\"reported\":{\"ColorRGB\":[255,0,0]}}}", T0);
        ShadowOutcome outcome = update(shadow, "{\"state\":{\"desired\":{\"ColorRGB\":[255,0,1]}}}", T0 + 1);
        String ts = "{\"timestamp\":" + (T0 + 1) + "}";
        assertJson(outcome.delta().orElseThrow().get("state"), "{\"ColorRGB\":[255,0,1]}");
        assertJson(outcome.delta().orElseThrow().get("metadata"), "{\"ColorRGB\":[" + ts + "," + ts + "," + ts + "]}");
    }

    @Test
    void namedShadowsWorkTheSameWay() {
        ShadowOutcome outcome = engine.update("thing1", "config", null, bytes("{\"state\":{\"desired\":{\"a\":1}}}"),
                T0);
        StoredShadow shadow = outcome.newShadow().orElseThrow();
        assertThat(shadow.shadowName()).isEqualTo("config");
        assertThat(shadow.isClassic()).isFalse();
        assertThat(shadow.version()).isEqualTo(1);
    }

    @Test
    void theStoredShadowMustBelongToTheNamedShadow() {
        StoredShadow shadow = apply(null, "{\"state\":{}}");
        assertThatThrownBy(() -> engine.update("thing2", "", shadow, bytes("{\"state\":{}}"), T0))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> engine.update("thing1", "named", shadow, bytes("{\"state\":{}}"), T0))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> engine.update("bad name", "", null, bytes("{\"state\":{}}"), T0))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> engine.get("thing1", "bad/name", null, new byte[0], T0))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void theEngineNeverChangesTheStoredShadowItWasGiven() {
        StoredShadow shadow = apply(null, "{\"state\":{\"desired\":{\"a\":{\"b\":1}}}}");
        ObjectNode before = shadow.state();
        apply(shadow, "{\"state\":{\"desired\":{\"a\":{\"b\":null,\"c\":2}}}}");
        engine.delete("thing1", "", shadow, new byte[0], T0);
        assertThat(shadow.state()).isEqualTo(before);
        assertThat(shadow.version()).isEqualTo(1);
    }
}
