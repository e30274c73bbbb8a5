package io.iotworkbench.cert;

import io.iotworkbench.storage.AtomicFiles;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.PrivateKey;

/**
 * Writes private keys as PEM files only their owner may read (0600 where the file system has POSIX permissions),
 * atomically: unencrypted PKCS#8 or the traditional form (PKCS#1 for RSA as AWS hands out and the WM SDK expects,
 * SEC1 for EC), or encrypted PKCS#8 (AES-256-CBC) when a password is given. Reading is {@link PemFiles}'s job.
 *
 * <p>Stateless and thread-safe. The password is used and never kept; the key never reaches a log. Replaces an
 * existing file: callers ask before overwriting a key, since a lost key cannot be downloaded again.
 */
public final class KeyFiles {

    /** How an unencrypted key is written; an encrypted key is always PKCS#8. */
    public enum Format {
        /** {@code BEGIN PRIVATE KEY}, or {@code BEGIN ENCRYPTED PRIVATE KEY} with a password. */
        PKCS8,
        /** {@code BEGIN RSA PRIVATE KEY} (PKCS#1) or {@code BEGIN EC PRIVATE KEY} (SEC1). */
        TRADITIONAL
    }

    private KeyFiles() {
    }

    /**
     * Writes {@code key} to {@code file}, owner-only.
     *
     * @param passwordOrNull a password encrypts the key (PKCS#8, AES-256-CBC); null or empty writes it in clear
     * @throws IllegalArgumentException when a password is given with {@link Format#TRADITIONAL}: the legacy
     *                                  encrypted PEM form derives its key with one round of MD5 and is not offered
     */
    public static void write(Path file, PrivateKey key, char[] passwordOrNull, Format format) throws IOException {
        AtomicFiles.writeOwnerOnly(file, pem(key, passwordOrNull, format).getBytes(StandardCharsets.US_ASCII));
    }

    /** The PEM text {@link #write} puts in the file. Key material: never log it. */
    public static String pem(PrivateKey key, char[] passwordOrNull, Format format) {
        boolean encrypt = passwordOrNull != null && passwordOrNull.length > 0;
        if (encrypt && format == Format.TRADITIONAL) {
            throw new IllegalArgumentException("An encrypted key is written as PKCS#8 (BEGIN ENCRYPTED PRIVATE KEY); "
                    + "the traditional form cannot be encrypted safely. Choose PKCS#8 or leave the password empty.");
        }
        if (encrypt) {
            return Pem.privateKeyPkcs8Encrypted(key, passwordOrNull);
        }
        return format == Format.TRADITIONAL ? Pem.privateKeyTraditional(key) : Pem.privateKeyPkcs8(key);
    }
}
