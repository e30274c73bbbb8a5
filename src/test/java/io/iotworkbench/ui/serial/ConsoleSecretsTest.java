package io.iotworkbench.ui.serial;

import io.iotworkbench.diagnostics.Redactor;
import io.iotworkbench.serial.ReconnectPolicy;
import io.iotworkbench.serial.SerialChannel;
import io.iotworkbench.serial.SerialConnection;
import io.iotworkbench.serial.SerialPipe;
import io.iotworkbench.serial.SerialSettings;
import io.iotworkbench.serial.cli.WmMacro;
import io.iotworkbench.serial.console.SerialLine;
import io.iotworkbench.serial.virtualboard.BoardOptions;
import io.iotworkbench.serial.virtualboard.VirtualBoardPort;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ScheduledExecutorService;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A Wi-Fi password sent to the board (and echoed back by it) appears in no console line, partial line, Copy, Export,
 * console log file, timeline line or input history; in presenter mode account details are hidden in the same places.
 */
@Tag("slow")
class ConsoleSecretsTest {

    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final String PASSWORD = "s3cretPass99";

    @TempDir
    Path dir;

    private final SerialTestThreads threads = new SerialTestThreads(1);
    private final FxThread fx = threads.fx;
    private final ScheduledExecutorService scheduler = threads.scheduler;
    private final ExecutorService worker = threads.worker;
    private final List<SerialLine> timeline = new CopyOnWriteArrayList<>();
    private final List<String> partials = new CopyOnWriteArrayList<>();
    private ConsoleViewModel vm;

    @AfterEach
    void stop() throws Exception {
        threads.close(vm == null ? null : vm::dispose);
    }

    @Test
    void theEchoedWifiPasswordIsMaskedEverywhere() throws Exception {
        VirtualBoardPort port = VirtualBoardPort.startPipe(BoardOptions.defaults(), Clock.systemUTC());
        SerialConnection connection = new SerialConnection(port.endpoint(), SerialSettings.wmDefault(),
                ReconnectPolicy.NEVER, Clock.systemUTC());
        connection.open();
        vm = fx.call(() -> new ConsoleViewModel("virtual", connection, port, Clock.systemUTC(), worker,
                fx.executor(), scheduler, timeline::addAll));
        fx.run(() -> vm.partialProperty().addListener((o, a, now) -> {
            if (now != null) {
                partials.add(now.text());
            }
        }));
        fx.await("the boot prompt", WAIT, () -> vm.partialProperty().get() != null
                && vm.partialProperty().get().text().equals("W800: "));
        Path log = dir.resolve("serial.log");
        fx.run(() -> vm.logFile().startLog(log));
        fx.await("logging", WAIT, () -> !vm.logFile().logFileProperty().get().isEmpty());

        WmMacro sequence = WmMacro.awsDemo().stream().filter(m -> m.label().equals("AWS demo sequence"))
                .findFirst().orElseThrow();
        assertThat(fx.call(() -> vm.input().runMacro(sequence, Map.of(WmMacro.SSID, "DemoNet", WmMacro.PASSWORD,
                PASSWORD)))).isTrue();
        fx.await("the board joined the network", WAIT, () -> vm.lines().stream()
                .anyMatch(l -> l.text().contains("sta got ip")));
        // typed by hand, too: the history keeps it out and the echo is masked
        fx.run(() -> {
            vm.input().inputProperty().set("wifi connect DemoNet " + PASSWORD);
            vm.input().send();
        });
        fx.await("the second echo", WAIT, () -> vm.lines().stream()
                .filter(l -> l.text().contains("wifi connect DemoNet")).count() >= 2);

        List<String> lines = fx.call(() -> vm.lines().stream().map(SerialLine::text).toList());
        assertThat(lines).as("console lines").noneMatch(l -> l.contains(PASSWORD))
                .anyMatch(l -> l.endsWith("wifi connect DemoNet " + Redactor.MASK));
        assertThat(partials).as("partial lines while the echo arrives").isNotEmpty()
                .noneMatch(l -> l.contains(PASSWORD) || l.contains("s3cret"));
        String copy = fx.call(() -> vm.textOf(List.copyOf(vm.lines())));
        assertThat(copy).as("Copy").contains("wifi connect DemoNet " + Redactor.MASK).doesNotContain(PASSWORD);
        Path export = dir.resolve("export.txt");
        fx.run(() -> vm.export(export));
        fx.await("the export", WAIT, () -> vm.messageProperty().get().startsWith("Exported"));
        assertThat(Files.readString(export)).as("Export").contains("wifi connect DemoNet " + Redactor.MASK)
                .doesNotContain(PASSWORD);
        fx.run(vm.logFile()::stopLog);
        fx.await("the log closed", WAIT, () -> vm.messageProperty().get().startsWith("Stopped logging"));
        assertThat(Files.readString(log)).as("log file").contains("wifi connect DemoNet " + Redactor.MASK)
                .doesNotContain(PASSWORD);
        assertThat(timeline).as("timeline").extracting(SerialLine::text).noneMatch(l -> l.contains(PASSWORD));
        assertThat(fx.call(() -> vm.input().history().entries())).as("history").noneMatch(l -> l.contains(PASSWORD));
    }

