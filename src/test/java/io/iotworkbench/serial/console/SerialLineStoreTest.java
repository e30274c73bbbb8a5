package io.iotworkbench.serial.console;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SerialLineStoreTest {

    private final WmLogDecoder decoder = new WmLogDecoder(Clock.systemUTC());

    private List<SerialLine> lines(String text) {
        return decoder.feed(text.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void defaultsToOneHundredThousandLines() {
        assertThat(new SerialLineStore().capacity()).isEqualTo(100_000);
    }

    @Test
    void keepsTheNewestLinesAndCountsTheDroppedOnes() {
        SerialLineStore store = new SerialLineStore(100);
        for (int i = 0; i < 250; i++) {
            store.addAll(lines("[I] (" + i + ") main: line " + i + "\r\n"));
            assertThat(store.size()).isLessThanOrEqualTo(100);
        }

        assertThat(store.droppedCount()).isEqualTo(150);
        List<SerialLine> kept = store.lines();
        assertThat(kept).hasSize(100);
        assertThat(kept.get(0).text()).endsWith("line 150");
        assertThat(kept.get(99).text()).endsWith("line 249");
        assertThat(store.indexOf(kept.get(10).number())).isEqualTo(10);
        assertThat(store.indexOf(1)).isEqualTo(-1);
    }

    @Test
    void alsoBoundsTheCharactersHeld() {
        SerialLineStore store = new SerialLineStore(1_000, 10_000);
        for (int i = 0; i < 30; i++) {
            store.addAll(lines("z".repeat(1_000) + "\r\n"));
        }

        assertThat(store.size()).isEqualTo(10);
        assertThat(store.droppedCount()).isEqualTo(20);
    }

    @Test
    void filtersByLevelTagAndUnleveledLines() {
        SerialLineStore store = new SerialLineStore();
        store.addAll(lines("""
                [E] (1) wifi: fail\r
                [W] (2) aws_device: not found temperature_sensor set_fun\r
                [I] (3) SHADOW_DEMO: MQTT connection established\r
                [D] (4) wifi: sta got ip 192.168.8.243\r
                sta connected\r
                [V] (5) MQTT: packet\r
                """));

        assertThat(store.filter(LineFilter.ALL)).hasSize(6);
        assertThat(store.filter(LineFilter.atLeast(LogLevel.WARN))).extracting(SerialLine::tag)
                .containsExactly("wifi", "aws_device");
        assertThat(store.filter(LineFilter.levels(LogLevel.DEBUG, LogLevel.VERBOSE))).extracting(SerialLine::tag)
                .containsExactly("wifi", "MQTT");
        assertThat(store.filter(LineFilter.ALL.withTags(Set.of("wifi")))).extracting(SerialLine::deviceMillis)
                .containsExactly(1L, 4L);
        assertThat(store.filter(LineFilter.ALL.withUnleveled(false))).hasSize(5);
        assertThat(store.filter(LineFilter.levels(LogLevel.ERROR).withUnleveled(true))).extracting(SerialLine::text)
                .containsExactly("[E] (1) wifi: fail", "sta connected");
        assertThat(store.tags()).containsExactly("MQTT", "SHADOW_DEMO", "aws_device", "wifi");
    }

    @Test
    void tagsFollowTheLinesThatAreHeld() {
        SerialLineStore store = new SerialLineStore(2);
        store.addAll(lines("[I] (1) old: a\r\n[I] (2) new: b\r\n[I] (3) new: c\r\n"));

        assertThat(store.tags()).containsExactly("new");
        store.clear();
        assertThat(store.tags()).isEmpty();
        assertThat(store.size()).isZero();
        assertThat(store.droppedCount()).isEqualTo(1);
    }

    @Test
    void searchReturnsEveryMatchWithItsPosition() {
        SerialLineStore store = new SerialLineStore();
        List<SerialLine> added = lines("W800: wifi init\r\n[D] (3972) main: GetMAC\r\nwifi WIFI wifi\r\n");
        store.addAll(added);

        List<SearchMatch> matches = store.search("wifi", false, LineFilter.ALL, 100);
        assertThat(matches).containsExactly(
                new SearchMatch(added.get(0).number(), 6, 10),
                new SearchMatch(added.get(2).number(), 0, 4),
                new SearchMatch(added.get(2).number(), 10, 14));
        assertThat(store.search("wifi", true, LineFilter.ALL, 100)).hasSize(4);
        assertThat(store.search("wifi", true, LineFilter.ALL, 2)).hasSize(2);
        assertThat(store.search("getmac", true, LineFilter.levels(LogLevel.DEBUG), 10))
                .containsExactly(new SearchMatch(added.get(1).number(), 17, 23));
        assertThat(store.search("", true, LineFilter.ALL, 10)).isEmpty();
        assertThat(store.search("aaa", true, LineFilter.ALL, 10)).isEmpty();
    }

    @Test
    void refusesSillyBounds() {
        assertThatThrownBy(() -> new SerialLineStore(0)).isInstanceOf(IllegalArgumentException.class);
    }
}
