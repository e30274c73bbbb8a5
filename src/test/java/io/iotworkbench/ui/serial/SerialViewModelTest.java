package io.iotworkbench.ui.serial;

import io.iotworkbench.serial.PortInfo;
import io.iotworkbench.serial.PortState;
import io.iotworkbench.serial.PtyTests;
import io.iotworkbench.serial.console.SerialLine;
import io.iotworkbench.serial.timeline.TimelineEvent;
import io.iotworkbench.serial.virtualboard.SocatPtyPair;
import io.iotworkbench.ui.common.PaneContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

/** The Serial pane's view model and its timeline, without a toolkit. */
@Tag("integration")
class SerialViewModelTest {

    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final PortInfo BUILT_IN = new PortInfo("ttyS0", "/dev/ttyS0", "Built-in serial", -1, -1, null,
            null);
    private static final PortInfo WCH = new PortInfo("ttyUSB0", "/dev/ttyUSB0", "USB Serial", 0x1a86, 0x7523, null,
            "1-1");

    @TempDir
    Path dir;

    private final SerialTestThreads threads = new SerialTestThreads(2);
    private final FxThread fx = threads.fx;
    private final ScheduledExecutorService scheduler = threads.scheduler;
    private final AtomicLong messageClock = new AtomicLong(System.currentTimeMillis());
    private PaneContext context;
    private SerialViewModel vm;

    @AfterEach
    void stop() throws Exception {
        threads.close(vm == null ? null : vm::dispose);
    }

    private SerialViewModel paneWith(List<PortInfo> ports) throws Exception {
        context = PaneContexts.create(fx, scheduler, dir.resolve("data"), messageClock::get);
        vm = fx.call(() -> new SerialViewModel(context, () -> ports, Clock.systemUTC()));
        return vm;
    }

    @Test
    void portsAreListedWithTheWchBridgeChosenAsTheLikelyWmBoard() throws Exception {
        paneWith(List.of(BUILT_IN, WCH));
        fx.await("the port list", WAIT, () -> vm.ports().size() == 2);
        assertThat(fx.call(() -> vm.selectedPortProperty().get())).isEqualTo(WCH);
        assertThat(fx.call(vm::portSummary)).isEqualTo("2 ports, 1 likely WM board");
        assertThat(WCH.label()).contains("[1a86:7523]", "likely a WM board");
        assertThat(fx.call(vm::target)).isEqualTo("/dev/ttyUSB0");
        fx.run(() -> vm.pathProperty().set("  /tmp/pty7 "));
        assertThat(fx.call(vm::target)).as("a typed path wins").isEqualTo("/tmp/pty7");
    }

    @Test
    void badSettingsAndNoPortAreExplainedAndNothingOpens() throws Exception {
        paneWith(List.of());
        fx.run(vm::open);
        assertThat(fx.call(() -> vm.messageProperty().get())).startsWith("Choose a port or type a path");
        fx.run(() -> {
            vm.pathProperty().set("/dev/does-not-exist-42");
            vm.baudRateProperty().set("fast");
            vm.open();
        });
        assertThat(fx.call(() -> vm.messageProperty().get()))
                .isEqualTo("The baud rate must be a number, e.g. 115200, not 'fast'.");
        fx.run(() -> {
            vm.baudRateProperty().set("921,600");
            vm.open();
        });
        fx.await("the failed open", WAIT, () -> vm.messageProperty().get().startsWith("Cannot open"));
        assertThat(fx.call(() -> vm.consoles().size())).isZero();
        assertThat(fx.call(() -> vm.settings().baudRate())).isEqualTo(921_600);
    }

    @Test
    void aPtyPathOpensInItsOwnConsoleAndSeveralPortsStayOpen() throws Exception {
        SocatPtyPair first = PtyTests.socat(dir.resolve("a").toFile().mkdirs() ? dir.resolve("a") : dir);
        threads.closeAfter(first);
        Path second = dir.resolve("b");
        second.toFile().mkdirs();
        SocatPtyPair other = SocatPtyPair.open(second);
        threads.closeAfter(other);
        paneWith(List.of());
        fx.run(() -> {
            vm.pathProperty().set(first.userPath().toString());
            vm.open();
        });
        fx.await("the first console", WAIT, () -> vm.consoles().size() == 1);
        fx.run(() -> {
            vm.pathProperty().set(other.userPath().toString());
            vm.open();
        });
        fx.await("the second console", WAIT, () -> vm.consoles().size() == 2);
        ConsoleViewModel a = fx.call(() -> vm.consoles().get(0));
        assertThat(a.name()).isEqualTo(first.userPath().toString());
        assertThat(fx.call(() -> a.statusProperty().get().state())).isEqualTo(PortState.OPEN);
        assertThat(fx.call(a::statusText)).isEqualTo("open at 115200 8N1");
        assertThat(fx.call(() -> vm.selectedConsoleProperty().get().name())).isEqualTo(other.userPath().toString());
        assertThat(vm.session().serialBoard().orElseThrow().name()).as("the session shares the selected board")
                .isEqualTo(other.userPath().toString());

        fx.run(() -> {
            vm.pathProperty().set(first.userPath().toString());
            vm.open();
        });
        assertThat(fx.call(() -> vm.messageProperty().get())).endsWith("is already open.");
        fx.run(() -> vm.close(a));
        assertThat(fx.call(() -> vm.consoles().size())).isEqualTo(1);
        fx.run(() -> vm.close(vm.consoles().get(0)));
        assertThat(vm.session().serialBoard()).as("no board open, none shared").isEmpty();
    }

