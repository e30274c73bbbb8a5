package io.iotworkbench.diagnostics;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/**
 * The application's name and version (from the build) and the Java runtime it runs on. Immutable.
 */
public record AppInfo(String name, String version, String javaVersion, String javaVendor) {

    public static AppInfo current() {
        Properties p = new Properties();
        try (InputStream in = AppInfo.class.getResourceAsStream("/io/iotworkbench/version.properties")) {
            if (in != null) {
                p.load(in);
            }
        } catch (IOException ignored) {
            // the version stays "unknown"; nothing else depends on it
        }
        return new AppInfo("IoT Workbench", p.getProperty("version", "unknown"),
                System.getProperty("java.version"), System.getProperty("java.vendor"));
    }
}
