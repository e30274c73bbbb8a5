package io.iotworkbench.ui.certs;

import java.nio.file.Path;

/**
 * One row of the Certificates pane's bundle list: where it comes from, its name and its three files (root CA may be
 * null). Immutable.
 */
public record BundleItem(Source source, String name, Path certificate, Path privateKey, Path rootCa) {

    /** Where a bundle comes from: a profile's files, the workbench's own list, or files just dropped (not saved). */
    public enum Source { PROFILE, STORE, UNSAVED }

    /** The text of the list cell. */
    public String label() {
        return switch (source) {
            case PROFILE -> "Profile · " + name;
            case STORE -> name;
            case UNSAVED -> name + " (not saved)";
        };
    }
}
