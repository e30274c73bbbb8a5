package io.iotworkbench.storage;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.iotworkbench.diagnostics.PlainText;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Jackson's and other libraries' complaints in the user's words: no Java type, class or token names. */
class JsonProblemTest {

    record Item(String name, int count, List<String> tags) {
    }

    record Root(int version, List<Item> items) {
    }

    private static String problem(String json) {
        try {
            Json.forFiles().readValue(json, Root.class);
            throw new AssertionError("expected a problem with " + json);
        } catch (JsonProcessingException e) {
            return Json.problem(e);
        }
    }

    @Test
    void shapeProblemsNameThePathAndWhatItShouldBe() {
        assertThat(problem("{\"version\":1,\"items\":[{\"name\":\"a\",\"count\":\"many\"}]}"))
                .isEqualTo("items[0].count should be a whole number (found \"many\")");
        assertThat(problem("{\"version\":1,\"items\":{}}")).isEqualTo("items should be a list (found an object)");
        assertThat(problem("{\"version\":1,\"items\":[{\"name\":[1]}]}"))
                .isEqualTo("items[0].name should be text (found a list)");
        assertThat(problem("[1]")).isEqualTo("the file should be an object (found a list)");
    }

    @Test
    void syntaxProblemsGiveLineAndColumnWithoutSourceExcerptsOrTypeNames() {
        for (String bad : List.of("{\"version\": 1, \"items\": [ {\"name\": ", "{\"a\" 1}", "{\"version\":1,}")) {
            String text = problem(bad);
            assertThat(text).startsWith("it is not valid JSON (line 1, column ")
                    .doesNotContain("Source:", "`", "JsonToken", "com.fasterxml", "Exception", "java.");
        }
        try {
            new ObjectMapper().readTree("{\n  \"a\": tru\n}");
        } catch (JsonProcessingException e) {
            assertThat(Json.syntaxDetail(e)).startsWith("line 2, column ").doesNotContain("`", "Source:");
        }
    }

    @Test
    void qualifiedExceptionNamesAreDroppedFromLibraryMessages() {
        assertThat(PlainText.withoutJavaNames("problem parsing cert: java.io.IOException: unknown tag 13 encountered",
                "x")).isEqualTo("problem parsing cert: unknown tag 13 encountered");
        assertThat(PlainText.withoutJavaNames("org.bouncycastle.openssl.PEMException: malformed sequence", "x"))
                .isEqualTo("malformed sequence");
        assertThat(PlainText.withoutJavaNames(null, "no reason given")).isEqualTo("no reason given");
        assertThat(PlainText.withoutJavaNames("java.net.SocketTimeoutException", "timed out")).isEqualTo("timed out");
    }
}
