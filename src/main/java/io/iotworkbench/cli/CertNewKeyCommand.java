package io.iotworkbench.cli;

import io.iotworkbench.cert.CertificateFactory;
import io.iotworkbench.cert.KeyFiles;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.util.Locale;

/**
 * {@code cert new-key}: a new RSA 2048 or EC P-256 private key, written owner-only; encrypted PKCS#8 with a password
 * file, else PKCS#1/SEC1 (what AWS hands out and the WM SDK expects) unless PKCS#8 is asked for. Never replaces an
 * existing file unless forced.
 * Runs on the caller's thread.
 */
@Command(name = "new-key", mixinStandardHelpOptions = true,
        description = "Create a private key (RSA 2048 or EC P-256), written owner-only.")
final class CertNewKeyCommand extends CertSubcommand {

    @Option(names = "--type", defaultValue = "rsa", paramLabel = "rsa|ec",
            description = "rsa (RSA 2048, default) or ec (EC P-256).")
    String type;

    @Option(names = "--out", required = true, paramLabel = "FILE", description = "The key file to write.")
    Path out;

    @Option(names = "--password-file", paramLabel = "FILE",
            description = "Encrypt the key (PKCS#8, AES-256-CBC) with the first line of this file.")
    Path passwordFile;

    @Option(names = "--format", paramLabel = "pkcs8|traditional",
            description = "traditional (PKCS#1/SEC1; default without password) or pkcs8 (default with password).")
    String format;

    @Mixin
    ForceOption replace;

    @Override
    int run() throws Exception {
        CertificateFactory.KeyType keyType = switch (type.toLowerCase(Locale.ROOT)) {
            case "rsa" -> CertificateFactory.KeyType.RSA_2048;
            case "ec" -> CertificateFactory.KeyType.EC_P256;
            default -> throw usage("--type must be rsa or ec, not '" + type + "'.");
        };
        char[] password = password(passwordFile);
        try {
            KeyFiles.Format keyFormat = format(password != null);
            if (Files.exists(out) && !replace.force) {
                err().println("error: " + out + " exists. A private key cannot be recovered once replaced; choose "
                        + "another file or add --force.");
                return CertCommand.FAILED;
            }
            KeyPair keys = CertificateFactory.newKeyPair(keyType);
            KeyFiles.write(out, keys.getPrivate(), password, keyFormat);
            out().println("Wrote a new " + (keyType == CertificateFactory.KeyType.RSA_2048 ? "RSA 2048" : "EC P-256")
                    + " private key to " + out + " (owner-only, " + (password != null ? "encrypted PKCS#8"
                    : keyFormat == KeyFiles.Format.PKCS8 ? "PKCS#8" : "traditional PEM") + ").");
            out().flush();
            return CertCommand.OK;
        } finally {
            clear(password);
        }
    }

    private KeyFiles.Format format(boolean encrypted) {
        if (format == null) {
            return encrypted ? KeyFiles.Format.PKCS8 : KeyFiles.Format.TRADITIONAL;
        }
        return switch (format.toLowerCase(Locale.ROOT)) {
            case "pkcs8" -> KeyFiles.Format.PKCS8;
            case "traditional" -> {
                if (encrypted) {
                    throw usage("An encrypted key is written as pkcs8; drop --format traditional or the password.");
                }
                yield KeyFiles.Format.TRADITIONAL;
            }
            default -> throw usage("--format must be pkcs8 or traditional, not '" + format + "'.");
        };
    }
}
