package io.iotworkbench.localcore.broker;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;

import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * MQTT 3.1.1 packets as the broker reads and writes them: decoding of whole frames (as {@link MqttFrameSplitter}
 * cuts them) into small records, and encoding of the packets the broker sends straight into buffers. PUBLISH is
 * read in place by {@link ClientConnection} and written by {@link Message}, the hot path.
 *
 * <p>Stateless; the methods are thread-safe.
 */
final class MqttPackets {

    static final int CONNECT = 1;
    static final int CONNACK = 2;
    static final int PUBLISH = 3;
    static final int PUBACK = 4;
    static final int PUBREC = 5;
    static final int PUBREL = 6;
    static final int PUBCOMP = 7;
    static final int SUBSCRIBE = 8;
    static final int SUBACK = 9;
    static final int UNSUBSCRIBE = 10;
    static final int UNSUBACK = 11;
    static final int PINGREQ = 12;
    static final int PINGRESP = 13;
    static final int DISCONNECT = 14;

    /** CONNACK return codes of MQTT 3.1.1. */
    static final int ACCEPTED = 0;
    static final int UNACCEPTABLE_PROTOCOL_VERSION = 1;
    static final int IDENTIFIER_REJECTED = 2;
    static final int NOT_AUTHORIZED = 5;
    /** SUBACK return code for a refused filter. */
    static final int SUBACK_FAILURE = 0x80;

    private MqttPackets() {
    }

    /** A packet that breaks MQTT 3.1.1's encoding rules; the message says how. */
    static final class MalformedPacketException extends Exception {
        MalformedPacketException(String message) {
            super(message);
        }
    }

    record Will(String topic, byte[] payload, int qos, boolean retain) {
    }

    record Connect(String protocolName, int protocolLevel, boolean cleanSession, int keepAliveSeconds,
                   String clientId, Will will) {
    }

    record Subscribe(int packetId, List<String> filters, int[] qos) {
    }

    record Unsubscribe(int packetId, List<String> filters) {
    }

    static int type(ByteBuf frame) {
        return frame.getUnsignedByte(frame.readerIndex()) >> 4;
    }

    static int flags(ByteBuf frame) {
        return frame.getUnsignedByte(frame.readerIndex()) & 0x0F;
    }

    /** Index of the first byte after the fixed header (the splitter has checked the remaining length). */
    static int bodyStart(ByteBuf frame) {
        int i = frame.readerIndex() + 1;
        while ((frame.getUnsignedByte(i++) & 0x80) != 0) {
            // remaining-length continuation bytes
        }
        return i;
    }

    static Connect readConnect(ByteBuf f) throws MalformedPacketException {
        if (flags(f) != 0) {
            throw new MalformedPacketException("CONNECT with reserved flags set");
        }
        Reader r = new Reader(f, bodyStart(f));
        String protocol = r.string("protocol name");
        int level = r.u8("protocol level");
        int connectFlags = r.u8("connect flags");
        int keepAlive = r.u16("keep-alive");
        if (!protocol.equals("MQTT") && !protocol.equals("MQIsdp")) {
            throw new MalformedPacketException("unknown protocol name '" + protocol + "'");
        }
        if (level != 4) {
            // MQTT 3.1 or 5: the caller answers with CONNACK 1 without reading further
            return new Connect(protocol, level, true, keepAlive, "", null);
        }
        if ((connectFlags & 0x01) != 0) {
            throw new MalformedPacketException("CONNECT with the reserved flag set");
        }
        boolean clean = (connectFlags & 0x02) != 0;
        boolean willFlag = (connectFlags & 0x04) != 0;
        int willQos = (connectFlags >> 3) & 0x03;
        boolean willRetain = (connectFlags & 0x20) != 0;
        boolean password = (connectFlags & 0x40) != 0;
        boolean username = (connectFlags & 0x80) != 0;
        if (!willFlag && (willQos != 0 || willRetain)) {
            throw new MalformedPacketException("will QoS or retain without a will");
        }
        if (willQos == 3) {
            throw new MalformedPacketException("will QoS 3");
        }
        if (password && !username) {
            throw new MalformedPacketException("password without a user name");
        }
        String clientId = r.string("client id");
        Will will = null;
        if (willFlag) {
            String topic = r.string("will topic");
            byte[] payload = r.binary("will message");
            will = new Will(topic, payload, willQos, willRetain);
        }
        if (username) {
            r.string("user name");
        }
        if (password) {
            r.binary("password");
        }
        r.end("CONNECT");
        return new Connect(protocol, level, clean, keepAlive, clientId, will);
    }

