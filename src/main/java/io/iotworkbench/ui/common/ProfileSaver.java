package io.iotworkbench.ui.common;

import io.iotworkbench.session.Profile;

import java.io.IOException;

/**
 * Saves a new session profile and makes it the selected one, the way the Profiles menu does (the window implements
 * it with its profiles view model, so the chooser follows). FX thread only.
 */
@FunctionalInterface
public interface ProfileSaver {

    /** Saves {@code profile} as a new profile and selects it (the session must be disconnected). */
    Profile saveAndSelect(Profile profile) throws IOException;

    /** For contexts without a profile store (tests of panes that never save profiles). */
    ProfileSaver NONE = p -> {
        throw new IOException("This window has no profile store to save '" + p.name() + "' in.");
    };
}
