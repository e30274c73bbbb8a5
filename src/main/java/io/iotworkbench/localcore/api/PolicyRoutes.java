package io.iotworkbench.localcore.api;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.iotworkbench.localcore.registry.Page;
import io.iotworkbench.localcore.registry.PolicyRecord;
import io.iotworkbench.localcore.registry.PolicyVersionRecord;
import io.iotworkbench.localcore.registry.Registry;

import static io.iotworkbench.localcore.api.ControlPlaneJson.putTime;

/**
 * The policy operations of the control plane (CreatePolicy, GetPolicy, ListPolicies, DeletePolicy, AttachPolicy,
 * DetachPolicy, ListAttachedPolicies, ListTargetsForPolicy, and the versions: CreatePolicyVersion,
 * ListPolicyVersions, GetPolicyVersion, SetDefaultPolicyVersion, DeletePolicyVersion) in AWS's rest-json shapes. Tags
 * on CreatePolicy are accepted and not kept. Thread-safe (stateless over the registry).
 */
final class PolicyRoutes {

    private final Registry registry;

    PolicyRoutes(Registry registry) {
        this.registry = registry;
    }

    void register(Router router, String service) {
        router.add("POST", "/policies/{policyName}", service, this::createPolicy)
                .add("POST", "/policies/{policyName}/version", service, this::createPolicyVersion)
                .add("GET", "/policies/{policyName}/version", service, this::listPolicyVersions)
                .add("GET", "/policies/{policyName}/version/{policyVersionId}", service, this::getPolicyVersion)
                .add("PATCH", "/policies/{policyName}/version/{policyVersionId}", service, this::setDefaultVersion)
                .add("DELETE", "/policies/{policyName}/version/{policyVersionId}", service, this::deletePolicyVersion)
                .add("GET", "/policies/{policyName}", service, this::getPolicy)
                .add("GET", "/policies", service, this::listPolicies)
                .add("DELETE", "/policies/{policyName}", service, this::deletePolicy)
                .add("PUT", "/target-policies/{policyName}", service, this::attachPolicy)
                .add("POST", "/target-policies/{policyName}", service, this::detachPolicy)
                .add("POST", "/attached-policies/{target}", service, this::listAttachedPolicies)
                .add("POST", "/policy-targets/{policyName}", service, this::listTargetsForPolicy);
    }

    private ApiResponse createPolicy(ApiRequest request) {
        String document = ControlPlaneJson.required(request.jsonString("policyDocument"), "policyDocument");
        PolicyRecord p = registry.createPolicy(request.label("policyName"), document);
        return ApiResponse.json(ApiResponse.object().put("policyName", p.name()).put("policyArn", p.arn())
                .put("policyDocument", p.document()).put("policyVersionId", p.defaultVersionId()));
    }

    private ApiResponse createPolicyVersion(ApiRequest request) {
        String document = ControlPlaneJson.required(request.jsonString("policyDocument"), "policyDocument");
        boolean asDefault = request.queryBoolean("setAsDefault", false);
        PolicyVersionRecord v = registry.policyVersions().create(request.label("policyName"), document, asDefault);
        return ApiResponse.json(ApiResponse.object().put("policyArn", v.policyArn()).put("policyDocument",
                v.document()).put("policyVersionId", v.versionId()).put("isDefaultVersion", v.isDefaultVersion()));
    }

    private ApiResponse listPolicyVersions(ApiRequest request) {
        ObjectNode node = ApiResponse.object();
        ArrayNode versions = node.putArray("policyVersions");
        for (PolicyVersionRecord v : registry.policyVersions().list(request.label("policyName"))) {
            putTime(versions.addObject().put("versionId", v.versionId()).put("isDefaultVersion",
                    v.isDefaultVersion()), "createDate", v.creationDate());
        }
        return ApiResponse.json(node);
    }

    private ApiResponse getPolicyVersion(ApiRequest request) {
        String name = request.label("policyName");
        PolicyVersionRecord v = registry.policyVersions().get(name, request.label("policyVersionId"));
        PolicyRecord p = registry.getPolicy(name);
        ObjectNode node = ApiResponse.object().put("policyArn", v.policyArn()).put("policyName", name)
                .put("policyDocument", v.document()).put("policyVersionId", v.versionId())
                .put("isDefaultVersion", v.isDefaultVersion());
        putTime(node, "creationDate", v.creationDate());
        putTime(node, "lastModifiedDate", v.creationDate());
        return ApiResponse.json(node.put("generationId", p.generationId()));
    }

    private ApiResponse setDefaultVersion(ApiRequest request) {
        registry.policyVersions().setDefault(request.label("policyName"), request.label("policyVersionId"));
        return ApiResponse.empty();
    }

    private ApiResponse deletePolicyVersion(ApiRequest request) {
        registry.policyVersions().delete(request.label("policyName"), request.label("policyVersionId"));
        return ApiResponse.empty();
    }

    private ApiResponse getPolicy(ApiRequest request) {
        PolicyRecord p = registry.getPolicy(request.label("policyName"));
        ObjectNode node = ApiResponse.object().put("policyName", p.name()).put("policyArn", p.arn())
                .put("policyDocument", p.document()).put("defaultVersionId", p.defaultVersionId());
        putTime(node, "creationDate", p.creationDate());
        putTime(node, "lastModifiedDate", p.lastModifiedDate());
        return ApiResponse.json(node.put("generationId", p.generationId()));
    }

    private ApiResponse listPolicies(ApiRequest request) {
        Page<PolicyRecord> page = registry.listPolicies(request.query("marker"), request.queryInt("pageSize"),
                request.queryBoolean("isAscendingOrder", false));
        return ApiResponse.json(policies(page));
    }

    private ApiResponse deletePolicy(ApiRequest request) {
        registry.deletePolicy(request.label("policyName"));
        return ApiResponse.empty();
    }

    private ApiResponse attachPolicy(ApiRequest request) {
        registry.attachPolicy(request.label("policyName"),
                ControlPlaneJson.required(request.jsonString("target"), "target"));
        return ApiResponse.empty();
    }

    private ApiResponse detachPolicy(ApiRequest request) {
        registry.detachPolicy(request.label("policyName"),
                ControlPlaneJson.required(request.jsonString("target"), "target"));
        return ApiResponse.empty();
    }

    private ApiResponse listAttachedPolicies(ApiRequest request) {
        Page<PolicyRecord> page = registry.listAttachedPolicies(request.label("target"), request.query("marker"),
                request.queryInt("pageSize"));
        return ApiResponse.json(policies(page));
    }

    private ApiResponse listTargetsForPolicy(ApiRequest request) {
        Page<String> page = registry.listTargetsForPolicy(request.label("policyName"), request.query("marker"),
                request.queryInt("pageSize"));
        ObjectNode node = ApiResponse.object();
        ArrayNode targets = node.putArray("targets");
        page.items().forEach(targets::add);
        if (page.nextToken() != null) {
            node.put("nextMarker", page.nextToken());
        }
        return ApiResponse.json(node);
    }

    private static ObjectNode policies(Page<PolicyRecord> page) {
        ObjectNode node = ApiResponse.object();
        ArrayNode list = node.putArray("policies");
        for (PolicyRecord p : page.items()) {
            list.addObject().put("policyName", p.name()).put("policyArn", p.arn());
        }
        if (page.nextToken() != null) {
            node.put("nextMarker", page.nextToken());
        }
        return node;
    }
}
