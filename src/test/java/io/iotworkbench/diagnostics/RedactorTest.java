package io.iotworkbench.diagnostics;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class RedactorTest {

    private final Redactor redactor = new Redactor();

    @Test
    void wifiPasswordsAreMaskedInEveryMode() {
        assertThat(Redactor.always("W800: wifi connect DemoNet s3cretPass99"))
                .isEqualTo("W800: wifi connect DemoNet ••••");
        assertThat(Redactor.always("wifi softap,Lab,pa ss")).isEqualTo("wifi softap,Lab,••••");
        assertThat(Redactor.always("W800: wifi connect DemoNet s3cr")).as("a password cut by a chunk")
                .isEqualTo("W800: wifi connect DemoNet ••••");
        assertThat(Redactor.always("wifi connect DemoNet ")).as("no password yet")
                .isEqualTo("wifi connect DemoNet ");
        assertThat(Redactor.always("wifi connect OpenNet")).isEqualTo("wifi connect OpenNet");
        assertThat(Redactor.always("  sta join an ap   : wifi connect <ssid> [password]")).as("the CLI's usage text")
                .isEqualTo("  sta join an ap   : wifi connect <ssid> [password]");
        assertThat(Redactor.hasAlwaysSecret("WIFI CONNECT a b")).isTrue();
        assertThat(redactor.shown("arn:aws:iot:eu-west-1:123456789012:thing/x")).as("presenter mode off")
                .contains("123456789012");
    }

    @Test
    void presenterModeHidesAccountIdsEndpointPrefixesAndProfileNames() {
        List<Boolean> changes = new java.util.ArrayList<>();
        redactor.addListener(() -> changes.add(redactor.isPresenterMode()));
        redactor.setCredentialsProfiles(List.of("acme-admin", " "));
        redactor.setPresenterMode(true);
        redactor.setPresenterMode(true);
        assertThat(changes).containsExactly(true);
        assertThat(redactor.shown("arn:aws:iot:eu-west-1:123456789012:thing/x 1234567890123"))
                .isEqualTo("arn:aws:iot:eu-west-1:••••:thing/x 1234567890123");
        assertThat(redactor.shown("mqtts://abc123xyz-ats.iot.us-east-1.amazonaws.com:8883"))
                .isEqualTo("mqtts://••••-ats.iot.us-east-1.amazonaws.com:8883");
        assertThat(redactor.shown("abc123.iot.us-east-1.amazonaws.com")).isEqualTo("••••.iot.us-east-1.amazonaws.com");
        assertThat(redactor.shown("credentials profile acme-admin; acme-administrator"))
                .isEqualTo("credentials profile ••••; acme-administrator");
        assertThat(redactor.shown("wifi connect Lab pw and 123456789012")).isEqualTo("wifi connect Lab ••••");
        assertThat(redactor.shown("localhost:8883 wm_demo_1")).isEqualTo("localhost:8883 wm_demo_1");
    }

    @Test
    void theApplicationLogMasksWifiPasswords() throws Exception {
        ch.qos.logback.classic.LoggerContext context = new ch.qos.logback.classic.LoggerContext();
        ch.qos.logback.classic.joran.JoranConfigurator config = new ch.qos.logback.classic.joran.JoranConfigurator();
        config.setContext(context);
        config.doConfigure(RedactorTest.class.getResource("/logback.xml"));
        ch.qos.logback.classic.Logger root = context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        var appender = (ch.qos.logback.core.ConsoleAppender<ch.qos.logback.classic.spi.ILoggingEvent>)
                root.getAppender("STDERR");
        var encoder = (ch.qos.logback.classic.encoder.PatternLayoutEncoder) appender.getEncoder();
        ch.qos.logback.classic.spi.LoggingEvent event = new ch.qos.logback.classic.spi.LoggingEvent("x",
                context.getLogger("test"), ch.qos.logback.classic.Level.INFO, "sent {}",
                null, new Object[] {"wifi connect DemoNet s3cretPass99"});
        assertThat(encoder.getLayout().doLayout(event)).contains("sent wifi connect DemoNet ••••")
                .doesNotContain("s3cret");
        context.stop();
    }
}
