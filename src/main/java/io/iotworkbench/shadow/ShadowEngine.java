package io.iotworkbench.shadow;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.Objects;

/**
 * AWS IoT's Device Shadow rules as pure functions: given the stored shadow (or null), a request payload and the time,
 * each operation returns a {@link ShadowOutcome} with the reply documents and, for update and delete, the shadow to
 * store. It reads no clock, touches no disk and publishes nothing; the caller loads, stores and publishes. The Local
 * IoT Core and the desktop shadow editor share this one implementation.
 *
 * <h2>Update</h2>
 * Checks, in this order; the first failure answers and nothing changes:
 * <ol>
 *   <li>payload larger than {@link ShadowLimits#maxPayloadBytes()}: 413 {@value ShadowError#PAYLOAD_TOO_LARGE}</li>
 *   <li>payload not UTF-8 (malformed bytes, or a NUL byte before the end, which is how UTF-16/32 JSON looks): 415.
 *       NUL bytes at the very end are dropped first, as AWS IoT accepts the C string the embedded SDKs send (the
 *       document and its terminating {@code \0}; the size limit counts them)</li>
 *   <li>not one JSON object (syntax error, empty payload, another root type, a duplicate key, trailing text):
 *       400 {@value ShadowError#INVALID_JSON}</li>
 *   <li>{@code clientToken} not a string of at most {@link ShadowLimits#maxClientTokenBytes()} UTF-8 bytes:
 *       400 {@value ShadowError#INVALID_CLIENT_TOKEN}, without echoing the token. From here on every reply echoes
 *       the token.</li>
 *   <li>no {@code state}: 400 {@value ShadowError#MISSING_STATE}</li>
 *   <li>{@code state} neither an object nor null: 400 {@value ShadowError#STATE_NOT_OBJECT}</li>
 *   <li>{@code desired} / {@code reported} neither an object nor null: 400 {@value ShadowError#DESIRED_NOT_OBJECT}
 *       / {@value ShadowError#REPORTED_NOT_OBJECT}</li>
 *   <li>any other key in {@code state} (e.g. {@code delta}): 400 {@code State contains an invalid node: 'delta'}
 *       (IoT Core's reply; the Greengrass Shadow Manager drops the key instead)</li>
 *   <li>{@code version} not an integer from 0 to {@code Long.MAX_VALUE} ({@code 1.0} and {@code "1"} included):
 *       400 {@value ShadowError#INVALID_VERSION}. A JSON null version counts as absent.</li>
 *   <li>nesting deeper than {@link ShadowLimits#maxDepth()}: 400 {@code JSON contains too many levels of nesting;
 *       maximum is 6} (with the configured number)</li>
 *   <li>a null element in an array, at any depth: 400 {@value ShadowError#INVALID_JSON} ([GAP] AWS rejects it but
 *       does not document the text). A null field inside an object inside an array is not an array element; arrays
 *       are stored whole, so it is kept as sent.</li>
 *   <li>{@code version} given and not equal to the current version counter: 409 {@value ShadowError#VERSION_CONFLICT}.
 *       The counter is the stored version; [GAP] for a shadow that never existed, or whose delete is 48 hours old,
 *       it is 0, and for a shadow deleted less than 48 hours ago it is its last version (the Greengrass Shadow
 *       Manager instead answers 400 for anything but 1 on a new shadow).</li>
 *   <li>merged desired plus reported larger than {@link ShadowLimits#maxStateBytes()}: [GAP] 413
 *       {@value ShadowError#PAYLOAD_TOO_LARGE} (AWS documents the limit, not the reply)</li>
 * </ol>
 * Merge: only fields in the request change; null deletes; objects merge recursively; arrays and scalars replace whole;
 * {@code "desired": null} / {@code "reported": null} removes the section; {@code "state": null} clears both but the
 * shadow still exists and its version still increments. A section or nested object that ends up empty is removed, so
 * the stored state never holds an empty object (sending {@code {"a":{}}} changes nothing when {@code a} is an object
 * or absent, and removes a scalar or array {@code a}). {@code {"state":{}}} is accepted and only increments the
 * version. Every accepted update adds 1 to the counter; the first update of a shadow gives 1; an update less than 48
 * hours after a delete continues the old numbering, a later one starts again at 1.
 *
 * <p>Metadata: every leaf written gets {@code {"timestamp":now}} at its path under {@code metadata.desired} or
 * {@code metadata.reported}; an array gets an array with one entry per element (an object element gets an object of
 * timestamps, a nested array an array); deleted fields lose their metadata.
 *
 * <p>Replies of an accepted update:
 * <ul>
 *   <li>{@code update/accepted}: {@code state} exactly as sent, {@code metadata} for the request's fields only (a
 *       null field gets a timestamp too; [GAP] omitted when {@code state} is null), {@code version},
 *       {@code timestamp}, {@code clientToken} if sent</li>
 *   <li>{@code update/documents}: {@code previous} and {@code current} as {@code {state, metadata, version}} (no
 *       delta), {@code timestamp}, {@code clientToken} if sent. [GAP] {@code previous} is left out when the shadow did
 *       not exist before (never created, or deleted), as the Greengrass Shadow Manager does.</li>
 *   <li>{@code update/delta}: whenever the resulting delta is non-empty, even if the update touched only reported (as
 *       the Greengrass Shadow Manager does; [GAP] for the cloud): {@code state} = the whole delta, {@code metadata}
 *       = its desired metadata, {@code version}, {@code timestamp}, {@code clientToken} if sent</li>
 * </ul>
 *
 * <h2>Get and delete</h2>
 * The payload may be empty or {@code {"clientToken":".."}} (the v2 Device SDKs send one and match replies by it); the
 * token is echoed on accepted and rejected replies. Anything else in the payload is ignored, as AWS documents; a
 * present but invalid token still gives 400 {@value ShadowError#INVALID_CLIENT_TOKEN}. A shadow that never existed or
 * was deleted gives 404 {@code No shadow exists with name: '<name>'}, [GAP] with {@code 'Unnamed Shadow'} for the
 * classic shadow (the Greengrass Shadow Manager's name for it, quoted as IoT Core quotes named shadows).
 * <ul>
 *   <li>{@code get/accepted}: {@code state} with {@code desired}, {@code reported} and the computed {@code delta}
 *       (each only when non-empty), {@code metadata} with {@code desired} and {@code reported}, {@code version},
 *       {@code timestamp} (now), {@code clientToken} if sent</li>
 *   <li>{@code delete/accepted}: {@code {"version":N,"timestamp":T}} with N the deleted shadow's version, plus
 *       {@code clientToken} if sent. The stored shadow keeps its version with {@code exists} false.</li>
 * </ul>
 *
 * <p>Stateless and thread-safe. Callers must serialize operations on one shadow (load, operate, store as one unit)
 * or versions are lost; {@code ShadowRepository.update} does that for the Local IoT Core.
 */
