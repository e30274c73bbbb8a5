package io.iotworkbench.localcore.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.iotworkbench.localcore.registry.Page;
import io.iotworkbench.localcore.registry.Registry;
import io.iotworkbench.localcore.registry.ThingTypeRecord;

import static io.iotworkbench.localcore.api.ControlPlaneJson.putTime;

/**
 * The thing-type operations of the control plane (CreateThingType, DescribeThingType, ListThingTypes,
 * DeprecateThingType, DeleteThingType) in AWS's rest-json shapes, on {@link Registry#thingTypes()}. Tags on
 * CreateThingType are accepted and not kept. Thread-safe (stateless over the registry).
 */
final class ThingTypeRoutes {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final Registry registry;

    ThingTypeRoutes(Registry registry) {
        this.registry = registry;
    }

    void register(Router router, String service) {
        router.add("POST", "/thing-types/{thingTypeName}", service, this::create)
                .add("GET", "/thing-types/{thingTypeName}", service, this::describe)
                .add("GET", "/thing-types", service, this::list)
                .add("POST", "/thing-types/{thingTypeName}/deprecate", service, this::deprecate)
                .add("DELETE", "/thing-types/{thingTypeName}", service, this::delete);
    }

    private ApiResponse create(ApiRequest request) {
        ThingTypeRecord t = registry.thingTypes().create(request.label("thingTypeName"),
                request.json().get("thingTypeProperties"));
        return ApiResponse.json(ApiResponse.object().put("thingTypeName", t.name()).put("thingTypeArn", t.arn())
                .put("thingTypeId", t.id()));
    }

    private ApiResponse describe(ApiRequest request) {
        ThingTypeRecord t = registry.thingTypes().describe(request.label("thingTypeName"));
        ObjectNode node = ApiResponse.object().put("thingTypeName", t.name()).put("thingTypeId", t.id())
                .put("thingTypeArn", t.arn());
        node.set("thingTypeProperties", properties(t));
        node.set("thingTypeMetadata", metadata(t));
        return ApiResponse.json(node);
    }

    private ApiResponse list(ApiRequest request) {
        Page<ThingTypeRecord> page = registry.thingTypes().list(request.query("nextToken"),
                request.queryInt("maxResults"), request.query("thingTypeName"));
        ObjectNode node = ApiResponse.object();
        ArrayNode types = node.putArray("thingTypes");
        for (ThingTypeRecord t : page.items()) {
            ObjectNode item = types.addObject().put("thingTypeName", t.name()).put("thingTypeArn", t.arn());
            item.set("thingTypeProperties", properties(t));
            item.set("thingTypeMetadata", metadata(t));
        }
        if (page.nextToken() != null) {
            node.put("nextToken", page.nextToken());
        }
        return ApiResponse.json(node);
    }

    private ApiResponse deprecate(ApiRequest request) {
        JsonNode undo = request.json().get("undoDeprecate");
        if (undo != null && !undo.isNull() && !undo.isBoolean()) {
            throw ControlPlaneJson.invalid("The undoDeprecate field must be true or false.");
        }
        registry.thingTypes().deprecate(request.label("thingTypeName"), undo != null && undo.asBoolean(false));
        return ApiResponse.empty();
    }

    private ApiResponse delete(ApiRequest request) {
        registry.thingTypes().delete(request.label("thingTypeName"));
        return ApiResponse.empty();
    }

    private static JsonNode properties(ThingTypeRecord t) {
        try {
            return MAPPER.readTree(t.propertiesJson());
        } catch (JsonProcessingException e) {
            return ApiResponse.object();
        }
    }

    private static ObjectNode metadata(ThingTypeRecord t) {
        ObjectNode m = ApiResponse.object().put("deprecated", t.deprecated());
        if (t.deprecationDate() != null) {
            putTime(m, "deprecationDate", t.deprecationDate());
        }
        return putTime(m, "creationDate", t.creationDate());
    }
}
