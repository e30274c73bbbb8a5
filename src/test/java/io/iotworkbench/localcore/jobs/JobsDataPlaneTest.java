package io.iotworkbench.localcore.jobs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.iotworkbench.localcore.LocalIoTCore;
import io.iotworkbench.localcore.ShadowClient;
import io.iotworkbench.testsupport.AwsCli;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.iot.IotClient;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Jobs HTTPS data plane ({@code iot-jobs-data}) of the Local IoT Core: the AWS CLI (botocore, signing for
 * {@code iot-jobs-data}) runs the four operations and reads AWS's error codes; raw HTTP checks the exact shapes and
 * statuses; the control plane keeps its own answers on the same paths; changes made over HTTPS notify MQTT devices.
 */
@Tag("integration")
class JobsDataPlaneTest {

    static final String DOC = "{\"operation\":\"reboot\",\"files\":[{\"url\":\"https://example.com/fw.img\"}]}";
    static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    private LocalIoTCore core;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(30)).build();

    @BeforeEach
    void start() throws Exception {
        core = LocalIoTCore.start(LocalIoTCore.Config.defaults(dir.resolve("core")).withVirtualDevice(false));
        core.provision("dev1");
        createJob("j1");
    }

    @AfterEach
    void stop() {
        if (core != null) {
            core.close();
        }
    }

    private void createJob(String id) {
        core.jobs().createJob(new JobsService.CreateJobRequest(id, List.of(core.registry().thingArn("dev1")), DOC,
                null, null, null, null));
    }

    /** A request signed (scope only: the Local IoT Core does not check signatures on loopback) for iot-jobs-data. */
    private HttpResponse<String> call(String method, String path, String body) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(core.apiEndpoint() + path))
                .timeout(Duration.ofSeconds(60))
                .header("Authorization", "AWS4-HMAC-SHA256 Credential=AKIDLOCALTEST/20260101/us-east-1/"
                        + "iot-jobs-data/aws4_request, SignedHeaders=host;x-amz-date, Signature=00")
                .header("Content-Type", "application/json");
        b.method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(body));
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static JsonNode json(HttpResponse<String> r) throws Exception {
        return JSON.readTree(r.body());
    }

    @Test
    void theAwsCliRunsTheWholeDeviceFlow() throws Exception {
        createJob("j2");
        AwsCli aws = AwsCli.sandboxed(dir.resolve("aws"), core.apiEndpoint());

        AwsCli.Result pending = aws.run("iot-jobs-data", "get-pending-job-executions", "--thing-name", "dev1");
        assertThat(pending.exitCode()).as(pending.stderr()).isZero();
        assertThat(JSON.readTree(pending.stdout()).get("queuedJobs")).extracting(n -> n.get("jobId").asText())
                .containsExactly("j1", "j2");

        AwsCli.Result started = aws.run("iot-jobs-data", "start-next-pending-job-execution", "--thing-name", "dev1",
                "--status-details", "step=download", "--step-timeout-in-minutes", "5");
        assertThat(started.exitCode()).as(started.stderr()).isZero();
        JsonNode execution = JSON.readTree(started.stdout()).get("execution");
        assertThat(execution.get("jobId").asText()).isEqualTo("j1");
        assertThat(execution.get("status").asText()).isEqualTo("IN_PROGRESS");
        assertThat(execution.at("/statusDetails/step").asText()).isEqualTo("download");
        assertThat(JSON.readTree(execution.get("jobDocument").asText()).get("operation").asText())
                .isEqualTo("reboot");

        AwsCli.Result described = aws.run("iot-jobs-data", "describe-job-execution", "--thing-name", "dev1",
                "--job-id", "$next", "--include-job-document");
        assertThat(described.exitCode()).as(described.stderr()).isZero();
        assertThat(JSON.readTree(described.stdout()).at("/execution/versionNumber").asLong()).isEqualTo(2);

        AwsCli.Result conflict = aws.run("iot-jobs-data", "update-job-execution", "--thing-name", "dev1",
                "--job-id", "j1", "--status", "SUCCEEDED", "--expected-version", "7");
        assertThat(conflict.exitCode()).isNotZero();
        assertThat(conflict.stderr()).contains("(InvalidStateTransitionException)").contains("expectedVersion 7");

        AwsCli.Result done = aws.run("iot-jobs-data", "update-job-execution", "--thing-name", "dev1",
                "--job-id", "j1", "--status", "SUCCEEDED", "--expected-version", "2",
                "--include-job-execution-state");
        assertThat(done.exitCode()).as(done.stderr()).isZero();
        assertThat(JSON.readTree(done.stdout()).at("/executionState/status").asText()).isEqualTo("SUCCEEDED");

        AwsCli.Result terminal = aws.run("iot-jobs-data", "describe-job-execution", "--thing-name", "dev1",
                "--job-id", "j1");
        assertThat(terminal.exitCode()).isNotZero();
        assertThat(terminal.stderr()).contains("(TerminalStateException)");
        assertThat(core.jobs().describeJob("j1").at("/job/status").asText()).isEqualTo("COMPLETED");
    }

    @Test
    void shapesAndErrorsOverHttp() throws Exception {
        HttpResponse<String> pending = call("GET", "/things/dev1/jobs", null);
        assertThat(pending.statusCode()).isEqualTo(200);
        JsonNode p = json(pending);
        assertThat(p.get("inProgressJobs")).isEmpty();
        assertThat(p.at("/queuedJobs/0/jobId").asText()).isEqualTo("j1");
        assertThat(p.at("/queuedJobs/0/queuedAt").asLong()).as("epoch seconds").isLessThan(10_000_000_000L);
        assertThat(p.has("timestamp")).as("no MQTT fields").isFalse();

        JsonNode plain = json(call("GET", "/things/dev1/jobs/j1", null)).get("execution");
        assertThat(plain.has("jobDocument")).as("includeJobDocument is false by default over HTTPS").isFalse();
        assertThat(plain.get("status").asText()).isEqualTo("QUEUED");
        JsonNode withDoc = json(call("GET", "/things/dev1/jobs/j1?includeJobDocument=true", null)).get("execution");
        assertThat(withDoc.get("jobDocument").isTextual()).as("a string over HTTPS").isTrue();
        assertThat(withDoc.get("jobDocument").asText()).isEqualTo(DOC);

        HttpResponse<String> started = call("PUT", "/things/dev1/jobs/%24next",
                "{\"statusDetails\":{\"progress\":\"0%\"},\"stepTimeoutInMinutes\":2}");
        assertThat(started.statusCode()).isEqualTo(200);
        JsonNode execution = json(started).get("execution");
        assertThat(execution.get("status").asText()).isEqualTo("IN_PROGRESS");
        assertThat(execution.get("approximateSecondsBeforeTimedOut").asLong()).isBetween(60L, 120L);
        assertThat(execution.get("jobDocument").asText()).isEqualTo(DOC);

        HttpResponse<String> mismatch = call("POST", "/things/dev1/jobs/j1",
                "{\"status\":\"IN_PROGRESS\",\"expectedVersion\":1}");
        assertThat(mismatch.statusCode()).isEqualTo(409);
        assertThat(mismatch.headers().firstValue("x-amzn-ErrorType")).hasValue("InvalidStateTransitionException");
        assertThat(json(mismatch).at("/executionState/versionNumber").asLong()).isEqualTo(2);

        HttpResponse<String> badStatus = call("POST", "/things/dev1/jobs/j1", "{\"status\":\"QUEUED\"}");
        assertThat(badStatus.statusCode()).isEqualTo(400);
        assertThat(json(badStatus).get("__type").asText()).isEqualTo("InvalidRequestException");
        assertThat(call("POST", "/things/dev1/jobs/j1", "{not json").statusCode()).isEqualTo(400);
        HttpResponse<String> missing = call("GET", "/things/dev1/jobs/nope", null);
        assertThat(missing.statusCode()).isEqualTo(404);
        assertThat(json(missing).get("__type").asText()).isEqualTo("ResourceNotFoundException");

        HttpResponse<String> done = call("POST", "/things/dev1/jobs/j1", "{\"status\":\"FAILED\",\"statusDetails\":"
                + "{\"reason\":\"crc\"},\"includeJobExecutionState\":true,\"includeJobDocument\":true}");
        assertThat(done.statusCode()).isEqualTo(200);
        assertThat(json(done).at("/executionState/statusDetails/reason").asText()).isEqualTo("crc");
        assertThat(json(done).get("jobDocument").asText()).isEqualTo(DOC);
        HttpResponse<String> again = call("POST", "/things/dev1/jobs/j1", "{\"status\":\"SUCCEEDED\"}");
        assertThat(again.statusCode()).isEqualTo(409);
        assertThat(json(again).at("/executionState/status").asText()).isEqualTo("FAILED");
        HttpResponse<String> terminal = call("GET", "/things/dev1/jobs/j1", null);
        assertThat(terminal.statusCode()).isEqualTo(410);
        assertThat(json(terminal).get("__type").asText()).isEqualTo("TerminalStateException");
        JsonNode none = json(call("PUT", "/things/dev1/jobs/%24next", "{}"));
        assertThat(none.has("execution")).as("nothing pending").isFalse();
    }

    @Test
    void theControlPlaneKeepsItsAnswersOnTheSamePaths() throws Exception {
        try (IotClient iot = IotClient.builder().region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDLOCAL", "s")))
                .endpointOverride(URI.create(core.apiEndpoint())).httpClient(new io.iotworkbench.aws.JdkHttpTransport())
                .build()) {
            assertThat(iot.listJobExecutionsForThing(r -> r.thingName("dev1")).executionSummaries())
                    .extracting(s -> s.jobId()).containsExactly("j1");
            assertThat(iot.describeJobExecution(r -> r.thingName("dev1").jobId("j1")).execution().thingArn())
                    .isEqualTo(core.registry().thingArn("dev1"));
        }
        assertThat(json(call("GET", "/things/dev1/jobs", null)).has("queuedJobs")).isTrue();
    }

    @Test
    void changesOverHttpsNotifyMqttDevices() throws Exception {
        // it also watches $aws/events/#, which only an administrator may subscribe to
        try (ShadowClient device = new ShadowClient(core, core.provision("dev1", LocalIoTCore.Identity.WORKBENCH),
                "dev1")) {
            device.subscribe("$aws/things/dev1/jobs/notify-next").subscribe("$aws/events/#");
            assertThat(call("POST", "/things/dev1/jobs/j1", "{\"status\":\"SUCCEEDED\"}").statusCode())
                    .isEqualTo(200);
            assertThat(device.next("$aws/events/jobExecution/j1/succeeded").json().get("status").asText())
                    .isEqualTo("SUCCEEDED");
            assertThat(device.next("/notify-next").json().has("execution")).isFalse();
        }
    }
}
