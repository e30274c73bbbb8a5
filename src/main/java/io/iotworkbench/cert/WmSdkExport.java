package io.iotworkbench.cert;

import io.iotworkbench.storage.AtomicFiles;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Writes a {@link CertificateBundle} into a WM IoT SDK the way its AWS demos embed certificates: under
 * {@code examples/network/cloud/aws/}, the device certificate to {@code cert/internal/certificate.pem.crt} and the key
 * to {@code cert/internal/private.pem.key} (the override folder every demo's build prefers to {@code cert/common/}),
 * and the root CA to {@code cert/AmazonRootCA1.pem}. The names must stay exactly these: the demos' CMake lists and
 * {@code asm()} symbol names are built from them.
 *
 * <p>Formats follow what the SDK ships and its mbedTLS port can parse (it reads NUL-terminated PEM text, no password):
 * PEM with LF line endings; certificate and key end with a newline, the root CA does not (as the SDK's copy); the key
 * unencrypted in the traditional form, PKCS#1 {@code BEGIN RSA PRIVATE KEY} for RSA (SEC1 for EC), owner-only (0600).
 * The root CA file holds the bundle's root CAs, or Amazon Root CA 1 from the Java runtime when the bundle has none;
 * written from the runtime's copy it is byte-for-byte the SDK's own file.
 *
 * <p>Never overwrites a file whose content differs unless asked, and checks everything before writing anything.
 * Immutable; {@link #write} does blocking file I/O (call it off the FX thread).
 */
public final class WmSdkExport {

    /** The AWS examples folder, relative to the SDK's top folder. */
    public static final String AWS_EXAMPLES = "examples/network/cloud/aws";
    public static final String CERTIFICATE = "cert/internal/certificate.pem.crt";
    public static final String PRIVATE_KEY = "cert/internal/private.pem.key";
    public static final String ROOT_CA = "cert/AmazonRootCA1.pem";

    /** Whether a file was written or already held exactly the exported content. */
    public enum State { WRITTEN, UNCHANGED }

    /** One exported file. */
    public record ExportedFile(Path path, State state) {
    }

    private final Path awsFolder;

    private WmSdkExport(Path awsFolder) {
        this.awsFolder = awsFolder;
    }

    /**
     * An export into the WM SDK at {@code sdkFolder} (its top folder, or its {@value #AWS_EXAMPLES} folder).
     *
     * @throws WmSdkExportException when the folder is not a WM IoT SDK, with the reason
     */
    public static WmSdkExport into(Path sdkFolder) throws WmSdkExportException {
        if (!Files.isDirectory(sdkFolder)) {
            throw new WmSdkExportException(sdkFolder + " is not a folder. Choose the WM IoT SDK's top folder (the one "
                    + "holding components/, examples/ and tools/).");
        }
        Path aws = sdkFolder.resolve(AWS_EXAMPLES);
        if (Files.isDirectory(aws)) {
            if (!Files.isDirectory(sdkFolder.resolve("components"))) {
                throw new WmSdkExportException(sdkFolder + " is not a WM IoT SDK: it has " + AWS_EXAMPLES + " but no "
                        + "components/ folder beside examples/. Choose the SDK's top folder (the one holding "
                        + "components/, examples/ and tools/).");
            }
            return new WmSdkExport(aws);
        }
        Path normalized = sdkFolder.toAbsolutePath().normalize();
        if (normalized.endsWith(Path.of(AWS_EXAMPLES)) && Files.isDirectory(sdkFolder.resolve("cert"))) {
            return new WmSdkExport(sdkFolder);
        }
        throw new WmSdkExportException(sdkFolder + " is not a WM IoT SDK: it has no " + AWS_EXAMPLES + " folder, "
                + "where the AWS demos look for their certificates. Choose the SDK's top folder (the one holding "
                + "components/, examples/ and tools/).");
    }

    public Path certificateFile() {
        return awsFolder.resolve(CERTIFICATE);
    }

    public Path privateKeyFile() {
        return awsFolder.resolve(PRIVATE_KEY);
    }

    public Path rootCaFile() {
        return awsFolder.resolve(ROOT_CA);
    }

    /**
     * The demos whose {@value WmUserDefEdit#USER_DEF} can be edited, by folder name (for example {@code led_demo},
     * {@code tls_mutual_auth}), sorted. Blocking file I/O.
     */
    public List<String> demos() throws IOException {
        return demoFolders().stream().map(p -> p.getFileName().toString()).sorted().distinct().toList();
    }

    /**
     * The {@value WmUserDefEdit#USER_DEF} of the demo named {@code demo}.
     *
     * @throws WmSdkExportException when no demo of that name has one; the message lists the demos that do
     */
    public Path userDefFile(String demo) throws WmSdkExportException, IOException {
        for (Path d : demoFolders()) {
            if (d.getFileName().toString().equals(demo)) {
                return d.resolve(WmUserDefEdit.USER_DEF);
            }
        }
        throw new WmSdkExportException("The SDK has no demo " + demo + " with " + WmUserDefEdit.USER_DEF
                + ". Demos: " + String.join(", ", demos()) + ".");
    }

    private List<Path> demoFolders() throws IOException {
        try (var s = Files.find(awsFolder, 4, (p, a) -> a.isRegularFile() && p.endsWith(WmUserDefEdit.USER_DEF))) {
            return s.map(p -> p.getParent().getParent().getParent()).sorted().toList();
        }
    }

    /** The files that exist with other content than {@code bundle} would give them: {@link #write} asks first. */
    public List<Path> conflicts(CertificateBundle bundle) throws IOException {
        List<Path> conflicts = new ArrayList<>();
        for (var f : contents(bundle)) {
            if (Files.exists(f.path) && !Arrays.equals(Files.readAllBytes(f.path), f.bytes)) {
                conflicts.add(f.path);
            }
        }
        return conflicts;
    }

    /**
     * Writes the three files.
     *
     * @param overwrite replace files whose content differs; without it such files make the export fail, and
     *                  nothing is written
     * @throws WmSdkExportException when the key does not belong to the certificate, or files would be overwritten
     */
    public List<ExportedFile> write(CertificateBundle bundle, boolean overwrite)
            throws WmSdkExportException, IOException {
        if (!KeyPairs.signatureVerifies(bundle.privateKey(), bundle.deviceCertificate().getPublicKey())) {
            throw new WmSdkExportException("The private key does not belong to the device certificate, so the board "
                    + "could not connect with them. Nothing was written; choose the matching key.");
        }
        List<Path> conflicts = conflicts(bundle);
        if (!conflicts.isEmpty() && !overwrite) {
            throw new WmSdkExportException("These files exist with other content: " + conflicts + ". Nothing was "
                    + "written; confirm to replace them.");
        }
        List<ExportedFile> result = new ArrayList<>();
        for (var f : contents(bundle)) {
            if (Files.exists(f.path) && Arrays.equals(Files.readAllBytes(f.path), f.bytes)) {
                if (f.secret) {
                    AtomicFiles.restrictIfPossible(f.path, true);
                }
                result.add(new ExportedFile(f.path, State.UNCHANGED));
            } else {
                AtomicFiles.write(f.path, f.bytes, f.secret);
                result.add(new ExportedFile(f.path, State.WRITTEN));
            }
        }
        return result;
    }

    /** The root CA file's text: PEM blocks joined by LF, without a final newline (as the SDK ships it). */
    static String rootCaText(List<X509Certificate> roots) {
        List<X509Certificate> chosen = roots.isEmpty() ? List.of(AmazonRootCas.certificate(1)) : roots;
        String pem = Pem.certificates(chosen);
        return pem.endsWith("\n") ? pem.substring(0, pem.length() - 1) : pem;
    }

    private List<Content> contents(CertificateBundle bundle) {
        return List.of(
                new Content(certificateFile(), Pem.certificates(bundle.deviceChain()), false),
                new Content(privateKeyFile(), KeyFiles.pem(bundle.privateKey(), null, KeyFiles.Format.TRADITIONAL),
                        true),
                new Content(rootCaFile(), rootCaText(bundle.rootCas()), false));
    }

    private record Content(Path path, byte[] bytes, boolean secret) {
        Content(Path path, String text, boolean secret) {
            this(path, text.getBytes(StandardCharsets.US_ASCII), secret);
        }
    }
}
