package io.iotworkbench.cert;

import java.time.Duration;

/**
 * One step of a {@link ConnectionCheck}: which, its verdict, how long it took, and a plain-language explanation of what
 * was found or what failed and what to do. Immutable.
 */
public record ConnectionStep(Stage stage, Verdict verdict, Duration took, String explanation) {

    /** The steps, in the order a connection goes through them. */
    public enum Stage {
        NAME_RESOLUTION("Name resolution"),
        TCP_CONNECT("TCP connect"),
        SERVER_VERIFICATION("TLS server verification"),
        CLIENT_CERTIFICATE("Client certificate accepted"),
        MQTT_CONNACK("MQTT CONNACK");

        private final String title;

        Stage(String title) {
            this.title = title;
        }

        public String title() {
            return title;
        }
    }

    /** {@code [verdict] title (n ms): explanation}, one line. */
    @Override
    public String toString() {
        return "[" + verdict.label() + "] " + stage.title() + (verdict == Verdict.SKIPPED ? "" : " ("
                + took.toMillis() + " ms)") + ": " + explanation;
    }
}
