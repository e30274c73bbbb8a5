package io.iotworkbench.shadow;

/**
 * The limits the shadow engine enforces, with AWS IoT Core's values as {@link #defaults()}.
 *
 * <p>Immutable and thread-safe.
 *
 * @param maxStateBytes       largest shadow state, counted as the compact UTF-8 size of {@code desired} plus that of
 *                            {@code reported} after the update is merged (metadata does not count); AWS: 8 KB
 * @param maxDepth            deepest nesting in {@code desired} or {@code reported}, counted the Greengrass Shadow
 *                            Manager's way: the section object itself is level 1, each non-empty nested object or
 *                            array one more; scalars and empty containers do not count. AWS's error text says 6.
 * @param maxClientTokenBytes longest {@code clientToken}, in UTF-8 bytes; AWS: 64
 * @param maxPayloadBytes     largest request payload; AWS IoT's MQTT message limit is 128 KiB
 */
public record ShadowLimits(int maxStateBytes, int maxDepth, int maxClientTokenBytes, int maxPayloadBytes) {

    public static final int DEFAULT_MAX_STATE_BYTES = 8192;
    public static final int DEFAULT_MAX_DEPTH = 6;
    public static final int DEFAULT_MAX_CLIENT_TOKEN_BYTES = 64;
    public static final int DEFAULT_MAX_PAYLOAD_BYTES = 128 * 1024;

    public ShadowLimits {
        requirePositive("maxStateBytes", maxStateBytes);
        requirePositive("maxDepth", maxDepth);
        requirePositive("maxClientTokenBytes", maxClientTokenBytes);
        requirePositive("maxPayloadBytes", maxPayloadBytes);
    }

    /** AWS IoT Core's limits: 8192 state bytes, depth 6, 64-byte client tokens, 128 KiB payloads. */
    public static ShadowLimits defaults() {
        return new ShadowLimits(DEFAULT_MAX_STATE_BYTES, DEFAULT_MAX_DEPTH, DEFAULT_MAX_CLIENT_TOKEN_BYTES,
                DEFAULT_MAX_PAYLOAD_BYTES);
    }

    public ShadowLimits withMaxDepth(int depth) {
        return new ShadowLimits(maxStateBytes, depth, maxClientTokenBytes, maxPayloadBytes);
    }

    public ShadowLimits withMaxStateBytes(int bytes) {
        return new ShadowLimits(bytes, maxDepth, maxClientTokenBytes, maxPayloadBytes);
    }

    private static void requirePositive(String name, int value) {
        if (value < 1) {
            throw new IllegalArgumentException(name + " must be at least 1, was " + value);
        }
    }
}
