package io.iotworkbench.mqtt;

import io.iotworkbench.testsupport.Wait;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

class MessageExportTest {

    @TempDir
    Path dir;

    private final List<ReceivedMessage> messages = List.of(
            ReceivedMessage.of(1, "a/b", "{\"x\":1}".getBytes(), 1, false, false, 1_700_000_000_000L, 1000),
            ReceivedMessage.of(2, "a,c", "say \"hi\"\nbye".getBytes(), 0, true, false, 1_700_000_000_500L, 1000),
            ReceivedMessage.of(3, "bin", new byte[] {0, (byte) 0xff}, 0, false, false, 1_700_000_001_000L, 1000));

    @Test
    void ndjsonHasOneObjectPerMessageWithTextOrBase64Payloads() throws Exception {
        Path f = dir.resolve("out.ndjson");
        MessageExport.write(f, messages, MessageExport.Format.NDJSON);
        List<String> lines = Files.readAllLines(f);
        assertThat(lines).hasSize(3);
        ObjectMapper json = new ObjectMapper();
        assertThat(json.readTree(lines.get(0)).get("payload").asText()).isEqualTo("{\"x\":1}");
        assertThat(json.readTree(lines.get(1)).get("retained").asBoolean()).isTrue();
        assertThat(json.readTree(lines.get(2)).get("payloadBase64").asText()).isEqualTo("AP8=");
        assertThat(json.readTree(lines.get(0)).get("time").asText()).isEqualTo("2023-11-14T22:13:20Z");
    }

    @Test
    void csvQuotesFieldsThatNeedIt() throws Exception {
        Path f = dir.resolve("out.csv");
        MessageExport.write(f, messages, MessageExport.Format.CSV);
        String csv = Files.readString(f);
        assertThat(csv).startsWith("time,topic,qos,retained,size,payload\n");
        assertThat(csv).contains("2023-11-14T22:13:20Z,a/b,1,false,7,\"{\"\"x\"\":1}\"\n");
        assertThat(csv).contains("\"a,c\",0,true,12,\"say \"\"hi\"\"\nbye\"");
        assertThat(csv).contains("bin,0,false,2,base64:AP8=");
    }

    @Test
    void aRecordingReplaysIntoAPipelineInOrder() throws Exception {
        Path f = dir.resolve("rec.ndjson");
        try (MessagePipeline source = new MessagePipeline(PipelineLimits.defaults())) {
            var recorder = MessageRecording.record(source, f);
            for (int i = 0; i < 50; i++) {
                source.offer("r/" + (i % 3), ("v" + i).getBytes(), 0, false, false);
            }
            recorder.close();
            assertThat(recorder.written()).isEqualTo(50);
        }
        try (MessagePipeline target = new MessagePipeline(PipelineLimits.defaults())) {
            long n = MessageRecording.replay(f, target, 0).done().get(60, TimeUnit.SECONDS);
            assertThat(n).isEqualTo(50);
            Wait.until("the replayed messages processed", () -> target.stats().processed() >= 50);
            assertThat(target.history("r", true)).extracting(m -> new String(m.payload()))
                    .startsWith("v0", "v1", "v2").endsWith("v49").hasSize(50);
        }
    }
}
