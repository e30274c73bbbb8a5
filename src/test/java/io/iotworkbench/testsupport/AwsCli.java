package io.iotworkbench.testsupport;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** Runs the AWS CLI in a sandbox: its own HOME and config files, credentials from the environment. */
public record AwsCli(Path executable, Path home, String endpoint, String accessKeyId, String secret) {

    public record Result(int exitCode, String stdout, String stderr) {
    }

    /** Debian's /usr/bin/aws first (awscli 2.x), else an {@code aws} on the PATH. */
    public static java.util.Optional<Path> find() {
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

    /**
     * An AWS CLI in its own folder under {@code sandbox} with static test credentials; skips the calling test (with a
     * message) when no {@code aws} is installed ({@code .ci/run} installs Debian's awscli).
     */
    public static AwsCli sandboxed(Path sandbox, String endpoint) throws IOException {
        Path aws = find().orElse(null);
        org.junit.jupiter.api.Assumptions.assumeTrue(aws != null,
                "the AWS CLI is not installed (apt-get install awscli); .ci/run installs it");
        return new AwsCli(aws, Files.createDirectories(sandbox), endpoint, "AKIDLOCALTEST", "local-secret");
    }

    public JsonNode json(String... args) throws Exception {
        Result r = run(args);
        assertThat(r.exitCode()).as("aws %s: %s", String.join(" ", args), r.stderr()).isZero();
        return r.stdout().isBlank() ? new ObjectMapper().createObjectNode() : new ObjectMapper().readTree(r.stdout());
    }

    public Result run(String... args) throws IOException, InterruptedException {
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
