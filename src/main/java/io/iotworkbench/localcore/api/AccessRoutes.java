package io.iotworkbench.localcore.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.iotworkbench.localcore.AwsErrorKind;
import io.iotworkbench.localcore.AwsServiceException;
import io.iotworkbench.localcore.policy.EffectivePolicy;
import io.iotworkbench.localcore.policy.PolicyAuthorizer;
import io.iotworkbench.localcore.policy.PolicyEvaluation;
import io.iotworkbench.localcore.registry.Registry;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The control plane's policy questions in AWS's rest-json shapes: TestAuthorization ({@code POST
 * /test-authorization}: principal, clientId, authInfos, policyNamesToAdd / ToSkip → one authResult per action and
 * resource with allowed / explicitDeny / implicitDeny and the policies behind each) and GetEffectivePolicies ({@code
 * POST /effective-policies?thingName=}). Both ask the same {@link PolicyAuthorizer} the broker asks, whatever the
 * policy mode, and record nothing. Stateless; runs on the REST server's workers.
 */
public final class AccessRoutes {

    private static final Map<String, String> ACTIONS = Map.of("PUBLISH", "iot:Publish", "SUBSCRIBE",
            "iot:Subscribe", "RECEIVE", "iot:Receive", "CONNECT", "iot:Connect");
    private static final int MAX_AUTH_INFOS = 10;

    private final Registry registry;
    private final PolicyAuthorizer policies;

    public AccessRoutes(Registry registry, PolicyAuthorizer policies) {
        this.registry = registry;
        this.policies = policies;
    }

    public void register(Router router) {
        router.add("POST", "/test-authorization", ControlPlaneRoutes.SERVICE, this::testAuthorization)
                .add("POST", "/effective-policies", ControlPlaneRoutes.SERVICE, this::effectivePolicies);
    }

    private ApiResponse testAuthorization(ApiRequest request) {
        JsonNode body = request.json();
        String certificateId = certificateId(text(body, "principal"));
        String clientId = request.query("clientId") != null ? request.query("clientId") : text(body, "clientId");
        JsonNode infos = body == null ? null : body.get("authInfos");
        if (infos == null || !infos.isArray() || infos.isEmpty() || infos.size() > MAX_AUTH_INFOS) {
            throw ControlPlaneJson.invalid("authInfos must list 1 to " + MAX_AUTH_INFOS + " actions with their "
                    + "resources.");
        }
        List<String> toAdd = strings(body, "policyNamesToAdd");
        List<String> toSkip = strings(body, "policyNamesToSkip");
        for (String name : toAdd) {
            registry.getPolicy(name);
        }
        ObjectNode out = ApiResponse.object();
        ArrayNode results = out.putArray("authResults");
        for (JsonNode info : infos) {
            String type = info.path("actionType").asText("").toUpperCase(Locale.ROOT);
            String action = ACTIONS.get(type);
            if (action == null) {
                throw ControlPlaneJson.invalid("The actionType '" + info.path("actionType").asText("")
                        + "' is not valid; use PUBLISH, SUBSCRIBE, RECEIVE or CONNECT.");
            }
            List<String> resources = strings(info, "resources");
            if (resources.isEmpty()) {
                throw ControlPlaneJson.invalid("Each authInfo needs resources (ARNs such as "
                        + registry.policyArn("x").replace("policy/x", "topic/a/b") + ").");
            }
            for (String resource : resources) {
                PolicyAuthorizer.Test t = policies.test(certificateId, clientId, toAdd, toSkip, action, resource);
                results.add(result(type, resource, t));
            }
        }
        return ApiResponse.json(out);
    }

    private static ObjectNode result(String type, String resource, PolicyAuthorizer.Test t) {
        PolicyEvaluation e = t.evaluation();
        ObjectNode r = ApiResponse.object();
        ObjectNode info = r.putObject("authInfo").put("actionType", type);
        info.putArray("resources").add(resource);
        policyList(r.putObject("allowed"), e.allowed() ? e.allowing() : List.of());
        ObjectNode denied = r.putObject("denied");
        policyList(denied.putObject("explicitDeny"), e.denying());
        policyList(denied.putObject("implicitDeny"), e.verdict() == io.iotworkbench.localcore.policy.AccessDecision
                .Verdict.IMPLICIT_DENY ? t.considered() : List.of());
        r.put("authDecision", e.verdict().name());
        r.putArray("missingContextValues");
        return r;
    }

    private static void policyList(ObjectNode into, List<EffectivePolicy> list) {
        ArrayNode arr = into.putArray("policies");
        for (EffectivePolicy p : list) {
            arr.addObject().put("policyName", p.name()).put("policyArn", p.arn());
        }
    }

    private ApiResponse effectivePolicies(ApiRequest request) {
        JsonNode body = request.json();
        String principal = text(body, "principal");
        String certificateId = principal == null ? null : certificateId(principal);
        String thingName = request.query("thingName");
        if (thingName != null) {
            registry.describeThing(thingName);
        }
        ObjectNode out = ApiResponse.object();
        ArrayNode arr = out.putArray("effectivePolicies");
        for (EffectivePolicy p : policies.effectivePolicies(certificateId, thingName)) {
            arr.addObject().put("policyName", p.name()).put("policyArn", p.arn()).put("policyDocument",
                    p.document());
        }
        return ApiResponse.json(out);
    }

    /** The id in a certificate ARN of this core; InvalidRequest or ResourceNotFound otherwise. */
    private String certificateId(String principal) {
        if (principal == null || !principal.contains(":cert/")) {
            throw ControlPlaneJson.invalid("principal must be a certificate ARN of the Local IoT Core, such as "
                    + registry.certificateArn("<certificate id>") + ".");
        }
        String id = principal.substring(principal.lastIndexOf('/') + 1);
        if (!principal.equals(registry.certificateArn(id)) || registry.findCertificate(id).isEmpty()) {
            throw new AwsServiceException(AwsErrorKind.RESOURCE_NOT_FOUND, "Certificate " + id
                    + " does not exist.");
        }
        return id;
    }

    private static String text(JsonNode body, String field) {
        JsonNode n = body == null ? null : body.get(field);
        return n == null || n.isNull() ? null : n.asText();
    }

    private static List<String> strings(JsonNode node, String field) {
        List<String> out = new ArrayList<>();
        JsonNode n = node == null ? null : node.get(field);
        if (n != null && n.isArray()) {
            n.forEach(x -> out.add(x.asText()));
        }
        return out;
    }
}
