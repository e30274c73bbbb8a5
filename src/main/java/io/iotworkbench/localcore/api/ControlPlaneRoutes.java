package io.iotworkbench.localcore.api;

import io.iotworkbench.localcore.registry.CertificateIssuer;
import io.iotworkbench.localcore.registry.Registry;

import java.util.Set;
import java.util.function.Supplier;

/**
 * The AWS IoT control plane (service {@value #SERVICE}) of the Local IoT Core: things, thing types, certificates,
 * policies and their versions, thing principals and DescribeEndpoint, registered on a {@link Router} with the exact
 * methods, paths and JSON field names of the AWS IoT model, so the unmodified {@code IotClient} works against it.
 * DescribeEndpoint answers the broker's host from {@code endpointAddress} for every endpoint type (iot:Data,
 * iot:Data-ATS, iot:CredentialProvider, iot:Jobs); without a type it answers like iot:Data. Requests signed for
 * {@value #CLI_SIGNING_NAME} (the AWS CLI that Debian ships) route as control-plane requests. Thread-safe
 * (stateless over the registry and issuer).
 */
public final class ControlPlaneRoutes {

    /** The SigV4 signing name of the AWS IoT control plane. */
    public static final String SERVICE = "iot";
    /** The name the AWS CLI v2 of Debian and Ubuntu (botocore's older IoT model) signs the control plane with. */
    public static final String CLI_SIGNING_NAME = "execute-api";

    private static final Set<String> ENDPOINT_TYPES = Set.of("iot:Data", "iot:Data-ATS", "iot:CredentialProvider",
            "iot:Jobs");

    private final Registry registry;
    private final CertificateIssuer issuer;
    private final Supplier<String> endpointAddress;

    public ControlPlaneRoutes(Registry registry, CertificateIssuer issuer, Supplier<String> endpointAddress) {
        this.registry = registry;
        this.issuer = issuer;
        this.endpointAddress = endpointAddress;
    }

    public void register(Router router) {
        router.alias(CLI_SIGNING_NAME, SERVICE);
        new ThingRoutes(registry).register(router, SERVICE);
        new ThingTypeRoutes(registry).register(router, SERVICE);
        new CertificateRoutes(registry, issuer).register(router, SERVICE);
        new PolicyRoutes(registry).register(router, SERVICE);
        new PrincipalRoutes(registry).register(router, SERVICE);
        router.add("GET", "/endpoint", SERVICE, this::describeEndpoint);
    }

    private ApiResponse describeEndpoint(ApiRequest request) {
        String type = request.query("endpointType");
        if (type != null && !type.isEmpty() && !ENDPOINT_TYPES.contains(type)) {
            throw ControlPlaneJson.invalid("The endpointType '" + type + "' is not valid; use one of "
                    + String.join(", ", ENDPOINT_TYPES.stream().sorted().toList()) + ".");
        }
        return ApiResponse.json(ApiResponse.object().put("endpointAddress", endpointAddress.get()));
    }
}
