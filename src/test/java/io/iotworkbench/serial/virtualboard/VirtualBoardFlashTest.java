package io.iotworkbench.serial.virtualboard;

import io.iotworkbench.serial.DownloadModeEntry;
import io.iotworkbench.serial.PtyTests;
import io.iotworkbench.serial.ReconnectPolicy;
import io.iotworkbench.serial.SerialChannel;
import io.iotworkbench.serial.SerialConnection;
import io.iotworkbench.serial.SerialPipe;
import io.iotworkbench.serial.SerialSettings;
import io.iotworkbench.serial.console.SerialConsole;
import io.iotworkbench.serial.console.SerialLine;
import io.iotworkbench.serial.flash.FirmwareFile;
import io.iotworkbench.serial.flash.FlashCancelledException;
import io.iotworkbench.serial.flash.FlashOptions;
import io.iotworkbench.serial.flash.FlashProgress;
import io.iotworkbench.serial.flash.FlashReport;
import io.iotworkbench.serial.flash.WmFlasher;
import io.iotworkbench.serial.flash.WmImage;
import io.iotworkbench.serial.flash.WmImageBuilder;
import io.iotworkbench.serial.flash.WmImageHeader;
import io.iotworkbench.serial.flash.XmodemSender;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Flashing generated images into the virtual board's ROM over the WM download protocol. */
@Tag("integration")
class VirtualBoardFlashTest {

    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final FlashOptions OPTIONS = FlashOptions.DEFAULT
            .withEntry(new DownloadModeEntry.Options(10, Duration.ofSeconds(10), 5));

    @TempDir
    Path dir;

    private final List<AutoCloseable> toClose = new java.util.ArrayList<>();

    @AfterEach
    void closeAll() throws Exception {
        for (int i = toClose.size() - 1; i >= 0; i--) {
            toClose.get(i).close();
        }
    }

    private <T extends AutoCloseable> T closing(T resource) {
        toClose.add(resource);
        return resource;
    }

    private static FirmwareFile app(String version, int bodySize) throws Exception {
        byte[] body = new byte[bodySize];
        new Random(bodySize).nextBytes(body);
        byte[] image = new WmImageBuilder().version(version).updateNumber(3).body(body).build();
        return FirmwareFile.parse("app-" + version + ".img", FirmwareFile.Kind.IMG, image);
    }

    /** A board behind a pipe the test can reach, with the host end open. */
    private record PipeBoard(VirtualWmBoard board, SerialPipe pipe, SerialChannel host) {
    }

    private PipeBoard pipeBoard(BoardOptions options) throws Exception {
        SerialPipe pipe = new SerialPipe("virtual");
        VirtualWmBoard board = closing(new VirtualWmBoard(options, Clock.systemUTC()));
        pipe.onControlLines(board::controlLines);
        SerialChannel host = closing(pipe.openHostEnd());
        board.attach(pipe.deviceEnd());
        BoardModes.await(board, VirtualWmBoard.Mode.RUNNING, WAIT);
        return new PipeBoard(board, pipe, host);
    }

    @Test
    void flashesAGeneratedImageThroughAPtyAtTwoMegabaudAndTheBoardBootsIt() throws Exception {
        PtyTests.assumeSocat();
        VirtualBoardPort port = closing(VirtualBoardPort.startPty(BoardOptions.defaults(), Clock.systemUTC(), dir));
        SerialConnection connection = closing(new SerialConnection(port.endpoint(), SerialSettings.wmDefault(),
                ReconnectPolicy.DEFAULT, Clock.systemUTC()));
        SerialConsole console = closing(new SerialConsole("flash", Clock.systemUTC()));
        ConsoleWatch watch = new ConsoleWatch();
        console.addListener(watch);
        connection.addSink(console::received);
        connection.open();
        BoardModes.await(port.board(), VirtualWmBoard.Mode.RUNNING, WAIT);
        FirmwareFile file = app("3.1.4", 60_000);
        List<FlashProgress> progress = new CopyOnWriteArrayList<>();

        FlashReport report;
        int mark = watch.mark();
        try (SerialChannel channel = connection.claim("flashing")) {
            report = new WmFlasher(channel, OPTIONS.withErase(true), progress::add).flash(List.of(file), () -> false);
        }

        assertThat(report.baudRate()).isEqualTo(2_000_000);
        assertThat(report.romConfirmed()).isTrue();
        assertThat(report.bytesSent()).isEqualTo(file.length());
        assertThat(report.files()).containsExactly("app-3.1.4.img");
        VirtualWmBoard board = port.board();
        assertThat(board.eraseCount()).isEqualTo(1);
        assertThat(board.flashedImages()).singleElement().extracting(WmImage::bytes).isEqualTo(file.bytes());
        byte[] download = board.downloads().get(0);
        assertThat(Arrays.copyOf(download, file.length())).isEqualTo(file.bytes());
        assertThat(Arrays.copyOfRange(download, file.length(), download.length)).containsOnly((byte) 0x1A);
        assertThat(progress).extracting(FlashProgress::phase).contains(FlashProgress.Phase.ENTERING_DOWNLOAD_MODE,
                FlashProgress.Phase.ERASING, FlashProgress.Phase.SWITCHING_BAUD_RATE, FlashProgress.Phase.SENDING,
                FlashProgress.Phase.VERIFYING, FlashProgress.Phase.REBOOTING, FlashProgress.Phase.DONE);
        assertThat(progress).filteredOn(p -> p.phase() == FlashProgress.Phase.SENDING)
                .extracting(FlashProgress::bytesDone).isSorted().last().isEqualTo((long) file.length());
        assertThat(progress).last().extracting(FlashProgress::fraction).isEqualTo(1.0);

        SerialLine boot = watch.await(mark, l -> l.isBootLine() && "3.1.4".equals(l.bootVersion()), WAIT);
        assertThat(boot.message()).isEqualTo("ver: 3.1.4 build at May 26 2025 10:00:00");
        assertThat(board.firmwareVersion()).isEqualTo("3.1.4");
        assertThat(connection.isClaimed()).isFalse();
    }

