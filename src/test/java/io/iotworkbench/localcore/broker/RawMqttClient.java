package io.iotworkbench.localcore.broker;

import io.iotworkbench.cert.TlsContexts;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.OutputStream;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;

/**
 * MQTT 3.1.1 by hand over a real TLS socket, for tests that need what a library will not do: keep silent past the
 * keep-alive, stop reading, leave a QoS 1 message unacknowledged, or drop the connection without DISCONNECT.
 */
final class RawMqttClient implements AutoCloseable {

    /** One packet as read: type, flags and body. */
    record Packet(int type, int flags, byte[] body) {
        int packetId(int offset) {
            return ((body[offset] & 0xFF) << 8) | (body[offset + 1] & 0xFF);
        }

        /** For a PUBLISH: the topic. */
        String topic() {
            int n = ((body[0] & 0xFF) << 8) | (body[1] & 0xFF);
            return new String(body, 2, n, StandardCharsets.UTF_8);
        }

        int qos() {
            return (flags >> 1) & 3;
        }

        boolean dup() {
            return (flags & 8) != 0;
        }

        boolean retain() {
            return (flags & 1) != 0;
        }

        /** For a QoS 1 PUBLISH: its packet id. */
        int publishPacketId() {
            int n = ((body[0] & 0xFF) << 8) | (body[1] & 0xFF);
            return packetId(2 + n);
        }

        String payloadText() {
            int n = ((body[0] & 0xFF) << 8) | (body[1] & 0xFF);
            int start = 2 + n + (qos() > 0 ? 2 : 0);
            return new String(body, start, body.length - start, StandardCharsets.UTF_8);
        }
    }

    private final SSLSocket socket;
    private final DataInputStream in;
    private final OutputStream out;

    RawMqttClient(SSLContext ctx, String host, int port) throws Exception {
        this(ctx, host, port, 0);
    }

    /** @param receiveBuffer the socket's receive buffer in bytes (0: the system's default) */
    RawMqttClient(SSLContext ctx, String host, int port, int receiveBuffer) throws Exception {
        socket = (SSLSocket) TlsContexts.socketFactory(ctx, host, 8883).createSocket();
        if (receiveBuffer > 0) {
            socket.setReceiveBufferSize(receiveBuffer);
        }
        socket.connect(new java.net.InetSocketAddress(host, port), 10_000);
        socket.setSoTimeout(15_000);
        socket.startHandshake();
        in = new DataInputStream(socket.getInputStream());
        out = socket.getOutputStream();
    }

    /** Sends CONNECT and returns the CONNACK's bytes (session present, return code). */
    int[] connect(String clientId, int keepAlive, boolean cleanSession) throws IOException {
        ByteArrayOutputStream v = new ByteArrayOutputStream();
        v.writeBytes(new byte[] {0, 4, 'M', 'Q', 'T', 'T', 4, (byte) (cleanSession ? 0x02 : 0x00),
                (byte) (keepAlive >> 8), (byte) keepAlive});
        writeString(v, clientId);
        send(0x10, v.toByteArray());
        Packet p = read();
        if (p.type() != MqttPackets.CONNACK) {
            throw new IOException("expected CONNACK, got type " + p.type());
        }
        return new int[] {p.body()[0], p.body()[1]};
    }

    void subscribe(int packetId, String filter, int qos) throws IOException {
        ByteArrayOutputStream v = new ByteArrayOutputStream();
        v.write(packetId >> 8);
        v.write(packetId);
        writeString(v, filter);
        v.write(qos);
        send(0x82, v.toByteArray());
    }

    void pubAck(int packetId) throws IOException {
        send(0x40, new byte[] {(byte) (packetId >> 8), (byte) packetId});
    }

    void ping() throws IOException {
        send(0xC0, new byte[0]);
    }

    void disconnect() throws IOException {
        send(0xE0, new byte[0]);
    }

    /** The next packet; throws {@link EOFException} when the broker closed the connection. */
    Packet read() throws IOException {
        int b0 = in.read();
        if (b0 < 0) {
            throw new EOFException("connection closed by the broker");
        }
        int len = 0;
        int mult = 1;
        int b;
        do {
            b = in.readUnsignedByte();
            len += (b & 0x7F) * mult;
            mult *= 128;
        } while ((b & 0x80) != 0);
        byte[] body = new byte[len];
        in.readFully(body);
        return new Packet(b0 >> 4, b0 & 0x0F, body);
    }

    /** The next packet of {@code type}, skipping others. */
    Packet readType(int type) throws IOException {
        while (true) {
            Packet p = read();
            if (p.type() == type) {
                return p;
            }
        }
    }

    /** Whether the broker closes the connection within {@code millis} (packets before that are skipped). */
    boolean closedWithin(long millis) throws IOException {
        long end = System.currentTimeMillis() + millis;
        while (System.currentTimeMillis() < end) {
            socket.setSoTimeout((int) Math.max(1, end - System.currentTimeMillis()));
            try {
                if (in.read() < 0) {
                    return true;
                }
            } catch (SocketTimeoutException e) {
                return false;
            } catch (IOException e) {
                return true;
            }
        }
        return false;
    }

    private void send(int header, byte[] body) throws IOException {
        ByteArrayOutputStream p = new ByteArrayOutputStream();
        p.write(header);
        int len = body.length;
        do {
            int digit = len % 128;
            len /= 128;
            p.write(len > 0 ? digit | 0x80 : digit);
        } while (len > 0);
        p.writeBytes(body);
        out.write(p.toByteArray());
        out.flush();
    }

    private static void writeString(ByteArrayOutputStream v, String s) {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        v.write(b.length >> 8);
        v.write(b.length);
        v.writeBytes(b);
    }

    /** Closes the socket without DISCONNECT (the broker sees a lost connection). */
    @Override
    public void close() throws IOException {
        socket.close();
    }
}
