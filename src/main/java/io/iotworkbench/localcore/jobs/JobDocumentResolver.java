package io.iotworkbench.localcore.jobs;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Turns a stored job document into the one a device receives (StartNext, DescribeJobExecution and UpdateJobExecution
 * with the document, notify-next), over MQTT and HTTPS alike. AWS replaces {@code ${aws:iot:s3-presigned-url:…}}
 * placeholders there; {@link #AS_STORED} leaves the document as CreateJob stored it. GetJobDocument on the control
 * plane always answers the stored document.
 *
 * <p>Called under the jobs service's lock: implementations must be quick, must not call back into the jobs service,
 * and must be thread-safe.
 */
@FunctionalInterface
public interface JobDocumentResolver {

    /** Leaves every document unchanged. */
    JobDocumentResolver AS_STORED = (jobId, document, presignedUrlConfig, thingName) -> document;

    /**
     * @param presignedUrlConfig the job's {@code presignedUrlConfig} as CreateJob got it, or null
     * @return the document for {@code thingName}
     */
    String forDevice(String jobId, String document, JsonNode presignedUrlConfig, String thingName);
}
