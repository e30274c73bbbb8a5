package io.iotworkbench.ui.serial;

import io.iotworkbench.serial.ReconnectPolicy;
import io.iotworkbench.serial.SerialChannel;
import io.iotworkbench.serial.SerialConnection;
import io.iotworkbench.serial.SerialPipe;
import io.iotworkbench.serial.SerialSettings;
import io.iotworkbench.serial.cli.WmMacro;
import io.iotworkbench.serial.console.LogLevel;
import io.iotworkbench.serial.console.SearchMatch;
import io.iotworkbench.serial.console.SerialLine;
import io.iotworkbench.serial.flash.WmImageBuilder;
import io.iotworkbench.serial.virtualboard.BoardOptions;
import io.iotworkbench.serial.virtualboard.VirtualBoardPort;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ScheduledExecutorService;

import static org.assertj.core.api.Assertions.assertThat;

/** The console view model without a toolkit: a pipe as the port, a single thread as the FX thread. */
@Tag("integration")
class ConsoleViewModelTest {

    private static final Duration WAIT = Duration.ofSeconds(60);

    @TempDir
    Path dir;

    private final SerialTestThreads threads = new SerialTestThreads(1);
    private final FxThread fx = threads.fx;
    private final ScheduledExecutorService scheduler = threads.scheduler;
    private final ExecutorService worker = threads.worker;
    private final List<SerialLine> timeline = new CopyOnWriteArrayList<>();
    private SerialChannel device;
    private ConsoleViewModel vm;

    @AfterEach
    void stop() throws Exception {
        threads.close(vm == null ? null : vm::dispose);
    }

    private ConsoleViewModel overPipe() throws Exception {
        SerialPipe pipe = new SerialPipe("test");
        device = pipe.deviceEnd();
        SerialConnection connection = new SerialConnection(pipe.hostEndpoint(), SerialSettings.wmDefault(),
                ReconnectPolicy.NEVER, Clock.systemUTC());
        connection.open();
        vm = fx.call(() -> new ConsoleViewModel("test", connection, null, Clock.systemUTC(), worker, fx.executor(),
                scheduler, timeline::addAll));
        return vm;
    }

    private ConsoleViewModel overVirtualBoard() throws Exception {
        VirtualBoardPort port = VirtualBoardPort.startPipe(BoardOptions.defaults(), Clock.systemUTC());
        SerialConnection connection = new SerialConnection(port.endpoint(), SerialSettings.wmDefault(),
                ReconnectPolicy.NEVER, Clock.systemUTC());
        connection.open();
        vm = fx.call(() -> new ConsoleViewModel("virtual", connection, port, Clock.systemUTC(), worker,
                fx.executor(), scheduler, timeline::addAll));
        fx.await("the boot prompt", WAIT, () -> vm.partialProperty().get() != null
                && vm.partialProperty().get().text().equals("W800: "));
        return vm;
    }

    private void deviceSays(String text) throws Exception {
        byte[] b = text.getBytes(StandardCharsets.UTF_8);
        device.write(b, 0, b.length);
    }

    private String deviceHears(int atLeast) throws Exception {
        ByteArrayOutputStream got = new ByteArrayOutputStream();
        byte[] buffer = new byte[256];
        long deadline = System.currentTimeMillis() + WAIT.toMillis();
        while (got.size() < atLeast && System.currentTimeMillis() < deadline) {
            int n = device.read(buffer, 0, buffer.length, Duration.ofMillis(100));
            if (n > 0) {
                got.write(buffer, 0, n);
            }
        }
        return got.toString(StandardCharsets.ISO_8859_1);
    }

    private static final String LOG = "[I] (10) main: boot done\r\n[E] (20) wifi: connect failed\r\n"
            + "[D] (30) wifi: scan WIFI done\r\nplain banner\r\nW800: ";

