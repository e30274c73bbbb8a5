package io.iotworkbench.localcore;

import com.fasterxml.jackson.databind.JsonNode;
import io.iotworkbench.testsupport.AwsCli;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The AWS CLI (the {@code awscli} 2.x Debian package, which signs IoT control-plane calls for {@code execute-api})
 * against a real Local IoT Core. Skips, saying so, when it is not installed ({@code .ci/run} installs it).
 */
@Tag("integration")
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
}
