package io.iotworkbench.ui.shell;

import io.iotworkbench.session.InvalidProfileException;
import io.iotworkbench.session.Profile;
import io.iotworkbench.session.ProfileKind;
import io.iotworkbench.session.ProfileValidator;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableMap;

import java.io.IOException;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The profile form: one property per field, validation that names each bad field, and save through
 * {@link ProfilesViewModel}. Used for new, edited and duplicated profiles.
 *
 * <p>FX thread; testable without a toolkit.
 */
public final class ProfileEditorViewModel {

    private final ProfilesViewModel profiles;
    private final String previousName;
    final StringProperty name = new SimpleStringProperty("");
    final ObjectProperty<ProfileKind> kind = new SimpleObjectProperty<>(ProfileKind.AWS);
    final StringProperty region = new SimpleStringProperty("");
    final StringProperty endpoint = new SimpleStringProperty("");
    final StringProperty port = new SimpleStringProperty("8883");
    final StringProperty thingName = new SimpleStringProperty("");
    final StringProperty clientId = new SimpleStringProperty("");
    final StringProperty certificateFile = new SimpleStringProperty("");
    final StringProperty privateKeyFile = new SimpleStringProperty("");
    final StringProperty rootCaFile = new SimpleStringProperty("");
    final StringProperty credentialsProfile = new SimpleStringProperty("");
    private final ObservableMap<String, String> fieldErrors = FXCollections.observableHashMap();
    private final ReadOnlyStringWrapper errorText = new ReadOnlyStringWrapper(this, "errorText", "");

    /** A form for {@code start}; {@code previousName} is the name it is stored under, or null for a new profile. */
    public ProfileEditorViewModel(ProfilesViewModel profiles, Profile start, String previousName) {
        this.profiles = profiles;
        this.previousName = previousName;
        name.set(start.name());
        kind.set(start.kind());
        region.set(nz(start.region()));
        endpoint.set(nz(start.endpoint()));
        port.set(Integer.toString(start.port()));
        thingName.set(nz(start.thingName()));
        clientId.set(nz(start.clientId()));
        certificateFile.set(nz(start.certificateFile()));
        privateKeyFile.set(nz(start.privateKeyFile()));
        rootCaFile.set(nz(start.rootCaFile()));
        credentialsProfile.set(nz(start.credentialsProfile()));
    }

    /** Fields that hold an account detail and are hidden whole while presenting (key file paths may stay). */
    private static final java.util.Set<String> ACCOUNT_FIELDS = java.util.Set.of("endpoint", "credentialsProfile");

    /**
     * True when the field should be drawn hidden now: in presenter mode the endpoint and the credentials profile
     * always, and any field whose value holds what the session's redactor hides (a pasted key, secret or password).
     */
    public boolean hiddenNow(String field) {
        io.iotworkbench.diagnostics.Redactor redactor = profiles.redactor();
        if (!redactor.isPresenterMode()) {
            return false;
        }
        if (ACCOUNT_FIELDS.contains(field)) {
            return true;
        }
        StringProperty value = textField(field);
        String text = value == null ? null : value.get();
        return text != null && !redactor.shown(text).equals(text);
    }

    /** The session's redactor, to follow presenter mode. */
    public io.iotworkbench.diagnostics.Redactor redactor() {
        return profiles.redactor();
    }

    private StringProperty textField(String field) {
        return switch (field) {
            case "name" -> name;
            case "region" -> region;
            case "endpoint" -> endpoint;
            case "port" -> port;
            case "thingName" -> thingName;
            case "clientId" -> clientId;
            case "certificateFile" -> certificateFile;
            case "privateKeyFile" -> privateKeyFile;
            case "rootCaFile" -> rootCaFile;
            case "credentialsProfile" -> credentialsProfile;
            default -> null;
        };
    }

    public boolean isNew() {
        return previousName == null;
    }

    /** True for the built-in profile, whose name and kind are fixed. */
    public boolean isBuiltIn() {
        return previousName != null && previousName.equals(Profile.LOCAL_NAME);
    }

    public StringProperty nameProperty() {
        return name;
    }

    public StringProperty endpointProperty() {
        return endpoint;
    }

    public StringProperty clientIdProperty() {
        return clientId;
    }

    public StringProperty thingNameProperty() {
        return thingName;
    }

    public StringProperty portProperty() {
        return port;
    }

    public StringProperty regionProperty() {
        return region;
    }

    /** Field name → message for the fields that failed the last validation. */
    public ObservableMap<String, String> fieldErrors() {
        return fieldErrors;
    }

    public ReadOnlyStringProperty errorTextProperty() {
        return errorText.getReadOnlyProperty();
    }

    /**
     * Validates and saves.
     *
     * @return true when saved; false with {@link #fieldErrors()} and {@link #errorTextProperty()} set otherwise
     */
    public boolean save() {
        fieldErrors.clear();
        errorText.set("");
        int portNumber;
        try {
            portNumber = Integer.parseInt(port.get().strip());
        } catch (NumberFormatException e) {
            show(List.of(new ProfileValidator.Problem("port", "Enter a port number (8883, or 443 for ALPN).")));
            return false;
        }
        Profile profile = new Profile(name.get() == null ? "" : name.get().strip(), kind.get(), blankToNull(region),
                blankToNull(endpoint), portNumber, blankToNull(thingName), blankToNull(clientId),
                blankToNull(certificateFile), blankToNull(privateKeyFile), blankToNull(rootCaFile),
                blankToNull(credentialsProfile));
        try {
            profiles.save(previousName, profile);
            return true;
        } catch (InvalidProfileException e) {
            show(e.problems());
        } catch (IOException | RuntimeException e) {
            errorText.set("The profile could not be saved: " + e.getMessage());
        }
        return false;
    }

    private void show(List<ProfileValidator.Problem> problems) {
        problems.forEach(p -> fieldErrors.merge(p.field(), p.message(), (a, b) -> a + " " + b));
        errorText.set(problems.stream().map(ProfileValidator.Problem::message).collect(Collectors.joining("\n")));
    }

    private static String blankToNull(StringProperty p) {
        String v = p.get();
        return v == null || v.isBlank() ? null : v.strip();
    }

    private static String nz(String s) {
        return s == null ? "" : s;
    }
}
