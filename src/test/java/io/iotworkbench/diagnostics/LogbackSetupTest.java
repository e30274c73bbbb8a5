package io.iotworkbench.diagnostics;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.Configurator;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.LoggingEvent;
import ch.qos.logback.core.ConsoleAppender;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The application log configured in code: what {@code logback.xml} said (appender, pattern, levels, the redacting
 * {@code %msg}), found by logback as a service, and out of the way when a configuration file is named.
 */
class LogbackSetupTest {

    @Test
    void configuresStandardErrorWithThePatternAndTheLevels() {
        LoggerContext context = new LoggerContext();
        assertThat(new LogbackSetup(k -> null).configure(context))
                .isEqualTo(Configurator.ExecutionStatus.DO_NOT_INVOKE_NEXT_IF_ANY);
        var root = context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        assertThat(root.getLevel()).isEqualTo(Level.INFO);
        assertThat(context.getLogger("io.netty.buffer").getEffectiveLevel()).isEqualTo(Level.WARN);
        assertThat(context.getLogger("software.amazon.awssdk.core").getEffectiveLevel()).isEqualTo(Level.WARN);
        assertThat(context.getLogger("io.iotworkbench.mqtt").getEffectiveLevel()).isEqualTo(Level.INFO);
        var appender = (ConsoleAppender<ILoggingEvent>) root.getAppender(LogbackSetup.APPENDER);
        assertThat(appender.isStarted()).isTrue();
        assertThat(appender.getTarget()).isEqualTo("System.err");
        var encoder = (PatternLayoutEncoder) appender.getEncoder();
        assertThat(encoder.getPattern()).isEqualTo("%d{HH:mm:ss.SSS} %-5level [%thread] %logger{24} - %msg%n");
        LoggingEvent event = new LoggingEvent("x", context.getLogger("io.iotworkbench.serial.SerialPort"),
                Level.WARN, "sent {}", null, new Object[] {"wifi connect DemoNet s3cretPass99"});
        event.setThreadName("serial-reader");
        assertThat(encoder.getLayout().doLayout(event))
                .matches("\\d\\d:\\d\\d:\\d\\d\\.\\d{3} WARN  \\[serial-reader\\] i\\.i\\.serial\\.SerialPort - "
                        + "sent wifi connect DemoNet ••••\\R");
        context.stop();
    }

    @Test
    void theLevelPropertySetsTheRoot() {
        LoggerContext context = new LoggerContext();
        new LogbackSetup(Map.of(LogbackSetup.LEVEL_PROPERTY, "debug")::get).configure(context);
        assertThat(context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME).getLevel()).isEqualTo(Level.DEBUG);
        assertThat(context.getLogger("io.netty").getLevel()).isEqualTo(Level.WARN);
        context.stop();
    }

    @Test
    void aNamedConfigurationFileWins() {
        LoggerContext context = new LoggerContext();
        assertThat(new LogbackSetup(Map.of("logback.configurationFile", "/etc/x.xml")::get).configure(context))
                .isEqualTo(Configurator.ExecutionStatus.INVOKE_NEXT_IF_ANY);
        assertThat(context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME).iteratorForAppenders().hasNext()).isFalse();
        context.stop();
    }

    @Test
    void logbackUsesItAsAService() {
        var root = (ch.qos.logback.classic.Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        assertThat(root.getAppender(LogbackSetup.APPENDER)).isInstanceOf(ConsoleAppender.class);
        assertThat(((LoggerContext) LoggerFactory.getILoggerFactory()).getLogger("io.netty").getLevel())
                .isEqualTo(Level.WARN);
    }
}
