package io.iotworkbench.cert;

import org.junit.jupiter.api.Assumptions;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The WM IoT SDK's real files in {@code ../shared/data/wm-sdk/} beside the project; a test that needs one is skipped,
 * with a message, when the folder is absent.
 */
final class WmSdkFiles {

    static final String CERTIFICATE = "certificate.pem.crt";
    static final String PRIVATE_KEY = "private.pem.key";
    static final String ROOT_CA = "AmazonRootCA1.pem";

    private WmSdkFiles() {
    }

    static Path file(String name) {
        Path project = Path.of(System.getProperty("iotworkbench.project.dir", "."));
        Path file = project.resolve("../shared/data/wm-sdk").resolve(name).normalize();
        Assumptions.assumeTrue(Files.isRegularFile(file), "the WM SDK reference file " + file + " is absent; "
                + "this test needs ../shared/data/wm-sdk beside the project");
        return file;
    }
}
