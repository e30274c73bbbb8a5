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

    static final String PEM = "-----BEGIN RSA PRIVATE KEY-----\nMIIEowIBAAKCAQEAwJH3kQ0Lp7v9yXs8dGq1\n"
            + "Zm9vYmFyYmF6cXV1eA==\n-----END RSA PRIVATE KEY-----\n";
    static final String SECRET_KEY = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY";

    @Test
    void privateKeysAndNamedSecretKeysAreMaskedInEveryMode() {
        assertThat(Redactor.always("key:\n" + PEM + "done"))
                .isEqualTo("key:\n-----BEGIN RSA PRIVATE KEY-----••••\ndone");
        assertThat(Redactor.always("-----BEGIN PRIVATE KEY-----\nMIIEvQIBADANBgkqhkiG9w0BAQEFAASC"))
                .as("a key cut before its END line").isEqualTo("-----BEGIN PRIVATE KEY-----••••");
        assertThat(Redactor.always("{\"privateKey\":\"-----BEGIN EC PRIVATE KEY-----\\nMHcCAQEE\\n-----END EC "
                + "PRIVATE KEY-----\\n\"}")).doesNotContain("MHcCAQEE");
        assertThat(Redactor.always("aws_secret_access_key = " + SECRET_KEY))
                .isEqualTo("aws_secret_access_key = ••••");
        assertThat(Redactor.always("{\"SecretAccessKey\": \"" + SECRET_KEY + "\", \"x\": 1}"))
                .isEqualTo("{\"SecretAccessKey\": \"••••\", \"x\": 1}");
        assertThat(Redactor.always("-----BEGIN CERTIFICATE-----\nMIIB\n")).as("certificates are public")
                .contains("MIIB");
        assertThat(redactor.shown("token " + SECRET_KEY + " AKIAIOSFODNN7EXAMPLE")).as("presenter mode off")
                .contains("AKIAIOSFODNN7EXAMPLE").contains(SECRET_KEY);
        redactor.setPresenterMode(true);
        assertThat(redactor.shown("token " + SECRET_KEY + " AKIAIOSFODNN7EXAMPLE")).isEqualTo("token •••• ••••");
        String sha1 = "a94a8fe5ccb19ba61c4c0873d391e987982fbbd3";
        assertThat(redactor.shown(sha1)).as("a lower-case hex digest is no secret key").isEqualTo(sha1);
    }

    @Test
    void jsonValuesAreMaskedOneByOneSoTheDocumentStaysValid() throws Exception {
        var mapper = new com.fasterxml.jackson.databind.ObjectMapper();
        redactor.setPresenterMode(true);
        var doc = mapper.readTree("{\"cmd\":\"wifi connect Lab s3cretPass99\",\"n\":[1,\"" + SECRET_KEY
                + "\"],\"ok\":true}");
        String shown = mapper.writeValueAsString(redactor.shown(doc));
        assertThat(mapper.readTree(shown).path("cmd").asText()).isEqualTo("wifi connect Lab ••••");
        assertThat(shown).doesNotContain("s3cretPass99", SECRET_KEY).contains("\"ok\":true");
        var named = mapper.readTree("{\"wifi\":{\"password\":\"hunter22\"},\"privateKeyFile\":\"/k/dev.key\"}");
        assertThat(mapper.writeValueAsString(redactor.shown(named)))
                .isEqualTo("{\"wifi\":{\"password\":\"••••\"},\"privateKeyFile\":\"/k/dev.key\"}");
        var clean = mapper.readTree("{\"led\":\"red\"}");
        assertThat(redactor.shown(clean)).isSameAs(clean);
    }

    @Test
    void theApplicationLogMasksWifiPasswords() throws Exception {
        ch.qos.logback.classic.LoggerContext context = new ch.qos.logback.classic.LoggerContext();
        new LogbackSetup(k -> null).configure(context);
        ch.qos.logback.classic.Logger root = context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        var appender = (ch.qos.logback.core.ConsoleAppender<ch.qos.logback.classic.spi.ILoggingEvent>)
                root.getAppender(LogbackSetup.APPENDER);
        var encoder = (ch.qos.logback.classic.encoder.PatternLayoutEncoder) appender.getEncoder();
        ch.qos.logback.classic.spi.LoggingEvent event = new ch.qos.logback.classic.spi.LoggingEvent("x",
                context.getLogger("test"), ch.qos.logback.classic.Level.INFO, "sent {}",
                null, new Object[] {"wifi connect DemoNet s3cretPass99"});
        assertThat(encoder.getLayout().doLayout(event)).contains("sent wifi connect DemoNet ••••")
                .doesNotContain("s3cret");
        context.stop();
    }
}
