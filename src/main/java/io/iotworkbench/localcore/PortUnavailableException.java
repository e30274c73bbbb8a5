package io.iotworkbench.localcore;

import java.io.IOException;

/**
 * A port of the Local IoT Core could not be opened (in use, or not allowed): says which one, in words a user can act
 * on. Immutable.
 */
public final class PortUnavailableException extends IOException {

    private static final long serialVersionUID = 1L;

    private final String what;
    private final String host;
    private final int port;

    public PortUnavailableException(String what, String host, int port, String reason, Throwable cause) {
        super("The " + what + " port " + port + " on " + host + " cannot be opened (" + reason + "): another "
                + "program may use it. Choose another port, or 0 for any free port, or stop that program.", cause);
        this.what = what;
        this.host = host;
        this.port = port;
    }

    /** Which listener: "MQTT", "REST API", "HTTPS device endpoint". */
    public String what() {
        return what;
    }

    public String host() {
        return host;
    }

    public int port() {
        return port;
    }
}
