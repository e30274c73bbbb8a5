package io.iotworkbench.cert;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * Sorts dropped files, or the files of a dropped folder (an AWS console download, a WM SDK {@code cert} folder), into
 * the three parts of a bundle: device certificate, private key and root CA. Names come first
 * ({@code xxxx-certificate.pem.crt}, {@code xxxx-private.pem.key}, {@code AmazonRootCA1.pem}, {@code
 * xxxx-public.pem.key}
 * which is not needed), then content: a CA certificate is taken as the root CA, any other certificate as the device
 * certificate, a key file (even an encrypted one) as the key. Every file that is not used gets a note saying why.
 *
 * <p>Stateless; {@link #recognise} reads files (blocking I/O, call it off the FX thread).
 */
public final class BundleFiles {

    /** What was found; a part is null when none was. */
    public record Recognised(Path certificate, Path privateKey, Path rootCa, List<String> notes) {

        public boolean complete() {
            return certificate != null && privateKey != null;
        }
    }

    private static final int MAX_FILES = 200;

    private BundleFiles() {
    }

    public static Recognised recognise(List<Path> dropped) {
        List<String> notes = new ArrayList<>();
        List<Path> files = new ArrayList<>();
        for (Path p : dropped) {
            if (Files.isDirectory(p)) {
                try (Stream<Path> s = Files.list(p)) {
                    s.filter(Files::isRegularFile).sorted().limit(MAX_FILES).forEach(files::add);
                } catch (IOException e) {
                    notes.add(p + " cannot be listed: " + e.getMessage());
                }
            } else {
                files.add(p);
            }
        }
        Path certificate = null;
        Path key = null;
        Path root = null;
        for (Path f : files) {
            String name = f.getFileName().toString().toLowerCase(Locale.ROOT);
            if (name.endsWith("-public.pem.key") || name.endsWith("public.pem.key")) {
                notes.add(f.getFileName() + ": the public key is not needed (the certificate holds it).");
                continue;
            }
            if (name.startsWith("amazonrootca") && root == null) {
                root = f;
                continue;
            }
            if (name.endsWith("private.pem.key") && key == null) {
                key = f;
                continue;
            }
            if (name.endsWith("certificate.pem.crt") && certificate == null) {
                certificate = f;
                continue;
            }
            String kind = byContent(f, notes);
            if (kind == null) {
                continue;
            }
            switch (kind) {
                case "root" -> {
                    if (root == null) {
                        root = f;
                    } else {
                        notes.add(f.getFileName() + ": another CA certificate; " + root.getFileName() + " is used.");
                    }
                }
                case "certificate" -> {
                    if (certificate == null) {
                        certificate = f;
                    } else {
                        notes.add(f.getFileName() + ": another device certificate; " + certificate.getFileName()
                                + " is used.");
                    }
                }
                default -> {
                    if (key == null) {
                        key = f;
                    } else {
                        notes.add(f.getFileName() + ": another private key; " + key.getFileName() + " is used.");
                    }
                }
            }
        }
        if (files.isEmpty()) {
            notes.add("No files were given.");
        }
        return new Recognised(certificate, key, root, List.copyOf(notes));
    }

    private static String byContent(Path f, List<String> notes) {
        CertificateFileException asCertificate;
        try {
            X509Certificate c = PemFiles.readCertificate(f);
            return c.getBasicConstraints() >= 0 ? "root" : "certificate";
        } catch (CertificateFileException e) {
            asCertificate = e;
        }
        try {
            PemFiles.readPrivateKey(f);
            return "key";
        } catch (PasswordRequiredException e) {
            return "key";
        } catch (CertificateFileException | RuntimeException e) {
            notes.add(f.getFileName() + ": not used. " + asCertificate.getMessage());
            return null;
        }
    }
}
