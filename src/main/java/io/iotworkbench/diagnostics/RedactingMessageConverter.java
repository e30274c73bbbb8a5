package io.iotworkbench.diagnostics;

import ch.qos.logback.classic.pattern.MessageConverter;
import ch.qos.logback.classic.spi.ILoggingEvent;

/**
 * Logback's {@code %msg} with {@link Redactor#always} applied, so a Wi-Fi password that reaches a log message (a
 * library echoing a command, say) never reaches the application log. Registered by {@link LogbackSetup}.
 *
 * <p>Stateless; called on the logging thread.
 */
public final class RedactingMessageConverter extends MessageConverter {

    @Override
    public String convert(ILoggingEvent event) {
        return Redactor.always(super.convert(event));
    }
}
