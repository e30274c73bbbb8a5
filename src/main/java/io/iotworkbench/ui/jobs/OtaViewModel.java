package io.iotworkbench.ui.jobs;

import io.iotworkbench.jobs.ExecutionInfo;
import io.iotworkbench.jobs.OtaClient;
import io.iotworkbench.jobs.OtaDeviceProgress;
import io.iotworkbench.jobs.OtaImage;
import io.iotworkbench.jobs.OtaUpdatePlan;
import io.iotworkbench.localcore.LocalIoTCore;
import io.iotworkbench.localcore.device.VirtualDevice;
import io.iotworkbench.session.ProfileKind;
import io.iotworkbench.stream.BoundedBuffer;
import io.iotworkbench.ui.common.FxPump;
import io.iotworkbench.ui.common.PaneContext;
import io.iotworkbench.ui.common.PaneTasks;
import io.iotworkbench.ui.common.PaneViewModel;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.iot.model.Protocol;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * View model of the OTA view in the Jobs pane: (1) choose a {@code .img}/{@code .fls}, checked and summarised before
 * anything happens; (2) how it is signed (the code signer: on the Local IoT Core its own, certificate from the local
 * CA; on AWS an AWS Signer profile), or a signature the user brings; (3) targets, HTTP or MQTT, then CreateOTAUpdate
 * through the SDK {@code IotClient} of the session's profile (Local IoT Core: the image is first put in its object
 * store; AWS: it is uploaded to {@code s3://bucket/key}, {@link io.iotworkbench.jobs.OtaImageUpload}); (4) a row
 * per device (stage, bytes and blocks from the execution's {@code statusDetails}) with cancel and retry, the serial
 * log of the Serial pane's board or the virtual device, rollout and abort settings, and on the Local IoT Core fault
 * injection.
 *
 * <p>Threading: properties are FX-thread. SDK calls and file reads go through {@link PaneTasks} (one worker). A timer
 * on the context's scheduler polls the watched jobs once a second (one FX update per poll, the stale ones dropped).
 * The virtual board's log lines go into a bounded buffer drained by an {@link FxPump} (one batch per pulse). Tests
 * pass direct executors and call {@link #poll()}.
 *
 * <p>Size: just over 600 lines while the OTA view is being reworked on another branch; the four steps above are the
 * seams for sub-models (image, signing, targets, device rows) once that work has landed.
 */
public final class OtaViewModel extends PaneViewModel {

    /** How the file is signed. */
    public enum SigningMode { CODE_SIGNER, OWN_SIGNATURE }

    /** Faults the Local IoT Core injects into the running update. */
    public enum Fault {
        DROP_DOWNLOAD("Drop mid-download"), EXPIRED_URL("Expire URLs"), CORRUPT_BLOCK("Corrupt a block"),
        WRONG_SIGNATURE("Wrong signature (next update)");

        private final String label;

        Fault(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }
    }

    /** One device of a watched update: the job it belongs to and its progress. */
    public record DeviceRow(String jobId, OtaDeviceProgress progress) {
        public String thingName() {
            return progress.thingName();
        }
    }

    /** The bucket the workbench puts images in on the Local IoT Core. */
    public static final String LOCAL_BUCKET = "iot-workbench-ota";
    public static final String DEFAULT_CERT_PATH = "code_signer_public_key.pem";
    static final int LOG_LINES = 500;
    private static final long POLL_MS = 1_000;

    private final PaneContext ctx;
    private final Clock clock;
    private final PaneTasks tasks;
    private final ReadOnlyObjectWrapper<OtaImage> image = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyStringWrapper imageSummary = new ReadOnlyStringWrapper("No file chosen.");
    private final ReadOnlyBooleanWrapper imageBad = new ReadOnlyBooleanWrapper();
    private final ObjectProperty<SigningMode> signingMode = new SimpleObjectProperty<>(SigningMode.CODE_SIGNER);
    private final StringProperty signerProfile = new SimpleStringProperty("");
    private final StringProperty signature = new SimpleStringProperty("");
    private final StringProperty certificatePath = new SimpleStringProperty(DEFAULT_CERT_PATH);
    private final ReadOnlyStringWrapper signerCertificate = new ReadOnlyStringWrapper("");
    private final ObservableList<String> thingChoices = FXCollections.observableArrayList();
    private final ObservableList<String> groupChoices = FXCollections.observableArrayList();
    private final ObservableList<String> selectedThings = FXCollections.observableArrayList();
    private final ObservableList<String> selectedGroups = FXCollections.observableArrayList();
    private final ObjectProperty<Protocol> protocol = new SimpleObjectProperty<>(Protocol.HTTP);
    private final StringProperty s3Url = new SimpleStringProperty("");
    private final StringProperty roleArn = new SimpleStringProperty("");
    private final StringProperty updateId = new SimpleStringProperty("");
    private final ObservableList<DeviceRow> devices = FXCollections.observableArrayList();
    private final ReadOnlyStringWrapper watching = new ReadOnlyStringWrapper("");
    private final ObservableList<String> serialLog = FXCollections.observableArrayList();
    private final ReadOnlyStringWrapper serialLogThing = new ReadOnlyStringWrapper("");
    private final BooleanProperty wrongSignatureArmed = new SimpleBooleanProperty();
    private final OtaJobControlsForm jobControls = new OtaJobControlsForm();
    private final ReadOnlyStringWrapper updateState = new ReadOnlyStringWrapper("");

    /** Watched jobs in creation order (a retry's job after the original's), each with its plan and image size. */
    private final Map<String, Watched> watched = new LinkedHashMap<>();
    private final BoundedBuffer<String> logBuffer = new BoundedBuffer<>(LOG_LINES * 2);
    private final FxPump<String> logPump;
    private final OtaLogSource logSource;
    private volatile boolean disposed;
    private ScheduledFuture<?> timer;
    private int retries;

    private record Watched(OtaUpdatePlan plan, long size) {
    }

    /** A checked file or the sentence saying why it was refused. */
    private record Checked(OtaImage image, String problem) {
    }

    public OtaViewModel(PaneContext ctx) {
        this(ctx, null);
    }

    /** {@code worker} null: a private daemon thread runs the SDK calls. */
    public OtaViewModel(PaneContext ctx, Executor worker) {
        this(ctx, worker, Clock.systemUTC());
    }

    OtaViewModel(PaneContext ctx, Executor worker, Clock clock) {
        super(ctx.fxSession());
        this.ctx = ctx;
        this.clock = clock;
        this.tasks = useTasks(PaneTasks.create(worker, "ota-view-io", ctx.fxExecutor(), OtaViewModel::explain));
        this.logPump = new FxPump<>(logBuffer, this::appendLog, ctx.fxExecutor(), ctx.scheduler(),
                FxPump.DEFAULT_INTERVAL_NANOS * 6, LOG_LINES);
        this.logSource = new OtaLogSource(ctx.fxSession().session(), this::virtualDevice, line -> {
            if (!disposed) {
                logBuffer.offer(line);
                logPump.signal();
            }
        }, serialLogThing::set, ctx.fxExecutor());
        roleArn.set(isAwsProfile() ? "" : OtaUpdatePlan.LOCAL_ROLE_ARN);
        signerProfile.set(isAwsProfile() ? "" : "local-code-signer");
    }

    @Override
    public String title() {
        return "OTA";
    }

    @Override
    public String purpose() {
        return "Send a firmware image over the air to things and groups, and watch each device take it.";
    }

    @Override
    public List<String> capabilities() {
        return List.of("Checked .img/.fls", "Code signing", "HTTP or MQTT delivery", "Per-device progress",
                "Cancel and retry", "Fault injection on the Local IoT Core");
    }

    /** Starts polling and loads the targets and the signer certificate (call once the view shows). */
    public void start() {
        if (timer == null) {
            timer = ctx.scheduler().scheduleWithFixedDelay(() -> ctx.fxExecutor().execute(this::poll), POLL_MS,
                    POLL_MS, TimeUnit.MILLISECONDS);
        }
        loadTargets();
        loadSignerCertificate();
        followVirtualBoard();
    }

    @Override
    public void dispose() {
        disposed = true;
        if (timer != null) {
            timer.cancel(false);
        }
        logPump.stop();
        logSource.close();
        tasks.dispose();
    }

    public boolean isAwsProfile() {
        return ctx.fxSession().profileProperty().get().kind() == ProfileKind.AWS;
    }

    // ------------------------------------------------------------------ 1. the file

    /** Checks and summarises the file; nothing else happens until it is good. */
    public void chooseFile(Path path) {
        image.set(null);
        imageBad.set(false);
        imageSummary.set("Checking " + path.getFileName() + "…");
        tasks.latest("image", null, () -> {
            try {
                return new Checked(OtaImage.check(path), null);
            } catch (OtaImage.Problem e) {
                return new Checked(null, e.getMessage());
            }
        }, checked -> {
            if (checked.problem() != null) {
                imageBad.set(true);
                imageSummary.set(checked.problem());
                tasks.fail(checked.problem());
                return;
            }
            OtaImage img = checked.image();
            image.set(img);
            imageSummary.set(img.summary() + (img.warnings().isEmpty() ? ""
                    : " (" + String.join("; ", img.warnings()) + ")"));
            if (updateId.get() == null || updateId.get().isBlank() || updateId.get().startsWith("ota-")) {
                updateId.set(OtaUpdatePlan.suggestId(img.version(), clock.millis() / 1000));
            }
            if (isAwsProfile() && s3Url.get().isBlank()) {
                s3Url.set("s3://BUCKET/" + img.fileName());
            }
            tasks.info("Checked " + img.fileName() + ": ready to sign and send.");
        });
    }

    // ------------------------------------------------------------------ 2. signing

    /** Reads the Local IoT Core's code-signing certificate (made by the core on its first start). */
    public void loadSignerCertificate() {
        if (isAwsProfile()) {
            signerCertificate.set("AWS Signer profile: name one that holds an ECDSA P-256 code-signing certificate "
                    + "(AWS Certificate Manager).");
            return;
        }
        tasks.latest("signer", null, () -> {
            var cert = core().codeSigner().certificate();
            return "Local code signer: " + cert.getSubjectX500Principal().getName() + ", issued by the local CA, "
                    + "valid until " + cert.getNotAfter().toInstant().toString().substring(0, 10) + " (ECDSA P-256)";
        }, signerCertificate::set);
    }

    // ------------------------------------------------------------------ 3. targets and create

    public void loadTargets() {
        tasks.latest("targets", null, () -> {
            OtaClient c = client();
            return List.of(c.thingNames(), c.groupNames());
        }, lists -> {
            thingChoices.setAll(lists.get(0));
            groupChoices.setAll(lists.get(1));
        });
    }

    /** Uploads (Local IoT Core) and creates the OTA update, then watches its devices. */
    public void createUpdate() {
        OtaImage img = image.get();
        if (img == null) {
            tasks.fail(imageBad.get() ? imageSummary.get() : "Choose a firmware file (.img or .fls) first.");
            return;
        }
        if (selectedThings.isEmpty() && selectedGroups.isEmpty()) {
            tasks.fail("Choose at least one thing or thing group.");
            return;
        }
        List<String> things = List.copyOf(selectedThings);
        List<String> groups = List.copyOf(selectedGroups);
        String id = updateId.get() == null ? "" : updateId.get().trim();
        SigningMode mode = signingMode.get();
        String sigText = signature.get();
        String certPath = certificatePath.get();
        String profile = signerProfile.get();
        String s3 = s3Url.get();
        String role = roleArn.get();
        Protocol proto = protocol.get();
        boolean aws = isAwsProfile();
        boolean wrongSignature = wrongSignatureArmed.get() && !aws;
        OtaJobControlsForm.Snapshot controls = jobControls.snapshot();
        followVirtualBoard();
        tasks.run("Creating OTA update " + id, () -> {
            OtaClient c = client();
            OtaUpdatePlan.S3Object object;
            if (aws) {
                object = OtaUpdatePlan.S3Object.parse(s3);
                try (var s3Client = ctx.aws().s3(ctx.fxSession().session().profile())) {
                    io.iotworkbench.jobs.OtaImageUpload.upload(s3Client, object, img.bytes());
                }
            } else {
                object = new OtaUpdatePlan.S3Object(LOCAL_BUCKET, id + "/" + img.fileName());
                core().objects().put(object.bucket(), object.key(), img.bytes());
            }
            OtaUpdatePlan.Signing signing;
            if (wrongSignature) {
                byte[] other = ("not " + img.fileName()).getBytes(StandardCharsets.UTF_8);
                signing = new OtaUpdatePlan.OwnSignature(Base64.getEncoder().encodeToString(
                        core().codeSigner().sign(other)), certPath);
            } else if (mode == SigningMode.OWN_SIGNATURE) {
                signing = new OtaUpdatePlan.OwnSignature(sigText == null ? "" : sigText, certPath);
            } else {
                if (profile == null || profile.isBlank()) {
                    throw new IllegalArgumentException("Name the AWS Signer profile that signs the image.");
                }
                signing = new OtaUpdatePlan.SignerProfile(profile.trim(), certPath);
            }
            if (role == null || role.isBlank()) {
                throw new IllegalArgumentException("Give the ARN of the IAM role AWS IoT uses for the OTA update "
                        + "(S3, streams, jobs and signing).");
            }
            OtaUpdatePlan plan = new OtaUpdatePlan(id, "IoT Workbench: " + img.fileName() + " " + img.version(),
                    c.targetArns(things, groups), proto, object, signing, role.trim(),
                    OtaUpdatePlan.DEFAULT_URL_EXPIRY_SECONDS, "app_ota", controls.controls());
            c.create(plan);
            return plan;
        }, plan -> {
            if (wrongSignature) {
                wrongSignatureArmed.set(false);
            }
            watched.put(plan.jobId(), new Watched(plan, img.size()));
            watching.set(plan.jobId());
            tasks.info("OTA update " + plan.otaUpdateId() + " created (job " + plan.jobId() + ", " + proto + ")");
            poll();
        });
    }

    // ------------------------------------------------------------------ 4. watch, cancel, retry

    /** Reads the watched jobs' executions now (unless a poll is still running: it is then dropped as stale). */
    public void poll() {
        if (disposed || watched.isEmpty()) {
            return;
        }
        List<Map.Entry<String, Watched>> jobs = List.copyOf(watched.entrySet());
        String latest = watching.get();
        tasks.latest("poll", null, () -> {
            OtaClient c = client();
            String state = latest.isEmpty() ? "" : c.jobState(latest).text();
            Map<String, DeviceRow> rows = new LinkedHashMap<>();
            for (Map.Entry<String, Watched> job : jobs) {
                for (ExecutionInfo e : c.executions(job.getKey())) {
                    rows.put(e.thingName(), new DeviceRow(job.getKey(), OtaDeviceProgress.of(e,
                            job.getValue().size())));
                }
            }
            return Map.entry(state, new ArrayList<>(rows.values()));
        }, polled -> {
            updateState.set(polled.getKey());
            List<DeviceRow> rows = polled.getValue();
            if (!rows.equals(devices)) {
                devices.setAll(rows);
            }
            followVirtualBoard();
        });
    }

    /** Cancels a device's execution (forced when in progress). */
    public void cancelDevice(DeviceRow row) {
        boolean inProgress = "IN_PROGRESS".equals(row.progress().status());
        tasks.run("Canceling " + row.thingName(), () -> {
            client().cancelDevice(row.jobId(), row.thingName(), inProgress);
            return null;
        }, x -> {
            tasks.info("OTA update canceled on " + row.thingName());
            poll();
        });
    }

    /** Cancels the update: every job it made here (the original and its retries), in-progress devices too. */
    public void cancelUpdate() {
        List<String> jobs = new ArrayList<>(watched.keySet());
        if (jobs.isEmpty()) {
            return;
        }
        tasks.run("Canceling " + jobs.get(0), () -> {
            OtaClient c = client();
            int canceled = 0;
            RuntimeException first = null;
            for (String jobId : jobs) {
                try {
                    c.cancelUpdate(jobId);
                    canceled++;
                } catch (RuntimeException e) {
                    first = first == null ? e : first;
                }
            }
            if (canceled == 0 && first != null) {
                throw first;
            }
            return canceled;
        }, n -> {
            tasks.info("OTA update canceled (" + n + (n == 1 ? " job)" : " jobs)"));
            poll();
        });
    }

    /** Sends the same image again to one device whose update failed or was canceled: a new OTA update for it. */
    public void retryDevice(DeviceRow row) {
        Watched w = watched.get(row.jobId());
        if (w == null) {
            return;
        }
        String newId = retryId(w.plan().otaUpdateId(), ++retries);
        tasks.run("Retrying on " + row.thingName(), () -> {
            OtaClient c = client();
            OtaUpdatePlan plan = w.plan().retry(newId, c.targetArns(List.of(row.thingName()), List.of()));
            c.create(plan);
            return plan;
        }, plan -> {
            watched.put(plan.jobId(), new Watched(plan, w.size()));
            tasks.info("Retrying on " + row.thingName() + " as OTA update " + plan.otaUpdateId());
            poll();
        });
    }

    static String retryId(String id, int n) {
        String suffix = "-retry" + n;
        return (id.length() + suffix.length() > 128 ? id.substring(0, 128 - suffix.length()) : id) + suffix;
    }

    // ------------------------------------------------------------------ faults (Local IoT Core)

    /** Whether the session's profile is the Local IoT Core (faults and the virtual board's log). */
    public boolean faultsAvailable() {
        return !isAwsProfile();
    }

    public void inject(Fault fault) {
        if (!faultsAvailable()) {
            return;
        }
        if (fault == Fault.WRONG_SIGNATURE) {
            wrongSignatureArmed.set(true);
            tasks.info("The next OTA update carries a signature of other bytes: devices must reject it.");
            return;
        }
        tasks.run(null, () -> {
            LocalIoTCore core = core();
            switch (fault) {
                case DROP_DOWNLOAD -> {
                    core.dropObjectConnections();
                    core.otaFaults().dropConnectionAfterBlocks(0);
                }
                case EXPIRED_URL -> core.presignedUrls().expireIssuedUntilNow();
                case CORRUPT_BLOCK -> core.otaFaults().corruptNextBlocks(1);
                default -> {
                }
            }
            return fault;
        }, f -> tasks.info("Fault injected: " + f.label().toLowerCase(java.util.Locale.ROOT)));
    }

    // ------------------------------------------------------------------ the virtual board's log

    /** Follows the Serial pane's board, else the Local IoT Core's virtual device ({@link OtaLogSource}). */
    private void followVirtualBoard() {
        logSource.follow();
    }

    private void appendLog(List<String> lines) {
        serialLog.addAll(lines);
        if (serialLog.size() > LOG_LINES) {
            serialLog.remove(0, serialLog.size() - LOG_LINES);
        }
    }

    /** Lines the log buffer dropped because the FX thread fell behind. */
    public long droppedLogLines() {
        return logBuffer.droppedCount();
    }

    // ------------------------------------------------------------------ helpers

    /** The Local IoT Core's virtual device, when the profile is local and the core runs. */
    private Optional<VirtualDevice> virtualDevice() {
        boolean aws = ctx.fxSession().session().profile().kind() == ProfileKind.AWS;
        LocalIoTCore core = aws ? null : ctx.localCore().ready().getNow(null);
        return core == null ? Optional.empty() : core.virtualDevice();
    }

    private OtaClient client() throws Exception {
        return new OtaClient(ctx.aws().iot(ctx.fxSession().session().profile()));
    }

    private LocalIoTCore core() throws Exception {
        return ctx.localCore().ready().get(60, TimeUnit.SECONDS);
    }

    static String explain(Throwable e) {
        if (e instanceof OtaImage.Problem || e instanceof IllegalArgumentException) {
            return e.getMessage();
        }
        if (e instanceof SdkException sdk) {
            String m = sdk.getMessage() == null ? "" : sdk.getMessage().replaceAll("\\s*\\(Service: .*$", "");
            return "AWS IoT refused: " + m;
        }
        if (e instanceof java.util.concurrent.TimeoutException) {
            return "The Local IoT Core did not start in time.";
        }
        return io.iotworkbench.diagnostics.PlainText.withoutJavaNames(e.getMessage(),
                "an unexpected error without a description (details in the error log)");
    }

    // ------------------------------------------------------------------ properties

    public ReadOnlyObjectProperty<OtaImage> imageProperty() {
        return image.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty imageSummaryProperty() {
        return imageSummary.getReadOnlyProperty();
    }

    /** True when the chosen file was refused (the summary then says why). */
    public ReadOnlyBooleanProperty imageBadProperty() {
        return imageBad.getReadOnlyProperty();
    }

    public ObjectProperty<SigningMode> signingModeProperty() {
        return signingMode;
    }

    public StringProperty signerProfileProperty() {
        return signerProfile;
    }

    public StringProperty signatureProperty() {
        return signature;
    }

    public StringProperty certificatePathProperty() {
        return certificatePath;
    }

    public ReadOnlyStringProperty signerCertificateProperty() {
        return signerCertificate.getReadOnlyProperty();
    }

    public ObservableList<String> thingChoices() {
        return thingChoices;
    }

    public ObservableList<String> groupChoices() {
        return groupChoices;
    }

    public ObservableList<String> selectedThings() {
        return selectedThings;
    }

    public ObservableList<String> selectedGroups() {
        return selectedGroups;
    }

    public ObjectProperty<Protocol> protocolProperty() {
        return protocol;
    }

    public StringProperty s3UrlProperty() {
        return s3Url;
    }

    public StringProperty roleArnProperty() {
        return roleArn;
    }

    public StringProperty updateIdProperty() {
        return updateId;
    }

    public ObservableList<DeviceRow> devices() {
        return devices;
    }

    /** The job of the latest update created here ("" before the first). */
    public ReadOnlyStringProperty watchingProperty() {
        return watching.getReadOnlyProperty();
    }

    public ObservableList<String> serialLog() {
        return serialLog;
    }

    /** The thing whose serial log {@link #serialLog()} follows ("" when none). */
    public ReadOnlyStringProperty serialLogThingProperty() {
        return serialLogThing.getReadOnlyProperty();
    }

    /** Rollout and abort settings of the next update. */
    public OtaJobControlsForm jobControls() {
        return jobControls;
    }

    /** The watched update's job in words ("in progress", "aborted: why", ...; "" before the first poll). */
    public ReadOnlyStringProperty updateStateProperty() {
        return updateState.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty wrongSignatureArmedProperty() {
        return wrongSignatureArmed;
    }
}
