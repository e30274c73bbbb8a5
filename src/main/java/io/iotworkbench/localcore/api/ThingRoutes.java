package io.iotworkbench.localcore.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.iotworkbench.localcore.AwsErrorKind;
import io.iotworkbench.localcore.AwsServiceException;
import io.iotworkbench.localcore.registry.Page;
import io.iotworkbench.localcore.registry.Registry;
import io.iotworkbench.localcore.registry.ThingFilter;
import io.iotworkbench.localcore.registry.ThingRecord;
import io.iotworkbench.localcore.registry.ThingUpdate;

import java.util.Map;

import static io.iotworkbench.localcore.api.ControlPlaneJson.invalid;

/**
 * The thing operations of the control plane (CreateThing, DescribeThing, ListThings, UpdateThing, DeleteThing) in
 * AWS's rest-json shapes, on the {@link Registry}. Billing groups do not exist in the Local IoT Core, so naming one is
 * ResourceNotFoundException. Thread-safe (stateless over the registry).
 */
final class ThingRoutes {

    private final Registry registry;

    ThingRoutes(Registry registry) {
        this.registry = registry;
    }

    void register(Router router, String service) {
        router.add("POST", "/things/{thingName}", service, this::createThing)
                .add("GET", "/things/{thingName}", service, this::describeThing)
                .add("GET", "/things", service, this::listThings)
                .add("PATCH", "/things/{thingName}", service, this::updateThing)
                .add("DELETE", "/things/{thingName}", service, this::deleteThing);
    }

    private ApiResponse createThing(ApiRequest request) {
        JsonNode body = request.json();
        String billingGroup = body.path("billingGroupName").asText(null);
        if (billingGroup != null) {
            throw new AwsServiceException(AwsErrorKind.RESOURCE_NOT_FOUND, "Billing group " + billingGroup
                    + " does not exist (the Local IoT Core has no billing groups).");
        }
        Map<String, String> attributes = ControlPlaneJson.readStringMap(
                body.path("attributePayload").get("attributes"), "attributePayload.attributes");
        ThingRecord t = registry.createThing(request.label("thingName"), text(body, "thingTypeName"), attributes);
        return ApiResponse.json(ApiResponse.object().put("thingName", t.name()).put("thingArn", t.arn())
                .put("thingId", t.id()));
    }

    private ApiResponse describeThing(ApiRequest request) {
        ThingRecord t = registry.describeThing(request.label("thingName"));
        ObjectNode node = ApiResponse.object().put("defaultClientId", t.name()).put("thingName", t.name())
                .put("thingId", t.id()).put("thingArn", t.arn());
        if (t.thingTypeName() != null) {
            node.put("thingTypeName", t.thingTypeName());
        }
        node.set("attributes", ControlPlaneJson.stringMap(t.attributes()));
        return ApiResponse.json(node.put("version", t.version()));
    }

    private ApiResponse listThings(ApiRequest request) {
        ThingFilter filter = new ThingFilter(request.query("attributeName"), request.query("attributeValue"),
                request.queryBoolean("usePrefixAttributeValue", false), request.query("thingTypeName"));
        Page<ThingRecord> page = registry.listThings(filter, request.query("nextToken"),
                request.queryInt("maxResults"));
        ObjectNode node = ApiResponse.object();
        ArrayNode things = node.putArray("things");
        for (ThingRecord t : page.items()) {
            ObjectNode item = things.addObject().put("thingName", t.name());
            if (t.thingTypeName() != null) {
                item.put("thingTypeName", t.thingTypeName());
            }
            item.put("thingArn", t.arn());
            item.set("attributes", ControlPlaneJson.stringMap(t.attributes()));
            item.put("version", t.version());
        }
        if (page.nextToken() != null) {
            node.put("nextToken", page.nextToken());
        }
        return ApiResponse.json(node);
    }

    private ApiResponse updateThing(ApiRequest request) {
        JsonNode body = request.json();
        JsonNode payload = body.path("attributePayload");
        Map<String, String> attributes = ControlPlaneJson.readStringMap(payload.get("attributes"),
                "attributePayload.attributes");
        JsonNode expected = body.get("expectedVersion");
        if (expected != null && !expected.isNull() && !expected.canConvertToLong()) {
            throw invalid("The expectedVersion must be a number.");
        }
        registry.updateThing(request.label("thingName"), new ThingUpdate(text(body, "thingTypeName"),
                body.path("removeThingType").asBoolean(false), attributes, payload.path("merge").asBoolean(false),
                expected == null || expected.isNull() ? null : expected.asLong()));
        return ApiResponse.empty();
    }

    private ApiResponse deleteThing(ApiRequest request) {
        registry.deleteThing(request.label("thingName"), request.queryLong("expectedVersion"));
        return ApiResponse.empty();
    }

    private static String text(JsonNode body, String field) {
        JsonNode node = body.get(field);
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isTextual()) {
            throw invalid("The field " + field + " must be a string.");
        }
        return node.asText();
    }
}
