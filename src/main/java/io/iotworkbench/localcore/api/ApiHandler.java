package io.iotworkbench.localcore.api;

/**
 * One REST operation: turns a routed request into a response. Throw an
 * {@link io.iotworkbench.localcore.AwsServiceException} to answer with an AWS error; any other exception becomes a
 * 500 InternalFailureException. Called on the API server's worker threads, possibly several at once.
 */
@FunctionalInterface
public interface ApiHandler {

    ApiResponse handle(ApiRequest request) throws Exception;
}
