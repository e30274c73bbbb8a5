package io.iotworkbench.recording;

import java.util.regex.Pattern;

/**
 * Hides secrets in text that leaves the app in a recording: the password argument of the WM CLI's
 * {@code wifi connect <ssid> <password>} (typed, echoed by the board, or in a log line) becomes {@code ••••}.
 * Stateless.
 *
 * <p>Integrator: the {@code look} branch (presenter mode, secrets masking) owns the general masking rule; this class
 * is the minimal one the session recording needs and should delegate to it once both are merged.
 */
public final class SecretMask {

    /** What a hidden value shows. */
    public static final String HIDDEN = "••••";
    private static final Pattern WIFI_CONNECT = Pattern.compile("(wifi\\s+connect\\s+\\S+\\s+)\\S+");

    private SecretMask() {
    }

    /** {@code W800: wifi connect DemoNet s3cret} → {@code W800: wifi connect DemoNet ••••}. */
    public static String mask(String text) {
        if (text == null || !text.contains("connect")) {
            return text;
        }
        return WIFI_CONNECT.matcher(text).replaceAll("$1" + HIDDEN);
    }
}
