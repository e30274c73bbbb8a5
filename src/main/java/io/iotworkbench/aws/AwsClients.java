package io.iotworkbench.aws;

import io.iotworkbench.localcore.ApiCredentials;
import io.iotworkbench.localcore.LocalCoreRuntime;
import io.iotworkbench.session.Profile;
import io.iotworkbench.session.ProfileKind;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.ProfileCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.iot.IotClient;
import software.amazon.awssdk.services.iotdataplane.IotDataPlaneClient;

import java.net.URI;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * AWS SDK clients for a profile — the same code for the Local IoT Core (endpoint override to its REST port, the
 * access key it generated) and a real account (the profile's region; credentials from the named AWS profile, SSO
 * included, or the SDK's default chain; never stored by the workbench). Clients are cached per profile and closed
 * with this object. Every client uses {@link JdkHttpTransport}.
 *
 * <p>Thread-safe. {@link #iot} may block up to a minute while the Local IoT Core starts; call it off the FX thread.
 */
public final class AwsClients implements AutoCloseable {

    private final LocalCoreRuntime localCore;
    private final Map<String, IotClient> iot = new ConcurrentHashMap<>();
    private final Map<String, IotDataPlaneClient> data = new ConcurrentHashMap<>();

    public AwsClients(LocalCoreRuntime localCore) {
        this.localCore = localCore;
    }

    public IotClient iot(Profile p) throws Exception {
        String key = key(p);
        IotClient c = iot.get(key);
        if (c == null) {
            var b = IotClient.builder().httpClient(new JdkHttpTransport()).region(region(p))
                    .credentialsProvider(credentials(p));
            if (p.kind() == ProfileKind.LOCAL) {
                b.endpointOverride(URI.create(localEndpoint()));
            }
            c = b.build();
            IotClient previous = iot.putIfAbsent(key, c);
            if (previous != null) {
                c.close();
                c = previous;
            }
        }
        return c;
    }

    public IotDataPlaneClient data(Profile p) throws Exception {
        String key = key(p);
        IotDataPlaneClient c = data.get(key);
        if (c == null) {
            var b = IotDataPlaneClient.builder().httpClient(new JdkHttpTransport()).region(region(p))
                    .credentialsProvider(credentials(p));
            b.endpointOverride(URI.create(p.kind() == ProfileKind.LOCAL ? localEndpoint() : "https://" + p.endpoint()));
            c = b.build();
            IotDataPlaneClient previous = data.putIfAbsent(key, c);
            if (previous != null) {
                c.close();
                c = previous;
            }
        }
        return c;
    }

    /** An S3 client of an AWS profile (OTA image uploads); the caller closes it. */
    public software.amazon.awssdk.services.s3.S3Client s3(Profile p) throws Exception {
        return software.amazon.awssdk.services.s3.S3Client.builder().httpClient(new JdkHttpTransport())
                .region(region(p)).credentialsProvider(credentials(p)).build();
    }

    private String localEndpoint() throws Exception {
        return localCore.start().get(60, TimeUnit.SECONDS).apiEndpoint();
    }

    /** The Local IoT Core's own access key (it checks signatures when bound off loopback). */
    private AwsCredentialsProvider localCredentials() throws Exception {
        ApiCredentials key = localCore.start().get(60, TimeUnit.SECONDS).apiCredentials();
        return StaticCredentialsProvider.create(AwsBasicCredentials.create(key.accessKeyId(), key.secretAccessKey()));
    }

    private static String key(Profile p) {
        return p.kind() + "|" + p.name() + "|" + p.region() + "|" + p.endpoint() + "|" + p.credentialsProfile();
    }

    private static Region region(Profile p) {
        return p.kind() == ProfileKind.LOCAL || p.region() == null || p.region().isBlank()
                ? Region.US_EAST_1 : Region.of(p.region());
    }

    private AwsCredentialsProvider credentials(Profile p) throws Exception {
        if (p.kind() == ProfileKind.LOCAL) {
            return localCredentials();
        }
        String name = p.credentialsProfile();
        return name == null || name.isBlank() ? DefaultCredentialsProvider.builder().build()
                : ProfileCredentialsProvider.builder().profileName(name).build();
    }

    @Override
    public void close() {
        iot.values().forEach(IotClient::close);
        data.values().forEach(IotDataPlaneClient::close);
        iot.clear();
        data.clear();
    }
}
