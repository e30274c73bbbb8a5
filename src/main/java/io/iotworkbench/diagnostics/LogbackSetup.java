package io.iotworkbench.diagnostics;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.Configurator;
import ch.qos.logback.classic.spi.ConfiguratorRank;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.CoreConstants;
import ch.qos.logback.core.pattern.DynamicConverter;
import ch.qos.logback.core.spi.ContextAwareBase;

import java.util.HashMap;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The application log's configuration, in code: one appender to standard error with the pattern below, {@code %msg}
 * through {@link RedactingMessageConverter}, Netty and the AWS SDK at WARN, the root at INFO or the level in the
 * system property {@value #LEVEL_PROPERTY}. Logback finds it as a service ({@code META-INF/services}) before it looks
 * for {@code logback.xml}; configuring in code spares start-up the XML parser and Joran's model (about 500 classes,
 * decision 0027). A {@code -Dlogback.configurationFile=...} still wins: then this configurator steps aside.
 *
 * <p>Called once by logback, on the thread that first asks for a logger.
 */
@ConfiguratorRank(ConfiguratorRank.CUSTOM_HIGH_PRIORITY)
public final class LogbackSetup extends ContextAwareBase implements Configurator {

    public static final String LEVEL_PROPERTY = "iotworkbench.log.level";
    public static final String APPENDER = "STDERR";
    static final String PATTERN = "%d{HH:mm:ss.SSS} %-5level [%thread] %logger{24} - %msg%n";
    private static final String CONFIGURATION_FILE_PROPERTY = "logback.configurationFile";

    private final Function<String, String> properties;

    /** Reads the system properties (as logback calls it). */
    public LogbackSetup() {
        this(System::getProperty);
    }

    LogbackSetup(Function<String, String> properties) {
        this.properties = properties;
    }

    @Override
    public ExecutionStatus configure(LoggerContext context) {
        if (properties.apply(CONFIGURATION_FILE_PROPERTY) != null) {
            return ExecutionStatus.INVOKE_NEXT_IF_ANY;
        }
        registerRedactingMessage(context);
        PatternLayoutEncoder encoder = new PatternLayoutEncoder();
        encoder.setContext(context);
        encoder.setPattern(PATTERN);
        encoder.start();
        ConsoleAppender<ILoggingEvent> stderr = new ConsoleAppender<>();
        stderr.setContext(context);
        stderr.setName(APPENDER);
        stderr.setTarget("System.err");
        stderr.setEncoder(encoder);
        stderr.start();
        context.getLogger("io.netty").setLevel(Level.WARN);
        context.getLogger("software.amazon.awssdk").setLevel(Level.WARN);
        Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
        root.setLevel(Level.toLevel(properties.apply(LEVEL_PROPERTY), Level.INFO));
        root.addAppender(stderr);
        return ExecutionStatus.DO_NOT_INVOKE_NEXT_IF_ANY;
    }

    /** {@code %msg} as {@link RedactingMessageConverter} (what {@code <conversionRule>} does in XML). */
    @SuppressWarnings("unchecked")
    private static void registerRedactingMessage(LoggerContext context) {
        Map<String, Supplier<DynamicConverter<?>>> rules = (Map<String, Supplier<DynamicConverter<?>>>) context
                .getObject(CoreConstants.PATTERN_RULE_REGISTRY_FOR_SUPPLIERS);
        if (rules == null) {
            rules = new HashMap<>();
            context.putObject(CoreConstants.PATTERN_RULE_REGISTRY_FOR_SUPPLIERS, rules);
        }
        rules.put("msg", RedactingMessageConverter::new);
    }
}
