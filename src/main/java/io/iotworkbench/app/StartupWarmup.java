package io.iotworkbench.app;

import io.iotworkbench.concurrent.DaemonThreads;
import io.iotworkbench.storage.Json;
import org.slf4j.LoggerFactory;

/**
 * Loads, on a background thread while the JavaFX toolkit starts, the libraries the window's first frame needs but
 * the FX thread would otherwise load one after the other: the logging back end (which reads its configuration) and
 * Jackson (which reads the profiles and window settings). It only loads classes; it holds no state, so whether it
 * finishes first changes nothing but the time. Started once, by {@link Main}, before the toolkit.
 */
final class StartupWarmup {

    private StartupWarmup() {
    }

    static void start() {
        DaemonThreads.start("startup-warmup", StartupWarmup::run);
    }

    private static void run() {
        LoggerFactory.getILoggerFactory();
        try {
            Json.forFiles().readTree("{\"warm\":[1,true,\"x\"]}");
        } catch (java.io.IOException e) {
            LoggerFactory.getLogger(StartupWarmup.class).debug("Warm-up parse failed: {}", e.getMessage());
        }
    }
}
