package io.iotworkbench.serial.console;

import io.iotworkbench.diagnostics.Redactor;

import java.util.List;

/**
 * Hides the body of a PEM private key that a port prints line by line: after a line that opens a private key
 * ({@link Redactor#opensPrivateKey}) every line up to and including its END line is shown as {@value Redactor#MASK},
 * as is the partial line received meanwhile. The opening line itself is masked by {@link SecretMask#always}.
 *
 * <p>Holds state per port; used only on that console's pipeline thread.
 */
final class PrivateKeyLines {

    private boolean inside;

    /** A complete line, masked whole while a private key is open. */
    SerialLine line(SerialLine line) {
        if (line == null) {
            return null;
        }
        if (inside) {
            inside = !Redactor.closesPrivateKey(line.text());
            return whole(line);
        }
        inside = Redactor.opensPrivateKey(line.text());
        return line;
    }

    /** The line still being received, masked whole while a private key is open (state unchanged). */
    SerialLine partial(SerialLine line) {
        return inside && line != null ? whole(line) : line;
    }

    private static SerialLine whole(SerialLine line) {
        int length = line.text().length();
        return length == 0 ? line : SecretMask.mask(line, List.of(new Redactor.Range(0, length)));
    }
}
