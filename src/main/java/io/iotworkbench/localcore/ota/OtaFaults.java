package io.iotworkbench.localcore.ota;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * Faults the Local IoT Core injects into OTA deliveries, for demos and tests: corrupt the next blocks served (over
 * HTTP a ranged GET's body, over MQTT a stream block; one byte changed, the length kept) and drop a device's
 * connection after some more stream blocks. Expired URLs are {@link PresignedUrls#expireIssuedUntilNow()}; a dropped
 * HTTP download is {@code LocalIoTCore.dropObjectConnections()}; a wrong signature is a CreateOTAUpdate with a
 * {@code customCodeSigning} signature of other bytes.
 *
 * <p>Thread-safe (atomics).
 */
public final class OtaFaults {

    private final AtomicInteger corrupt = new AtomicInteger();
    private final AtomicInteger dropAfter = new AtomicInteger(-1);

    /** The next {@code blocks} blocks served (HTTP responses or stream blocks) have one byte changed. */
    public void corruptNextBlocks(int blocks) {
        corrupt.set(blocks);
    }

    /** After {@code blocks} more stream blocks, the requesting device's MQTT connection is dropped (once). */
    public void dropConnectionAfterBlocks(int blocks) {
        dropAfter.set(blocks);
    }

    /** Changes one byte of {@code data} when a corruption is pending; returns it. */
    public byte[] maybeCorrupt(byte[] data) {
        if (data.length > 0 && corrupt.getAndUpdate(n -> n > 0 ? n - 1 : 0) > 0) {
            data[data.length / 2] ^= 0x5A;
        }
        return data;
    }

    /** Whether the connection should drop now (counts a block sent). */
    boolean dropNow() {
        return dropAfter.get() >= 0 && dropAfter.getAndDecrement() == 0;
    }
}
