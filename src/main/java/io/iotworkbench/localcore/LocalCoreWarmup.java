package io.iotworkbench.localcore;

import io.iotworkbench.concurrent.DaemonThreads;
import org.slf4j.LoggerFactory;

import javax.net.ssl.KeyManager;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import java.security.GeneralSecurityException;

/**
 * Loads, on a background thread while the JavaFX toolkit starts, what every start of the Local IoT Core needs first
 * and that holds nothing of ours: SQLite's native library (sqlite-jdbc extracts it to the temporary folder and loads
 * it once per JVM) and the JDK's TLS engine (a context without keys or trust, thrown away, and its cipher suites). It
 * holds no state and no key material, so whether it finishes before the core's start changes nothing but the time
 * (decision 0031). Started once, by the app's {@code Main}, when the window will run the core.
 */
public final class LocalCoreWarmup {

    private LocalCoreWarmup() {
    }

    public static void start() {
        DaemonThreads.start("local-core-warmup", LocalCoreWarmup::run);
    }

    static void run() {
        try {
            org.sqlite.SQLiteJDBCLoader.initialize();
        } catch (Exception e) {
            // the core's start loads it again and reports what fails
            LoggerFactory.getLogger(LocalCoreWarmup.class).debug("SQLite warm-up failed: {}", e.getMessage());
        }
        try {
            SSLContext tls = SSLContext.getInstance("TLS");
            tls.init(new KeyManager[0], new TrustManager[0], null);
            tls.createSSLEngine().getSupportedCipherSuites();
        } catch (GeneralSecurityException | RuntimeException e) {
            LoggerFactory.getLogger(LocalCoreWarmup.class).debug("TLS warm-up failed: {}", e.getMessage());
        }
    }
}
