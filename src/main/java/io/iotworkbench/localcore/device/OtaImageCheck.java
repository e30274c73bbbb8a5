package io.iotworkbench.localcore.device;

import com.fasterxml.jackson.databind.JsonNode;
import io.iotworkbench.localcore.ota.CodeSigner;
import io.iotworkbench.serial.flash.InvalidImageException;
import io.iotworkbench.serial.flash.WmImage;

import java.security.cert.X509Certificate;
import java.util.Base64;
import java.util.List;

/**
 * What the {@link OtaAgent} checks in a downloaded image before it installs it, as the WM SDK's OTA demo does: the
 * WM image (magic, header and body CRC), its {@code sig-sha256-ecdsa} signature against the trusted code-signing
 * certificates, and that it is newer than what runs. A corrupt image or a bad signature is FAILED, an unsigned image
 * or a downgrade REJECTED, each with its reason. Stateless.
 */
final class OtaImageCheck {

    private OtaImageCheck() {
    }

    /**
     * The checked image, or the failure.
     *
     * @param file    the job document's {@code afr_ota} file entry (for its signature)
     * @param signers the certificates whose keys may sign images
     * @param running the version of the application that runs now
     */
    static WmImage check(byte[] data, JsonNode file, List<X509Certificate> signers, String running)
            throws OtaFailure {
        WmImage image;
        try {
            image = WmImage.parse(data, 0);
        } catch (InvalidImageException e) {
            throw new OtaFailure("FAILED", "image check failed: " + e.getMessage());
        }
        String signature = file.path("sig-sha256-ecdsa").asText(null);
        if (signature == null || signature.isEmpty()) {
            throw new OtaFailure("REJECTED", "the image is not signed (no sig-sha256-ecdsa)");
        }
        byte[] sig;
        try {
            sig = Base64.getDecoder().decode(signature);
        } catch (IllegalArgumentException e) {
            throw new OtaFailure("FAILED", "signature check failed: the signature is not base64");
        }
        if (signers.stream().noneMatch(c -> CodeSigner.verify(c.getPublicKey(), data, sig))) {
            throw new OtaFailure("FAILED", "signature check failed: no trusted code-signing certificate matches");
        }
        String version = image.header().version();
        if (compareVersions(version, running) <= 0) {
            throw new OtaFailure("REJECTED", "downgrade refused: image version " + version + " is not newer than "
                    + "running " + running);
        }
        return image;
    }

    /** Compares dotted versions by their numbers ({@code G1.2.10} > {@code G1.2.9}); text decides only ties. */
    static int compareVersions(String a, String b) {
        String[] x = a.replaceAll("[^0-9.]", "").split("\\.");
        String[] y = b.replaceAll("[^0-9.]", "").split("\\.");
        for (int i = 0; i < Math.max(x.length, y.length); i++) {
            long p = i < x.length && !x[i].isEmpty() ? Long.parseLong(x[i]) : 0;
            long q = i < y.length && !y[i].isEmpty() ? Long.parseLong(y[i]) : 0;
            if (p != q) {
                return Long.compare(p, q);
            }
        }
        return a.compareTo(b);
    }
}