public final class ShadowEngine {

    public static final String DESIRED = "desired";
    public static final String REPORTED = "reported";
    public static final String DELTA = "delta";
    /** How long a deleted shadow's version counter survives. */
    public static final long VERSION_RETENTION_SECONDS = 48L * 60 * 60;

    private static final String STATE = "state";
    private static final String METADATA = "metadata";
    private static final String VERSION = "version";
    private static final String TIMESTAMP = "timestamp";
    private static final String CLIENT_TOKEN = "clientToken";

    private final ShadowLimits limits;

    public ShadowEngine(ShadowLimits limits) {
        this.limits = Objects.requireNonNull(limits, "limits");
    }

    /** An engine with AWS IoT Core's limits. */
    public ShadowEngine() {
        this(ShadowLimits.defaults());
    }

    public ShadowLimits limits() {
        return limits;
    }

    /**
     * Applies an update request.
     *
     * @param stored the stored shadow of {@code thingName}/{@code shadowName} (deleted ones included), or null
     * @throws IllegalArgumentException when a name is invalid or {@code stored} belongs to another shadow
     */
    public ShadowOutcome update(String thingName, String shadowName, StoredShadow stored, byte[] payload,
                                long nowEpochSeconds) {
        checkIdentity(thingName, shadowName, stored);
        Objects.requireNonNull(payload, "payload");
        ShadowRequest request;
        try {
            request = ShadowRequest.parseUpdate(payload, limits);
        } catch (Rejection rejection) {
            return ShadowOutcome.rejected(rejection.error(), nowEpochSeconds);
        }
        String token = request.clientToken();
        boolean existed = stored != null && stored.exists();
        long counter = versionCounter(stored, nowEpochSeconds);
        if (request.version() != null && request.version() != counter) {
            return ShadowOutcome.rejected(ShadowError.versionConflict(token), nowEpochSeconds);
        }

        ObjectNode state = existed ? stored.state() : ShadowJson.object();
        ObjectNode metadata = existed ? stored.metadata() : ShadowJson.object();
        ShadowMerge.apply(state, metadata, request.state(), nowEpochSeconds);
        if (ShadowJson.sizeInBytes(state.get(DESIRED)) + ShadowJson.sizeInBytes(state.get(REPORTED))
                > limits.maxStateBytes()) {
            return ShadowOutcome.rejected(ShadowError.payloadTooLarge(token), nowEpochSeconds);
        }
        StoredShadow next = new StoredShadow(thingName, shadowName, counter + 1, true, state, metadata,
                nowEpochSeconds);

        ObjectNode accepted = ShadowJson.object();
        accepted.set(STATE, request.state().deepCopy());
        if (!request.state().isNull()) {
            accepted.set(METADATA, ShadowMerge.metadataOf(request.state(), nowEpochSeconds));
        }
        accepted.put(VERSION, next.version());
        accepted.put(TIMESTAMP, nowEpochSeconds);
        putToken(accepted, token);

        ObjectNode documents = ShadowJson.object();
        if (existed) {
            documents.set("previous", snapshot(stored));
        }
        documents.set("current", snapshot(next));
        documents.put(TIMESTAMP, nowEpochSeconds);
        putToken(documents, token);

        return ShadowOutcome.accepted(accepted, next, documents, deltaMessage(next, token, nowEpochSeconds),
                nowEpochSeconds);
    }