    @Test
    void theVirtualBoardOpensAndItsLinesMeetTheThingsMessagesOnTheTimeline() throws Exception {
        paneWith(List.of());
        fx.run(vm::startVirtualBoard);
        fx.await("the virtual board's console", WAIT, () -> vm.consoles().size() == 1);
        ConsoleViewModel board = fx.call(() -> vm.consoles().get(0));
        assertThat(board.isVirtualBoard()).isTrue();
        fx.await("boot lines", WAIT, () -> board.lines().stream().anyMatch(SerialLine::isBootLine));
        fx.await("serial lines on the timeline", WAIT, () -> vm.timeline().events().stream()
                .anyMatch(e -> e.source() == TimelineEvent.Source.SERIAL && e.text().contains("main: ver:")));

        messageClock.set(System.currentTimeMillis());
        context.pipeline().offer("$aws/things/wm_demo_1/shadow/update/accepted",
                "{\"state\":{\"reported\":{\"led\":\"red\"}}}".getBytes(StandardCharsets.UTF_8), 1, false, false);
        context.pipeline().offer("$aws/things/someone_else/shadow/update/accepted", new byte[0], 1, false, false);
        context.pipeline().offer("$aws/things/wm_demo_1/jobs/notify-next", "{}".getBytes(StandardCharsets.UTF_8), 1,
                false, false);
        fx.await("the shadow and job messages", WAIT, () -> vm.timeline().events().stream()
                .filter(e -> e.source() != TimelineEvent.Source.SERIAL).count() == 2);
        List<TimelineEvent> events = fx.call(() -> List.copyOf(vm.timeline().events()));
        assertThat(events).extracting(TimelineEvent::origin).doesNotContain(
                "$aws/things/someone_else/shadow/update/accepted");
        assertThat(events).filteredOn(e -> e.source() == TimelineEvent.Source.SHADOW).singleElement()
                .extracting(TimelineEvent::text).isEqualTo("{\"state\":{\"reported\":{\"led\":\"red\"}}}");
        assertThat(events).isSortedAccordingTo(io.iotworkbench.serial.timeline.TimelineMerger.ORDER);

        var session = context.fxSession().session();
        assertThat(session.board().current()).as("demo scripts type into the pane's virtual board").isPresent();
        fx.run(() -> vm.close(board));
        assertThat(session.board().current()).as("closed: demo scripts start a board of their own").isEmpty();
    }

    @Test
    void theTimelineMergesLateMessagesBetweenSerialLinesByTime() throws Exception {
        paneWith(List.of());
        TimelineViewModel timeline = vm.timeline();
        Instant base = Instant.parse("2026-01-01T10:00:00Z");
        var sink = timeline.serialSink("/dev/ttyUSB0");
        sink.accept(List.of(line(1, base.plusMillis(1000), "[I] (1) main: one"),
                line(2, base.plusMillis(3000), "[I] (3) main: three")));
        messageClock.set(base.plusMillis(2000).toEpochMilli());
        context.pipeline().offer("$aws/things/wm_demo_1/shadow/update/delta", "{}".getBytes(), 1, false, false);
        fx.await("three events", WAIT, () -> timeline.events().size() == 3);
        messageClock.set(base.plusMillis(500).toEpochMilli());
        context.pipeline().offer("$aws/things/wm_demo_1/shadow/get/accepted", "{}".getBytes(), 1, false, false);
        fx.await("four events", WAIT, () -> timeline.events().size() == 4);
        assertThat(fx.call(() -> timeline.events().stream().map(TimelineEvent::time).toList())).containsExactly(
                base.plusMillis(500), base.plusMillis(1000), base.plusMillis(2000), base.plusMillis(3000));
        assertThat(fx.call(() -> timeline.events().stream().map(TimelineEvent::source).toList())).containsExactly(
                TimelineEvent.Source.SHADOW, TimelineEvent.Source.SERIAL, TimelineEvent.Source.SHADOW,
                TimelineEvent.Source.SERIAL);

        fx.run(() -> timeline.serialShownProperty().set(false));
        sink.accept(List.of(line(3, base.plusMillis(4000), "hidden")));
        messageClock.set(base.plusMillis(5000).toEpochMilli());
        context.pipeline().offer("$aws/things/wm_demo_1/shadow/update/accepted", "{}".getBytes(), 1, false, false);
        fx.await("the message sent after the hidden line", WAIT, () -> timeline.events().size() >= 5);
        assertThat(fx.call(() -> timeline.events().stream().map(TimelineEvent::source).toList()))
                .as("serial lines switched off: the line before the message did not arrive").containsExactly(
                        TimelineEvent.Source.SHADOW, TimelineEvent.Source.SERIAL, TimelineEvent.Source.SHADOW,
                        TimelineEvent.Source.SERIAL, TimelineEvent.Source.SHADOW);
    }

    private static SerialLine line(long n, Instant time, String text) {
        return new SerialLine(n, time, text, List.of(), null, null, -1, null, -1, 0, false, false);
    }
}
