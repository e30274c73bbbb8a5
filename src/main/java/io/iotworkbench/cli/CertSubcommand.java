package io.iotworkbench.cli;

import io.iotworkbench.cert.CertificateFileException;
import io.iotworkbench.cert.WmSdkExportException;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.concurrent.Callable;

/**
 * What every {@code cert} subcommand shares: its output streams, the password file, and turning a refused file or
 * action into one line on standard error and exit code {@value CertCommand#FAILED} instead of a stack trace.
 *
 * <p>One instance per command line, on the caller's thread.
 */
abstract class CertSubcommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    /** The work; returns the exit code. */
    abstract int run() throws Exception;

    @Override
    public final Integer call() throws Exception {
        try {
            return run();
        } catch (ParameterException e) {
            throw e;
        } catch (CertificateFileException | WmSdkExportException | IOException | IllegalArgumentException
                 | IllegalStateException e) {
            err().println("error: " + e.getMessage());
            err().flush();
            return CertCommand.FAILED;
        }
    }

    PrintWriter out() {
        return spec.commandLine().getOut();
    }

    PrintWriter err() {
        return spec.commandLine().getErr();
    }

    ParameterException usage(String message) {
        return new ParameterException(spec.commandLine(), message);
    }

    /** Refuses a subject that is not a valid distinguished name, as a usage error. */
    void requireSubject(String subject) {
        try {
            io.iotworkbench.cert.Subjects.parse(subject);
        } catch (IllegalArgumentException e) {
            throw usage(e.getMessage());
        }
    }

    /** True (after saying so) when {@code file} exists and {@code force} was not given. */
    boolean refusesToReplace(Path file, boolean force) {
        if (java.nio.file.Files.exists(file) && !force) {
            err().println("error: " + file + " exists; choose another file or add --force.");
            return true;
        }
        return false;
    }

    /** Reads a private key, decrypting it with the password in {@code passwordFile} (cleared afterwards). */
    static java.security.PrivateKey readKey(Path key, Path passwordFile) throws IOException, CertificateFileException {
        char[] password = password(passwordFile);
        try {
            return io.iotworkbench.cert.PemFiles.readPrivateKey(key, password);
        } finally {
            clear(password);
        }
    }

    /** The password in {@code file} (its first line), or null when no file was given. Clear it after use. */
    static char[] password(Path file) throws IOException {
        return file == null ? null : PasswordFile.read(file);
    }

    static void clear(char[] password) {
        if (password != null) {
            Arrays.fill(password, '\0');
        }
    }
}
