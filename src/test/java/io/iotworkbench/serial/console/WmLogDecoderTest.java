package io.iotworkbench.serial.console;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class WmLogDecoderTest {

    private final MutableClock clock = new MutableClock(Instant.parse("2025-02-10T06:20:42Z"));
    private final WmLogDecoder decoder = new WmLogDecoder(clock);

    private List<SerialLine> feed(String text) {
        return decoder.feed(text.getBytes(StandardCharsets.UTF_8));
    }

    private static List<String> texts(List<SerialLine> lines) {
        return lines.stream().map(SerialLine::text).toList();
    }

    @ParameterizedTest
    @CsvSource({"E,ERROR", "W,WARN", "I,INFO", "D,DEBUG", "V,VERBOSE"})
    void readsEachWmLogLevelWithTimeAndTag(char letter, LogLevel level) {
        List<SerialLine> lines = feed("[" + letter + "] (28435) SHADOW_DEMO: Establishing a TLS session\r\n");

        assertThat(lines).hasSize(1);
        SerialLine line = lines.get(0);
        assertThat(line.level()).isEqualTo(level);
        assertThat(line.deviceMillis()).isEqualTo(28435);
        assertThat(line.tag()).isEqualTo("SHADOW_DEMO");
        assertThat(line.prefixStart()).isZero();
        assertThat(line.message()).isEqualTo("Establishing a TLS session");
        assertThat(line.isPrompt()).isFalse();
        assertThat(line.continuation()).isFalse();
    }

    @Test
    void textWithoutAPrefixHasNoLevel() {
        SerialLine line = feed("connecting, please wait...\r\n").get(0);

        assertThat(line.level()).isNull();
        assertThat(line.tag()).isNull();
        assertThat(line.deviceMillis()).isEqualTo(-1);
        assertThat(line.hasLogPrefix()).isFalse();
        assertThat(line.message()).isEqualTo("connecting, please wait...");
    }

    @Test
    void lettersOutsideTheFiveLevelsAndBrokenPrefixesAreNotLogs() {
        assertThat(feed("[X] (12) main: nope\r\n").get(0).level()).isNull();
        assertThat(feed("[I] (abc) main: nope\r\n").get(0).level()).isNull();
        assertThat(feed("[I] (12) no tag here\r\n").get(0).level()).isNull();
        assertThat(feed("[I](12) main: nope\r\n").get(0).level()).isNull();
    }

    @Test
    void findsTheLogPrefixAfterTheUnterminatedPrompt() {
        SerialLine line = feed("W800: [I] (16369) DEMO: Establishing a TLS session to x:8883.\r\n").get(0);

        assertThat(line.isPrompt()).isTrue();
        assertThat(line.promptChip()).isEqualTo("W800");
        assertThat(line.level()).isEqualTo(LogLevel.INFO);
        assertThat(line.tag()).isEqualTo("DEMO");
        assertThat(line.prefixStart()).isEqualTo(6);
        assertThat(line.message()).isEqualTo("Establishing a TLS session to x:8883.");
    }

    @Test
    void recognisesThePromptOfAnyChipAndKeepsItAsAPartialLine() {
        assertThat(feed("\r\nW801S: ")).extracting(SerialLine::text).containsExactly("");
        SerialLine partial = decoder.partialLine().orElseThrow();

        assertThat(partial.promptChip()).isEqualTo("W801S");
        assertThat(partial.text()).isEqualTo("W801S: ");
        assertThat(partial.number()).isEqualTo(2);
        assertThat(feed("version\r\n").get(0).text()).isEqualTo("W801S: version");
        assertThat(decoder.partialLine()).isEmpty();
        assertThat(feed("WIFI: x\r\n").get(0).isPrompt()).isFalse();
    }

    @Test
    void recognisesBootLines() {
        List<SerialLine> lines = feed("[I] (2) main: ver: 2.4-rc build at May 26 2025 10:00:00\r\n"
                + "[I] (3) main: boot reason 0\r\n");

        assertThat(lines.get(0).isBootLine()).isTrue();
        assertThat(lines.get(0).bootVersion()).isEqualTo("2.4-rc");
        assertThat(lines.get(1).isBootLine()).isFalse();
        assertThat(lines.get(1).bootVersion()).isNull();
    }

    @Test
    void crLfAndCrLfEachEndOneLineInAnyMix() {
        List<SerialLine> lines = feed("a\rb\nc\r\nd\n\re\r\r\nf");

        assertThat(texts(lines)).containsExactly("a", "b", "c", "d", "", "e", "");
        assertThat(decoder.partialLine().orElseThrow().text()).isEqualTo("f");
        assertThat(lines).extracting(SerialLine::number).containsExactly(1L, 2L, 3L, 4L, 5L, 6L, 7L);
    }

    @Test
    void aCrLfSplitBetweenReadsIsOneLineEnd() {
        List<SerialLine> first = feed("one\r");
        List<SerialLine> second = feed("\ntwo\r\n");

        assertThat(texts(first)).containsExactly("one");
        assertThat(texts(second)).containsExactly("two");
    }

    @Test
    void parsesSgrColoursBoldAndResetIntoSpans() {
        SerialLine line = feed("\033[0;36m[I] (5) main: hi\033[0m plain \033[1;91mBOLD\033[22m thin\033[39m x\r\n")
                .get(0);

        assertThat(line.text()).isEqualTo("[I] (5) main: hi plain BOLD thin x");
        assertThat(line.level()).isEqualTo(LogLevel.INFO);
        assertThat(line.spans()).containsExactly(
                new StyledSpan(0, 16, TextStyle.of(TerminalColor.CYAN, false)),
                new StyledSpan(16, 23, TextStyle.PLAIN),
                new StyledSpan(23, 27, TextStyle.of(TerminalColor.BRIGHT_RED, true)),
                new StyledSpan(27, 32, TextStyle.of(TerminalColor.BRIGHT_RED, false)),
                new StyledSpan(32, 34, TextStyle.PLAIN));
    }

    @Test
    void eachWmLevelColourMapsToItsTerminalColour() {
        for (LogLevel level : LogLevel.values()) {
            SerialLine line = feed("\033[0;" + level.sgrCode() + "m[" + level.letter() + "] (1) t: m\033[0m\r\n")
                    .get(0);
            assertThat(line.spans()).singleElement()
                    .extracting(StyledSpan::style).isEqualTo(TextStyle.of(level.sdkColour(), false));
        }
    }

    @Test
    void theStyleCarriesOverToTheNextLineLikeATerminal() {
        List<SerialLine> lines = feed("\033[32mgreen\r\nstill green\033[m\r\nplain\r\n");

        assertThat(lines.get(1).spans()).singleElement().extracting(StyledSpan::style)
                .isEqualTo(TextStyle.of(TerminalColor.GREEN, false));
        assertThat(lines.get(2).spans()).singleElement().extracting(StyledSpan::style).isEqualTo(TextStyle.PLAIN);
    }

    @Test
    void anAnsiSequenceSplitAtAnyBytePositionDecodesTheSame() {
        byte[] bytes = ("\033[0;31m[E] (7) wifi: fail \u00e9\033[0m ok\033[2J\033[1H\033]0;title\007 end\r\n")
                .getBytes(StandardCharsets.UTF_8);
        SerialLine whole = new WmLogDecoder(clock).feed(bytes).get(0);

        for (int cut = 1; cut < bytes.length; cut++) {
            WmLogDecoder split = new WmLogDecoder(clock);
            List<SerialLine> lines = new ArrayList<>(split.feed(Arrays.copyOfRange(bytes, 0, cut)));
            lines.addAll(split.feed(Arrays.copyOfRange(bytes, cut, bytes.length)));
            assertThat(lines).as("cut at %d", cut).hasSize(1);
            assertThat(lines.get(0).text()).as("cut at %d", cut).isEqualTo(whole.text());
            assertThat(lines.get(0).spans()).as("cut at %d", cut).isEqualTo(whole.spans());
        }
        assertThat(whole.text()).isEqualTo("[E] (7) wifi: fail \u00e9 ok end");
        assertThat(whole.level()).isEqualTo(LogLevel.ERROR);
    }

    @Test
    void everyByteFedAloneStillDecodesTheSame() {
        byte[] bytes = "\033[1;33m[W] (9) aws_device: not found temperature_sensor set_fun\033[0m\r\n"
                .getBytes(StandardCharsets.UTF_8);
        List<SerialLine> lines = new ArrayList<>();
        for (byte b : bytes) {
            decoder.feed(new byte[] {b}, 0, 1, lines::add);
        }

        assertThat(lines).singleElement().satisfies(line -> {
            assertThat(line.text()).isEqualTo("[W] (9) aws_device: not found temperature_sensor set_fun");
            assertThat(line.spans()).singleElement().extracting(StyledSpan::style)
                    .isEqualTo(TextStyle.of(TerminalColor.YELLOW, true));
        });
    }

    @Test
    void stripsClearScreenCursorAndOtherEscapes() {
        List<SerialLine> lines = feed("\033[2J\033[1HW800: \033[K\033[?25lx\033[10;20H\033(B\033=y\033]2;t\033\\z\r\n");

        assertThat(texts(lines)).containsExactly("W800: xyz");
        assertThat(lines.get(0).isPrompt()).isTrue();
    }

    @Test
    void aLineEndInsideAnEscapeSequenceEndsTheLineAnyway() {
        List<SerialLine> lines = feed("before\033[12\r\nafter\033\r\n");

        assertThat(texts(lines)).containsExactly("before", "after");
    }

    @Test
    void replacesInvalidUtf8AndNeverThrows() {
        byte[] bytes = {'a', (byte) 0x80, 'b', (byte) 0xC0, (byte) 0xAF, 'c', (byte) 0xED, (byte) 0xA0, (byte) 0x80,
            'd', (byte) 0xE2, (byte) 0x82, 'e', (byte) 0xF5, 'f', (byte) 0xF0, (byte) 0x9F, (byte) 0x98, (byte) 0x80,
            '\r', '\n'};
        SerialLine line = decoder.feed(bytes).get(0);

        assertThat(line.text()).isEqualTo("a\uFFFDb\uFFFD\uFFFDc\uFFFD\uFFFD\uFFFDd\uFFFDe\uFFFDf\uD83D\uDE00");
    }

    @Test
    void aMultiByteCharacterSplitBetweenReadsIsKept() {
        byte[] bytes = "\u4f60\u597d \ud83d\ude00\r\n".getBytes(StandardCharsets.UTF_8);
        List<SerialLine> lines = new ArrayList<>(decoder.feed(Arrays.copyOfRange(bytes, 0, 2)));
        lines.addAll(decoder.feed(Arrays.copyOfRange(bytes, 2, 9)));
        lines.addAll(decoder.feed(Arrays.copyOfRange(bytes, 9, bytes.length)));

        assertThat(texts(lines)).containsExactly("\u4f60\u597d \ud83d\ude00");
    }

    @Test
    void aTruncatedSequenceBeforeALineEndBecomesAReplacement() {
        assertThat(decoder.feed(new byte[] {'x', (byte) 0xE4, (byte) 0xBD, '\r', '\n'}).get(0).text())
                .isEqualTo("x\uFFFD");
    }

    @Test
    void splitsVeryLongLinesAtTheBoundAndMarksThePieces() {
        WmLogDecoder bounded = new WmLogDecoder(clock, 1000);
        String message = "x".repeat(2500);
        List<SerialLine> lines = bounded.feed(("[D] (1) MQTT: " + message + "\r\nnext\r\n")
                .getBytes(StandardCharsets.US_ASCII));

        assertThat(lines).hasSize(4);
        assertThat(lines.subList(0, 3)).allSatisfy(l -> assertThat(l.text().length()).isLessThanOrEqualTo(1000));
        assertThat(lines).extracting(SerialLine::split).containsExactly(true, true, false, false);
        assertThat(lines).extracting(SerialLine::continuation).containsExactly(false, true, true, false);
        assertThat(lines.subList(0, 3)).allSatisfy(l -> {
            assertThat(l.level()).isEqualTo(LogLevel.DEBUG);
            assertThat(l.tag()).isEqualTo("MQTT");
        });
        assertThat(lines.get(0).text() + lines.get(1).text() + lines.get(2).text())
                .isEqualTo("[D] (1) MQTT: " + message);
        assertThat(lines.get(3).level()).isNull();
    }

    @Test
    void theDefaultBoundIsSixteenKibiCharacters() {
        List<SerialLine> lines = feed("y".repeat(40_000) + "\n");

        assertThat(lines).extracting(l -> l.text().length()).containsExactly(16_384, 16_384, 7_232);
    }

    @Test
    void linesAfterALogRecordEndedByABareLfInheritItsLevelUntilCrLf() {
        List<SerialLine> lines = feed("[I] (45302) SHADOW_DEMO: Published payload: {\n"
                + "        \"state\":        {\n"
                + "}\r\n"
                + " ===================================================\n");

        assertThat(lines).hasSize(4);
        assertThat(lines.subList(1, 3)).allSatisfy(l -> {
            assertThat(l.continuation()).isTrue();
            assertThat(l.level()).isEqualTo(LogLevel.INFO);
            assertThat(l.tag()).isEqualTo("SHADOW_DEMO");
            assertThat(l.hasLogPrefix()).isFalse();
        });
        assertThat(lines.get(3).level()).isNull();
        assertThat(lines.get(3).continuation()).isFalse();
    }

    @Test
    void backspaceRemovesTheLastCharacterAsTheShellEchoes() {
        assertThat(feed("W800: wifx\b \bi\r\n").get(0).text()).isEqualTo("W800: wifi");
    }

    @Test
    void keepsTabsAndDropsOtherControlCharacters() {
        assertThat(feed("task\t\tstatus\u0000\u0007\u0006\u0015\u007f!\r\n").get(0).text())
                .isEqualTo("task\t\tstatus!");
    }

    @Test
    void stampsEachLineWithTheHostTimeOfItsFirstByte() {
        Instant first = clock.instant();
        feed("par");
        clock.advance(Duration.ofMillis(250));
        SerialLine line = feed("tial\r\n").get(0);
        clock.advance(Duration.ofMillis(100));
        SerialLine next = feed("next\r\n").get(0);

        assertThat(line.time()).isEqualTo(first);
        assertThat(next.time()).isEqualTo(first.plusMillis(350));
    }

    @Test
    void flushEmitsThePartialLine() {
        feed("W800: ");
        List<SerialLine> out = new ArrayList<>();
        decoder.flush(out::add);

        assertThat(texts(out)).containsExactly("W800: ");
        assertThat(decoder.partialLine()).isEmpty();
        assertThat(decoder.lineCount()).isEqualTo(1);
    }

    /** A clock the test moves by hand. */
    static final class MutableClock extends Clock {
        private Instant now;

        MutableClock(Instant start) {
            this.now = start;
        }

        void advance(Duration d) {
            now = now.plus(d);
        }

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
