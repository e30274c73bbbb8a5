package io.iotworkbench.serial.console;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class RotatingLineLogTest {

    @TempDir
    Path dir;

    private static SerialLine line(long n, String text) {
        return new SerialLine(n, Instant.ofEpochMilli(n), text, List.of(), null, null, -1, null, -1, 0, false, false);
    }

    @Test
    void rotatesAtTheSizeAndKeepsTheNewestFiles() throws Exception {
        Path file = dir.resolve("board.log");
        List<SerialLine> lines = new ArrayList<>();
        for (int i = 1; i <= 40; i++) {
            lines.add(line(i, String.format("line %02d %s", i, "x".repeat(60))));
        }
        try (RotatingLineLog log = new RotatingLineLog(file, 500, 2)) {
            log.append(lines);
            assertThat(log.rotations()).isGreaterThan(2);
        }
        assertThat(Files.size(file)).isLessThanOrEqualTo(500);
        assertThat(Files.exists(dir.resolve("board.log.1"))).isTrue();
        assertThat(Files.exists(dir.resolve("board.log.2"))).isTrue();
        assertThat(Files.exists(dir.resolve("board.log.3"))).as("only two older files kept").isFalse();
        List<String> newest = Files.readAllLines(file);
        assertThat(newest.get(newest.size() - 1)).contains("line 40");
        List<String> older = Files.readAllLines(dir.resolve("board.log.1"));
        assertThat(older.get(older.size() - 1)).contains("line " + String.format("%02d", 40 - newest.size()));
    }

    @Test
    void hexDumpShowsOffsetsBytesAndPrintableText() {
        RawCapture raw = new RawCapture(20);
        raw.received("0123456789".getBytes());
        raw.received("ABCDEFGHIJKL\r\n".getBytes());
        RawCapture.Snapshot s = raw.snapshot();
        assertThat(s.offset()).isEqualTo(4);
        assertThat(s.bytes()).hasSize(20);
        String dump = RawCapture.hexDump(s);
        assertThat(dump.lines().toList()).containsExactly(
                "00000004  34 35 36 37 38 39 41 42  43 44 45 46 47 48 49 4a  456789ABCDEFGHIJ",
                "00000014  4b 4c 0d 0a                                       KL..");
    }
}
