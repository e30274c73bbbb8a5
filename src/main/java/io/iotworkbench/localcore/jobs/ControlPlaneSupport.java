package io.iotworkbench.localcore.jobs;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.iotworkbench.localcore.AwsErrorKind;
import io.iotworkbench.localcore.AwsServiceException;
import io.iotworkbench.localcore.registry.Registry;

import java.util.List;
import java.util.function.Consumer;

/**
 * What the jobs and thing-group control-plane operations share: ARNs of this account and region, AWS's errors, and
 * offset paging ({@code nextToken} is the decimal offset of the next item). Stateless.
 */
final class ControlPlaneSupport {

    private ControlPlaneSupport() {
    }

    static String arn(Registry registry, String resource) {
        return "arn:aws:iot:" + registry.region() + ":" + registry.accountId() + ":" + resource;
    }

    static AwsServiceException invalid(String message) {
        return new AwsServiceException(AwsErrorKind.INVALID_REQUEST, message);
    }

    static AwsServiceException notFound(String message) {
        return new AwsServiceException(AwsErrorKind.RESOURCE_NOT_FOUND, message);
    }

    static AwsServiceException invalidTransition(String message) {
        return new AwsServiceException(AwsErrorKind.INVALID_STATE_TRANSITION, message);
    }

    /** Adds the page of {@code items} that {@code nextToken} and {@code maxResults} (1-250, default 50) select. */
    static <T> void page(List<T> items, String nextToken, Integer maxResults, ObjectNode into, Consumer<T> add) {
        int max = maxResults == null ? 50 : maxResults;
        if (max < 1 || max > 250) {
            throw invalid("The maxResults must be 1-250.");
        }
        int from = 0;
        if (nextToken != null && !nextToken.isEmpty()) {
            try {
                from = Integer.parseInt(nextToken);
            } catch (NumberFormatException e) {
                from = -1;
            }
            if (from < 0) {
                throw invalid("The nextToken '" + nextToken + "' is not valid: pass the value a previous page "
                        + "returned.");
            }
        }
        int to = Math.min(items.size(), from + max);
        for (int i = from; i < to; i++) {
            add.accept(items.get(i));
        }
        if (to < items.size()) {
            into.put("nextToken", Integer.toString(to));
        }
    }
}
