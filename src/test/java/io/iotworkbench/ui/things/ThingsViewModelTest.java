package io.iotworkbench.ui.things;

import io.iotworkbench.localcore.LocalIoTCore;
import io.iotworkbench.session.ConnectionState;
import io.iotworkbench.session.Profile;
import io.iotworkbench.session.ProfileStore;
import io.iotworkbench.testsupport.Wait;
import io.iotworkbench.ui.LocalPaneContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.function.BooleanSupplier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The Things view model without a toolkit against a real Local IoT Core, new-device flow included. */
@Tag("integration")
class ThingsViewModelTest {

    @TempDir
    Path dir;

    private LocalPaneContext panes;
    private ProfileStore store;
    private ThingsViewModel vm;
    private LocalIoTCore core;

    @BeforeEach
    void start() throws Exception {
        panes = LocalPaneContext.started(dir.resolve("data"));
        core = panes.core();
        store = ProfileStore.open(dir.resolve("config"));
        vm = new ThingsViewModel(panes.context(p -> {
            Profile saved = store.save(null, p);
            panes.session().selectProfile(saved);
            return saved;
        }), Runnable::run);
    }

    @AfterEach
    void stop() {
        vm.dispose();
        panes.close();
    }

    private static void waitUntil(BooleanSupplier condition) {
        Wait.until("the Things pane's state", condition);
    }

    @Test
    void createSearchEditAndDelete() {
        vm.refresh();
        assertThat(vm.filteredThings()).extracting(t -> t.name()).contains("wm_demo_1");
        vm.newThingNameProperty().set("pump_7");
        vm.newThingAttributesProperty().set("room=kitchen\nfloor=2");
        vm.create();
        assertThat(vm.messageProperty().get()).isEqualTo("Thing pump_7 created");
        vm.searchProperty().set("room=kitchen");
        assertThat(vm.filteredThings()).extracting(t -> t.name()).containsExactly("pump_7");
        vm.selectedProperty().set(vm.filteredThings().get(0));
        assertThat(vm.attributesTextProperty().get()).isEqualTo("floor=2\nroom=kitchen\n");
        assertThat(vm.detailsProperty().get().certificates()).isEmpty();

        vm.attributesTextProperty().set("room=cellar");
        vm.saveAttributes();
        assertThat(core.registry().describeThing("pump_7").attributes()).isEqualTo(Map.of("room", "cellar"));
        vm.attributesTextProperty().set("no equals sign");
        vm.saveAttributes();
        assertThat(vm.messageProperty().get()).contains("key=value");

        vm.searchProperty().set("wm_demo");
        vm.selectedProperty().set(vm.filteredThings().get(0));
        assertThat(vm.detailsProperty().get().certificates()).hasSize(1);
        vm.delete();
        assertThat(vm.messageProperty().get()).contains("Detached", "Deleted thing wm_demo_1");
        assertThat(core.registry().findThing("wm_demo_1")).isEmpty();
    }

    @Test
    void newDeviceFlowSavesAProfileAndConnectsWithIt() throws Exception {
        vm.deviceNameProperty().set("w800_kitchen");
        vm.runNewDevice();
        assertThat(vm.deviceLog()).anyMatch(l -> l.startsWith("1/5")).anyMatch(l -> l.startsWith("4/5"));
        var result = vm.deviceResultProperty().get();
        assertThat(result).isNotNull();
        assertThat(Files.readString(result.certificateFile())).startsWith("-----BEGIN CERTIFICATE-----");
        if (Files.getFileStore(result.privateKeyFile()).supportsFileAttributeView("posix")) {
            assertThat(Files.getPosixFilePermissions(result.privateKeyFile())).containsExactlyInAnyOrder(
                    java.nio.file.attribute.PosixFilePermission.OWNER_READ,
                    java.nio.file.attribute.PosixFilePermission.OWNER_WRITE);
        }
        assertThat(panes.session().profile().name()).as("the session is not switched without asking")
                .isEqualTo(Profile.LOCAL_NAME);
        assertThat(vm.switchOfferProperty().get().thingName()).isEqualTo("w800_kitchen");
        assertThat(store.find("w800_kitchen")).isEmpty();

        vm.switchToNewDevice();

        assertThat(vm.switchOfferProperty().get()).isNull();
        assertThat(panes.session().profile().name()).isEqualTo("w800_kitchen");
        assertThat(panes.session().thingName()).isEqualTo("w800_kitchen");
        assertThat(store.find("w800_kitchen")).isPresent();
        waitUntil(() -> panes.session().state() == ConnectionState.CONNECTED);
        waitUntil(() -> core.connectedClients().contains("w800_kitchen"));
        var details = new io.iotworkbench.registry.ThingsClient(panes.aws().iot(panes.session().profile()))
                .details("w800_kitchen");
        assertThat(details.certificates()).singleElement().satisfies(c -> {
            assertThat(c.status()).isEqualTo("ACTIVE");
            assertThat(c.policies()).containsExactly("w800_kitchen-policy");
        });
    }

    @Test
    void keepingTheSessionLeavesItOnItsThing() {
        vm.deviceNameProperty().set("w800_spare");
        vm.runNewDevice();
        assertThat(vm.switchOfferProperty().get()).isNotNull();

        vm.keepSession();

        assertThat(vm.switchOfferProperty().get()).isNull();
        assertThat(panes.session().profile().name()).isEqualTo(Profile.LOCAL_NAME);
        assertThat(panes.session().thingName()).isEqualTo("wm_demo_1");
        assertThat(vm.messageProperty().get()).isEqualTo("Device w800_spare is ready; the session stays on "
                + "wm_demo_1.");
        assertThat(store.find("w800_spare")).isEmpty();
    }

    @Test
    void badInputIsRefusedWithAMessage() {
        vm.deviceNameProperty().set("bad name");
        vm.runNewDevice();
        assertThat(vm.messageProperty().get()).contains("thing name");
        assertThatThrownBy(() -> ThingsViewModel.parseAttributes("k=v w")).hasMessageContaining("characters");
    }
}