    @Test
    void linesArriveInBatchesWithLevelsAndFilterByLevelAndTag() throws Exception {
        overPipe();
        deviceSays(LOG);
        fx.await("four lines", WAIT, () -> vm.lines().size() == 4);
        assertThat(fx.call(() -> vm.lines().stream().map(SerialLine::level).toList()))
                .containsExactly(LogLevel.INFO, LogLevel.ERROR, LogLevel.DEBUG, null);
        assertThat(fx.call(() -> vm.partialProperty().get().text())).isEqualTo("W800: ");
        assertThat(fx.call(() -> List.copyOf(vm.tags()))).containsExactly("main", "wifi");
        assertThat(timeline).hasSize(4);

        fx.run(() -> vm.levelShownProperty(LogLevel.ERROR).set(false));
        assertThat(fx.call(() -> vm.lines().stream().map(SerialLine::text).toList()))
                .containsExactly("[I] (10) main: boot done", "[D] (30) wifi: scan WIFI done", "plain banner");

        fx.run(() -> vm.tagProperty().set("wifi"));
        assertThat(fx.call(() -> vm.lines().stream().map(SerialLine::text).toList()))
                .containsExactly("[D] (30) wifi: scan WIFI done");

        fx.run(() -> {
            vm.tagProperty().set("");
            vm.levelShownProperty(LogLevel.ERROR).set(true);
            vm.unleveledShownProperty().set(false);
        });
        assertThat(fx.call(() -> vm.lines().size())).isEqualTo(3);

        deviceSays("\r\n[W] (40) wifi: weak signal\r\n");
        fx.await("the new warning, kept by the filter", WAIT, () -> vm.lines().size() == 4);
        assertThat(fx.call(() -> vm.lines().get(3).level())).isEqualTo(LogLevel.WARN);
    }

    @Test
    void searchFindsMatchesScrollsToTheFirstAndGivesHighlightRanges() throws Exception {
        overPipe();
        deviceSays(LOG);
        fx.await("four lines", WAIT, () -> vm.lines().size() == 4);

        fx.run(() -> vm.searchProperty().set("WIFI"));
        List<SearchMatch> matches = fx.call(() -> List.copyOf(vm.matches()));
        assertThat(matches).extracting(SearchMatch::start).containsExactly(9, 9, 20);
        assertThat(fx.call(() -> vm.scrollRequestProperty().get())).isEqualTo(1);
        assertThat(fx.call(() -> vm.followProperty().get())).as("search stops following").isFalse();
        SerialLine scan = fx.call(() -> vm.lines().get(2));
        assertThat(fx.call(() -> vm.highlightRanges(scan)))
                .containsExactly(new SearchMatch(scan.number(), 9, 13), new SearchMatch(scan.number(), 20, 24));

        fx.run(() -> vm.nextMatch(1));
        assertThat(fx.call(() -> vm.currentMatchProperty().get())).isEqualTo(1);
        fx.run(() -> vm.nextMatch(-1));
        fx.run(() -> vm.nextMatch(-1));
        assertThat(fx.call(() -> vm.currentMatchProperty().get())).as("wraps around").isEqualTo(2);

        fx.run(() -> vm.ignoreCaseProperty().set(false));
        assertThat(fx.call(() -> vm.matches().size())).isEqualTo(1);
        fx.run(() -> vm.searchProperty().set(""));
        assertThat(fx.call(() -> vm.highlightRanges(scan))).isEmpty();
    }

    @Test
    void pauseHoldsTheViewAndResumeCatchesUpClearEmptiesIt() throws Exception {
        overPipe();
        deviceSays(LOG);
        fx.await("four lines", WAIT, () -> vm.lines().size() == 4);
        fx.run(() -> vm.pausedProperty().set(true));
        deviceSays("\r\n[I] (50) main: later\r\n");
        fx.await("the line reaching the store", WAIT, () -> vm.console().store().size() == 6);
        assertThat(fx.call(() -> vm.lines().size())).isEqualTo(4);
        fx.run(() -> vm.pausedProperty().set(false));
        fx.await("the view catching up after resume", WAIT,
                () -> vm.lines().get(vm.lines().size() - 1).text().equals("[I] (50) main: later"));
        assertThat(fx.call(() -> vm.lines().get(vm.lines().size() - 1).text())).isEqualTo("[I] (50) main: later");

        fx.run(vm::clear);
        assertThat(fx.call(() -> vm.lines().size())).isZero();
        assertThat(vm.console().store().size()).isZero();
    }

