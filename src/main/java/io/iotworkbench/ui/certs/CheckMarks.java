package io.iotworkbench.ui.certs;

import io.iotworkbench.cert.Verdict;
import javafx.scene.control.Label;

import java.util.Locale;

/** The mark in front of a check or connection step: a green tick, a red cross, an amber "!" or a grey "i". FX thread.
 * */
final class CheckMarks {

    private CheckMarks() {
    }

    static Label mark(Verdict verdict) {
        Label l = new Label(switch (verdict) {
            case OK -> "✔";
            case ERROR -> "✖";
            case WARNING -> "!";
            case INFO -> "i";
            case SKIPPED -> "–";
        });
        l.getStyleClass().addAll("check-mark", "check-" + verdict.name().toLowerCase(Locale.ROOT));
        l.setMinWidth(22);
        return l;
    }
}