    static Subscribe readSubscribe(ByteBuf f) throws MalformedPacketException {
        if (flags(f) != 0x02) {
            throw new MalformedPacketException("SUBSCRIBE with wrong fixed-header flags");
        }
        Reader r = new Reader(f, bodyStart(f));
        int packetId = r.packetId();
        List<String> filters = new ArrayList<>(2);
        List<Integer> qos = new ArrayList<>(2);
        while (r.remaining() > 0) {
            filters.add(r.string("topic filter"));
            int q = r.u8("requested QoS");
            if ((q & 0xFC) != 0) {
                throw new MalformedPacketException("SUBSCRIBE with reserved bits set in the requested QoS");
            }
            qos.add(q);
        }
        if (filters.isEmpty()) {
            throw new MalformedPacketException("SUBSCRIBE without a topic filter");
        }
        return new Subscribe(packetId, filters, qos.stream().mapToInt(Integer::intValue).toArray());
    }

    static Unsubscribe readUnsubscribe(ByteBuf f) throws MalformedPacketException {
        if (flags(f) != 0x02) {
            throw new MalformedPacketException("UNSUBSCRIBE with wrong fixed-header flags");
        }
        Reader r = new Reader(f, bodyStart(f));
        int packetId = r.packetId();
        List<String> filters = new ArrayList<>(2);
        while (r.remaining() > 0) {
            filters.add(r.string("topic filter"));
        }
        if (filters.isEmpty()) {
            throw new MalformedPacketException("UNSUBSCRIBE without a topic filter");
        }
        return new Unsubscribe(packetId, filters);
    }

    /** The packet id of a PUBACK (or PUBREC, PUBREL, PUBCOMP). */
    static int readAckPacketId(ByteBuf f) throws MalformedPacketException {
        Reader r = new Reader(f, bodyStart(f));
        int id = r.packetId();
        r.end("acknowledgement");
        return id;
    }

    // --- encoding ---

    static ByteBuf connAck(ByteBufAllocator alloc, boolean sessionPresent, int returnCode) {
        return alloc.buffer(4).writeByte(CONNACK << 4).writeByte(2).writeByte(sessionPresent ? 1 : 0)
                .writeByte(returnCode);
    }

    static ByteBuf pubAck(ByteBufAllocator alloc, int packetId) {
        return alloc.buffer(4).writeByte(PUBACK << 4).writeByte(2).writeShort(packetId);
    }

    static ByteBuf subAck(ByteBufAllocator alloc, int packetId, int[] codes) {
        int remaining = 2 + codes.length;
        ByteBuf b = alloc.buffer(2 + remaining).writeByte(SUBACK << 4).writeByte(remaining).writeShort(packetId);
        for (int c : codes) {
            b.writeByte(c);
        }
        return b;
    }

    static ByteBuf unsubAck(ByteBufAllocator alloc, int packetId) {
        return alloc.buffer(4).writeByte(UNSUBACK << 4).writeByte(2).writeShort(packetId);
    }

    static ByteBuf pingResp(ByteBufAllocator alloc) {
        return alloc.buffer(2).writeByte(PINGRESP << 4).writeByte(0);
    }

