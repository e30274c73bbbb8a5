package io.iotworkbench.cert;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The aws_user_def.h edit on a temporary copy of the WM SDK's AWS demo layout, byte-checked. */
class WmUserDefEditTest {

    static final String LED_USER_DEF = """
            #ifndef __AWS_USER_DEF_H__
            #define __AWS_USER_DEF_H__

            #define AWS_IOT_ENDPOINT "a2crv3ycvx4d9c-ats.iot.ap-northeast-2.amazonaws.com"
            #define THING_NAME       "wm_demo_1"

            extern const char aws_root_ca1[] asm("__binary_main_cert_AmazonRootCA1_pem");

            #endif
            """;

    static final String OTA_USER_DEF = "#define AWS_IOT_ENDPOINT \"x.iot.ap-south-1.amazonaws.com\"\r\n"
            + "#define THING_NAME \"wm_demo_1\"\r\n#define CLIENT_IDENTIFIER \"wm_demo_1\" /* client */\r\n";

    @TempDir
    Path dir;
    Path sdk;
    Path led;
    Path ota;

    @BeforeEach
    void layout() throws Exception {
        sdk = dir.resolve("wm_iot_sdk");
        Files.createDirectories(sdk.resolve("components"));
        Path aws = Files.createDirectories(sdk.resolve(WmSdkExport.AWS_EXAMPLES));
        Files.createDirectories(aws.resolve("cert/common"));
        led = aws.resolve("led_demo").resolve(WmUserDefEdit.USER_DEF);
        ota = aws.resolve("aws_ota").resolve(WmUserDefEdit.USER_DEF);
        Files.createDirectories(led.getParent());
        Files.createDirectories(ota.getParent());
        Files.writeString(led, LED_USER_DEF, StandardCharsets.US_ASCII);
        Files.writeString(ota, OTA_USER_DEF, StandardCharsets.US_ASCII);
    }

    @Test
    void theDiffIsShownFirstAndOnlyApplyWritesWithABackup() throws Exception {
        WmSdkExport export = WmSdkExport.into(sdk);
        assertThat(export.demos()).containsExactly("aws_ota", "led_demo");
        Path file = export.userDefFile("led_demo");
        assertThat(file).isEqualTo(led);

        var plan = WmUserDefEdit.plan(file, "abc123-ats.iot.eu-west-1.amazonaws.com", "kitchen-led", "kitchen-led");
        assertThat(Files.readString(led)).isEqualTo(LED_USER_DEF);
        assertThat(plan.absent()).containsExactly(WmUserDefEdit.CLIENT_ID);
        assertThat(plan.diff()).isEqualTo("""
                --- %1$s
                +++ %1$s (edited)
                @@ -3,4 +3,4 @@
                \s
                -#define AWS_IOT_ENDPOINT "a2crv3ycvx4d9c-ats.iot.ap-northeast-2.amazonaws.com"
                -#define THING_NAME       "wm_demo_1"
                +#define AWS_IOT_ENDPOINT "abc123-ats.iot.eu-west-1.amazonaws.com"
                +#define THING_NAME       "kitchen-led"
                \s
                """.formatted(led));

        Path backup = WmUserDefEdit.apply(plan);
        assertThat(backup).isEqualTo(led.resolveSibling("aws_user_def.h.bak"));
        assertThat(Files.readString(backup)).isEqualTo(LED_USER_DEF);
        assertThat(Files.readString(led)).isEqualTo(LED_USER_DEF
                .replace("a2crv3ycvx4d9c-ats.iot.ap-northeast-2.amazonaws.com",
                        "abc123-ats.iot.eu-west-1.amazonaws.com")
                .replace("\"wm_demo_1\"", "\"kitchen-led\""));

        var again = WmUserDefEdit.plan(file, "abc123-ats.iot.eu-west-1.amazonaws.com", "kitchen-led", null);
        assertThat(again.changes()).isFalse();
        assertThat(WmUserDefEdit.apply(again)).isNull();
        assertThat(WmUserDefEdit.apply(WmUserDefEdit.plan(file, null, "other", null)))
                .isEqualTo(led.resolveSibling("aws_user_def.h.bak2"));
    }

    @Test
    void crlfAndTrailingCommentsAreKeptByteForByte() throws Exception {
        var plan = WmUserDefEdit.plan(ota, null, "pump-3", "pump-3-client");
        assertThat(plan.absent()).isEmpty();
        WmUserDefEdit.apply(plan);
        assertThat(Files.readAllBytes(ota)).isEqualTo(("#define AWS_IOT_ENDPOINT \"x.iot.ap-south-1.amazonaws.com\""
                + "\r\n#define THING_NAME \"pump-3\"\r\n#define CLIENT_IDENTIFIER \"pump-3-client\" /* client */\r\n")
                .getBytes(StandardCharsets.US_ASCII));
    }

    @Test
    void refusedEditsWriteNothing() throws Exception {
        assertThatThrownBy(() -> WmUserDefEdit.plan(led, "evil\"; system(\"rm", null, null))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("AWS_IOT_ENDPOINT");
        var plan = WmUserDefEdit.plan(led, null, "t1", null);
        Files.writeString(led, LED_USER_DEF + "// edited meanwhile\n");
        assertThatThrownBy(() -> WmUserDefEdit.apply(plan)).hasMessageContaining("changed since the diff");
        assertThat(Files.exists(led.resolveSibling("aws_user_def.h.bak"))).isFalse();
        assertThatThrownBy(() -> WmSdkExport.into(sdk).userDefFile("nope"))
                .isInstanceOf(WmSdkExportException.class).hasMessageContaining("aws_ota, led_demo");
    }

    @Test
    void anExamplesFolderWithoutComponentsIsNotAnSdk() throws Exception {
        Path fake = dir.resolve("fake");
        Files.createDirectories(fake.resolve(WmSdkExport.AWS_EXAMPLES));
        assertThatThrownBy(() -> WmSdkExport.into(fake)).isInstanceOf(WmSdkExportException.class)
                .hasMessageContaining("no components/");
    }
}
