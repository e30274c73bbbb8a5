package io.iotworkbench.shadow;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ShadowPreflightTest {

    private final ShadowLimits limits = ShadowLimits.defaults();

    @Test
    void aValidUpdateHasNoProblems() {
        assertThat(ShadowPreflight.check("{\"state\":{\"desired\":{\"led\":\"blue\"}}}", limits)).isEmpty();
    }

    @Test
    void invalidJsonPointsAtLineAndColumn() {
        var problems = ShadowPreflight.check("{\"state\":\n {\"desired\": {\"led\": }}}", limits);
        assertThat(problems).singleElement().satisfies(p -> {
            assertThat(p.path()).isEqualTo("(json)");
            assertThat(p.message()).startsWith("line 2, column");
        });
    }

    @Test
    void nullInsideAnArrayIsNamedByItsPath() {
        var problems = ShadowPreflight.check("{\"state\":{\"desired\":{\"colors\":[\"RED\",null]}}}", limits);
        assertThat(problems).extracting(ShadowPreflight.Problem::path).containsExactly("desired.colors[1]");
    }

    @Test
    void tooDeepNestingNamesTheDeepField() {
        String deep = "{\"state\":{\"desired\":{\"a\":{\"b\":{\"c\":{\"d\":{\"e\":{\"f\":{\"g\":1}}}}}}}}}";
        assertThat(ShadowPreflight.check(deep, limits)).extracting(ShadowPreflight.Problem::path)
                .containsExactly("desired.a.b.c.d.e.f");
        String ok = "{\"state\":{\"desired\":{\"a\":{\"b\":{\"c\":{\"d\":{\"e\":{\"f\":1}}}}}}}}";
        assertThat(ShadowPreflight.check(ok, limits)).isEmpty();
    }

    @Test
    void oversizeStateLongTokenAndForeignSectionsAreRefused() {
        String big = "{\"state\":{\"reported\":{\"blob\":\"" + "x".repeat(8200) + "\"}},\"clientToken\":\""
                + "t".repeat(65) + "\"}";
        assertThat(ShadowPreflight.check(big, limits)).extracting(ShadowPreflight.Problem::path)
                .containsExactlyInAnyOrder("state", "clientToken");
        assertThat(ShadowPreflight.check("{\"state\":{\"delta\":{\"a\":1}}}", limits))
                .extracting(ShadowPreflight.Problem::path).containsExactly("state.delta");
        assertThat(ShadowPreflight.check("{\"desired\":{}}", limits)).extracting(ShadowPreflight.Problem::path)
                .containsExactly("state");
    }
}
