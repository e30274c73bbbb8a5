package io.iotworkbench.ui.shell;

import io.iotworkbench.event.Notification;
import io.iotworkbench.session.Profile;
import io.iotworkbench.session.ProfileStore;
import io.iotworkbench.session.Session;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

import java.io.IOException;
import java.util.Objects;

/**
 * The profiles as the window shows them (chooser and Profiles menu) and the commands on them: select, save (new or
 * edited), duplicate, delete. Every change goes through the {@link ProfileStore} first, so what the list shows is
 * what is on disk; the session follows the selected profile.
 *
 * <p>FX thread. Store writes are small (one JSON file) and happen on the calling thread.
 */
public final class ProfilesViewModel {

    private final ProfileStore store;
    private final Session session;
    private final ObservableList<Profile> profiles = FXCollections.observableArrayList();
    private final ReadOnlyObjectWrapper<Profile> selected = new ReadOnlyObjectWrapper<>(this, "selected");

    public ProfilesViewModel(ProfileStore store, Session session) {
        this.store = Objects.requireNonNull(store);
        this.session = Objects.requireNonNull(session);
        reload();
        selected.set(session.profile());
    }

    public ObservableList<Profile> profiles() {
        return FXCollections.unmodifiableObservableList(profiles);
    }

    public ReadOnlyObjectProperty<Profile> selectedProperty() {
        return selected.getReadOnlyProperty();
    }

    public ProfileStore store() {
        return store;
    }

    /** The session's redactor (the profile form hides what presenter mode hides). */
    io.iotworkbench.diagnostics.Redactor redactor() {
        return session.redactor();
    }

    /**
     * Makes {@code profile} the session's profile and remembers it as the active one.
     *
     * @throws IllegalStateException while connected (disconnect first)
     */
    public void select(Profile profile) throws IOException {
        if (profile == null || profile.equals(session.profile())) {
            return;
        }
        session.selectProfile(profile);
        store.setActive(profile.name());
        selected.set(profile);
        session.events().publish(Notification.info("Profile '" + profile.name() + "' selected."));
    }

    /**
     * Saves a new profile ({@code previousName} null) or an edited one, and selects it.
     *
     * @throws io.iotworkbench.session.InvalidProfileException with the problems to show in the form
     */
    public Profile save(String previousName, Profile profile) throws IOException {
        Profile saved = store.save(previousName, profile);
        reload();
        boolean editedActive = previousName != null && previousName.equals(session.profile().name());
        if (editedActive) {
            if (session.state().isActive()) {
                session.updateProfile(saved);
            } else {
                session.selectProfile(saved);
            }
            selected.set(saved);
        } else if (!session.state().isActive()) {
            select(saved);
        }
        session.events().publish(Notification.info("Profile '" + saved.name() + "' saved."));
        return saved;
    }

    public Profile duplicate(Profile profile) throws IOException {
        Profile copy = store.duplicate(profile.name());
        reload();
        session.events().publish(Notification.info("Profile '" + profile.name() + "' duplicated as '"
                + copy.name() + "'."));
        return copy;
    }

    /** Deletes a profile; when it is the session's, the session returns to the built-in profile. */
    public void delete(Profile profile) throws IOException {
        boolean wasSelected = profile.name().equals(session.profile().name());
        if (wasSelected && session.state().isActive()) {
            throw new IllegalStateException("Disconnect before deleting the profile in use.");
        }
        store.delete(profile.name());
        reload();
        if (wasSelected) {
            Profile local = store.active();
            session.selectProfile(local);
            selected.set(local);
        }
        session.events().publish(Notification.info("Profile '" + profile.name() + "' deleted."));
    }

    private void reload() {
        profiles.setAll(store.profiles());
    }
}
