package io.iotworkbench.localcore;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The AWS CLI (the {@code awscli} 2.x Debian package, which signs IoT control-plane calls for {@code execute-api})
 * against a real Local IoT Core. Skips, saying so, when it is not installed ({@code .ci/run} installs it).
 */
class AwsCliTest {

    @TempDir
    Path dir;

    private LocalIoTCore core;
    private Path aws;

    @BeforeEach
    void start() throws Exception {
        aws = AwsCli.find().orElse(null);
        assumeTrue(aws != null, "the AWS CLI is not installed (apt-get install awscli); skipping its interop test");
        core = LocalIoTCore.start(LocalIoTCore.Config.defaults(dir.resolve("data")).withVirtualDevice(false));
    }

    @AfterEach
    void stop() {
        if (core != null) {
            core.close();
        }
    }

    @Test
    void thingsAndPoliciesThroughTheCli() throws Exception {
        AwsCli cli = new AwsCli(aws, dir, core.apiEndpoint(), "AKIDLOCAL", "local-secret");
        JsonNode created = cli.json("iot", "create-thing", "--thing-name", "cli-thing");
        assertThat(created.get("thingName").asText()).isEqualTo("cli-thing");
        assertThat(cli.json("iot", "list-things").get("things")).extracting(t -> t.get("thingName").asText())
                .containsExactly("cli-thing");
        assertThat(cli.json("iot", "describe-thing", "--thing-name", "cli-thing").get("thingArn").asText())
                .endsWith(":thing/cli-thing");
        cli.json("iot", "create-policy", "--policy-name", "p1", "--policy-document",
                "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"iot:Connect\","
                        + "\"Resource\":\"*\"}]}");
        assertThat(cli.json("iot", "get-policy", "--policy-name", "p1").get("defaultVersionId").asText())
                .isEqualTo("1");
        assertThat(cli.json("iot", "describe-endpoint", "--endpoint-type", "iot:Data-ATS")
                .get("endpointAddress").asText()).isEqualTo("127.0.0.1");
        AwsCli.Result missing = cli.run("iot", "describe-thing", "--thing-name", "nobody");
        assertThat(missing.exitCode()).isNotZero();
        assertThat(missing.stderr()).contains("ResourceNotFoundException");
    }

    /** Runs the AWS CLI in a sandbox: its own HOME and config files, credentials from the environment. */
    record AwsCli(Path executable, Path home, String endpoint, String accessKeyId, String secret) {

        record Result(int exitCode, String stdout, String stderr) {
        }

        /** Debian's /usr/bin/aws first (awscli 2.x), else an {@code aws} on the PATH. */
        static java.util.Optional<Path> find() {
            Path debian = Path.of("/usr/bin/aws");
            if (Files.isExecutable(debian)) {
                return java.util.Optional.of(debian);
            }
            for (String folder : System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator)) {
                Path candidate = Path.of(folder, "aws");
                if (!folder.isEmpty() && Files.isExecutable(candidate)) {
                    return java.util.Optional.of(candidate);
                }
            }
            return java.util.Optional.empty();
        }

        JsonNode json(String... args) throws Exception {
            Result r = run(args);
            assertThat(r.exitCode()).as("aws %s: %s", String.join(" ", args), r.stderr()).isZero();
            return r.stdout().isBlank() ? new ObjectMapper().createObjectNode() : new ObjectMapper().readTree(r.stdout());
        }

        Result run(String... args) throws IOException, InterruptedException {
            List<String> cmd = new ArrayList<>(List.of(executable.toString()));
            cmd.addAll(List.of(args));
            cmd.addAll(List.of("--endpoint-url", endpoint, "--region", "us-east-1", "--output", "json"));
            ProcessBuilder pb = new ProcessBuilder(cmd);
            Map<String, String> env = pb.environment();
            env.keySet().removeIf(k -> k.startsWith("AWS_"));
            env.put("HOME", home.toString());
            env.put("AWS_CONFIG_FILE", home.resolve("aws-config").toString());
            env.put("AWS_SHARED_CREDENTIALS_FILE", home.resolve("aws-credentials").toString());
            env.put("AWS_ACCESS_KEY_ID", accessKeyId);
            env.put("AWS_SECRET_ACCESS_KEY", secret);
            env.put("AWS_PAGER", "");
            env.put("AWS_EC2_METADATA_DISABLED", "true");
            Path out = Files.createTempFile(home, "aws-out", ".txt");
            Path err = Files.createTempFile(home, "aws-err", ".txt");
            Process p = pb.redirectOutput(out.toFile()).redirectError(err.toFile()).start();
            if (!p.waitFor(180, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IOException("aws " + String.join(" ", args) + " did not finish in 180 s");
            }
            return new Result(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                    Files.readString(err, StandardCharsets.UTF_8));
        }
    }
}
