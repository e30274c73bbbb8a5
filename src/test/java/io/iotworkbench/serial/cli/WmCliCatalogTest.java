package io.iotworkbench.serial.cli;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class WmCliCatalogTest {

    private final WmCliCatalog catalog = WmCliCatalog.standard();

    @Test
    void holdsTheCommandsOfTheSdkAndTheAwsDemos() {
        assertThat(catalog.commands()).extracting(WmCliCommand::name).containsExactly("help", "cls", "version",
                "reboot", "task", "free", "log", "wifi", "ifconfig", "ping", "ntp", "partition", "aws_mqtt",
                "aws_http", "aws_job", "aws_shadow", "aws_led", "aws_ota");
        assertThat(catalog.find("wifi").orElseThrow().subcommands()).extracting(WmCliCommand::name)
                .containsExactly("init", "deinit", "scan", "connect", "disconnect", "softap");
        assertThat(catalog.find("aws_led").orElseThrow().description()).isEqualTo("aws led demo");
    }

    @Test
    void completesTheFirstWord() {
        assertThat(catalog.complete("")).hasSize(18);
        assertThat(catalog.complete("wi")).containsExactly("wifi");
        assertThat(catalog.complete("aws_")).containsExactly("aws_mqtt", "aws_http", "aws_job", "aws_shadow",
                "aws_led", "aws_ota");
        assertThat(catalog.complete("p")).containsExactly("ping", "partition");
        assertThat(catalog.complete("  ver")).containsExactly("version");
        assertThat(catalog.complete("xyz")).isEmpty();
    }

    @Test
    void completesSubCommandsAndFixedArguments() {
        assertThat(catalog.complete("wifi c")).containsExactly("wifi connect");
        assertThat(catalog.complete("wifi d")).containsExactly("wifi deinit", "wifi disconnect");
        assertThat(catalog.complete("wifi ")).containsExactly("wifi init", "wifi deinit", "wifi scan",
                "wifi connect", "wifi disconnect", "wifi softap");
        assertThat(catalog.complete("log d")).containsExactly("log debug");
        assertThat(catalog.complete("ntp s")).containsExactly("ntp start", "ntp stop");
        assertThat(catalog.complete("help wi")).containsExactly("help wifi");
        assertThat(catalog.complete("wifi connect my")).isEmpty();
        assertThat(catalog.complete("version ")).isEmpty();
        assertThat(catalog.complete("nope x")).isEmpty();
    }

    @Test
    void theCommonPrefixIsWhatTabCanFillIn() {
        assertThat(WmCliCatalog.commonPrefix(catalog.complete("wifi d"))).isEqualTo("wifi d");
        assertThat(WmCliCatalog.commonPrefix(catalog.complete("aws_s"))).isEqualTo("aws_shadow");
        assertThat(WmCliCatalog.commonPrefix(List.of())).isEmpty();
    }

    @Test
    void showsTheUsageOfWhatIsBeingTyped() {
        assertThat(catalog.usage("wifi connect myssid")).hasValueSatisfying(u -> assertThat(u)
                .startsWith("wifi connect <ssid> [password]\n").contains("sta connected"));
        assertThat(catalog.usage("wifi")).hasValueSatisfying(u -> assertThat(u)
                .startsWith("wifi <init|deinit|scan|connect|disconnect|softap> [args]")
                .contains("wifi softap <ssid> [password]"));
        assertThat(catalog.usage("ver")).hasValueSatisfying(u -> assertThat(u).startsWith("version"));
        assertThat(catalog.usage("log")).hasValueSatisfying(u -> assertThat(u).contains("log debug"));
        assertThat(catalog.usage("aws")).isEmpty();
        assertThat(catalog.usage("   ")).isEmpty();
        assertThat(catalog.usage("frobnicate")).isEmpty();
    }

    @Test
    void theFirmwareUsageJoinsSyntaxAndExplanation() {
        assertThat(catalog.find("ifconfig").orElseThrow().firmwareUsage())
                .isEqualTo("ifconfig [if ip mask gw] -- show / set netif info");
    }
}
