package io.iotworkbench.localcore.ota;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.iotworkbench.cert.PemFiles;
import io.iotworkbench.cert.TlsContexts;
import io.iotworkbench.localcore.LocalIoTCore;
import io.iotworkbench.localcore.jobs.AdjustableClock;
import io.iotworkbench.localcore.jobs.JobsService;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.net.ssl.SSLContext;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The OTA object server over real TLS (server certificate from the local CA, no client certificate), as the WM
 * {@code ota_demo_core_http} uses it: a job document's presigned-URL placeholder becomes a URL when the device gets
 * the document, ranged GETs are 206, the URL is 403 once expired and a fresh document gives a fresh one; files and
 * URLs survive a restart.
 */
@Tag("integration")
class OtaObjectServerTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    private final AdjustableClock clock = new AdjustableClock();
    private LocalIoTCore core;

    @AfterEach
    void stop() {
        if (core != null) {
            core.close();
        }
    }

    private LocalIoTCore start() throws Exception {
        return LocalIoTCore.start(LocalIoTCore.Config.defaults(dir.resolve("data")).withVirtualDevice(false)
                .withClock(clock));
    }

    private HttpClient client(LocalIoTCore c) throws Exception {
        SSLContext tls = TlsContexts.clientContext(List.of(), null, PemFiles.readCertificates(c.caFile()));
        return HttpClient.newBuilder().sslContext(tls).connectTimeout(Duration.ofSeconds(30)).build();
    }

    private static HttpResponse<byte[]> get(HttpClient http, String url, String range) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(60));
        if (range != null) {
            b.header("Range", range);
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    private String documentUrl(LocalIoTCore c, String thing, String jobId) {
        JsonNode answer = c.jobs().deviceApi().describeJobExecution(thing, jobId, null, true);
        String doc = answer.path("execution").path("jobDocument").asText();
        try {
            return JSON.readTree(doc).path("afr_ota").path("files").get(0).path("update_data_url").asText();
        } catch (java.io.IOException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void presignedUrlServesRangesExpiresAndSurvivesRestart() throws Exception {
        core = start();
        byte[] image = new byte[1024 * 1024];
        new Random(7).nextBytes(image);
        core.objects().put("firmware", "w800/app v2.img", image);
        core.provision("ota_dev");
        String document = "{\"afr_ota\":{\"protocols\":[\"HTTP\"],\"files\":[{\"filepath\":\"app_ota\","
                + "\"filesize\":" + image.length + ",\"fileid\":0,\"auth_scheme\":\"aws.s3.presigned\","
                + "\"update_data_url\":\"${aws:iot:s3-presigned-url:https://s3.us-east-1.amazonaws.com/firmware/"
                + "w800/app%20v2.img}\"}]}}";
        core.jobs().createJob(new JobsService.CreateJobRequest("AFR_OTA-t1", List.of(core.registry()
                .thingArn("ota_dev")), document, null, null, null,
                JSON.readTree("{\"expiresInSec\":120}")));

        String url = documentUrl(core, "ota_dev", "AFR_OTA-t1");
        assertThat(url).startsWith(core.objectEndpoint() + "/firmware/w800%2Fapp%20v2.img?")
                .contains("X-Amz-Expires=120");
        assertThat(core.jobs().getJobDocument("AFR_OTA-t1").path("document").asText())
                .as("the control plane keeps the placeholder").contains("${aws:iot:s3-presigned-url:");

        HttpClient http = client(core);
        HttpResponse<byte[]> part = get(http, url, "bytes=4096-8191");
        assertThat(part.statusCode()).isEqualTo(206);
        assertThat(part.headers().firstValue("Content-Range")).contains("bytes 4096-8191/" + image.length);
        assertThat(part.body()).isEqualTo(Arrays.copyOfRange(image, 4096, 8192));
        HttpResponse<byte[]> tail = get(http, url, "bytes=-100");
        assertThat(tail.statusCode()).isEqualTo(206);
        assertThat(tail.body()).isEqualTo(Arrays.copyOfRange(image, image.length - 100, image.length));
        HttpResponse<byte[]> whole = get(http, url, null);
        assertThat(whole.statusCode()).isEqualTo(200);
        assertThat(whole.body()).isEqualTo(image);
        assertThat(get(http, url, "bytes=" + image.length + "-").statusCode()).isEqualTo(416);
        assertThat(get(http, url.replaceAll("X-Amz-Signature=[0-9a-f]", "X-Amz-Signature=x"), null).statusCode())
                .isEqualTo(403);

        core.close();
        core = start();
        HttpClient again = client(core);
        String sameUrl = url.replaceFirst("https://[^/]+", core.objectEndpoint());
        assertThat(get(again, sameUrl, "bytes=0-15").body()).as("files and URLs survive a restart")
                .isEqualTo(Arrays.copyOfRange(image, 0, 16));

        clock.advance(Duration.ofSeconds(121));
        HttpResponse<byte[]> expired = get(again, sameUrl, "bytes=0-15");
        assertThat(expired.statusCode()).isEqualTo(403);
        assertThat(new String(expired.body())).contains("AccessDenied").contains("Request has expired");
        String fresh = documentUrl(core, "ota_dev", "AFR_OTA-t1");
        assertThat(get(again, fresh, "bytes=0-15").statusCode()).as("a fresh document, a fresh URL").isEqualTo(206);

        core.presignedUrls().expireIssuedUntilNow();
        assertThat(get(again, fresh, "bytes=0-15").statusCode()).as("the expired-URL fault").isEqualTo(403);
        assertThat(get(again, documentUrl(core, "ota_dev", "AFR_OTA-t1"), "bytes=0-15").statusCode())
                .isEqualTo(206);
    }

    @Test
    void createJobRefusesAnExpiryOutsideAwsBounds() throws Exception {
        core = start();
        var iot = software.amazon.awssdk.services.iot.IotClient.builder()
                .endpointOverride(URI.create(core.apiEndpoint()))
                .region(software.amazon.awssdk.regions.Region.US_EAST_1)
                .credentialsProvider(software.amazon.awssdk.auth.credentials.StaticCredentialsProvider.create(
                        software.amazon.awssdk.auth.credentials.AwsBasicCredentials.create("AKIDLOCAL", "secret")))
                .httpClient(software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient.create()).build();
        core.provision("ota_dev");
        String arn = core.registry().thingArn("ota_dev");
        assertThatThrownBy(() -> iot.createJob(b -> b.jobId("j1").targets(arn).document("{}")
                .presignedUrlConfig(p -> p.expiresInSec(30L).roleArn("arn:aws:iam::123456789012:role/ota"))))
                .isInstanceOf(software.amazon.awssdk.services.iot.model.InvalidRequestException.class)
                .hasMessageContaining("between 60 and 3600");
        iot.close();
    }
}
