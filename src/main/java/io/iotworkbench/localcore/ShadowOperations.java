package io.iotworkbench.localcore;

import java.util.List;

/**
 * The Device Shadow service's operations as the REST data plane calls them (GetThingShadow, UpdateThingShadow,
 * DeleteThingShadow, ListNamedShadowsForThing). The MQTT topics reach the same implementation, so both ways give the
 * same documents, versions and errors. An update or delete through here also publishes the MQTT messages AWS sends
 * (update/accepted, update/documents, update/delta, delete/accepted) to subscribers.
 *
 * <p>Implementations are thread-safe.
 */
public interface ShadowOperations {

    /**
     * The outcome of one operation: the HTTP status AWS would answer with (200, or the error document's code) and the
     * JSON body (the accepted document, or the error document {@code {"code":..,"message":..,"timestamp":..}}).
     */
    record Result(int status, byte[] body) {
        public boolean ok() {
            return status == 200;
        }
    }

    /** {@code shadowName} is empty for the classic shadow. */
    Result get(String thingName, String shadowName);

    Result update(String thingName, String shadowName, byte[] payload);

    Result delete(String thingName, String shadowName);

    /** Names of the thing's named shadows that exist (not deleted), sorted; the classic shadow is never listed. */
    List<String> listNamedShadows(String thingName);
}
