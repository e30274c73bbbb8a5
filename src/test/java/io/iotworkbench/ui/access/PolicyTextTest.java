package io.iotworkbench.ui.access;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class PolicyTextTest {

    @Test
    void marksTheStatementOfAnArray() {
        PolicyText p = PolicyText.of(AccessViewModelTest.POLICY, 0);
        String marked = p.text().substring(p.start(), p.end());
        assertThat(marked.strip()).startsWith("{").endsWith("}").contains("iot:Connect").doesNotContain("Deny");
    }

    @Test
    void marksASingleStatementObject() {
        PolicyText p = PolicyText.of("{\"Version\":\"2012-10-17\",\"Statement\":{\"Effect\":\"Allow\","
                + "\"Action\":\"iot:*\",\"Resource\":\"*\"}}", 0);
        assertThat(p.text().substring(p.start(), p.end())).contains("iot:*");
    }

    @Test
    void nothingMarkedWithoutAStatementOrWithBrokenJson() {
        assertThat(PolicyText.of(AccessViewModelTest.POLICY, -1).hasHighlight()).isFalse();
        assertThat(PolicyText.of(AccessViewModelTest.POLICY, 7).hasHighlight()).isFalse();
        PolicyText broken = PolicyText.of("{not json", 0);
        assertThat(broken.text()).isEqualTo("{not json");
        assertThat(broken.hasHighlight()).isFalse();
        assertThat(PolicyText.of(null, 0)).isEqualTo(PolicyText.EMPTY);
    }
}