    @Test
    void inputCompletesWithUsageSendsWithCrAndKeepsHistory() throws Exception {
        overPipe();
        fx.run(() -> vm.input().inputProperty().set("wifi c"));
        fx.run(vm.input()::complete);
        assertThat(fx.call(() -> vm.input().inputProperty().get())).isEqualTo("wifi connect ");
        assertThat(fx.call(() -> vm.input().usageProperty().get())).startsWith("wifi connect");

        fx.run(() -> vm.input().inputProperty().set("wifi "));
        fx.run(vm.input()::complete);
        assertThat(fx.call(() -> List.copyOf(vm.input().completions())))
                .contains("wifi init", "wifi scan", "wifi connect");

        fx.run(() -> vm.input().inputProperty().set("version"));
        fx.run(vm.input()::send);
        assertThat(deviceHears(8)).isEqualTo("version\r");
        assertThat(fx.call(() -> vm.input().inputProperty().get())).isEmpty();

        fx.run(() -> vm.input().inputProperty().set("free"));
        fx.run(vm.input()::send);
        assertThat(deviceHears(5)).isEqualTo("free\r");
        fx.run(() -> vm.input().inputProperty().set("draft"));
        fx.run(vm.input()::historyPrevious);
        assertThat(fx.call(() -> vm.input().inputProperty().get())).isEqualTo("free");
        fx.run(vm.input()::historyPrevious);
        assertThat(fx.call(() -> vm.input().inputProperty().get())).isEqualTo("version");
        fx.run(vm.input()::historyNext);
        fx.run(vm.input()::historyNext);
        assertThat(fx.call(() -> vm.input().inputProperty().get())).isEqualTo("draft");
    }

    @Test
    void macroWithAMissingPasswordIsRefusedAndSendsNothing() throws Exception {
        overPipe();
        WmMacro connect = WmMacro.awsDemo().get(1);
        boolean started = fx.call(() -> vm.input().runMacro(connect, Map.of(WmMacro.SSID, "lab")));
        assertThat(started).isFalse();
        assertThat(fx.call(() -> vm.messageProperty().get())).isEqualTo("Enter the Wi-Fi password.");
        // a line sent afterwards is the first thing the device hears: the refused macro sent nothing before it
        fx.run(() -> vm.input().inputProperty().set("version"));
        fx.run(vm.input()::send);
        assertThat(deviceHears(8)).isEqualTo("version\r");
    }

    @Test
    void theAwsDemoMacroRunsStepByStepOnTheVirtualBoard() throws Exception {
        overVirtualBoard();
        WmMacro sequence = WmMacro.awsDemo().get(4);
        assertThat(fx.call(() -> vm.input().runMacro(sequence,
                Map.of(WmMacro.SSID, "lab", WmMacro.PASSWORD, "pw123456")))).isTrue();
        fx.await("the AWS demo's first line", Duration.ofSeconds(60), () -> vm.lines().stream()
                .anyMatch(l -> l.text().contains("Establishing a TLS session")));
        List<String> texts = fx.call(() -> vm.lines().stream().map(SerialLine::text).toList());
        int gotIp = indexOf(texts, "sta got ip");
        int ntp = indexOf(texts, "ntp start");
        int aws = indexOf(texts, "aws_led");
        assertThat(gotIp).isPositive();
        assertThat(ntp).isGreaterThan(gotIp);
        assertThat(aws).isGreaterThan(ntp);
        assertThat(fx.call(() -> vm.input().history().entries())).as("the password stays out of the history").isEmpty();
    }