    @Test
    void presenterModeHidesAccountDetailsInViewCopyExportAndLog() throws Exception {
        SerialPipe pipe = new SerialPipe("test");
        SerialChannel device = pipe.deviceEnd();
        SerialConnection connection = new SerialConnection(pipe.hostEndpoint(), SerialSettings.wmDefault(),
                ReconnectPolicy.NEVER, Clock.systemUTC());
        connection.open();
        Redactor redactor = new Redactor();
        redactor.setCredentialsProfiles(List.of("acme-admin"));
        vm = fx.call(() -> new ConsoleViewModel("test", connection, null, Clock.systemUTC(), worker, fx.executor(),
                scheduler, timeline::addAll));
        fx.run(() -> vm.useRedactor(redactor));
        Path log = dir.resolve("presenter.log");
        fx.run(() -> vm.logFile().startLog(log));
        fx.await("logging", WAIT, () -> !vm.logFile().logFileProperty().get().isEmpty());
        redactor.setPresenterMode(true);
        String said = "[I] (10) aws: endpoint a1b2c3d4e5-ats.iot.eu-west-1.amazonaws.com\r\n"
                + "[I] (20) aws: thing arn:aws:iot:eu-west-1:123456789012:thing/wm_demo_1\r\n"
                + "[I] (30) aws: profile acme-admin\r\n";
        byte[] b = said.getBytes(StandardCharsets.UTF_8);
        device.write(b, 0, b.length);
        fx.await("three lines", WAIT, () -> vm.lines().size() == 3);

        List<String> shown = fx.call(() -> vm.lines().stream().map(l -> vm.shown(l).text()).toList());
        assertThat(shown).containsExactly("[I] (10) aws: endpoint ••••-ats.iot.eu-west-1.amazonaws.com",
                "[I] (20) aws: thing arn:aws:iot:eu-west-1:••••:thing/wm_demo_1", "[I] (30) aws: profile ••••");
        String copy = fx.call(() -> vm.textOf(List.copyOf(vm.lines())));
        assertThat(copy).doesNotContain("a1b2c3d4e5", "123456789012", "acme-admin");
        Path export = dir.resolve("export.txt");
        fx.run(() -> vm.export(export));
        fx.await("the export", WAIT, () -> vm.messageProperty().get().startsWith("Exported"));
        assertThat(Files.readString(export)).doesNotContain("a1b2c3d4e5", "123456789012", "acme-admin")
                .contains("••••-ats.iot.eu-west-1.amazonaws.com");
        fx.run(vm.logFile()::stopLog);
        fx.await("the log closed", WAIT, () -> vm.messageProperty().get().startsWith("Stopped logging"));
        assertThat(Files.readString(log)).doesNotContain("a1b2c3d4e5", "123456789012", "acme-admin")
                .contains("arn:aws:iot:eu-west-1:••••:thing/wm_demo_1");

        redactor.setPresenterMode(false);
        assertThat(fx.call(() -> vm.textOf(List.copyOf(vm.lines())))).as("outside presenter mode")
                .contains("123456789012", "a1b2c3d4e5-ats");
    }

