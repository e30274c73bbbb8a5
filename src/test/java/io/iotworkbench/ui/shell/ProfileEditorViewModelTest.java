package io.iotworkbench.ui.shell;

import io.iotworkbench.session.Profile;
import io.iotworkbench.session.ProfileKind;
import io.iotworkbench.session.ProfileStore;
import io.iotworkbench.session.Session;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** Profile form and profile commands, without a toolkit. */
class ProfileEditorViewModelTest {

    @TempDir
    Path dir;

    @Test
    void savingANewValidProfileStoresAndSelectsIt() {
        ProfileStore store = ProfileStore.open(dir);
        Session session = new Session(store.active());
        ProfilesViewModel profiles = new ProfilesViewModel(store, session);
        ProfileEditorViewModel form = new ProfileEditorViewModel(profiles, Profile.newAws(""), null);
        form.nameProperty().set("Demo account");
        form.endpointProperty().set("a1b2c3-ats.iot.eu-central-1.amazonaws.com");
        form.regionProperty().set("eu-central-1");
        form.thingNameProperty().set("wm_w800_01");
        assertThat(form.save()).isTrue();
        assertThat(profiles.profiles()).extracting(Profile::name).contains("Demo account");
        assertThat(session.profile().name()).isEqualTo("Demo account");
        assertThat(session.thingName()).isEqualTo("wm_w800_01");
        assertThat(ProfileStore.open(dir).active().name()).isEqualTo("Demo account");
    }

    @Test
    void presenterModeHidesAccountFieldsAndAnyFieldHoldingASecret() {
        ProfileStore store = ProfileStore.open(dir);
        Session session = new Session(store.active());
        ProfilesViewModel profiles = new ProfilesViewModel(store, session);
        ProfileEditorViewModel form = new ProfileEditorViewModel(profiles, Profile.newAws(""), null);
        form.endpointProperty().set("a1b2c3-ats.iot.eu-central-1.amazonaws.com");
        form.thingNameProperty().set("wm_w800_01");
        form.clientIdProperty().set("wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY");
        assertThat(form.hiddenNow("endpoint")).as("presenter mode off").isFalse();
        assertThat(form.hiddenNow("clientId")).isFalse();
        session.redactor().setPresenterMode(true);
        assertThat(form.hiddenNow("endpoint")).isTrue();
        assertThat(form.hiddenNow("credentialsProfile")).isTrue();
        assertThat(form.hiddenNow("clientId")).as("a pasted AWS secret key").isTrue();
        form.clientIdProperty().set("-----BEGIN PRIVATE KEY-----\nMIIEvQIBADANBgkqhkiG9w0BAQEFAASC");
        assertThat(form.hiddenNow("clientId")).as("a pasted private key").isTrue();
        form.clientIdProperty().set("wifi connect DemoNet s3cretPass99");
        assertThat(form.hiddenNow("clientId")).as("a Wi-Fi password").isTrue();
        assertThat(form.hiddenNow("thingName")).isFalse();
        assertThat(form.hiddenNow("privateKeyFile")).as("key paths may stay").isFalse();
    }

    @Test
    void invalidInputNamesTheFieldsAndSavesNothing() {
        ProfileStore store = ProfileStore.open(dir);
        ProfilesViewModel profiles = new ProfilesViewModel(store, new Session(store.active()));
        ProfileEditorViewModel form = new ProfileEditorViewModel(profiles, Profile.newAws(""), null);
        form.nameProperty().set("x");
        form.portProperty().set("eighty");
        assertThat(form.save()).isFalse();
        assertThat(form.fieldErrors()).containsKey("port");
        form.portProperty().set("1883");
        assertThat(form.save()).isFalse();
        assertThat(form.fieldErrors()).containsKeys("port", "endpoint");
        assertThat(form.errorTextProperty().get()).contains("8883");
        assertThat(store.profiles()).hasSize(1);
    }

    @Test
    void editingTheBuiltInProfileKeepsItsNameAndKind() {
        ProfileStore store = ProfileStore.open(dir);
        Session session = new Session(store.active());
        ProfilesViewModel profiles = new ProfilesViewModel(store, session);
        ProfileEditorViewModel form = new ProfileEditorViewModel(profiles, store.active(), Profile.LOCAL_NAME);
        assertThat(form.isBuiltIn()).isTrue();
        form.thingNameProperty().set("wm_demo_2");
        assertThat(form.save()).isTrue();
        assertThat(store.active().kind()).isEqualTo(ProfileKind.LOCAL);
        assertThat(store.active().thingName()).isEqualTo("wm_demo_2");
        assertThat(session.thingName()).isEqualTo("wm_demo_2");
    }

    @Test
    void deletingTheSelectedProfileReturnsTheSessionToTheBuiltInOne() throws Exception {
        ProfileStore store = ProfileStore.open(dir);
        Session session = new Session(store.active());
        ProfilesViewModel profiles = new ProfilesViewModel(store, session);
        Profile saved = profiles.save(null, new Profile("Lab", ProfileKind.AWS, "us-west-2",
                "xyz-ats.iot.us-west-2.amazonaws.com", 8883, "lab", "lab", null, null, null, null));
        assertThat(session.profile()).isEqualTo(saved);
        profiles.delete(saved);
        assertThat(session.profile().isBuiltIn()).isTrue();
        assertThat(profiles.selectedProperty().get().isBuiltIn()).isTrue();
    }
}
