package io.iotworkbench.localcore.broker;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.Unpooled;

import java.nio.charset.StandardCharsets;

/**
 * One published message inside the broker, encoded once: {@link #frame} is the complete QoS 0 PUBLISH packet (RETAIN
 * clear) that every QoS 0 subscriber gets as it is ({@link #qos0Frame}, a retained duplicate: no copy); a QoS 1
 * delivery, a retained delivery and a resend write a small header of their own followed by a retained slice of the
 * same payload bytes. The bytes never change after construction, so one message is shared by every subscriber on
 * every event loop.
 *
 * <p>A client's message lives in a pooled buffer (outside the Java heap, so a backlog of queued messages costs the
 * garbage collector nothing) and is reference-counted: whoever keeps a message beyond the call that handed it over
 * (a delivery in a batch, a session's queue or in-flight window) calls {@link #retain} and later {@link #release}.
 * Messages the broker makes itself and the copies kept as retained messages are on the heap.
 *
 * <p>Thread-safe (immutable bytes, atomic reference count).
 */
final class Message {

    final String topic;
    /** {@code topic/<topic>}: the resource of {@code iot:Receive}, computed once instead of per delivery. */
    final String receiveResource;
    /** The QoS the message was published with (0 or 1); each delivery uses min(this, the subscription's QoS). */
    final int qos;
    /** Whether it was published with RETAIN. */
    final boolean retain;
    private final ByteBuf frame;
    private final int topicOffset;
    private final int topicLength;
    private final int payloadOffset;

    private Message(String topic, String receiveResource, int qos, boolean retain, ByteBuf frame, int topicOffset,
                    int topicLength) {
        this.topic = topic;
        this.receiveResource = receiveResource;
        this.qos = qos;
        this.retain = retain;
        this.frame = frame;
        this.topicOffset = topicOffset;
        this.topicLength = topicLength;
        this.payloadOffset = topicOffset + topicLength;
    }

    /**
     * A message from a client's PUBLISH frame: topic and payload bytes are copied out of {@code in} into one pooled
     * buffer. The caller owns one reference.
     */
    static Message fromFrame(ByteBufAllocator alloc, String topic, String receiveResource, int qos, boolean retain,
                             ByteBuf in, int topicIndex, int topicLength, int payloadIndex, int payloadLength) {
        int remaining = 2 + topicLength + payloadLength;
        int size = 1 + MqttPackets.remainingLengthSize(remaining) + remaining;
        ByteBuf frame = alloc.directBuffer(size, size);
        frame.writeByte(MqttPackets.PUBLISH << 4);
        MqttPackets.writeRemainingLength(frame, remaining);
        frame.writeShort(topicLength);
        int at = frame.writerIndex();
        frame.writeBytes(in, topicIndex, topicLength);
        frame.writeBytes(in, payloadIndex, payloadLength);
        return new Message(topic, receiveResource, qos, retain, frame, at, topicLength);
    }

    /** A message the broker makes itself (services, lifecycle events, wills), on the heap. */
    static Message of(String topic, byte[] payload, int qos, boolean retain) {
        byte[] t = topic.getBytes(StandardCharsets.UTF_8);
        int remaining = 2 + t.length + payload.length;
        byte[] bytes = new byte[1 + MqttPackets.remainingLengthSize(remaining) + remaining];
        bytes[0] = (byte) (MqttPackets.PUBLISH << 4);
        int at = MqttPackets.writeRemainingLength(bytes, 1, remaining);
        bytes[at++] = (byte) (t.length >> 8);
        bytes[at++] = (byte) t.length;
        System.arraycopy(t, 0, bytes, at, t.length);
        System.arraycopy(payload, 0, bytes, at + t.length, payload.length);
        return new Message(topic, "topic/" + topic, qos, retain, Unpooled.wrappedBuffer(bytes), at, t.length);
    }

    /**
     * This message on the heap, for the retained-message store: the store never releases it (it is dropped to the
     * garbage collector when replaced), so a subscriber reading it from the store on another thread can never see
     * it freed.
     */
    Message heapCopy() {
        byte[] bytes = new byte[frame.readableBytes()];
        frame.getBytes(frame.readerIndex(), bytes);
        return new Message(topic, receiveResource, qos, retain, Unpooled.wrappedBuffer(bytes),
                topicOffset - frame.readerIndex(), topicLength);
    }

    Message retain() {
        frame.retain();
        return this;
    }

    void release() {
        frame.release();
    }

    int payloadLength() {
        return frame.writerIndex() - payloadOffset;
    }

    /** A copy of the payload, for listeners that keep it. */
    byte[] payload() {
        byte[] out = new byte[payloadLength()];
        frame.getBytes(payloadOffset, out);
        return out;
    }

    /** The shared QoS 0 packet: a retained duplicate the write releases. */
    ByteBuf qos0Frame() {
        return frame.retainedDuplicate();
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

    /** The payload as a retained slice the write releases. */
    ByteBuf payloadBuffer() {
        return frame.retainedSlice(payloadOffset, payloadLength());
    }

    @Override
    public String toString() {
        return "Message[" + topic + ", qos " + qos + (retain ? ", retained" : "") + ", " + payloadLength() + " B]";
    }
}
