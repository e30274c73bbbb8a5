package io.iotworkbench.cert;

import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/**
 * The two MQTT 3.1.1 packets a connection check needs, by hand: CONNECT (clean session, no will, no user name) and
 * reading CONNACK; plus DISCONNECT, and what each CONNACK return code means, AWS IoT's 7 included.
 *
 * <p>Stateless and thread-safe.
 */
final class MqttConnectPackets {

    static final byte[] DISCONNECT = {(byte) 0xE0, 0x00};

    private static final int CONNECT = 0x10;
    private static final int CONNACK = 0x20;
    private static final int CLEAN_SESSION = 0x02;

    private MqttConnectPackets() {
    }

    /** A CONNECT packet for {@code clientId}, clean session, with {@code keepAliveSeconds}. */
    static byte[] connect(String clientId, int keepAliveSeconds) {
        byte[] id = clientId.getBytes(StandardCharsets.UTF_8);
        if (id.length > 0xFFFF) {
            throw new IllegalArgumentException("a client id has at most 65535 bytes");
        }
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.writeBytes(new byte[] {0, 4, 'M', 'Q', 'T', 'T', 4, CLEAN_SESSION,
                (byte) (keepAliveSeconds >> 8), (byte) keepAliveSeconds});
        body.write(id.length >> 8);
        body.write(id.length);
        body.writeBytes(id);
        ByteArrayOutputStream packet = new ByteArrayOutputStream();
        packet.write(CONNECT);
        int remaining = body.size();
        do {
            int digit = remaining % 128;
            remaining /= 128;
            packet.write(remaining > 0 ? digit | 0x80 : digit);
        } while (remaining > 0);
        packet.writeBytes(body.toByteArray());
        return packet.toByteArray();
    }

    /**
     * Reads a CONNACK and returns its return code.
     *
     * @throws EOFException        when the server closes the connection first
     * @throws NotConnackException when the server answers with something else
     */
    static int readConnack(InputStream in) throws IOException {
        int type = in.read();
        if (type < 0) {
            throw new EOFException("connection closed before CONNACK");
        }
        if ((type & 0xF0) != CONNACK) {
            throw new NotConnackException(type);
        }
        int length = 0;
        int multiplier = 1;
        int b;
        do {
            b = in.read();
            if (b < 0) {
                throw new EOFException("connection closed inside CONNACK");
            }
            length += (b & 0x7F) * multiplier;
            multiplier *= 128;
        } while ((b & 0x80) != 0 && multiplier <= 128 * 128 * 128);
        byte[] rest = in.readNBytes(length);
        if (rest.length < 2) {
            throw new EOFException("connection closed inside CONNACK");
        }
        return rest[1] & 0xFF;
    }

    /** What CONNACK return code {@code code} means, and what to do, for client id {@code clientId}. */
    static String explain(int code, String clientId) {
        String policy = " Attach a policy to the certificate that allows iot:Connect on client/" + clientId
                + " (with client/${iot:Connection.Thing.ThingName} the certificate must also be attached to the thing "
                + "named '" + clientId + "').";
        return switch (code) {
            case 0 -> "Connection accepted (CONNACK 0): certificate, policy and client id '" + clientId + "' are all "
                    + "accepted.";
            case 1 -> "Unacceptable protocol version (CONNACK 1): the server does not speak MQTT 3.1.1.";
            case 2 -> "Client id rejected (CONNACK 2): '" + clientId + "' is not accepted. AWS IoT allows at most 128 "
                    + "bytes and no leading $.";
            case 3 -> "Server unavailable (CONNACK 3): the MQTT service is not available; try again later.";
            case 4 -> "Bad user name or password (CONNACK 4): certificate connections send neither; is this the "
                    + "right port?";
            case 5 -> "Not authorized (CONNACK 5)." + policy;
            case 7 -> "Not authorized (CONNACK 7, AWS IoT's code for it): no policy attached to this certificate "
                    + "allows connecting as '" + clientId + "'." + policy;
            default -> "Refused with CONNACK code " + code + ", which MQTT 3.1.1 does not define.";
        };
    }

    /** The server answered CONNECT with something that is not a CONNACK. */
    static final class NotConnackException extends IOException {
        NotConnackException(int firstByte) {
            super(String.format("expected CONNACK, got a packet starting with 0x%02X", firstByte));
        }
    }
}
