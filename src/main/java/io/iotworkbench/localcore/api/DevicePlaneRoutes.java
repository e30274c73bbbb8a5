package io.iotworkbench.localcore.api;

import io.iotworkbench.localcore.AwsErrorKind;
import io.iotworkbench.localcore.AwsServiceException;
import io.iotworkbench.localcore.MessagePublisher;
import io.iotworkbench.localcore.ShadowOperations;
import io.iotworkbench.localcore.policy.Authorizer;

import java.util.UUID;

/**
 * AWS IoT's device data plane over HTTPS with client certificates (AWS's port 8443): {@code POST /topics/{topic}}
 * ({@code qos} 0 or 1, {@code retain}) and the shadow REST calls {@code GET/POST/DELETE /things/{thing}/shadow
 * [?name=]}, what the WM SDK's {@code http_demo_mutual_auth} and {@code curl --cert} send. The certificate was checked
 * in the TLS handshake (registered and ACTIVE, like MQTT) and again per request by the server's authenticator, which
 * makes its id the request's principal; each operation is then authorized through the {@link Authorizer}, as AWS
 * evaluates the certificate's IoT policies: {@code iot:Publish} (and {@code iot:RetainPublish} for a retained message)
 * on {@code topic/<topic>}; {@code iot:GetThingShadow}, {@code iot:UpdateThingShadow}, {@code iot:DeleteThingShadow}
 * on {@code thing/<thing>}, or {@code thing/<thing>/<shadow>} for a named shadow. A denial is 403 ForbiddenException.
 *
 * <p>A publish answers {@code {"message":"OK","traceId":"…"}} as AWS IoT does over HTTPS, and a publish to a shadow
 * request topic is also a shadow request (the {@link MessagePublisher} given here does that, as for the REST API's
 * Publish). Shadow answers are the same documents and errors as over the REST API and MQTT.
 *
 * <p>Stateless; handlers run on the HTTPS server's worker threads and call thread-safe services.
 */
public final class DevicePlaneRoutes {

    private final ShadowOperations shadows;
    private final MessagePublisher publisher;
    private final Authorizer authorizer;

    public DevicePlaneRoutes(ShadowOperations shadows, MessagePublisher publisher, Authorizer authorizer) {
        this.shadows = shadows;
        this.publisher = publisher;
        this.authorizer = authorizer;
    }

    public void register(Router router) {
        router.add("POST", "/topics/{topic}", this::publish);
        router.add("GET", "/things/{thingName}/shadow", r -> {
            authorize(r, "iot:GetThingShadow", shadowResource(r));
            return DataPlaneRoutes.shadowResult(shadows.get(r.label("thingName"), shadowName(r)));
        });
        router.add("POST", "/things/{thingName}/shadow", r -> {
            authorize(r, "iot:UpdateThingShadow", shadowResource(r));
            return DataPlaneRoutes.shadowResult(shadows.update(r.label("thingName"), shadowName(r), r.body()));
        });
        router.add("DELETE", "/things/{thingName}/shadow", r -> {
            authorize(r, "iot:DeleteThingShadow", shadowResource(r));
            return DataPlaneRoutes.shadowResult(shadows.delete(r.label("thingName"), shadowName(r)));
        });
    }

    private ApiResponse publish(ApiRequest r) {
        String topic = r.label("topic");
        Integer qos = r.queryInt("qos");
        int q = qos == null ? 0 : qos;
        if (q != 0 && q != 1) {
            return ApiResponse.error(AwsErrorKind.INVALID_REQUEST, "The qos " + q + " is not supported; use 0 or 1.");
        }
        boolean retain = r.queryBoolean("retain", false);
        authorize(r, "iot:Publish", "topic/" + topic);
        if (retain) {
            authorize(r, "iot:RetainPublish", "topic/" + topic);
        }
        try {
            publisher.publish(topic, r.body(), q, retain);
        } catch (IllegalArgumentException e) {
            return ApiResponse.error(AwsErrorKind.INVALID_REQUEST, e.getMessage());
        }
        return ApiResponse.json(ApiResponse.object().put("message", "OK").put("traceId", UUID.randomUUID().toString()));
    }

    private void authorize(ApiRequest r, String action, String resource) {
        Authorizer.Decision decision = authorizer.authorize(new Authorizer.Principal(r.principal(), null), action,
                resource);
        if (!decision.allowed()) {
            throw new AwsServiceException(AwsErrorKind.FORBIDDEN, "Forbidden: " + decision.reason());
        }
    }

    private static String shadowName(ApiRequest r) {
        String n = r.query("name");
        return n == null ? "" : n;
    }

    private static String shadowResource(ApiRequest r) {
        String name = shadowName(r);
        return "thing/" + r.label("thingName") + (name.isEmpty() ? "" : "/" + name);
    }
}
