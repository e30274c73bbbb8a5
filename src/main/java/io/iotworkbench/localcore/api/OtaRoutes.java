package io.iotworkbench.localcore.api;

import com.fasterxml.jackson.databind.JsonNode;
import io.iotworkbench.localcore.ota.OtaUpdates;
import io.iotworkbench.localcore.ota.StreamsService;

/**
 * The control plane of streams and OTA updates on the REST API, in AWS IoT's REST shapes: CreateStream
 * ({@code POST /streams/{streamId}}), UpdateStream ({@code PUT}), DescribeStream ({@code GET}), DeleteStream
 * ({@code DELETE}), ListStreams ({@code GET /streams}); CreateOTAUpdate ({@code POST /otaUpdates/{otaUpdateId}}),
 * GetOTAUpdate, DeleteOTAUpdate ({@code ?deleteStream&forceDeleteAWSJob}), ListOTAUpdates ({@code GET /otaUpdates}).
 *
 * <p>Stateless; handlers run on the API server's worker threads and call thread-safe services.
 */
public final class OtaRoutes {

    private final StreamsService streams;
    private final OtaUpdates updates;

    public OtaRoutes(StreamsService streams, OtaUpdates updates) {
        this.streams = streams;
        this.updates = updates;
    }

    public void register(Router router) {
        router.add("POST", "/streams/{streamId}", r -> {
            JsonNode b = r.json();
            return ApiResponse.json(streams.createStream(r.label("streamId"), r.jsonString("description"),
                    StreamsService.readFiles(b.get("files")), r.jsonString("roleArn")));
        });
        router.add("PUT", "/streams/{streamId}", r -> {
            JsonNode b = r.json();
            return ApiResponse.json(streams.updateStream(r.label("streamId"), r.jsonString("description"),
                    StreamsService.readFiles(b.get("files")), r.jsonString("roleArn")));
        });
        router.add("GET", "/streams/{streamId}", r -> ApiResponse.json(streams.describeStream(r.label("streamId"))));
        router.add("DELETE", "/streams/{streamId}", r -> {
            streams.deleteStream(r.label("streamId"));
            return ApiResponse.empty();
        });
        router.add("GET", "/streams", r -> ApiResponse.json(streams.listStreams(r.queryInt("maxResults"),
                r.query("nextToken"), r.queryBoolean("isAscendingOrder", false))));
        router.add("POST", "/otaUpdates/{otaUpdateId}", r -> ApiResponse.json(updates.create(r.label("otaUpdateId"),
                r.json())));
        router.add("GET", "/otaUpdates/{otaUpdateId}", r -> ApiResponse.json(updates.get(r.label("otaUpdateId"))));
        router.add("DELETE", "/otaUpdates/{otaUpdateId}", r -> {
            updates.delete(r.label("otaUpdateId"), r.queryBoolean("deleteStream", false),
                    r.queryBoolean("forceDeleteAWSJob", false));
            return ApiResponse.empty();
        });
        router.add("GET", "/otaUpdates", r -> ApiResponse.json(updates.list(r.queryInt("maxResults"),
                r.query("nextToken"), r.query("otaUpdateStatus"))));
    }
}
