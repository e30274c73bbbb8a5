package io.iotworkbench.ui.certs;

import io.iotworkbench.cert.CertificateBundle;
import io.iotworkbench.cert.WmSdkExport;
import io.iotworkbench.cert.WmUserDefEdit;
import io.iotworkbench.session.Profile;
import io.iotworkbench.session.ProfileKind;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ListChangeListener;
import javafx.collections.ObservableList;

import java.nio.charset.StandardCharsets;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The Certificates pane's WM SDK tab: the SDK folder and the chosen demo, the export of the loaded bundle (stopping
 * to ask before replacing files) and the demo's {@code aws_user_def.h} edit, shown as a diff and applied with a
 * backup. File work runs on the pane's worker. FX thread.
 */
public final class WmExportModel {

    /** The demo chosen when an SDK's demos are first listed, if it has one. */
    static final String DEFAULT_DEMO = "led_demo";

    private final CertsContext c;
    private final Supplier<CertificateBundle> loaded;
    private final StringProperty sdkFolder = new SimpleStringProperty("");
    private final ObjectProperty<String> demo = new SimpleObjectProperty<>();
    private final StringProperty userDefDiff = new SimpleStringProperty("");
    private final ObservableList<String> demos = FXCollections.observableArrayList();
    private final ObservableList<Path> exportConflicts = FXCollections.observableArrayList();
    private WmUserDefEdit.Plan userDefPlan;

    WmExportModel(CertsContext c, Supplier<CertificateBundle> loaded) {
        this.c = c;
        this.loaded = loaded;
        demos.addListener((ListChangeListener<String>) change -> {
            if (demo.get() == null && !demos.isEmpty()) {
                demo.set(demos.contains(DEFAULT_DEMO) ? DEFAULT_DEMO : demos.get(0));
            }
        });
    }

    /** The WM IoT SDK's top folder, as typed or chosen. */
    public StringProperty sdkFolderProperty() {
        return sdkFolder;
    }

    /** The demo whose {@code aws_user_def.h} is edited; {@value #DEFAULT_DEMO} when the SDK has it. */
    public ObjectProperty<String> demoProperty() {
        return demo;
    }

    public ReadOnlyStringProperty userDefDiffProperty() {
        return userDefDiff;
    }

    public ObservableList<String> demos() {
        return demos;
    }

    /** Files an export would replace; non-empty after an export that stopped to ask. */
    public ObservableList<Path> exportConflicts() {
        return exportConflicts;
    }

    /** A folder chosen in the dialog: remembered, and its demos listed. */
    public void chooseSdk(Path folder) {
        sdkFolder.set(folder.toString());
        loadDemos(folder);
    }

    /** Exports into {@link #sdkFolderProperty()}; nothing when it is blank, a message when it is not a path. */
    public void export(boolean overwrite) {
        sdk().ifPresent(folder -> exportWm(folder, overwrite));
    }

    /** Shows the diff for {@link #demoProperty()} in {@link #sdkFolderProperty()}, when both are set. */
    public void planUserDef() {
        if (demo.get() != null) {
            sdk().ifPresent(folder -> planUserDef(folder, demo.get()));
        }
    }

    private Optional<Path> sdk() {
        String text = sdkFolder.get() == null ? "" : sdkFolder.get().strip();
        if (text.isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(Path.of(text));
        } catch (InvalidPathException e) {
            c.fail("'" + text + "' is not a folder path: " + e.getReason() + ".");
            return Optional.empty();
        }
    }

    /** Exports the loaded bundle into the SDK; stops with {@link #exportConflicts()} unless {@code overwrite}. */
    public void exportWm(Path sdk, boolean overwrite) {
        CertificateBundle b = loaded.get();
        if (b == null) {
            c.fail("Select a bundle whose certificate and key can be read first.");
            return;
        }
        exportConflicts.clear();
        c.tasks.run("Exporting to " + sdk, () -> {
            WmSdkExport export = WmSdkExport.into(sdk);
            List<Path> conflicts = export.conflicts(b);
            if (!conflicts.isEmpty() && !overwrite) {
                return new ExportResult(conflicts, null, export.demos());
            }
            return new ExportResult(List.of(), export.write(b, overwrite), export.demos());
        }, r -> {
            demos.setAll(r.demos());
            if (r.written() == null) {
                exportConflicts.setAll(r.conflicts());
                c.fail("These files exist with other content: " + CertsContext.names(r.conflicts())
                        + ". Nothing was written; confirm to replace them.");
                return;
            }
            long written = r.written().stream().filter(f -> f.state() == WmSdkExport.State.WRITTEN).count();
            c.info("Exported to the WM SDK: " + written + " file(s) written, " + (r.written().size() - written)
                    + " unchanged. Next: the demo's aws_user_def.h.");
        });
    }

    private record ExportResult(List<Path> conflicts, List<WmSdkExport.ExportedFile> written, List<String> demos) {
    }

    /** Lists the SDK's AWS demos (for the demo chooser); an unsuitable folder is a message. */
    public void loadDemos(Path sdk) {
        c.tasks.run("Reading " + sdk, () -> WmSdkExport.into(sdk).demos(), demos::setAll);
    }

    /** Computes the demo's aws_user_def.h edit for the session's endpoint and thing; shows its diff, writes nothing. */
    public void planUserDef(Path sdk, String demoName) {
        Profile profile = c.session().profile();
        String thing = c.session().thingName();
        userDefPlan = null;
        userDefDiff.set("");
        c.tasks.run("Preparing the aws_user_def.h edit", () -> {
            String endpoint = profile.kind() == ProfileKind.LOCAL ? c.localCore().mqttHost() : profile.endpoint();
            return WmUserDefEdit.plan(WmSdkExport.into(sdk).userDefFile(demoName), endpoint, thing, thing);
        }, plan -> {
            userDefPlan = plan;
            String absent = plan.absent().isEmpty() ? "" : "\n(" + String.join(", ", plan.absent())
                    + " not defined in this file; the demo takes it from demo_config.h.)";
            userDefDiff.set(plan.changes() ? plan.diff() + absent : "aws_user_def.h already holds these values."
                    + absent);
            String loopback = new String(plan.edited(), StandardCharsets.ISO_8859_1)
                    .matches("(?s).*AWS_IOT_ENDPOINT\\s+\"(127\\.|localhost).*")
                    ? " Note: a board cannot reach this computer's loopback address; start the Local IoT Core bound "
                    + "to a LAN address (local-core --bind) for a real W800." : "";
            c.info((plan.changes() ? "Review the aws_user_def.h change below, then apply it." : "aws_user_def.h of "
                    + demoName + " already points at " + thing + ".") + loopback);
        });
    }

    /** Applies the edit whose diff is shown, after a backup. */
    public void applyUserDef() {
        WmUserDefEdit.Plan plan = userDefPlan;
        if (plan == null || !plan.changes()) {
            c.fail("Show the aws_user_def.h diff first.");
            return;
        }
        c.tasks.run("Editing aws_user_def.h", () -> WmUserDefEdit.apply(plan), backup -> {
            userDefPlan = null;
            userDefDiff.set("");
            c.info("Edited " + plan.file().getFileName() + "; the original is in " + backup.getFileName() + ".");
        });
    }
}