    private static int indexOf(List<String> texts, String part) {
        for (int i = 0; i < texts.size(); i++) {
            if (texts.get(i).contains(part)) {
                return i;
            }
        }
        return -1;
    }

    @Test
    void aBadImageIsRefusedBeforeAnythingIsSent() throws Exception {
        overVirtualBoard();
        Path bad = dir.resolve("broken.img");
        Files.write(bad, new byte[200]);
        FlashViewModel flash = vm.flash();
        assertThat(fx.call(flash::start)).as("nothing chosen").isFalse();
        fx.run(() -> flash.chooseFile(bad));
        fx.await("the check", WAIT, () -> flash.stateProperty().get() != FlashViewModel.State.CHECKING);
        assertThat(fx.call(() -> flash.stateProperty().get())).isEqualTo(FlashViewModel.State.INVALID);
        assertThat(fx.call(() -> flash.summaryProperty().get())).startsWith("Not a valid WM image: broken.img");
        assertThat(fx.call(flash::start)).isFalse();
        assertThat(fx.call(() -> flash.statusProperty().get())).startsWith("Refused");
        assertThat(vm.virtualBoard().board().downloads()).isEmpty();
    }

    @Test
    void aValidImageIsShownThenFlashedIntoTheVirtualRom() throws Exception {
        overVirtualBoard();
        byte[] body = new byte[20_000];
        new Random(7).nextBytes(body);
        byte[] image = new WmImageBuilder().version("9.9.9").updateNumber(3).body(body).build();
        Path file = dir.resolve("app.img");
        Files.write(file, image);
        FlashViewModel flash = vm.flash();
        fx.run(() -> flash.chooseFile(file));
        fx.await("the check", WAIT, () -> flash.stateProperty().get() == FlashViewModel.State.READY);
        assertThat(fx.call(() -> flash.summaryProperty().get())).contains("app.img", "1 image",
                "Headers and CRCs are valid.");

        assertThat(fx.call(flash::start)).isTrue();
        fx.await("the flash", Duration.ofSeconds(60),
                () -> flash.stateProperty().get() != FlashViewModel.State.FLASHING);
        assertThat(fx.call(() -> flash.statusProperty().get())).startsWith("Flashed app.img");
        assertThat(fx.call(() -> flash.stateProperty().get())).isEqualTo(FlashViewModel.State.DONE);
        assertThat(fx.call(() -> flash.progressProperty().get())).isEqualTo(1.0);
        assertThat(vm.virtualBoard().board().downloads()).hasSize(1);
        byte[] received = vm.virtualBoard().board().downloads().get(0);
        assertThat(java.util.Arrays.equals(received, 0, image.length, image, 0, image.length))
                .as("the image arrived byte for byte (then XMODEM padding)").isTrue();
        assertThat(vm.virtualBoard().board().flashedImages()).hasSize(1);
    }

    @Test
    void exportWritesTheVisibleLinesAndLoggingRotates() throws Exception {
        overPipe();
        Path log = dir.resolve("serial.log");
        fx.run(() -> vm.logFile().startLog(log));
        fx.await("logging", WAIT, () -> !vm.logFile().logFileProperty().get().isEmpty());
        deviceSays(LOG);
        fx.await("four lines", WAIT, () -> vm.lines().size() == 4);
        Path out = dir.resolve("export.txt");
        fx.run(() -> vm.export(out));
        fx.await("the export", WAIT, () -> vm.messageProperty().get().startsWith("Exported"));
        assertThat(Files.readAllLines(out)).containsExactly("[I] (10) main: boot done",
                "[E] (20) wifi: connect failed", "[D] (30) wifi: scan WIFI done", "plain banner");
        fx.run(vm.logFile()::stopLog);
        fx.await("the log closed", WAIT, () -> vm.messageProperty().get().startsWith("Stopped logging"));
        assertThat(Files.readAllLines(log)).hasSize(4).allMatch(l -> l.matches("\\d{4}-\\d\\d-\\d\\d .*"));
    }
}