    /** Bytes the remaining-length field takes for {@code value}. */
    static int remainingLengthSize(int value) {
        return value < 128 ? 1 : value < 16_384 ? 2 : value < 2_097_152 ? 3 : 4;
    }

    static void writeRemainingLength(ByteBuf b, int value) {
        do {
            int digit = value % 128;
            value /= 128;
            b.writeByte(value > 0 ? digit | 0x80 : digit);
        } while (value > 0);
    }

    static int writeRemainingLength(byte[] b, int at, int value) {
        do {
            int digit = value % 128;
            value /= 128;
            b[at++] = (byte) (value > 0 ? digit | 0x80 : digit);
        } while (value > 0);
        return at;
    }

    /**
     * Decodes a topic or filter as MQTT demands: well-formed UTF-8 without U+0000. The fast decoder replaces bad
     * sequences with U+FFFD, so only a string that contains U+FFFD is decoded again strictly.
     */
    static String utf8(ByteBuf b, int index, int length) throws MalformedPacketException {
        String s = b.toString(index, length, StandardCharsets.UTF_8);
        if (s.indexOf('\0') >= 0) {
            throw new MalformedPacketException("a string with the character U+0000");
        }
        if (s.indexOf('\uFFFD') >= 0) {
            try {
                StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                        .onUnmappableCharacter(CodingErrorAction.REPORT).decode(b.nioBuffer(index, length));
            } catch (CharacterCodingException e) {
                throw new MalformedPacketException("a string that is not valid UTF-8");
            }
        }
        return s;
    }

    /** Sequential reads inside one frame, each checked against the frame's end. */
    private static final class Reader {
        private final ByteBuf f;
        private int i;
        private final int end;

        Reader(ByteBuf f, int start) {
            this.f = f;
            this.i = start;
            this.end = f.writerIndex();
        }

        int remaining() {
            return end - i;
        }

        private void need(int n, String what) throws MalformedPacketException {
            if (end - i < n) {
                throw new MalformedPacketException("the packet ends inside its " + what);
            }
        }

        int u8(String what) throws MalformedPacketException {
            need(1, what);
            return f.getUnsignedByte(i++);
        }

        int u16(String what) throws MalformedPacketException {
            need(2, what);
            int v = f.getUnsignedShort(i);
            i += 2;
            return v;
        }

        int packetId() throws MalformedPacketException {
            int id = u16("packet id");
            if (id == 0) {
                throw new MalformedPacketException("packet id 0");
            }
            return id;
        }

        String string(String what) throws MalformedPacketException {
            int n = u16(what);
            need(n, what);
            String s = utf8(f, i, n);
            i += n;
            return s;
        }

        byte[] binary(String what) throws MalformedPacketException {
            int n = u16(what);
            need(n, what);
            byte[] b = new byte[n];
            f.getBytes(i, b);
            i += n;
            return b;
        }

        void end(String what) throws MalformedPacketException {
            if (i != end) {
                throw new MalformedPacketException(what + " with " + (end - i) + " bytes too many");
            }
        }
    }

    /** For tests and messages: a packet type's name. */
    static String name(int type) {
        return switch (type) {
            case CONNECT -> "CONNECT";
            case CONNACK -> "CONNACK";
            case PUBLISH -> "PUBLISH";
            case PUBACK -> "PUBACK";
            case PUBREC -> "PUBREC";
            case PUBREL -> "PUBREL";
            case PUBCOMP -> "PUBCOMP";
            case SUBSCRIBE -> "SUBSCRIBE";
            case SUBACK -> "SUBACK";
            case UNSUBSCRIBE -> "UNSUBSCRIBE";
            case UNSUBACK -> "UNSUBACK";
            case PINGREQ -> "PINGREQ";
            case PINGRESP -> "PINGRESP";
            case DISCONNECT -> "DISCONNECT";
            default -> "reserved packet type " + type;
        };
    }
}
