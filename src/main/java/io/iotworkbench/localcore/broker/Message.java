package io.iotworkbench.localcore.broker;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.Unpooled;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * One published message inside the broker, encoded once: {@link #frame} is the complete QoS 0 PUBLISH packet (RETAIN
 * clear) that every QoS 0 subscriber gets as it is, wrapped without a copy; a QoS 1 delivery, a retained delivery
 * and a resend write a small header of their own followed by the same payload bytes. The bytes are never changed
 * after construction, so one message is shared by every subscriber on every event loop.
 *
 * <p>Immutable and thread-safe.
 */
final class Message {

    final String topic;
    /** {@code topic/<topic>}: the resource of {@code iot:Receive}, computed once instead of per delivery. */
    final String receiveResource;
    /** The QoS the message was published with (0 or 1); each delivery uses min(this, the subscription's QoS). */
    final int qos;
    /** Whether it was published with RETAIN. */
    final boolean retain;
    private final byte[] frame;
    private final int topicOffset;
    private final int topicLength;
    private final int payloadOffset;

    private Message(String topic, int qos, boolean retain, byte[] frame, int topicOffset, int topicLength) {
        this.topic = topic;
        this.receiveResource = "topic/" + topic;
        this.qos = qos;
        this.retain = retain;
        this.frame = frame;
        this.topicOffset = topicOffset;
        this.topicLength = topicLength;
        this.payloadOffset = topicOffset + topicLength;
    }

    /** A message from a client's PUBLISH frame: topic and payload bytes are copied out of {@code in}. */
    static Message fromFrame(String topic, int qos, boolean retain, ByteBuf in, int topicIndex, int topicLength,
                             int payloadIndex, int payloadLength) {
        int remaining = 2 + topicLength + payloadLength;
        byte[] frame = new byte[1 + MqttPackets.remainingLengthSize(remaining) + remaining];
        frame[0] = (byte) (MqttPackets.PUBLISH << 4);
        int at = MqttPackets.writeRemainingLength(frame, 1, remaining);
        frame[at++] = (byte) (topicLength >> 8);
        frame[at++] = (byte) topicLength;
        in.getBytes(topicIndex, frame, at, topicLength);
        in.getBytes(payloadIndex, frame, at + topicLength, payloadLength);
        return new Message(topic, qos, retain, frame, at, topicLength);
    }

    /** A message the broker publishes itself (services, lifecycle events, wills). */
    static Message of(String topic, byte[] payload, int qos, boolean retain) {
        byte[] t = topic.getBytes(StandardCharsets.UTF_8);
        int remaining = 2 + t.length + payload.length;
        byte[] frame = new byte[1 + MqttPackets.remainingLengthSize(remaining) + remaining];
        frame[0] = (byte) (MqttPackets.PUBLISH << 4);
        int at = MqttPackets.writeRemainingLength(frame, 1, remaining);
        frame[at++] = (byte) (t.length >> 8);
        frame[at++] = (byte) t.length;
        System.arraycopy(t, 0, frame, at, t.length);
        System.arraycopy(payload, 0, frame, at + t.length, payload.length);
        return new Message(topic, qos, retain, frame, at, t.length);
    }

    int payloadLength() {
        return frame.length - payloadOffset;
    }

    /** A copy of the payload, for listeners that keep it. */
    byte[] payload() {
        return Arrays.copyOfRange(frame, payloadOffset, frame.length);
    }

    /** The shared QoS 0 packet, wrapped (no copy); the write releases the wrapper only. */
    ByteBuf qos0Frame() {
        return Unpooled.wrappedBuffer(frame);
    }

    /**
     * The fixed header, topic and (for QoS 1) packet id of a PUBLISH with these flags; the payload follows as
     * {@link #payloadBuffer()}.
     */
    ByteBuf header(ByteBufAllocator alloc, int deliveryQos, int packetId, boolean dup, boolean retainFlag) {
        int remaining = 2 + topicLength + (deliveryQos > 0 ? 2 : 0) + payloadLength();
        ByteBuf b = alloc.buffer(1 + MqttPackets.remainingLengthSize(remaining) + 2 + topicLength + 2);
        b.writeByte((MqttPackets.PUBLISH << 4) | (dup ? 0x08 : 0) | (deliveryQos << 1) | (retainFlag ? 1 : 0));
        MqttPackets.writeRemainingLength(b, remaining);
        b.writeBytes(frame, topicOffset - 2, 2 + topicLength);
        if (deliveryQos > 0) {
            b.writeShort(packetId);
        }
        return b;
    }

    ByteBuf payloadBuffer() {
        return Unpooled.wrappedBuffer(frame, payloadOffset, payloadLength());
    }

    @Override
    public String toString() {
        return "Message[" + topic + ", qos " + qos + (retain ? ", retained" : "") + ", " + payloadLength() + " B]";
    }
}