    @Test
    void privateKeysAndSecretKeysAreHiddenInLinesAndPresenterModeHidesEverySecretInTheHexView() throws Exception {
        SerialPipe pipe = new SerialPipe("test");
        SerialChannel device = pipe.deviceEnd();
        SerialConnection connection = new SerialConnection(pipe.hostEndpoint(), SerialSettings.wmDefault(),
                ReconnectPolicy.NEVER, Clock.systemUTC());
        connection.open();
        Redactor redactor = new Redactor();
        vm = fx.call(() -> new ConsoleViewModel("test", connection, null, Clock.systemUTC(), worker, fx.executor(),
                scheduler, timeline::addAll));
        fx.run(() -> vm.useRedactor(redactor));
        String keyBody = "MIIEowIBAAKCAQEAwJH3kQ0Lp7v9yXs8dGq1Zm9vYmFyYmF6cXV1eA";
        String secretKey = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY";
        String said = "W800: wifi connect DemoNet " + PASSWORD + "\r\n"
                + "-----BEGIN RSA PRIVATE KEY-----\r\n" + keyBody + "\r\n-----END RSA PRIVATE KEY-----\r\n"
                + "aws_secret_access_key = " + secretKey + "\r\n" + "[I] (40) aws: key id AKIAIOSFODNN7EXAMPLE\r\n";
        byte[] b = said.getBytes(StandardCharsets.UTF_8);
        device.write(b, 0, b.length);
        fx.await("six lines", WAIT, () -> vm.lines().size() == 6);
        List<String> lines = fx.call(() -> vm.lines().stream().map(SerialLine::text).toList());
        assertThat(lines).as("console lines in every mode").noneMatch(l -> l.contains(PASSWORD)
                || l.contains(keyBody) || l.contains(secretKey)).contains("-----BEGIN RSA PRIVATE KEY-----");

        fx.run(() -> vm.hexViewProperty().set(true));
        fx.await("the hex view", WAIT, () -> vm.hexTextProperty().get().contains("AKIA"));
        redactor.setPresenterMode(true);
        fx.await("the hex view masked", WAIT, () -> vm.hexTextProperty().get().contains("••"));
        String bytesShown = bytesOf(fx.call(() -> vm.hexTextProperty().get()));
        assertThat(bytesShown).as("the bytes the hex view shows while presenting")
                .doesNotContain(PASSWORD, keyBody.substring(0, 12), secretKey.substring(0, 12), "AKIAIOSFODNN7")
                .contains("wifi connect DemoNet ", "-----BEGIN RSA PRIVATE KEY-----");
        List<String> shown = fx.call(() -> vm.lines().stream().map(l -> vm.shown(l).text()).toList());
        assertThat(shown).as("lines shown while presenting").noneMatch(l -> l.contains("AKIAIOSFODNN7EXAMPLE"));
    }

    /** The bytes a hex dump shows (from its hex columns; a masked byte as {@code •}), as ISO-8859-1 text. */
    private static String bytesOf(String hexDump) {
        StringBuilder out = new StringBuilder();
        for (String row : hexDump.split("\n")) {
            if (row.length() < 10) {
                continue;
            }
            String hex = row.substring(10, Math.min(row.length(), 10 + 16 * 3 + 1));
            for (String token : hex.trim().split("\\s+")) {
                if (token.equals("••")) {
                    out.append('•');
                } else if (!token.isEmpty()) {
                    out.append((char) Integer.parseInt(token, 16));
                }
            }
        }
        return out.toString();
    }
}