    /**
     * Answers a get request.
     *
     * @param stored  the stored shadow (deleted ones included), or null
     * @param payload the request payload: empty, or {@code {"clientToken":".."}}
     */
    public ShadowOutcome get(String thingName, String shadowName, StoredShadow stored, byte[] payload,
                             long nowEpochSeconds) {
        checkIdentity(thingName, shadowName, stored);
        String token;
        try {
            token = ShadowRequest.clientTokenOf(payload, limits);
        } catch (Rejection rejection) {
            return ShadowOutcome.rejected(rejection.error(), nowEpochSeconds);
        }
        if (stored == null || !stored.exists()) {
            return ShadowOutcome.rejected(ShadowError.noShadow(shadowName, token), nowEpochSeconds);
        }
        ObjectNode state = stored.state();
        ObjectNode delta = stored.delta();
        if (!delta.isEmpty()) {
            state.set(DELTA, delta);
        }
        ObjectNode accepted = ShadowJson.object();
        accepted.set(STATE, state);
        accepted.set(METADATA, stored.metadata());
        accepted.put(VERSION, stored.version());
        accepted.put(TIMESTAMP, nowEpochSeconds);
        putToken(accepted, token);
        return ShadowOutcome.accepted(accepted, null, null, null, nowEpochSeconds);
    }

    /**
     * Answers a delete request.
     *
     * @param stored  the stored shadow (deleted ones included), or null
     * @param payload the request payload: empty, or {@code {"clientToken":".."}}
     */
    public ShadowOutcome delete(String thingName, String shadowName, StoredShadow stored, byte[] payload,
                                long nowEpochSeconds) {
        checkIdentity(thingName, shadowName, stored);
        String token;
        try {
            token = ShadowRequest.clientTokenOf(payload, limits);
        } catch (Rejection rejection) {
            return ShadowOutcome.rejected(rejection.error(), nowEpochSeconds);
        }
        if (stored == null || !stored.exists()) {
            return ShadowOutcome.rejected(ShadowError.noShadow(shadowName, token), nowEpochSeconds);
        }
        StoredShadow deleted = new StoredShadow(thingName, shadowName, stored.version(), false, ShadowJson.object(),
                ShadowJson.object(), nowEpochSeconds);
        ObjectNode accepted = ShadowJson.object();
        accepted.put(VERSION, stored.version());
        accepted.put(TIMESTAMP, nowEpochSeconds);
        putToken(accepted, token);
        return ShadowOutcome.accepted(accepted, deleted, null, null, nowEpochSeconds);
    }

    /**
     * The version an update's {@code version} must match, and one less than the version the update will get: the
     * stored version, except 0 for a shadow that never existed or was deleted {@value #VERSION_RETENTION_SECONDS}
     * seconds (48 hours) or more ago.
     */
    public static long versionCounter(StoredShadow stored, long nowEpochSeconds) {
        if (stored == null) {
            return 0;
        }
        if (!stored.exists() && nowEpochSeconds - stored.timestamp() >= VERSION_RETENTION_SECONDS) {
            return 0;
        }
        return stored.version();
    }

    private static void checkIdentity(String thingName, String shadowName, StoredShadow stored) {
        ShadowNames.requireThingName(thingName);
        ShadowNames.requireShadowName(shadowName);
        if (stored != null && !(stored.thingName().equals(thingName) && stored.shadowName().equals(shadowName))) {
            throw new IllegalArgumentException("The stored shadow " + stored.thingName() + "/'" + stored.shadowName()
                    + "' is not " + thingName + "/'" + shadowName + "'");
        }
    }

    private static ObjectNode snapshot(StoredShadow shadow) {
        ObjectNode snapshot = ShadowJson.object();
        snapshot.set(STATE, shadow.state());
        snapshot.set(METADATA, shadow.metadata());
        snapshot.put(VERSION, shadow.version());
        return snapshot;
    }

    private static ObjectNode deltaMessage(StoredShadow shadow, String token, long now) {
        ObjectNode delta = shadow.delta();
        if (delta.isEmpty()) {
            return null;
        }
        JsonNode desiredMetadata = shadow.metadata().get(DESIRED);
        ObjectNode message = ShadowJson.object();
        message.set(STATE, delta);
        message.set(METADATA, ShadowDelta.metadataFor(delta, desiredMetadata));
        message.put(VERSION, shadow.version());
        message.put(TIMESTAMP, now);
        putToken(message, token);
        return message;
    }

    private static void putToken(ObjectNode document, String token) {
        if (token != null) {
            document.put(CLIENT_TOKEN, token);
        }
    }
}
