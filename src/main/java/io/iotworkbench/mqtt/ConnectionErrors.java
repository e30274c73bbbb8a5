package io.iotworkbench.mqtt;

import io.iotworkbench.session.Profile;
import org.eclipse.paho.client.mqttv3.MqttException;

import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLException;
import java.io.EOFException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.security.cert.CertPathValidatorException;
import java.security.cert.CertificateException;

/**
 * Turns a failed MQTT connection into a sentence a newcomer understands: what failed (name resolution, TCP, server
 * trust, host name, client certificate, CONNACK) and what to do about it.
 *
 * <p>Stateless and thread-safe.
 */
public final class ConnectionErrors {

    static final String CLOSED_DURING_HANDSHAKE = "The server closed the connection before answering: it probably "
            + "refused the client certificate (unknown to this account or region, inactive or revoked, or signed by a "
            + "CA the server does not accept), or the key does not belong to the certificate.";

    private ConnectionErrors() {
    }

    private static boolean closedByPeer(String message) {
        String m = String.valueOf(message).toLowerCase(java.util.Locale.ROOT);
        return m.contains("broken pipe") || m.contains("connection reset") || m.contains("socket closed")
                || m.contains("connection closed");
    }

    public static String explain(Throwable error, Profile profile) {
        String where = profile.endpoint() + ":" + profile.port();
        for (Throwable t = error; t != null; t = t.getCause()) {
            if (t instanceof UnknownHostException) {
                return "The endpoint host '" + profile.endpoint() + "' could not be found (DNS). Check the endpoint "
                        + "in the profile and your network.";
            }
            if (t instanceof ConnectException || t instanceof NoRouteToHostException) {
                return "Nothing accepts connections at " + where + ". Check host and port"
                        + (profile.kind() == io.iotworkbench.session.ProfileKind.LOCAL
                        ? " (is the Local IoT Core running?)." : "; a firewall may block port " + profile.port() + ".");
            }
            if (t instanceof SocketTimeoutException) {
                return "The connection to " + where + " timed out. A firewall may drop port " + profile.port()
                        + "; try port 443 (ALPN) in the profile.";
            }
            if (t instanceof CertificateException certError && certError.getMessage() != null
                    && certError.getMessage().contains("No subject alternative")) {
                return "The server's certificate does not name '" + profile.endpoint() + "' (host name mismatch). "
                        + "Use the endpoint host exactly as AWS gives it.";
            }
            if (t instanceof CertPathValidatorException || t instanceof SSLHandshakeException
                    && String.valueOf(t.getMessage()).contains("PKIX")) {
                return "The server at " + where + " is not trusted by the root CA in this profile. For AWS use "
                        + "Amazon Root CA 1 (AmazonRootCA1.pem), not the device certificate.";
            }
            if (t instanceof SSLHandshakeException || t instanceof EOFException) {
                String m = String.valueOf(t.getMessage());
                if (m.contains("bad_certificate") || m.contains("certificate_unknown")
                        || m.contains("certificate_required")
                        || t instanceof EOFException) {
                    return "The server refused the client certificate. It may be unknown to this account or region, "
                            + "inactive or revoked, or the key does not belong to the certificate.";
                }
            }
            if (t instanceof SSLException) {
                return "The TLS handshake with " + where + " failed: " + t.getMessage();
            }
            if (t instanceof java.net.SocketException && closedByPeer(t.getMessage())) {
                return CLOSED_DURING_HANDSHAKE;
            }
            if (t instanceof MqttException mqtt) {
                String text = explainReason(mqtt.getReasonCode());
                if (text != null) {
                    return text;
                }
            }
        }
        String detail = error instanceof MqttException mqtt ? "MQTT client code " + mqtt.getReasonCode() + ", "
                + mqtt.getMessage() : error.getMessage();
        return "The connection to " + where + " failed (" + detail + ").";
    }

    /** CONNACK and client reason codes, or null when the code says nothing useful by itself. */
    static String explainReason(int code) {
        return switch (code) {
            case MqttException.REASON_CODE_INVALID_PROTOCOL_VERSION ->
                    "The server does not accept MQTT 3.1.1 (CONNACK 1).";
            case MqttException.REASON_CODE_INVALID_CLIENT_ID ->
                    "The server rejected the client id (CONNACK 2). Use the thing name or another id the policy "
                            + "allows.";
            case MqttException.REASON_CODE_BROKER_UNAVAILABLE
                    -> "The server is unavailable (CONNACK 3). Try again later.";
            case MqttException.REASON_CODE_FAILED_AUTHENTICATION ->
                    "The server rejected the credentials (CONNACK 4).";
            case MqttException.REASON_CODE_NOT_AUTHORIZED ->
                    "Not authorised (CONNACK 5): the policy attached to this certificate does not allow iot:Connect "
                            + "with this client id, or the certificate is inactive.";
            case MqttException.REASON_CODE_CONNECTION_LOST ->
                    "The server closed the connection. On AWS this usually means the certificate is not accepted or "
                            + "the policy does not allow iot:Connect for this client id.";
            case MqttException.REASON_CODE_CLIENT_TIMEOUT -> "The server did not answer in time.";
            case MqttException.REASON_CODE_SERVER_CONNECT_ERROR -> CLOSED_DURING_HANDSHAKE;
            default -> null;
        };
    }
}
