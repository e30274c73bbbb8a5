package io.iotworkbench.cert;

import io.iotworkbench.cert.ConnectionStep.Stage;
import io.iotworkbench.diagnostics.PlainText;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSession;
import javax.net.ssl.SSLSocket;
import java.io.IOException;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.security.GeneralSecurityException;
import java.security.cert.CertificateExpiredException;
import java.security.cert.CertificateNotYetValidException;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Connects a {@link CertificateBundle} to an MQTT endpoint step by step and reports each step separately, with its
 * time, verdict and a plain explanation, so that a failure names its step: name resolution, TCP connect, TLS server
 * verification (which root anchored the chain, host name match), client certificate accepted (a server refusing our
 * certificate told apart from our not trusting the server), and MQTT CONNACK (a real MQTT 3.1.1 CONNECT with the given
 * client id). Steps after a failure are reported as skipped. TLS is set up by {@link TlsContexts}: host name
 * verification, SNI, ALPN {@code x-amzn-mqtt-ca} on port 443. The check speaks TLS 1.2, as the WM SDK's mbedTLS port
 * does: there the server answers our certificate inside the handshake (it finishes the handshake only after accepting
 * it), so a refusal of our certificate is told apart from our refusing the server's without guessing. (With TLS 1.3
 * the refusal arrives after the handshake and can be lost in a connection reset.)
 *
 * <p>{@link #run} blocks for up to a few timeouts; call it off the FX thread. Immutable; concurrent runs are
 * independent.
 */
public final class ConnectionCheck {

    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(10);

    /** What the WM SDK's mbedTLS speaks; it also puts the server's verdict on our certificate in the handshake. */
    static final String PROTOCOL = "TLSv1.2";

    private static final int KEEP_ALIVE_SECONDS = 60;
    private static final Pattern ALERT = Pattern.compile("fatal alert: (\\w+)");
    private static final String REGISTRATION_HINT = "On AWS IoT the certificate may not be registered in this "
            + "account and region, may be INACTIVE or REVOKED, or its CA may not be registered: check Security, "
            + "Certificates in the AWS IoT console. On the Local IoT Core, register and activate the certificate.";

    private final Duration timeout;

    public ConnectionCheck() {
        this(DEFAULT_TIMEOUT);
    }

    /** @param timeout for the TCP connect and for each wait for the server during TLS and MQTT */
    public ConnectionCheck(Duration timeout) {
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("the timeout must be positive");
        }
        this.timeout = timeout;
    }

    /**
     * Runs the steps against {@code host:port}, connecting as {@code clientId}. Never throws for a failed step.
     *
     * @throws IllegalArgumentException for an empty host, a port outside 1–65535 or a missing client id
     */
    public ConnectionReport run(CertificateBundle bundle, String host, int port, String clientId) {
        if (host == null || host.isBlank() || port < 1 || port > 65535 || clientId == null) {
            throw new IllegalArgumentException("a connection check needs a host, a port from 1 to 65535 and a client "
                    + "id");
        }
        Steps steps = new Steps();
        InetAddress[] addresses = resolve(host, steps);
        if (addresses != null) {
            try (Socket tcp = connect(addresses, port, steps)) {
                if (tcp != null) {
                    new Session(bundle, host, port, clientId, steps).run(tcp);
                }
            } catch (IOException closing) {
                // the report is complete; closing failed after it
            }
        }
        return new ConnectionReport(host, port, steps.all());
    }

    private InetAddress[] resolve(String host, Steps steps) {
        long start = System.nanoTime();
        try {
            InetAddress[] addresses = InetAddress.getAllByName(host);
            String list = Arrays.stream(addresses).map(InetAddress::getHostAddress).collect(Collectors.joining(", "));
            steps.add(Stage.NAME_RESOLUTION, Verdict.OK, start, TlsContexts.isIpLiteral(host)
                    ? host + " is an address; nothing to resolve." : host + " resolves to " + list + ".");
            return addresses;
        } catch (UnknownHostException e) {
            steps.fail(Stage.NAME_RESOLUTION, start, "'" + host + "' cannot be resolved to an address (DNS). Check "
                    + "the spelling (an AWS IoT endpoint looks like xxxxxxxxxxxxxx-ats.iot.REGION.amazonaws.com: AWS "
                    + "IoT console, Settings, Device data endpoint) and this computer's network.");
            return null;
        }
    }

    private Socket connect(InetAddress[] addresses, int port, Steps steps) {
        long start = System.nanoTime();
        IOException last = null;
        InetAddress tried = addresses[0];
        for (InetAddress address : addresses) {
            Socket socket = new Socket();
            tried = address;
            try {
                socket.connect(new InetSocketAddress(address, port), millis());
                steps.add(Stage.TCP_CONNECT, Verdict.OK, start, "Connected to " + address.getHostAddress() + ":"
                        + port + ".");
                return socket;
            } catch (IOException e) {
                last = e;
                closeQuietly(socket);
            }
        }
        String where = tried.getHostAddress() + ":" + port;
        if (last instanceof ConnectException) {
            steps.fail(Stage.TCP_CONNECT, start, "Nothing accepts connections on " + where + " (connection refused). "
                    + "Check the port: AWS IoT takes MQTT on 8883, or on 443 with ALPN; for the Local IoT Core check "
                    + "that it runs and which port it listens on.");
        } else if (last instanceof SocketTimeoutException) {
            steps.fail(Stage.TCP_CONNECT, start, "No answer from " + where + " within " + timeout.toSeconds() + " s. "
                    + "A firewall may drop port " + port + "; AWS IoT also takes MQTT on port 443 (with ALPN "
                    + TlsContexts.AWS_MQTT_ALPN + "), which firewalls usually let through.");
        } else {
            steps.fail(Stage.TCP_CONNECT, start, "The TCP connection to " + where + " failed (" + message(last)
                    + "). Check the network: route, VPN, proxy.");
        }
        return null;
    }

    private int millis() {
        return (int) Math.min(Integer.MAX_VALUE, timeout.toMillis());
    }

    /** The TLS and MQTT steps over one TCP connection. */
    private final class Session {
        private final CertificateBundle bundle;
        private final String host;
        private final int port;
        private final String clientId;
        private final Steps steps;

        Session(CertificateBundle bundle, String host, int port, String clientId, Steps steps) {
            this.bundle = bundle;
            this.host = host;
            this.port = port;
            this.clientId = clientId;
            this.steps = steps;
        }

        void run(Socket tcp) {
            long start = System.nanoTime();
            ObservedServerTrust trust;
            ObservedClientKey keys;
            SSLContext context;
            try {
                trust = new ObservedServerTrust(TlsContexts.serverTrust(bundle.rootCas()));
                keys = new ObservedClientKey(TlsContexts.clientKeys(bundle.deviceChain(), bundle.privateKey()));
                context = TlsContexts.context(keys, trust);
            } catch (GeneralSecurityException e) {
                steps.fail(Stage.SERVER_VERIFICATION, start, "TLS cannot be set up with this bundle: " + message(e));
                return;
            }
            try (SSLSocket ssl = (SSLSocket) TlsContexts.socketFactory(context, host, port)
                    .createSocket(tcp, host, port, true)) {
                ssl.setEnabledProtocols(new String[] {PROTOCOL});
                ssl.setSoTimeout(millis());
                try {
                    ssl.startHandshake();
                } catch (IOException e) {
                    handshakeFailed(e, trust, keys, start);
                    return;
                }
                afterHandshake(ssl, trust, keys, start);
            } catch (IOException e) {
                if (steps.all().size() < Stage.values().length) {
                    steps.fail(Stage.SERVER_VERIFICATION, start, "TLS cannot be started on the connection ("
                            + message(e) + ").");
                }
            }
        }

        private void afterHandshake(SSLSocket ssl, ObservedServerTrust trust, ObservedClientKey keys, long start) {
            steps.add(Stage.SERVER_VERIFICATION, Verdict.OK, start, trusted(trust, ssl));
            if (!keys.requested()) {
                steps.add(Stage.CLIENT_CERTIFICATE, Verdict.WARNING, start, "The server did not ask for a client "
                        + "certificate, so none was sent. AWS IoT always asks for one on port 8883 and on 443 with "
                        + "ALPN; is this the right endpoint and port?");
            } else if (!keys.offered()) {
                steps.fail(Stage.CLIENT_CERTIFICATE, start, "The server asked for a client certificate, but the "
                        + "device certificate does not suit what it accepts, so none was sent.");
                return;
            } else {
                steps.add(Stage.CLIENT_CERTIFICATE, Verdict.OK, start, "The server accepted the device certificate "
                        + "(id " + bundle.certificateId() + "): it finished the handshake after verifying it.");
            }
            mqtt(ssl);
        }

        /** CONNECT and CONNACK. */
        private void mqtt(SSLSocket ssl) {
            long start = System.nanoTime();
            try {
                OutputStream out = ssl.getOutputStream();
                out.write(MqttConnectPackets.connect(clientId, KEEP_ALIVE_SECONDS));
                out.flush();
                int code = MqttConnectPackets.readConnack(ssl.getInputStream());
                if (code == 0) {
                    steps.add(Stage.MQTT_CONNACK, Verdict.OK, start, MqttConnectPackets.explain(code, clientId));
                    out.write(MqttConnectPackets.DISCONNECT);
                    out.flush();
                } else {
                    steps.fail(Stage.MQTT_CONNACK, start, MqttConnectPackets.explain(code, clientId));
                }
            } catch (MqttConnectPackets.NotConnackException e) {
                steps.fail(Stage.MQTT_CONNACK, start, "The server answered CONNECT with something that is not MQTT ("
                        + e.getMessage() + "). Is this an MQTT port?");
            } catch (SocketTimeoutException e) {
                steps.fail(Stage.MQTT_CONNACK, start, "No CONNACK within " + timeout.toSeconds() + " s. The server "
                        + "took the TLS connection but did not answer the MQTT CONNECT; is this an MQTT endpoint?");
            } catch (IOException e) {
                steps.fail(Stage.MQTT_CONNACK, start, "The server closed the connection without answering CONNECT ("
                        + message(e) + "). AWS IoT does this when no policy attached to the certificate allows "
                        + "iot:Connect as '" + clientId + "', or when the certificate has no policy at all. Check "
                        + "the certificate's policies in the AWS IoT console.");
            }
        }

        private void handshakeFailed(IOException e, ObservedServerTrust trust, ObservedClientKey keys, long start) {
            if (trust.chainProblem().isPresent()) {
                steps.fail(Stage.SERVER_VERIFICATION, start, untrusted(trust));
            } else if (trust.hostProblem().isPresent()) {
                steps.fail(Stage.SERVER_VERIFICATION, start, wrongHost(trust));
            } else if (trust.trusted() && keys.requested() && !keys.offered()) {
                steps.add(Stage.SERVER_VERIFICATION, Verdict.OK, start, trusted(trust, null));
                steps.fail(Stage.CLIENT_CERTIFICATE, start, "The server asked for a client certificate, but the "
                        + "device certificate does not suit what it accepts (" + KeyInfo.of(bundle.deviceCertificate()
                        .getPublicKey()) + "), so none was sent and the server ended the handshake.");
            } else if (trust.trusted()) {
                steps.add(Stage.SERVER_VERIFICATION, Verdict.OK, start, trusted(trust, null));
                steps.fail(Stage.CLIENT_CERTIFICATE, start, alert(e).map(this::refused).orElse("The server refused "
                        + "the device certificate: it closed the connection during the handshake, right after it was "
                        + "sent the certificate (" + message(e) + "). " + REGISTRATION_HINT));
            } else if (e instanceof SocketTimeoutException) {
                steps.fail(Stage.SERVER_VERIFICATION, start, "The TLS handshake got no answer within "
                        + timeout.toSeconds() + " s. Is " + host + ":" + port + " a TLS port?");
            } else if (alert(e).filter(a -> a.equals("protocol_version")).isPresent()) {
                steps.fail(Stage.SERVER_VERIFICATION, start, "The server does not accept TLS 1.2, the version the WM "
                        + "SDK's mbedTLS speaks (and this check uses). AWS IoT accepts it.");
            } else if (String.valueOf(e.getMessage()).contains("Unsupported or unrecognized SSL message")) {
                steps.fail(Stage.SERVER_VERIFICATION, start, "The server at " + host + ":" + port + " does not speak "
                        + "TLS; is it a plain MQTT port such as 1883? AWS IoT takes TLS on 8883 and 443.");
            } else {
                steps.fail(Stage.SERVER_VERIFICATION, start, "The TLS handshake failed before the server's "
                        + "certificate could be checked (" + message(e) + ").");
            }
        }

        private String trusted(ObservedServerTrust trust, SSLSocket sslOrNull) {
            X509Certificate[] chain = trust.serverChain();
            String anchor = trust.anchor().map(ConnectionCheck::rootName).orElse("a trusted root");
            String from = bundle.rootCas().isEmpty() ? ", from the Java runtime's trust store" : ", a root CA you gave";
            String tls = "";
            if (sslOrNull != null) {
                SSLSession session = sslOrNull.getSession();
                String alpn = sslOrNull.getApplicationProtocol();
                tls = " " + session.getProtocol() + ", " + session.getCipherSuite()
                        + (alpn == null || alpn.isEmpty() ? "" : ", ALPN " + alpn) + ".";
            }
            return "The server's certificate (" + subjectOf(chain) + ") chains to " + anchor + from + ", and it names '"
                    + host + "'." + tls;
        }

        private String untrusted(ObservedServerTrust trust) {
            X509Certificate[] chain = trust.serverChain();
            String roots = bundle.rootCas().isEmpty() ? "any root CA in the Java runtime's trust store"
                    : "the root CA you gave (" + bundle.rootCas().stream().map(ConnectionCheck::rootName)
                    .collect(Collectors.joining(", ")) + ")";
            Throwable cause = trust.chainProblem().orElseThrow();
            if (causedBy(cause, CertificateExpiredException.class)
                    || causedBy(cause, CertificateNotYetValidException.class)) {
                return "The server's certificate chain (" + subjectOf(chain) + ") is expired or not yet valid. "
                        + "Check this computer's clock; if it is right, the server's certificate must be renewed.";
            }
            String end = chain.length == 0 ? "" : ": its chain ends at a certificate issued by "
                    + chain[chain.length - 1].getIssuerX500Principal();
            return "The server's certificate (" + subjectOf(chain) + ") does not chain to " + roots + end + ". For "
                    + "AWS IoT the root CA is Amazon Root CA 1 (AmazonRootCA1.pem), not the device certificate nor "
                    + "the CA that issued it; for the Local IoT Core it is the Local IoT Core's CA (ca.pem).";
        }

        private String wrongHost(ObservedServerTrust trust) {
            X509Certificate[] chain = trust.serverChain();
            String names = chain.length == 0 ? "" : " (it names " + String.join(", ",
                    CertificateSummary.of(chain[0]).subjectAlternativeNames()) + ")";
            return "The server's certificate is trusted (it chains to " + trust.anchor().map(ConnectionCheck::rootName)
                    .orElse("a trusted root") + ") but it is not valid for the host name '" + host + "'" + names
                    + ". Connect with the host name exactly as the server's certificate gives it: for AWS IoT the "
                    + "endpoint from the console (Settings, Device data endpoint), not an IP address or an alias.";
        }

        private String refused(String alert) {
            String key = alert.equals("decrypt_error") ? " The alert " + alert + " usually means the private key does "
                    + "not belong to the certificate (see the bundle checks)." : "";
            return "The server refused the device certificate (TLS alert " + alert + "). The server itself was "
                    + "verified, so the problem is the certificate." + key + " " + REGISTRATION_HINT;
        }
    }

    static String rootName(X509Certificate root) {
        return AmazonRootCas.describe(root).orElse(root.getSubjectX500Principal().toString());
    }

    private static String subjectOf(X509Certificate[] chain) {
        return chain.length == 0 ? "not seen" : chain[0].getSubjectX500Principal().toString();
    }

    private static Optional<String> alert(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            Matcher m = ALERT.matcher(String.valueOf(t.getMessage()));
            if (m.find()) {
                return Optional.of(m.group(1));
            }
        }
        return Optional.empty();
    }

    private static boolean causedBy(Throwable e, Class<? extends Throwable> type) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (type.isInstance(t)) {
                return true;
            }
        }
        return false;
    }

    private static String message(Throwable e) {
        if (e == null) {
            return "unknown error";
        }
        String text = PlainText.withoutJavaNames(e.getMessage(), null);
        return text != null ? text : e instanceof java.net.SocketTimeoutException ? "timed out"
                : e instanceof java.io.EOFException ? "the connection was closed" : "no reason given";
    }

    private static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException ignored) {
            // nothing was sent on it
        }
    }

    /** The steps so far; after a failure, the remaining stages are skipped. Used by one run on one thread. */
    private static final class Steps {
        private final List<ConnectionStep> steps = new ArrayList<>();

        void add(Stage stage, Verdict verdict, long startNanos, String explanation) {
            steps.add(new ConnectionStep(stage, verdict, Duration.ofNanos(System.nanoTime() - startNanos),
                    explanation));
        }

        void fail(Stage stage, long startNanos, String explanation) {
            add(stage, Verdict.ERROR, startNanos, explanation);
            for (Stage later : Stage.values()) {
                if (later.ordinal() > stage.ordinal()) {
                    steps.add(new ConnectionStep(later, Verdict.SKIPPED, Duration.ZERO, "Skipped: "
                            + stage.title() + " failed."));
                }
            }
        }

        List<ConnectionStep> all() {
            return steps;
        }
    }
}
