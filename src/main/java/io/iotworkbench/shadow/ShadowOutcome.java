package io.iotworkbench.shadow;

import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.Objects;
import java.util.Optional;

/**
 * What one shadow operation produced: either a rejection ({@link #error()}), or an accepted reply with, for update
 * and delete, the shadow to store, and for update the {@code update/documents} and (when desired and reported still
 * differ) {@code update/delta} messages to publish.
 *
 * <p>Topics for the emulator: {@link #response()} goes to {@code .../<operation>/accepted} when
 * {@link #isAccepted()}, else to {@code .../<operation>/rejected}; {@link #documents()} to
 * {@code .../update/documents}; {@link #delta()} to {@code .../update/delta}. Over REST, {@link #status()} and
 * {@link #response()} are the HTTP status and body.
 *
 * <p>Immutable as far as the engine is concerned: the JSON nodes are fresh for each outcome and belong to the caller.
 */
public final class ShadowOutcome {

    private final ShadowError error;
    private final ObjectNode accepted;
    private final StoredShadow newShadow;
    private final ObjectNode documents;
    private final ObjectNode delta;
    private final long timestamp;

    private ShadowOutcome(ShadowError error, ObjectNode accepted, StoredShadow newShadow, ObjectNode documents,
                          ObjectNode delta, long timestamp) {
        this.error = error;
        this.accepted = accepted;
        this.newShadow = newShadow;
        this.documents = documents;
        this.delta = delta;
        this.timestamp = timestamp;
    }

    public static ShadowOutcome rejected(ShadowError error, long timestamp) {
        return new ShadowOutcome(Objects.requireNonNull(error, "error"), null, null, null, null, timestamp);
    }

    /**
     * @param newShadow null when nothing changes (get)
     * @param documents null except for update
     * @param delta     null unless an update leaves a non-empty delta
     */
    static ShadowOutcome accepted(ObjectNode accepted, StoredShadow newShadow, ObjectNode documents, ObjectNode delta,
                                  long timestamp) {
        return new ShadowOutcome(null, Objects.requireNonNull(accepted, "accepted"), newShadow, documents, delta,
                timestamp);
    }

    public boolean isAccepted() {
        return error == null;
    }

    /** 200 when accepted, else the error's code. */
    public int status() {
        return error == null ? 200 : error.code();
    }

    /** The accepted document, or the error document. */
    public ObjectNode response() {
        return error == null ? accepted : error.toJson(timestamp);
    }

    public Optional<ShadowError> error() {
        return Optional.ofNullable(error);
    }

    /** The accepted document (update/accepted, get/accepted or delete/accepted), if accepted. */
    public Optional<ObjectNode> acceptedDocument() {
        return Optional.ofNullable(accepted);
    }

    /** The shadow to store after an accepted update or delete; empty for get and for rejections. */
    public Optional<StoredShadow> newShadow() {
        return Optional.ofNullable(newShadow);
    }

    /** The {@code update/documents} message of an accepted update. */
    public Optional<ObjectNode> documents() {
        return Optional.ofNullable(documents);
    }

    /** The {@code update/delta} message of an accepted update that leaves desired and reported different. */
    public Optional<ObjectNode> delta() {
        return Optional.ofNullable(delta);
    }

    /** The epoch second the operation ran at (the documents' {@code timestamp}). */
    public long timestamp() {
        return timestamp;
    }

    @Override
    public String toString() {
        return error == null ? "accepted " + ShadowJson.write(accepted) : "rejected " + error;
    }
}
