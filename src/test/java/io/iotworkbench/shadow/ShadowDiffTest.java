package io.iotworkbench.shadow;

import org.junit.jupiter.api.Test;

import java.util.List;

import static io.iotworkbench.shadow.ShadowTesting.assertJson;
import static io.iotworkbench.shadow.ShadowTesting.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

class ShadowDiffTest {

    @Test
    void reportsChangedLeavesWithTheirPaths() {
        List<ShadowDiff.Change> changes = ShadowDiff.diff(
                json("{\"desired\":{\"color\":{\"r\":255,\"g\":0}},\"reported\":{\"on\":true}}"),
                json("{\"desired\":{\"color\":{\"r\":255,\"g\":255}},\"reported\":{\"on\":true}}"));
        assertThat(changes).hasSize(1);
        ShadowDiff.Change change = changes.get(0);
        assertThat(change.pathString()).isEqualTo("desired.color.g");
        assertThat(change.path()).containsExactly("desired", "color", "g");
        assertThat(change.kind()).isEqualTo(ShadowDiff.Kind.CHANGED);
        assertJson(change.oldValue(), "0");
        assertJson(change.newValue(), "255");
    }

    @Test
    void reportsAddedAndRemovedObjectsLeafByLeaf() {
        List<ShadowDiff.Change> changes = ShadowDiff.diff(
                json("{\"a\":1,\"gone\":{\"x\":1,\"y\":{\"z\":2}}}"),
                json("{\"a\":1,\"new\":{\"p\":[1,2],\"q\":{}}}"));
        assertThat(changes).extracting(ShadowDiff.Change::pathString, ShadowDiff.Change::kind).containsExactly(
                tuple("gone.x", ShadowDiff.Kind.REMOVED),
                tuple("gone.y.z", ShadowDiff.Kind.REMOVED),
                tuple("new.p", ShadowDiff.Kind.ADDED),
                tuple("new.q", ShadowDiff.Kind.ADDED));
        assertThat(changes.get(0).newValue()).isNull();
        assertJson(changes.get(1).oldValue(), "2");
        assertThat(changes.get(2).oldValue()).isNull();
        assertJson(changes.get(2).newValue(), "[1,2]");
        assertJson(changes.get(3).newValue(), "{}");
    }

    @Test
    void comparesArraysWholeAndNumbersByValue() {
        assertThat(ShadowDiff.diff(json("{\"a\":1,\"b\":[1,2.0]}"), json("{\"a\":1.0,\"b\":[1.00,2]}"))).isEmpty();
        List<ShadowDiff.Change> changes = ShadowDiff.diff(json("{\"b\":[1,2]}"), json("{\"b\":[1,3]}"));
        assertThat(changes).singleElement().satisfies(c -> {
            assertThat(c.pathString()).isEqualTo("b");
            assertJson(c.oldValue(), "[1,2]");
            assertJson(c.newValue(), "[1,3]");
        });
    }

    @Test
    void aTypeChangeBetweenObjectAndValueIsOneChange() {
        List<ShadowDiff.Change> changes = ShadowDiff.diff(json("{\"a\":{\"x\":1}}"), json("{\"a\":\"flat\"}"));
        assertThat(changes).singleElement().satisfies(c -> {
            assertThat(c.kind()).isEqualTo(ShadowDiff.Kind.CHANGED);
            assertJson(c.oldValue(), "{\"x\":1}");
            assertJson(c.newValue(), "\"flat\"");
        });
    }

    @Test
    void nullAndMissingDocumentsAreAbsent() {
        assertThat(ShadowDiff.diff(null, json("{\"a\":{\"b\":1}}")))
                .extracting(ShadowDiff.Change::pathString, ShadowDiff.Change::kind)
                .containsExactly(tuple("a.b", ShadowDiff.Kind.ADDED));
        assertThat(ShadowDiff.diff(json("{\"a\":1}"), json("null")))
                .extracting(ShadowDiff.Change::kind).containsExactly(ShadowDiff.Kind.REMOVED);
        assertThat(ShadowDiff.diff(null, null)).isEmpty();
        assertThat(ShadowDiff.diff(json("{\"a\":null}"), json("{}"))).isEmpty();
    }

    @Test
    void differentScalarDocumentsAreOneChangeAtTheRoot() {
        assertThat(ShadowDiff.diff(json("1"), json("2"))).singleElement()
                .satisfies(c -> assertThat(c.path()).isEmpty());
    }

    @Test
    void diffsTwoVersionsOfAShadow() {
        ShadowEngine engine = new ShadowEngine();
        StoredShadow v1 = engine.update("t", "", null,
                ShadowTesting.bytes("{\"state\":{\"desired\":{\"a\":1,\"b\":2},\"reported\":{\"a\":0}}}"), 1)
                .newShadow().orElseThrow();
        StoredShadow v2 = engine.update("t", "", v1,
                ShadowTesting.bytes("{\"state\":{\"desired\":{\"b\":null},\"reported\":{\"a\":1}}}"), 2)
                .newShadow().orElseThrow();
        assertThat(ShadowDiff.diff(v1.state(), v2.state()))
                .extracting(ShadowDiff.Change::pathString, ShadowDiff.Change::kind)
                .containsExactly(tuple("desired.b", ShadowDiff.Kind.REMOVED),
                        tuple("reported.a", ShadowDiff.Kind.CHANGED));
    }
}
