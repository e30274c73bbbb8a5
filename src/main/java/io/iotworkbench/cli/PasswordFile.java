package io.iotworkbench.cli;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * Reads a key password from a file (its first line, without the line ending), so that it appears neither on the
 * command line nor in the shell's history. Stateless; the caller clears the returned array after use.
 */
final class PasswordFile {

    private PasswordFile() {
    }

    static char[] read(Path file) throws IOException {
        byte[] bytes = Files.readAllBytes(file);
        try {
            CharBuffer chars = StandardCharsets.UTF_8.decode(ByteBuffer.wrap(bytes));
            int end = 0;
            while (end < chars.limit() && chars.get(end) != '\n' && chars.get(end) != '\r') {
                end++;
            }
            if (end == 0) {
                throw new IOException("The password file " + file + " is empty; its first line is the password.");
            }
            char[] password = new char[end];
            chars.get(password);
            Arrays.fill(chars.array(), '\0');
            return password;
        } finally {
            Arrays.fill(bytes, (byte) 0);
        }
    }
}
