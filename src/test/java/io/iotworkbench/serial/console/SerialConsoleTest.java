package io.iotworkbench.serial.console;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

class SerialConsoleTest {

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void decodesChunksOnItsThreadIntoTheStoreAndTellsListeners() throws Exception {
        List<String> seen = new CopyOnWriteArrayList<>();
        List<String> threads = new CopyOnWriteArrayList<>();
        List<String> partials = new CopyOnWriteArrayList<>();
        try (SerialConsole console = new SerialConsole("test", Clock.systemUTC())) {
            console.addListener((lines, partial) -> {
                lines.forEach(l -> seen.add(l.text()));
                threads.add(Thread.currentThread().getName());
                partials.add(partial == null ? "-" : partial.text());
            });
            String[] chunks = {"[I] (1) main: ver: 2.4-rc build", " at May 26 2025 10:00:00\r\n\r\nW80", "0: "};
            for (String chunk : chunks) {
                console.received(bytes(chunk));
            }
            console.sync().get(60, TimeUnit.SECONDS);

            assertThat(seen).containsExactly("[I] (1) main: ver: 2.4-rc build at May 26 2025 10:00:00", "");
            assertThat(console.store().size()).isEqualTo(2);
            assertThat(console.partialLine()).map(SerialLine::promptChip).hasValue("W800");
            assertThat(partials).last().isEqualTo("W800: ");
            assertThat(threads).allMatch(t -> t.equals("serial-console-test"));
            assertThat(console.bytesDecoded()).isEqualTo(bytes(String.join("", chunks)).length);

            console.flush().get(60, TimeUnit.SECONDS);
            assertThat(console.store().lines()).last().extracting(SerialLine::text).isEqualTo("W800: ");
            assertThat(console.linesDecoded()).isEqualTo(3);
        }
    }

    @Test
    void aSlowConsumerCostsOldChunksNeverABlockedProducer() throws Exception {
        java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);
        try (SerialConsole console = new SerialConsole("slow", Clock.systemUTC(), 8, new SerialLineStore(), 1024)) {
            console.addListener((lines, partial) -> {
                try {
                    release.await(60, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
            long start = System.nanoTime();
            for (int i = 0; i < 1_000; i++) {
                console.received(bytes("[D] (" + i + ") t: m\r\n"));
            }
            long took = System.nanoTime() - start;
            release.countDown();
            console.sync().get(60, TimeUnit.SECONDS);

            assertThat(TimeUnit.NANOSECONDS.toMillis(took)).isLessThan(1_000);
            assertThat(console.droppedChunks()).isGreaterThan(0);
            List<SerialLine> kept = new ArrayList<>(console.store().lines());
            assertThat(kept.size() + console.droppedChunks()).isEqualTo(1_000);
            assertThat(kept).last().extracting(SerialLine::text).isEqualTo("[D] (999) t: m");
        }
    }
}
