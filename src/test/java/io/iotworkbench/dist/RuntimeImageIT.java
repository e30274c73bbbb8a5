package io.iotworkbench.dist;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.iotworkbench.aws.JdkHttpTransport;
import io.iotworkbench.bench.XvfbDisplay;
import io.iotworkbench.localcore.LocalIoTCore;
import io.iotworkbench.localcore.ShadowClient;
import io.iotworkbench.testsupport.Wait;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.iot.IotClient;
import software.amazon.awssdk.services.iot.model.ThingAttribute;
import software.amazon.awssdk.services.iotdataplane.IotDataPlaneClient;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.zip.ZipFile;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Builds the jlink runtime image and portable folder with {@code jlink/DistBuilder.java} (the same code and module
 * list {@code mvn -Pdist package} uses), then proves the module list is complete by running the packaged launcher with
 * no JDK on the PATH and no JAVA_HOME: {@code --version}; {@code local-core} serving mutual-TLS MQTT, the shadow,
 * the virtual device and the REST API the AWS SDK calls; and the window, under Xvfb, to its first frame.
 * Runs in Maven's integration-test phase, after {@code package} has laid out {@code target/app}.
 */
class RuntimeImageIT {

    private static final Path PROJECT = Path.of(System.getProperty("iotworkbench.project.dir", ".")).toAbsolutePath();
    private static final Path OUT = PROJECT.resolve("target/dist-check");
    private static final Path PORTABLE = OUT.resolve("iot-workbench");
    private static final Path LAUNCHER = PORTABLE.resolve("bin/iot-workbench");

    @TempDir
    Path dir;

