package io.iotworkbench.serial;

import io.iotworkbench.serial.virtualboard.SocatPtyPair;
import org.junit.jupiter.api.Assumptions;

import java.io.IOException;
import java.nio.file.Path;

/** Shared by the tests that need real pseudo-terminals: they skip, saying why, when socat is missing. */
public final class PtyTests {

    private PtyTests() {
    }

    public static void assumeSocat() {
        Assumptions.assumeTrue(SocatPtyPair.isAvailable(),
                "skipped: socat is not on the PATH (CI installs it; on Debian/Ubuntu: apt-get install socat)");
    }

    public static SocatPtyPair socat(Path dir) throws IOException {
        assumeSocat();
        return SocatPtyPair.open(dir);
    }
}
