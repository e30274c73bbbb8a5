package io.iotworkbench.jobs;

import java.time.Instant;
import java.util.Map;

/** One job execution as the Jobs pane shows it. Immutable. */
public record ExecutionInfo(String thingName, String status, long versionNumber, long executionNumber,
                            Map<String, String> statusDetails, Instant lastUpdatedAt) {

    public ExecutionInfo {
        statusDetails = Map.copyOf(statusDetails);
    }
}