    @BeforeAll
    static void buildImage() throws Exception {
        Path log = PROJECT.resolve("target/dist-check.log");
        Files.createDirectories(log.getParent());
        Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "jlink/DistBuilder.java", "--out", OUT.toString(), "--skip-cds", "--skip-jpackage")
                .directory(PROJECT.toFile()).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        assertThat(p.waitFor(10, TimeUnit.MINUTES)).as("DistBuilder finished").isTrue();
        assertThat(p.exitValue()).as("DistBuilder exit; its output:\n%s", Files.readString(log)).isZero();
    }

    /** An environment with no Java anywhere: PATH points nowhere and JAVA_HOME is unset. */
    private static ProcessBuilder withoutJdk(ProcessBuilder pb, Path home) {
        Map<String, String> env = pb.environment();
        env.keySet().removeIf(k -> k.startsWith("JAVA") || k.startsWith("JDK_") || k.startsWith("IOTWORKBENCH_"));
        env.put("PATH", home.resolve("no-bin").toString());
        env.put("IOTWORKBENCH_CONFIG_DIR", home.resolve("config").toString());
        env.put("IOTWORKBENCH_DATA_DIR", home.resolve("data").toString());
        return pb;
    }

    @Test
    void imageHoldsExactlyTheListedModulesAndJavaFxNatives() throws IOException {
        Properties release = new Properties();
        try (var in = Files.newInputStream(PORTABLE.resolve("runtime/release"))) {
            release.load(in);
        }
        Set<String> modules = Arrays.stream(release.getProperty("MODULES").replace("\"", "").split(" "))
                .collect(Collectors.toSet());
        List<String> listed = listed("jlink/jdk-modules.txt");
        listed.addAll(listed("jlink/javafx-modules.txt"));
        assertThat(modules).containsAll(listed).contains("javafx.graphics", "javafx.base")
                .doesNotContain("jdk.compiler", "jdk.jshell", "jdk.localedata", "javafx.swing");
        assertThat(PORTABLE.resolve("runtime/lib/libglass.so")).exists();
        assertThat(PORTABLE.resolve("runtime/lib/server/classes.jsa")).as("base CDS archive").exists();
        Path sqlite;
        try (var files = Files.list(PORTABLE.resolve("lib"))) {
            sqlite = files.filter(f -> f.getFileName().toString().startsWith("sqlite-jdbc-")).findFirst().orElseThrow();
        }
        try (ZipFile zip = new ZipFile(sqlite.toFile())) {
            List<String> natives = zip.stream().map(java.util.zip.ZipEntry::getName)
                    .filter(n -> n.startsWith("org/sqlite/native/") && !n.endsWith("/")).toList();
            assertThat(natives).isNotEmpty().allMatch(n -> n.startsWith("org/sqlite/native/Linux"));
        }
        // signed jars (BouncyCastle's, Paho's) are copied unsigned, so that CDS archives their classes (decision 0026)
        try (var files = Files.list(PORTABLE.resolve("lib"))) {
            for (Path jar : files.filter(f -> f.toString().endsWith(".jar")).toList()) {
                try (ZipFile zip = new ZipFile(jar.toFile())) {
                    assertThat(zip.stream().map(java.util.zip.ZipEntry::getName))
                            .as("signature files in %s", jar.getFileName())
                            .noneMatch(n -> n.matches("(?i)META-INF/[^/]+\\.(SF|RSA|DSA|EC)"));
                }
            }
        }
    }

    private static List<String> listed(String file) throws IOException {
        return new ArrayList<>(Files.readAllLines(PROJECT.resolve(file)).stream().map(String::strip)
                .filter(l -> !l.isEmpty() && !l.startsWith("#")).toList());
    }

    @Test
    void versionRunsOnTheImagesOwnRuntime() throws Exception {
        Path log = dir.resolve("version.log");
        Process p = withoutJdk(new ProcessBuilder(LAUNCHER.toString(), "--version"), dir)
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        String out = Files.readString(log);
        assertThat(p.exitValue()).as(out).isZero();
        assertThat(out).contains("IoT Workbench ").contains("Runtime " + PORTABLE.resolve("runtime").toRealPath());
    }

    @Test
    void localCoreServesTlsMqttShadowVirtualDeviceAndRestApi() throws Exception {
        Path log = dir.resolve("local-core.log");
        Path data = dir.resolve("core");
        Process p = withoutJdk(new ProcessBuilder(LAUNCHER.toString(), "local-core", "--data-dir", data.toString(),
                "--mqtt-port", "0", "--api-port", "0", "--provision", "tester", "--virtual-device"), dir)
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        try {
            Path infoFile = data.resolve("local-core.json");
            Wait.check("local-core's " + infoFile.getFileName(), () -> {
                assertThat(p.isAlive()).as("local-core died: %s", Files.readString(log)).isTrue();
                return Files.exists(infoFile);
            });
            JsonNode info = new ObjectMapper().readTree(infoFile.toFile());
            JsonNode t = info.at("/things/tester");
            var tester = new LocalIoTCore.ProvisionedThing("tester", Path.of(t.get("certificateFile").asText()),
                    Path.of(t.get("privateKeyFile").asText()), t.get("certificateId").asText(), "");
            // the provisioned thing has the least-privilege policy (policies are enforced): its own shadow over MQTT
            String own = "$aws/things/tester/shadow";
            try (ShadowClient c = new ShadowClient(info.at("/mqtt/host").asText(), info.at("/mqtt/port").asInt(),
                    Path.of(info.get("caFile").asText()), tester, "tester")) {
                c.subscribe(own + "/update/documents");
                c.publish(own + "/update", "{\"state\":{\"reported\":{\"image\":\"ok\"}}}");
                assertThat(c.next("/update/documents").json().at("/current/state/reported/image").asText())
                        .isEqualTo("ok");
            }
            // the virtual device (a TLS client inside the image) follows a desired change made through the REST API
            try (IotDataPlaneClient shadows = IotDataPlaneClient.builder().region(Region.US_EAST_1)
                    .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDLOCAL",
                            "local")))
                    .endpointOverride(URI.create(info.at("/api/endpoint").asText()))
                    .httpClient(new JdkHttpTransport()).build()) {
                shadows.updateThingShadow(r -> r.thingName("wm_demo_1")
                        .payload(SdkBytes.fromUtf8String("{\"state\":{\"desired\":{\"led\":\"blue\"}}}")));
                ObjectMapper json = new ObjectMapper();
                JsonNode reported = Wait.value("the virtual device reports led=blue", () -> json.readTree(
                        shadows.getThingShadow(r -> r.thingName("wm_demo_1")).payload().asUtf8String()),
                        doc -> "blue".equals(doc.at("/state/reported/led").asText()));
                assertThat(reported.at("/state/reported/led").asText()).isEqualTo("blue");
            }
            try (IotClient iot = IotClient.builder().region(Region.US_EAST_1)
                    .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDLOCAL",
                            "local")))
                    .endpointOverride(URI.create(info.at("/api/endpoint").asText()))
                    .httpClient(new JdkHttpTransport()).build()) {
                assertThat(iot.listThings(r -> { }).things()).extracting(ThingAttribute::thingName)
                        .contains("tester", "wm_demo_1");
            }
            p.destroy();
            assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
            assertThat(Files.readString(log)).contains("Local IoT Core running", "Local IoT Core stopped.");
        } finally {
            p.destroyForcibly();
        }
    }

    /**
     * The window opens to its first frame. The folder has no CDS archive yet (the check builds it without the
     * training run), so the launcher has the first window session write one when it exits, and the next uses it.
     */
    @Test
    void windowReachesItsFirstFrameAndTheFirstSessionMakesTheArchive() throws Exception {
        Path archive = PORTABLE.resolve("cds/iot-workbench.jsa");
        Files.deleteIfExists(archive);
        try (XvfbDisplay display = XvfbDisplay.ensure(System.getenv())) {
            String first = runWindow(display, "core", "first.log", "");
            assertThat(first).contains("\"event\":\"first-frame\"", "\"event\":\"pane-ready\"",
                    "\"event\":\"core-ready\"").doesNotContain("Exception", "[warning]");
            assertThat(archive).as("written when the first window session exits").exists();
            assertThat(Files.readString(PORTABLE.resolve("cds/made-in")).strip())
                    .isEqualTo(PORTABLE.toRealPath().toString());

            Path classLog = dir.resolve("classes.log");
            runWindow(display, "frame", "second.log", "-Xlog:class+load:file=" + classLog);
            assertThat(Files.readAllLines(classLog)).as("classes come from the archive")
                    .filteredOn(l -> l.contains("io.iotworkbench.ui.shell.MainWindow source:")).singleElement()
                    .asString().contains("shared objects file");
        }
    }

    private String runWindow(XvfbDisplay display, String probe, String logName, String javaOpts) throws Exception {
        Path log = dir.resolve(logName);
        ProcessBuilder pb = withoutJdk(new ProcessBuilder(LAUNCHER.toString()), dir);
        pb.environment().putAll(display.environment());
        pb.environment().put("IOTWORKBENCH_STARTUP_PROBE", probe);
        pb.environment().put("IOTWORKBENCH_JAVA_OPTS", javaOpts);
        Process p = pb.redirectErrorStream(true).redirectOutput(log.toFile()).start();
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).as("the probe exits the app").isTrue();
        String out = Files.readString(log);
        assertThat(p.exitValue()).as(out).isZero();
        return out;
    }
}
