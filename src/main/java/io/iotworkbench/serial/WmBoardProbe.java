package io.iotworkbench.serial;

import io.iotworkbench.serial.console.SerialLine;
import io.iotworkbench.serial.console.WmLogDecoder;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * Confirms a WM board behind a port (wm-board.md §1): sends CR and reads, with blocking reads bounded by the timeout,
 * until it sees the CLI prompt ({@code W800: } — the shell prints it again for an empty line), a boot line
 * ({@code main: ver: …}), or five consecutive {@code C}s from the ROM in download mode. After a boot line it waits up
 * to one more second for the prompt, to learn the chip name too. Sends one more CR half-way through when nothing has
 * come yet.
 *
 * <p>Stateless; runs on the caller's thread, which owns the channel meanwhile.
 */
public final class WmBoardProbe {

    private static final int ROM_CS = 5;
    private static final Duration STEP = Duration.ofMillis(100);
    private static final Duration PROMPT_AFTER_BOOT = Duration.ofSeconds(1);

    private WmBoardProbe() {
    }

    public static ProbeResult probe(SerialChannel channel, Duration timeout, Clock clock) throws IOException {
        WmLogDecoder decoder = new WmLogDecoder(clock);
        byte[] buffer = new byte[4096];
        long start = System.nanoTime();
        long deadline = start + timeout.toNanos();
        boolean resent = false;
        boolean heardAnything = false;
        int consecutiveC = 0;
        SerialLine bootLine = null;
        channel.write(new byte[] {'\r'});
        long left;
        while ((left = deadline - System.nanoTime()) > 0) {
            int n = channel.read(buffer, 0, buffer.length, Duration.ofNanos(Math.min(left, STEP.toNanos())));
            if (n < 0) {
                return new ProbeResult(ProbeResult.Evidence.NONE, null, null, channel.name() + " closed while probing");
            }
            if (n == 0) {
                if (!resent && !heardAnything && System.nanoTime() - start > timeout.toNanos() / 2) {
                    channel.write(new byte[] {'\r'});
                    resent = true;
                }
                continue;
            }
            heardAnything = true;
            for (int i = 0; i < n; i++) {
                consecutiveC = buffer[i] == 'C' ? consecutiveC + 1 : 0;
            }
            if (consecutiveC >= ROM_CS) {
                return new ProbeResult(ProbeResult.Evidence.ROM_DOWNLOAD_MODE, null, null,
                        "a WM ROM is waiting for a download (it sends C)");
            }
            List<SerialLine> lines = decoder.feed(java.util.Arrays.copyOf(buffer, n));
            if (bootLine == null) {
                bootLine = lines.stream().filter(SerialLine::isBootLine).findFirst().orElse(null);
                if (bootLine != null) {
                    deadline = Math.min(deadline, System.nanoTime() + PROMPT_AFTER_BOOT.toNanos());
                }
            }
            Optional<SerialLine> prompt = lines.stream().filter(SerialLine::isPrompt).findFirst()
                    .or(() -> decoder.partialLine().filter(SerialLine::isPrompt));
            if (prompt.isPresent()) {
                return new ProbeResult(ProbeResult.Evidence.CLI_PROMPT, prompt.get().promptChip(),
                        bootLine == null ? null : bootLine.bootVersion(),
                        "WM CLI prompt '" + prompt.get().promptChip() + ": '");
            }
        }
        if (bootLine != null) {
            return new ProbeResult(ProbeResult.Evidence.BOOT_LINES, null, bootLine.bootVersion(),
                    "WM boot line: " + bootLine.text());
        }
        return new ProbeResult(ProbeResult.Evidence.NONE, null, null, heardAnything
                ? "data arrived but no WM prompt, boot line or ROM answer (wrong baud rate?)"
                : "no answer to CR within " + timeout.toMillis() + " ms");
    }
}
