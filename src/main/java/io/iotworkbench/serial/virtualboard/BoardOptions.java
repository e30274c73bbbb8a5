package io.iotworkbench.serial.virtualboard;

import io.iotworkbench.serial.console.LogLevel;

import java.time.Duration;
import java.util.Map;

/**
 * What the virtual board pretends to be and how fast it acts.
 *
 * @param chip              chip name in the prompt ({@code W800: }) and the boot lines
 * @param firmwareVersion   {@code CONFIG_BUILD_VERSION} printed by {@code version} and the boot line, until an
 *                          application image with its own version is flashed
 * @param buildDate         build date as the firmware prints it ({@code May 26 2025})
 * @param buildTime         build time ({@code 10:00:00})
 * @param logLevel          the initial log level (the AWS demos build with DEBUG)
 * @param colourLogs        wrap log lines in the SDK's ANSI colours ({@code CONFIG_LOG_USE_COLOR})
 * @param bootWindow        how long the bootloader listens for ESC after a reset before starting the firmware
 * @param romCInterval      how often the ROM sends {@code C} while it waits
 * @param wifiConnectDelay  how long {@code wifi connect} takes
 * @param eraseTime         how long the ROM's flash erase takes
 * @param romAcceptsBaudSwitch false makes the ROM ignore the baud-rate frame, to exercise the host's fallback
 * @param wifiNetworks      SSID → password the board can join; empty lets any SSID and password connect
 * @param thingName         the demos' {@code THING_NAME}
 * @param endpoint          the demos' {@code AWS_IOT_ENDPOINT}
 * @param mac               the station MAC address
 *
 * <p>Immutable; safe from any thread.
 */
public record BoardOptions(String chip, String firmwareVersion, String buildDate, String buildTime, LogLevel logLevel,
                           boolean colourLogs, Duration bootWindow, Duration romCInterval, Duration wifiConnectDelay,
                           Duration eraseTime, boolean romAcceptsBaudSwitch, Map<String, String> wifiNetworks,
                           String thingName, String endpoint, String mac) {

    public BoardOptions {
        wifiNetworks = Map.copyOf(wifiNetworks);
    }

    /** A W800 running an SDK 2.4-rc AWS demo build, quick enough for tests and demos. */
    public static BoardOptions defaults() {
        return new BoardOptions("W800", "2.4-rc", "May 26 2025", "10:00:00", LogLevel.DEBUG, false,
                Duration.ofMillis(150), Duration.ofMillis(20), Duration.ofMillis(300), Duration.ofMillis(200), true,
                Map.of(), "wm_demo_1", "a2crv3ycvx4d9c-ats.iot.ap-northeast-2.amazonaws.com", "28:6d:ce:8d:2d:da");
    }

    public BoardOptions withChip(String name) {
        return new BoardOptions(name, firmwareVersion, buildDate, buildTime, logLevel, colourLogs, bootWindow,
                romCInterval, wifiConnectDelay, eraseTime, romAcceptsBaudSwitch, wifiNetworks, thingName, endpoint,
                mac);
    }

    public BoardOptions withColourLogs(boolean colour) {
        return new BoardOptions(chip, firmwareVersion, buildDate, buildTime, logLevel, colour, bootWindow,
                romCInterval, wifiConnectDelay, eraseTime, romAcceptsBaudSwitch, wifiNetworks, thingName, endpoint,
                mac);
    }

    public BoardOptions withRomAcceptsBaudSwitch(boolean accepts) {
        return new BoardOptions(chip, firmwareVersion, buildDate, buildTime, logLevel, colourLogs, bootWindow,
                romCInterval, wifiConnectDelay, eraseTime, accepts, wifiNetworks, thingName, endpoint, mac);
    }

    public BoardOptions withWifiNetworks(Map<String, String> networks) {
        return new BoardOptions(chip, firmwareVersion, buildDate, buildTime, logLevel, colourLogs, bootWindow,
                romCInterval, wifiConnectDelay, eraseTime, romAcceptsBaudSwitch, networks, thingName, endpoint, mac);
    }
}
