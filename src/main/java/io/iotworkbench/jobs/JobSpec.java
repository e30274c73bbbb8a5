package io.iotworkbench.jobs;

import java.util.List;

/**
 * What the create-job wizard asks for: id, targets (thing or thing group names), the document, description,
 * continuous or snapshot, the in-progress timeout in minutes (null: none) and, for documents with presigned-URL
 * placeholders, the IAM role ARN (null: none). Immutable.
 */
public record JobSpec(String jobId, List<String> things, List<String> groups, String document, String description,
                      boolean continuous, Long inProgressTimeoutMinutes, String presignedUrlRoleArn) {

    public JobSpec {
        things = List.copyOf(things);
        groups = List.copyOf(groups);
    }
}
