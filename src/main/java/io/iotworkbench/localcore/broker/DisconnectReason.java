package io.iotworkbench.localcore.broker;

/**
 * Why a connection ended, with AWS IoT Core's names (the {@code disconnectReason} of its lifecycle events) and
 * whether AWS then publishes the client's Last Will: every reason but a client's own DISCONNECT does.
 */
enum DisconnectReason {
    /** Authentication or authorization failed: a denied publish, a certificate that left ACTIVE. */
    AUTH_ERROR,
    /** The client sent DISCONNECT. */
    CLIENT_INITIATED_DISCONNECT,
    /** The client broke the protocol or AWS's rules (a second CONNECT, a payload over 128 KB, a reserved topic…). */
    CLIENT_ERROR,
    /** The network connection went away without DISCONNECT. */
    CONNECTION_LOST,
    /** Another connection took over the client id. */
    DUPLICATE_CLIENTID,
    /** Nothing arrived for 1.5 × the keep-alive. */
    MQTT_KEEP_ALIVE_TIMEOUT,
    /** The broker failed unexpectedly. */
    SERVER_ERROR,
    /** The broker closed the connection on purpose (it is stopping). */
    SERVER_INITIATED_DISCONNECT;

    boolean clientInitiated() {
        return this == CLIENT_INITIATED_DISCONNECT;
    }

    boolean sendsWill() {
        return this != CLIENT_INITIATED_DISCONNECT;
    }
}
