package io.iotworkbench.localcore.api;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.iotworkbench.localcore.registry.Page;
import io.iotworkbench.localcore.registry.Registry;
import io.iotworkbench.localcore.registry.ThingPrincipal;
import io.iotworkbench.localcore.registry.ThingPrincipalType;

import java.util.function.Function;

/**
 * The thing-principal operations of the control plane (AttachThingPrincipal, DetachThingPrincipal,
 * ListThingPrincipals, ListPrincipalThings) in AWS's rest-json shapes; the principal travels in the
 * {@value #PRINCIPAL_HEADER} header. Thread-safe (stateless over the registry).
 */
final class PrincipalRoutes {

    static final String PRINCIPAL_HEADER = "x-amzn-principal";

    private final Registry registry;

    PrincipalRoutes(Registry registry) {
        this.registry = registry;
    }

    void register(Router router, String service) {
        router.add("PUT", "/things/{thingName}/principals", service, this::attach)
                .add("DELETE", "/things/{thingName}/principals", service, this::detach)
                .add("GET", "/things/{thingName}/principals", service, this::listThingPrincipals)
                .add("GET", "/principals/things", service, this::listPrincipalThings);
    }

    private ApiResponse attach(ApiRequest request) {
        ThingPrincipalType type = ControlPlaneJson.enumValue(ThingPrincipalType.class,
                request.query("thingPrincipalType"), "thingPrincipalType", ThingPrincipalType.NON_EXCLUSIVE_THING);
        registry.attachThingPrincipal(request.label("thingName"), principal(request), type);
        return ApiResponse.empty();
    }

    private ApiResponse detach(ApiRequest request) {
        registry.detachThingPrincipal(request.label("thingName"), principal(request));
        return ApiResponse.empty();
    }

    private ApiResponse listThingPrincipals(ApiRequest request) {
        Page<ThingPrincipal> page = registry.listThingPrincipals(request.label("thingName"),
                request.query("nextToken"), request.queryInt("maxResults"));
        return ApiResponse.json(list(page, "principals", ThingPrincipal::principal));
    }

    private ApiResponse listPrincipalThings(ApiRequest request) {
        Page<ThingPrincipal> page = registry.listPrincipalThings(principal(request), request.query("nextToken"),
                request.queryInt("maxResults"));
        return ApiResponse.json(list(page, "things", ThingPrincipal::thingName));
    }

    private static String principal(ApiRequest request) {
        return ControlPlaneJson.required(request.header(PRINCIPAL_HEADER), "principal (header " + PRINCIPAL_HEADER
                + ")");
    }

    private static ObjectNode list(Page<ThingPrincipal> page, String field, Function<ThingPrincipal, String> value) {
        ObjectNode node = ApiResponse.object();
        ArrayNode items = node.putArray(field);
        page.items().forEach(p -> items.add(value.apply(p)));
        if (page.nextToken() != null) {
            node.put("nextToken", page.nextToken());
        }
        return node;
    }
}
