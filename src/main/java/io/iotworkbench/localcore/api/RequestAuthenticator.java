package io.iotworkbench.localcore.api;

/**
 * Decides who a request acts as before it is routed, as AWS authenticates before it looks at the operation: the
 * REST API checks SigV4 ({@link SigV4Authenticator}), the HTTPS device endpoint the client certificate. Refusals are
 * {@link io.iotworkbench.localcore.AwsServiceException}s in AWS's shapes.
 *
 * <p>Called on the server's worker threads; implementations are thread-safe.
 */
@FunctionalInterface
public interface RequestAuthenticator {

    /** @return the principal: an access key id, a certificate id, or {@code "anonymous"} */
    String authenticate(ApiRequest request);

    /** Any credentials, or none (the Local IoT Core on loopback): the principal is the access key id, if any. */
    RequestAuthenticator ANY_CREDENTIALS = request -> SigningScope.accessKeyId(request.header("Authorization"))
            .orElse("anonymous");
}
