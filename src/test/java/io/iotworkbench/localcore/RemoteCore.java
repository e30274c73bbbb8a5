package io.iotworkbench.localcore;

import com.fasterxml.jackson.databind.JsonNode;

import java.nio.file.Path;

/** Connects a {@link ShadowClient} to a Local IoT Core running in another process, from its local-core.json. */
final class RemoteCore {

    private RemoteCore() {
    }

    static ShadowClient client(JsonNode info, LocalIoTCore.ProvisionedThing thing) throws Exception {
        return new ShadowClient(info.at("/mqtt/host").asText(), info.at("/mqtt/port").asInt(),
                Path.of(info.get("caFile").asText()), thing, thing.thingName());
    }
}
