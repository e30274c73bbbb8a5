package io.iotworkbench.testsupport;

import org.junit.jupiter.api.Assumptions;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The AWS CLI (Debian's {@code awscli}, a real AWS client: botocore signs and parses by the service models) run
 * against a local endpoint in a sandbox: its own empty HOME and config files, static test credentials, no pager, no
 * instance metadata. Tests skip (with a message) when it is not installed; {@code .ci/run} installs it.
 */
public final class AwsCli {

    /** What one command did. */
    public record Result(int exitCode, String stdout, String stderr) {
    }

    private final Path home;
    private final String endpoint;

    /** Skips the calling test when no {@code aws} is installed. */
    public AwsCli(Path sandbox, String endpoint) throws IOException {
        Assumptions.assumeTrue(binary() != null, "the AWS CLI is not installed (apt-get install awscli); .ci/run "
                + "installs it");
        this.home = Files.createDirectories(sandbox);
        this.endpoint = endpoint;
    }

    /** Debian's {@code /usr/bin/aws} when present, else the first {@code aws} on the PATH, else null. */
    public static String binary() {
        if (Files.isExecutable(Path.of("/usr/bin/aws"))) {
            return "/usr/bin/aws";
        }
        String path = System.getenv("PATH");
        for (String dir : path == null ? new String[0] : path.split(File.pathSeparator)) {
            Path candidate = Path.of(dir, "aws");
            if (Files.isExecutable(candidate)) {
                return candidate.toString();
            }
        }
        return null;
    }

    /** Runs {@code aws SERVICE OPERATION ARGS... --endpoint-url E --output json}; waits up to 3 minutes. */
    public Result run(String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>();
        cmd.add(binary());
        cmd.addAll(List.of(args));
        cmd.addAll(List.of("--endpoint-url", endpoint, "--output", "json", "--cli-read-timeout", "120"));
        ProcessBuilder pb = new ProcessBuilder(cmd);
        Map<String, String> env = pb.environment();
        env.keySet().removeIf(k -> k.startsWith("AWS_"));
        env.put("HOME", home.toString());
        env.put("AWS_CONFIG_FILE", home.resolve("config").toString());
        env.put("AWS_SHARED_CREDENTIALS_FILE", home.resolve("credentials").toString());
        env.put("AWS_ACCESS_KEY_ID", "AKIDLOCALTEST");
        env.put("AWS_SECRET_ACCESS_KEY", "local-secret");
        env.put("AWS_DEFAULT_REGION", "us-east-1");
        env.put("AWS_PAGER", "");
        env.put("AWS_EC2_METADATA_DISABLED", "true");
        Path out = Files.createTempFile(home, "out", ".txt");
        Path err = Files.createTempFile(home, "err", ".txt");
        Process p = pb.redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        if (!p.waitFor(3, TimeUnit.MINUTES)) {
            p.destroyForcibly();
            throw new AssertionError("aws " + String.join(" ", args) + " did not end within 3 minutes");
        }
        return new Result(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                Files.readString(err, StandardCharsets.UTF_8));
    }
}
