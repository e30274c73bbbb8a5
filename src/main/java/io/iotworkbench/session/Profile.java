package io.iotworkbench.session;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;

import java.util.Objects;

/**
 * One way to reach an IoT Core: where it is, which thing the session works as, and where the device's certificate,
 * private key and server root CA live on disk. A profile stores file paths only, never key contents, and names an AWS
 * credentials profile, never credentials themselves (the AWS SDK's default chain, named profiles and SSO resolve
 * them).
 *
 * <p>Immutable and thread-safe; "with" methods return changed copies.
 *
 * @param port 8883 (MQTT over TLS) or 443 (MQTT over TLS with ALPN {@code x-amzn-mqtt-ca})
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Profile(
        String name,
        ProfileKind kind,
        String region,
        String endpoint,
        int port,
        String thingName,
        String clientId,
        String certificateFile,
        String privateKeyFile,
        String rootCaFile,
        String credentialsProfile) {

    public static final String LOCAL_NAME = "Local IoT Core";
    public static final String DEFAULT_LOCAL_THING = "wm_demo_1";
    public static final int MQTT_TLS_PORT = 8883;
    public static final int MQTT_ALPN_PORT = 443;
    public static final String AWS_MQTT_ALPN = "x-amzn-mqtt-ca";

    public Profile {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(kind, "kind");
    }

    /**
     * The built-in profile for the Local IoT Core. Its endpoint, port and files are filled in when the emulator runs
     * (it listens on a free port and issues the certificate), so they stay empty here.
     */
    public static Profile localDefault() {
        return new Profile(LOCAL_NAME, ProfileKind.LOCAL, "local", "127.0.0.1", MQTT_TLS_PORT, DEFAULT_LOCAL_THING,
                "iot-workbench", null, null, null, null);
    }

    /** A new AWS profile with sensible defaults, for the "new profile" dialog to start from. */
    public static Profile newAws(String name) {
        return new Profile(name, ProfileKind.AWS, "us-east-1", "", MQTT_TLS_PORT, "", "iot-workbench", null, null,
                null, "default");
    }

    @JsonIgnore
    public boolean isBuiltIn() {
        return kind == ProfileKind.LOCAL && LOCAL_NAME.equals(name);
    }

    public Profile withName(String newName) {
        return new Profile(newName, kind, region, endpoint, port, thingName, clientId, certificateFile, privateKeyFile,
                rootCaFile, credentialsProfile);
    }

    public Profile withThingName(String newThing) {
        return new Profile(name, kind, region, endpoint, port, newThing, clientId, certificateFile, privateKeyFile,
                rootCaFile, credentialsProfile);
    }

    public Profile withEndpoint(String newEndpoint, int newPort) {
        return new Profile(name, kind, region, newEndpoint, newPort, thingName, clientId, certificateFile,
                privateKeyFile, rootCaFile, credentialsProfile);
    }

    public Profile withFiles(String certificate, String privateKey, String rootCa) {
        return new Profile(name, kind, region, endpoint, port, thingName, clientId, certificate, privateKey, rootCa,
                credentialsProfile);
    }

    public Profile withClientId(String newClientId) {
        return new Profile(name, kind, region, endpoint, port, thingName, newClientId, certificateFile,
                privateKeyFile, rootCaFile, credentialsProfile);
    }

    @Override
    public String toString() {
        return name;
    }
}
