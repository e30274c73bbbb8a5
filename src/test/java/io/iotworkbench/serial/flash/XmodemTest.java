package io.iotworkbench.serial.flash;

import io.iotworkbench.serial.SerialChannel;
import io.iotworkbench.serial.SerialPipe;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.time.Duration;
import java.util.Arrays;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** XMODEM-1K between {@link XmodemSender} and {@link XmodemReceiver} over an in-process {@link SerialPipe}. */
class XmodemTest {

    private final SerialPipe pipe = new SerialPipe("xmodem-test");
    private final SerialChannel device = pipe.deviceEnd();
    private SerialChannel host;

    @BeforeEach
    void openHost() throws IOException {
        host = pipe.openHostEnd();
    }

    @AfterEach
    void closeHost() throws IOException {
        host.close();
    }

    private SerialChannel host() {
        return host;
    }

    /** A receiver on its own thread: asks with C, answers every block, ends on EOT or cancel. */
    private CompletableFuture<XmodemReceiver> receive(boolean answer) {
        return CompletableFuture.supplyAsync(() -> {
            XmodemReceiver receiver = new XmodemReceiver(1 << 20);
            byte[] buffer = new byte[2048];
            try {
                device.write(new byte[] {'C'});
                while (true) {
                    int n = device.read(buffer, 0, buffer.length, Duration.ofSeconds(5));
                    if (n <= 0) {
                        return receiver;
                    }
                    for (int i = 0; i < n; i++) {
                        XmodemReceiver.Reply reply = receiver.accept(buffer[i] & 0xFF);
                        if (!answer) {
                            continue;
                        }
                        switch (reply) {
                            case ACK, COMPLETE -> device.write(new byte[] {Xmodem.ACK});
                            case NAK -> device.write(new byte[] {Xmodem.NAK});
                            default -> { }
                        }
                        if (reply == XmodemReceiver.Reply.COMPLETE || reply == XmodemReceiver.Reply.CANCELLED) {
                            return receiver;
                        }
                    }
                }
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        });
    }

    private static byte[] image(int bodySize) {
        byte[] body = new byte[bodySize];
        new Random(bodySize).nextBytes(body);
        return new WmImageBuilder().version("xmodem").body(body).build();
    }

    @Test
    void sendsAGeneratedImageInOneKibiByteBlocks() throws Exception {
        byte[] image = image(5_000);
        CompletableFuture<XmodemReceiver> received = receive(true);
        AtomicLong progress = new AtomicLong();

        XmodemSender.Result result = new XmodemSender(host(), XmodemSender.Options.DEFAULT)
                .send(image, progress::set, () -> false);

        XmodemReceiver receiver = received.get(60, TimeUnit.SECONDS);
        assertThat(result.blocks()).isEqualTo(5);
        assertThat(result.retransmissions()).isZero();
        assertThat(progress.get()).isEqualTo(image.length);
        byte[] data = receiver.data();
        assertThat(data).hasSize(5 * 1024);
        assertThat(Arrays.copyOf(data, image.length)).isEqualTo(image);
        assertThat(Arrays.copyOfRange(data, image.length, data.length)).containsOnly((byte) 0x1A);
        assertThat(WmImage.parse(data, 0).header().version()).isEqualTo("xmodem");
    }

    @Test
    void endsWithAShortBlockWhenNoMoreThan128BytesRemain() throws Exception {
        byte[] data = new byte[1024 + 100];
        new Random(3).nextBytes(data);
        CompletableFuture<XmodemReceiver> received = receive(true);

        XmodemSender.Result result = new XmodemSender(host(), XmodemSender.Options.DEFAULT)
                .send(data, n -> { }, () -> false);

        assertThat(result.blocks()).isEqualTo(2);
        byte[] got = received.get(60, TimeUnit.SECONDS).data();
        assertThat(got).hasSize(1024 + 128);
        assertThat(Arrays.copyOf(got, data.length)).isEqualTo(data);
    }

    @Test
    void resendsABlockTheReceiverNaks() throws Exception {
        byte[] image = image(4_000);
        pipe.corruptHostToDevice(1 + 3 + 1029 + 500);
        CompletableFuture<XmodemReceiver> received = receive(true);

        XmodemSender.Result result = new XmodemSender(host(), XmodemSender.Options.DEFAULT)
                .send(image, n -> { }, () -> false);

        XmodemReceiver receiver = received.get(60, TimeUnit.SECONDS);
        assertThat(receiver.naks()).isEqualTo(1);
        assertThat(result.retransmissions()).isEqualTo(1);
        assertThat(receiver.blocks()).isEqualTo(4);
        assertThat(Arrays.copyOf(receiver.data(), image.length)).isEqualTo(image);
    }

    @Test
    void cancellingSendsCanAndStops() throws Exception {
        byte[] image = image(10_000);
        CompletableFuture<XmodemReceiver> received = receive(true);
        AtomicBoolean cancel = new AtomicBoolean();

        assertThatThrownBy(() -> new XmodemSender(host(), XmodemSender.Options.DEFAULT)
                .send(image, n -> cancel.set(n >= 2048), cancel::get))
                .isInstanceOf(FlashCancelledException.class)
                .hasMessage("Flash cancelled");

        XmodemReceiver receiver = received.get(60, TimeUnit.SECONDS);
        assertThat(receiver.failure()).isEqualTo(XmodemReceiver.Failure.SENDER_CANCELLED);
        assertThat(receiver.blocks()).isEqualTo(2);
    }

    @Test
    void givesUpOnABlockThatIsNeverAcknowledged() throws Exception {
        receive(false);
        XmodemSender.Options quick = new XmodemSender.Options(Duration.ofSeconds(2), Duration.ofMillis(50), 2,
                (byte) 0x1A);

        assertThatThrownBy(() -> new XmodemSender(host(), quick).send(image(100), n -> { }, () -> false))
                .isInstanceOf(FlashException.class)
                .hasMessage("Block 1 was not acknowledged after 3 attempts");
    }

    @Test
    void reportsAReceiverThatNeverAsks() throws Exception {
        XmodemSender.Options quick = new XmodemSender.Options(Duration.ofMillis(200), Duration.ofMillis(50), 2,
                (byte) 0x1A);

        assertThatThrownBy(() -> new XmodemSender(host(), quick).send(image(100), n -> { }, () -> false))
                .isInstanceOf(FlashException.class)
                .hasMessageStartingWith("The receiver never asked for the transfer");
    }

    @Test
    void theReceiverAcknowledgesARepeatedBlockWithoutKeepingItTwice() {
        XmodemReceiver receiver = new XmodemReceiver(1 << 16);
        byte[] block = new byte[133];
        block[0] = Xmodem.SOH;
        block[1] = 1;
        block[2] = (byte) 254;
        Arrays.fill(block, 3, 131, (byte) 7);
        int crc = Crc16Ccitt.xmodem(block, 3, 128);
        block[131] = (byte) (crc >>> 8);
        block[132] = (byte) crc;

        assertThat(feed(receiver, block)).isEqualTo(XmodemReceiver.Reply.ACK);
        assertThat(feed(receiver, block)).isEqualTo(XmodemReceiver.Reply.ACK);
        assertThat(receiver.data()).hasSize(128);
        block[1] = 5;
        block[2] = (byte) 250;
        assertThat(feed(receiver, block)).isEqualTo(XmodemReceiver.Reply.CANCELLED);
        assertThat(receiver.failure()).isEqualTo(XmodemReceiver.Failure.OUT_OF_SEQUENCE);
    }

    private static XmodemReceiver.Reply feed(XmodemReceiver receiver, byte[] bytes) {
        XmodemReceiver.Reply last = XmodemReceiver.Reply.NONE;
        for (byte b : bytes) {
            last = receiver.accept(b & 0xFF);
        }
        return last;
    }
}