    @Test
    void flashesAnFlsOfSeveralImagesInOneSession() throws Exception {
        PipeBoard b = pipeBoard(BoardOptions.defaults());
        byte[] partitionTable = new WmImageBuilder().imageType(WmImageHeader.TYPE_PARTITION_TABLE)
                .headerAddress(0x0800E000L).version("pt").body(new byte[200]).build();
        byte[] application = app("9.9", 3_000).bytes();
        byte[] fls = new byte[partitionTable.length + application.length];
        System.arraycopy(partitionTable, 0, fls, 0, partitionTable.length);
        System.arraycopy(application, 0, fls, partitionTable.length, application.length);
        FirmwareFile file = FirmwareFile.parse("project.fls", FirmwareFile.Kind.FLS, fls);

        FlashReport report = new WmFlasher(b.host(), OPTIONS, p -> { }).flash(List.of(file), () -> false);

        assertThat(report.baudRate()).isEqualTo(2_000_000);
        assertThat(b.board().flashedImages()).extracting(i -> i.header().version()).containsExactly("pt", "9.9");
        assertThat(b.board().flashedImages().get(1).bytes()).isEqualTo(application);
        BoardModes.await(b.board(), VirtualWmBoard.Mode.RUNNING, WAIT);
        assertThat(b.board().firmwareVersion()).isEqualTo("9.9");
        assertThat(b.host().baudRate()).isEqualTo(115_200);
    }

    @Test
    void sendsSeveralFilesSyncingBetweenThem() throws Exception {
        PipeBoard b = pipeBoard(BoardOptions.defaults());
        FirmwareFile first = app("1.0", 1_500);
        FirmwareFile second = app("2.0", 2_500);

        FlashReport report = new WmFlasher(b.host(), OPTIONS.withReboot(false), p -> { })
                .flash(List.of(first, second), () -> false);

        assertThat(report.files()).containsExactly("app-1.0.img", "app-2.0.img");
        assertThat(b.board().flashedImages()).extracting(i -> i.header().version()).containsExactly("1.0", "2.0");
        assertThat(b.board().mode()).isEqualTo(VirtualWmBoard.Mode.ROM);
    }

    @Test
    void fallsBackTo115200WhenTheRomDoesNotAnswerAtTwoMegabaud() throws Exception {
        PipeBoard b = pipeBoard(BoardOptions.defaults().withRomAcceptsBaudSwitch(false));
        List<String> messages = new CopyOnWriteArrayList<>();

        FlashReport report = new WmFlasher(b.host(), OPTIONS, p -> messages.add(p.message()))
                .flash(List.of(app("4.2", 5_000)), () -> false);

        assertThat(report.baudRate()).isEqualTo(115_200);
        assertThat(messages).contains("no answer at 2000000 baud; falling back to 115200");
        assertThat(b.board().flashedImages()).singleElement().extracting(i -> i.header().version()).isEqualTo("4.2");
    }

