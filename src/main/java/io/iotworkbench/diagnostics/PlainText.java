package io.iotworkbench.diagnostics;

import java.util.regex.Pattern;

/**
 * Makes a library's exception message fit for the user: Java class names such as {@code java.io.IOException: } or
 * {@code org.bouncycastle.openssl.PEMException: } that libraries put in front of their reason are dropped, and the
 * message is never empty. Used wherever a BouncyCastle, Jackson or JDK message is shown (the Jackson-specific parts
 * are {@link io.iotworkbench.storage.Json#problem}'s). Stateless.
 */
public final class PlainText {

    private static final Pattern CLASS_PREFIX = Pattern.compile(
            "\\b(?:[a-z][a-z0-9_]*\\.)+[A-Z][A-Za-z0-9_$]*(?:Exception|Error)\\b:? ?");

    private PlainText() {
    }

    /** {@code message} without qualified exception class names; {@code fallback} when nothing is left. */
    public static String withoutJavaNames(String message, String fallback) {
        if (message == null) {
            return fallback;
        }
        String text = CLASS_PREFIX.matcher(message).replaceAll("").strip();
        return text.isEmpty() ? fallback : text;
    }
}