    @Test
    void staysAt115200WhenTheAdapterCannotDoTwoMegabaud() throws Exception {
        PipeBoard b = pipeBoard(BoardOptions.defaults());
        b.pipe().setHostMaxBaudRate(921_600);
        List<String> messages = new CopyOnWriteArrayList<>();

        FlashReport report = new WmFlasher(b.host(), OPTIONS, p -> messages.add(p.message()))
                .flash(List.of(app("5.0", 2_000)), () -> false);

        assertThat(report.baudRate()).isEqualTo(115_200);
        assertThat(messages).contains("the adapter does not support 2000000 baud; staying at 115200");
        assertThat(b.board().flashedImages()).hasSize(1);
    }

    @Test
    void aCancelledFlashLeavesTheRomReadyForTheNextOne() throws Exception {
        PipeBoard b = pipeBoard(BoardOptions.defaults());
        AtomicBoolean cancel = new AtomicBoolean();
        FirmwareFile big = app("6.0", 40_000);

        assertThatThrownBy(() -> new WmFlasher(b.host(), OPTIONS, p -> cancel.set(p.bytesDone() > 8_000))
                .flash(List.of(big), cancel::get))
                .isInstanceOf(FlashCancelledException.class);
        assertThat(b.board().flashedImages()).isEmpty();
        assertThat(b.board().mode()).isEqualTo(VirtualWmBoard.Mode.ROM);

        FlashReport report = new WmFlasher(b.host(), OPTIONS, p -> { }).flash(List.of(big), () -> false);
        assertThat(report.romConfirmed()).isTrue();
        assertThat(b.board().flashedImages()).singleElement().extracting(WmImage::bytes).isEqualTo(big.bytes());
    }

    @Test
    void theRomRefusesDamagedImagesWithItsErrorLetters() throws Exception {
        PipeBoard b = pipeBoard(BoardOptions.defaults());
        assertThat(DownloadModeEntry.enter(b.host(), OPTIONS.entry(), () -> false, m -> { })).isTrue();
        byte[] image = app("7.0", 3_000).bytes();
        byte[] badBody = image.clone();
        badBody[500] ^= 1;
        byte[] badHeader = image.clone();
        badHeader[33] ^= 1;

        assertThat(sendRaw(b.host(), badBody)).isEqualTo('M');
        assertThat(DownloadModeEntry.sync(b.host(), 5, WAIT, () -> false)).isTrue();
        assertThat(sendRaw(b.host(), badHeader)).isEqualTo('L');
        assertThat(b.board().flashedImages()).isEmpty();
        assertThat(b.board().downloads()).hasSize(2);
    }

    /** Sends bytes with XMODEM past the image checks and returns the ROM's first answer after the transfer. */
    private static char sendRaw(SerialChannel host, byte[] bytes) throws Exception {
        host.discardInput();
        new XmodemSender(host, XmodemSender.Options.DEFAULT).send(bytes, n -> { }, () -> false);
        byte[] one = new byte[1];
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (System.nanoTime() < deadline) {
            if (host.read(one, 0, 1, Duration.ofMillis(500)) == 1 && one[0] != 0x06) {
                return (char) one[0];
            }
        }
        throw new AssertionError("the ROM said nothing");
    }

    @Test
    void theDownloadSequenceResetsABoardWithRtsAndSyncs() throws Exception {
        PipeBoard b = pipeBoard(BoardOptions.defaults());
        List<String> progress = new CopyOnWriteArrayList<>();

        assertThat(DownloadModeEntry.enter(b.host(), OPTIONS.entry(), () -> false, progress::add)).isTrue();

        assertThat(b.board().mode()).isEqualTo(VirtualWmBoard.Mode.ROM);
        assertThat(progress).first().asString().startsWith("resetting virtual into download mode");
        assertThat(b.board().bootCount()).isGreaterThanOrEqualTo(2);
    }

    @Test
    void enterDownloadModeThroughAConnectionAndProbeTheRom() throws Exception {
        VirtualBoardPort port = closing(VirtualBoardPort.startPipe(BoardOptions.defaults(), Clock.systemUTC()));
        SerialConnection connection = closing(new SerialConnection(port.endpoint(), SerialSettings.wmDefault(),
                ReconnectPolicy.DEFAULT, Clock.systemUTC()));
        connection.open();
        BoardModes.await(port.board(), VirtualWmBoard.Mode.RUNNING, WAIT);

        assertThat(connection.enterDownloadMode(OPTIONS.entry(), () -> false, m -> { })).isTrue();

        assertThat(connection.probe(Duration.ofSeconds(2)).evidence())
                .isEqualTo(io.iotworkbench.serial.ProbeResult.Evidence.ROM_DOWNLOAD_MODE);
    }
}
