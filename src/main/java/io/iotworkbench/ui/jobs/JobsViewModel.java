package io.iotworkbench.ui.jobs;

import io.iotworkbench.concurrent.DaemonThreads;
import io.iotworkbench.jobs.DeviceJobAgent;
import io.iotworkbench.jobs.ExecutionInfo;
import io.iotworkbench.jobs.JobSpec;
import io.iotworkbench.jobs.JobSummary;
import io.iotworkbench.jobs.JobsClient;
import io.iotworkbench.localcore.jobs.StatusDetails;
import io.iotworkbench.session.ProfileKind;
import io.iotworkbench.mqtt.Subscription;
import io.iotworkbench.session.ConnectionState;
import io.iotworkbench.ui.common.PaneContext;
import io.iotworkbench.ui.common.PaneTasks;
import io.iotworkbench.ui.common.PaneViewModel;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.collections.transformation.FilteredList;

import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * View model of the Jobs pane: the jobs list (status, per-status execution counts, search and status filter), the
 * selected job's executions with status details and the history this pane observed, create / cancel / force-cancel
 * / delete, and a device agent acting as the session's thing.
 *
 * <p>Live updates: a timer on the context's scheduler refreshes the list and the selected job; with no change the
 * interval doubles from 2 s up to 30 s (backoff), any change or a job event on {@code $aws/events/job/#},
 * {@code $aws/events/jobExecution/#} or a thing's {@code notify} topic (subscribed when connected) brings it back to
 * an immediate refresh. MQTT callbacks only set a flag or append to a bounded agent log; the timer applies both in
 * one FX update per tick.
 *
 * <p>Threading: properties are FX-thread; SDK calls run as {@link PaneTasks} on the {@code io} executor (one
 * "jobs-pane-io" thread; refreshes quietly, commands with busy) and their results are applied through the context's
 * fxExecutor. Tests pass direct executors.
 */
public final class JobsViewModel extends PaneViewModel {

    /** Statuses the status filter offers; "All" shows every job. */
    public static final List<String> STATUS_FILTERS = List.of("All", "IN_PROGRESS", "COMPLETED", "CANCELED");
    static final long MIN_INTERVAL_MS = 2_000;
    static final long MAX_INTERVAL_MS = 30_000;
    private static final int AGENT_LOG_LINES = 200;
    private static final int HISTORY_LINES = 50;
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss", Locale.ROOT)
            .withZone(ZoneId.systemDefault());

    private final PaneContext ctx;
    private final Executor io;
    private final ExecutorService ownIo;
    private final PaneTasks tasks;
    private final ObservableList<JobSummary> jobs = FXCollections.observableArrayList();
    private final FilteredList<JobSummary> filteredJobs = new FilteredList<>(jobs, j -> true);
    private final StringProperty search = new SimpleStringProperty("");
    private final StringProperty statusFilter = new SimpleStringProperty("All");
    private final ObjectProperty<JobSummary> selectedJob = new SimpleObjectProperty<>();
    private final ObservableList<ExecutionInfo> executions = FXCollections.observableArrayList();
    private final ObjectProperty<ExecutionInfo> selectedExecution = new SimpleObjectProperty<>();
    private final ObservableList<String> history = FXCollections.observableArrayList();
    private final ObservableList<String> agentLog = FXCollections.observableArrayList();
    private final ObjectProperty<DeviceJobAgent.Current> agentCurrent = new SimpleObjectProperty<>();
    private final BooleanProperty agentEnabled = new SimpleBooleanProperty();
    private final ObservableList<String> thingChoices = FXCollections.observableArrayList();
    private final ObservableList<String> groupChoices = FXCollections.observableArrayList();

    /** Observed history per "jobId/thing", kept off the FX thread by the io executor only. */
    private final Map<String, List<String>> observed = new HashMap<>();
    private final Map<String, ExecutionInfo> lastSeen = new HashMap<>();
    private final AtomicBoolean dirty = new AtomicBoolean(true);
    private final AtomicBoolean inFlight = new AtomicBoolean();
    private final ArrayDeque<String> pendingAgentLines = new ArrayDeque<>();
    private volatile long intervalMs = MIN_INTERVAL_MS;
    private volatile long nextRefreshAt;
    private volatile String selectedJobId;
    private volatile DeviceJobAgent agent;
    private ScheduledFuture<?> timer;
    private OtaViewModel ota;

    public JobsViewModel(PaneContext ctx) {
        this(ctx, null);
    }

    /** {@code io} null: a private daemon thread runs the SDK calls. */
    public JobsViewModel(PaneContext ctx, Executor io) {
        super(ctx.fxSession());
        this.ctx = ctx;
        this.ownIo = io == null ? Executors.newSingleThreadExecutor(DaemonThreads.named("jobs-pane-io")) : null;
        this.io = io == null ? ownIo : io;
        this.tasks = useTasks(PaneTasks.create(this.io, null, ctx.fxExecutor(), JobsViewModel::explain));
        search.addListener((o, a, b) -> applyFilter());
        statusFilter.addListener((o, a, b) -> applyFilter());
        selectedJob.addListener((o, a, b) -> {
            selectedJobId = b == null ? null : b.jobId();
            if (a == null || b == null || !a.jobId().equals(b.jobId())) {
                executions.clear();
                history.clear();
                refreshNow();
            }
        });
        selectedExecution.addListener((o, a, b) -> showHistory(b));
        ctx.connection().addSink((topic, msg) -> onMessage(topic, msg.getPayload()));
        connectionStateProperty().addListener((o, a, b) -> {
            if (b == ConnectionState.CONNECTED) {
                subscribeEvents();
            }
        });
    }

    @Override
    public String title() {
        return "Jobs";
    }

    @Override
    public String purpose() {
        return "Create AWS IoT Jobs, watch their executions live, and dry-run a job as the session's thing.";
    }

    @Override
    public List<String> capabilities() {
        return List.of("Jobs list with progress by execution status", "Create-job wizard with templates",
                "Live execution table; cancel, force-cancel, delete", "Device agent");
    }

    // ------------------------------------------------------------------ life cycle

    /** Starts the refresh timer (call once the pane is shown). */
    public void start() {
        if (timer == null) {
            timer = ctx.scheduler().scheduleWithFixedDelay(this::tick, 0, 500, TimeUnit.MILLISECONDS);
        }
        if (ctx.fxSession().stateProperty().get() == ConnectionState.CONNECTED) {
            subscribeEvents();
        }
    }

    /** The OTA view's model, made on first use and ended with this one (FX thread). */
    public OtaViewModel ota() {
        if (ota == null) {
            ota = new OtaViewModel(ctx, ownIo == null ? io : null);
        }
        return ota;
    }

    @Override
    public void dispose() {
        if (ota != null) {
            ota.dispose();
        }
        if (timer != null) {
            timer.cancel(false);
        }
        tasks.dispose();
        if (ownIo != null) {
            ownIo.shutdownNow();
        }
    }

    /** The reason AWS gave, in its words. */
    static String explain(Throwable e) {
        return e.getMessage() == null ? "no reason was given" : e.getMessage();
    }

    private void subscribeEvents() {
        for (String filter : List.of("$aws/events/job/#", "$aws/events/jobExecution/#")) {
            try {
                ctx.connection().subscribe(new Subscription(filter, 0));
            } catch (RuntimeException e) {
                // events are an optimisation; polling continues
            }
        }
    }

    private void onMessage(String topic, byte[] payload) {
        if (topic.startsWith("$aws/events/job")
                || topic.startsWith("$aws/things/") && topic.endsWith("/jobs/notify")) {
            dirty.set(true);
        }
        DeviceJobAgent a = agent;
        if (a != null) {
            a.onMessage(topic, payload);
        }
    }

    /** Timer tick (scheduler thread): refresh when due or flagged; flush agent lines in one FX update. */
    void tick() {
        List<String> lines;
        synchronized (pendingAgentLines) {
            lines = new ArrayList<>(pendingAgentLines);
            pendingAgentLines.clear();
        }
        DeviceJobAgent a = agent;
        if (!lines.isEmpty() || a != null) {
            DeviceJobAgent.Current current = a == null ? null : a.current();
            ctx.fxExecutor().execute(() -> {
                agentLog.addAll(lines);
                if (agentLog.size() > AGENT_LOG_LINES) {
                    agentLog.remove(0, agentLog.size() - AGENT_LOG_LINES);
                }
                if (!Objects.equals(agentCurrent.get(), current)) {
                    agentCurrent.set(current);
                }
            });
        }
        if (dirty.get() || System.currentTimeMillis() >= nextRefreshAt) {
            ctx.fxExecutor().execute(this::refreshNow);
        }
    }

    /**
     * Refreshes the list and the selected job's executions now (unless a refresh is already running; then once more
     * after it), quietly: the buttons stay enabled. FX thread.
     */
    public void refreshNow() {
        if (!inFlight.compareAndSet(false, true)) {
            dirty.set(true);
            return;
        }
        dirty.set(false);
        String jobId = selectedJobId;
        tasks.background("refresh", "Jobs could not be read", () -> {
            try {
                JobsClient client = client();
                List<JobSummary> list = client.listJobs(200);
                List<ExecutionInfo> execs = jobId == null ? List.of() : executionsOrEmpty(client, jobId);
                boolean changed = recordObserved(jobId, execs) | !list.equals(lastList);
                lastList = list;
                intervalMs = changed ? MIN_INTERVAL_MS : Math.min(MAX_INTERVAL_MS, intervalMs * 2);
                return (Runnable) () -> apply(list, jobId, execs);
            } catch (Exception e) {
                intervalMs = Math.min(MAX_INTERVAL_MS, intervalMs * 2);
                throw e;
            } finally {
                nextRefreshAt = System.currentTimeMillis() + intervalMs;
                inFlight.set(false);
            }
        }, Runnable::run);
    }

    private volatile List<JobSummary> lastList = List.of();

    private static List<ExecutionInfo> executionsOrEmpty(JobsClient client, String jobId) {
        try {
            return client.executions(jobId);
        } catch (software.amazon.awssdk.services.iot.model.ResourceNotFoundException e) {
            return List.of();
        }
    }

    /** The refresh interval now (2 s after a change, doubling to 30 s while nothing changes). */
    public long intervalMillis() {
        return intervalMs;
    }

    private boolean recordObserved(String jobId, List<ExecutionInfo> execs) {
        boolean changed = false;
        synchronized (observed) {
            for (ExecutionInfo e : execs) {
                String key = jobId + "/" + e.thingName();
                ExecutionInfo before = lastSeen.put(key, e);
                if (before == null || before.versionNumber() != e.versionNumber()
                        || !before.status().equals(e.status())) {
                    changed = true;
                    List<String> h = observed.computeIfAbsent(key, k -> new ArrayList<>());
                    h.add(TIME.format(e.lastUpdatedAt()) + "  v" + e.versionNumber() + "  " + e.status()
                            + (e.statusDetails().isEmpty() ? "" : "  " + e.statusDetails()));
                    if (h.size() > HISTORY_LINES) {
                        h.remove(0);
                    }
                }
            }
        }
        return changed;
    }

    private void apply(List<JobSummary> list, String jobId, List<ExecutionInfo> execs) {
        JobSummary selected = selectedJob.get();
        jobs.setAll(list);
        if (selected != null) {
            list.stream().filter(j -> j.jobId().equals(selected.jobId())).findFirst().ifPresent(selectedJob::set);
        }
        if (Objects.equals(jobId, selectedJobId)) {
            ExecutionInfo sel = selectedExecution.get();
            executions.setAll(execs);
            if (sel != null) {
                execs.stream().filter(e -> e.thingName().equals(sel.thingName())).findFirst()
                        .ifPresent(selectedExecution::set);
            }
        }
        tasks.info(list.isEmpty() ? "No jobs yet: create one." : list.size() + " jobs");
    }

    private void showHistory(ExecutionInfo e) {
        if (e == null || selectedJobId == null) {
            history.clear();
            return;
        }
        synchronized (observed) {
            history.setAll(observed.getOrDefault(selectedJobId + "/" + e.thingName(), List.of()));
        }
    }

    private void applyFilter() {
        String q = search.get() == null ? "" : search.get().trim().toLowerCase(Locale.ROOT);
        String status = statusFilter.get();
        filteredJobs.setPredicate(j -> (status == null || status.equals("All") || status.equals(j.status()))
                && (q.isEmpty() || j.jobId().toLowerCase(Locale.ROOT).contains(q)
                || j.description() != null && j.description().toLowerCase(Locale.ROOT).contains(q)));
    }

    private JobsClient client() throws Exception {
        return new JobsClient(ctx.aws().iot(ctx.fxSession().session().profile()));
    }

    // ------------------------------------------------------------------ commands

    /** Loads the things and groups the wizard offers as targets. */
    public void loadTargets() {
        tasks.background("targets", "Things and groups could not be read", () -> {
            JobsClient c = client();
            return List.of(c.thingNames(), c.groupNames());
        }, choices -> {
            thingChoices.setAll(choices.get(0));
            groupChoices.setAll(choices.get(1));
        });
    }

    /** Creates the job; the result (or the AWS error) shows in {@link #messageProperty()}. */
    public void create(JobSpec spec) {
        run("Job " + spec.jobId() + " created", c -> c.create(spec));
    }

    public void cancel(boolean force) {
        JobSummary j = selectedJob.get();
        if (j != null) {
            run("Job " + j.jobId() + (force ? " force-canceled" : " canceled"), c -> c.cancel(j.jobId(), force));
        }
    }

    public void delete(boolean force) {
        JobSummary j = selectedJob.get();
        if (j != null) {
            run("Job " + j.jobId() + " deleted", c -> c.delete(j.jobId(), force));
        }
    }

    private interface Call {
        void run(JobsClient c) throws Exception;
    }

    private void run(String success, Call call) {
        tasks.run(null, () -> {
            try {
                call.run(client());
                return Optional.<Exception>empty();
            } catch (Exception e) {
                return Optional.of(e);
            }
        }, failure -> {
            failure.ifPresentOrElse(e -> tasks.fail(explain(e)), () -> tasks.info(success));
            dirty.set(true);
            intervalMs = MIN_INTERVAL_MS;
            refreshNow();
        });
    }

    // ------------------------------------------------------------------ device agent

    /** Turns the agent on for the session's thing (subscribes to its jobs topics) or off. */
    public void setAgentEnabled(boolean on) {
        agentEnabled.set(on);
        DeviceJobAgent old = agent;
        if (old != null) {
            ctx.connection().unsubscribe(old.topicFilter());
            agent = null;
        }
        if (on) {
            String thing = thingNameProperty().get();
            DeviceJobAgent a = new DeviceJobAgent(thing, (topic, bytes) -> ctx.connection().publish(topic, bytes, 1,
                    false).exceptionally(e -> {
                        agentLine("✗ publish failed: " + e.getMessage());
                        return null;
                    }), this::agentLine);
            agent = a;
            try {
                ctx.connection().subscribe(new Subscription(a.topicFilter(), 1)).whenComplete((done, failure) ->
                        ctx.fxExecutor().execute(() -> agentLine(failure == null ? "Acting as " + thing
                                + " (subscribed to " + a.topicFilter() + ")" : "✗ " + failure.getMessage())));
            } catch (RuntimeException e) {
                agentLine("✗ " + e.getMessage());
            }
        }
    }

    private void agentLine(String line) {
        synchronized (pendingAgentLines) {
            pendingAgentLines.add(TIME.format(java.time.Instant.now()) + "  " + line);
            while (pendingAgentLines.size() > AGENT_LOG_LINES) {
                pendingAgentLines.poll();
            }
        }
    }

    public void agentStartNext(Long stepTimeoutMinutes) {
        DeviceJobAgent a = agent;
        if (a == null) {
            tasks.fail("Turn the device agent on first.");
            return;
        }
        a.startNext(stepTimeoutMinutes);
    }

    /** Reports {@code status} for the agent's job; {@code detailsText} is "key=value" pairs separated by commas. */
    public void agentReport(String status, String detailsText, Long stepTimeoutMinutes) {
        DeviceJobAgent a = agent;
        if (a == null) {
            tasks.fail("Turn the device agent on first.");
            return;
        }
        try {
            a.report(status, parseDetails(detailsText), stepTimeoutMinutes);
        } catch (IllegalArgumentException | IllegalStateException e) {
            tasks.fail(e.getMessage());
        }
    }

    /** "progress=50%, step=download" → map; IllegalArgumentException naming the bad part. */
    static Map<String, String> parseDetails(String text) {
        Map<String, String> map = new java.util.TreeMap<>();
        if (text == null || text.isBlank()) {
            return map;
        }
        for (String part : text.split(",")) {
            int eq = part.indexOf('=');
            if (eq <= 0) {
                throw new IllegalArgumentException("Status details must be key=value pairs separated by commas; '"
                        + part.trim() + "' is not.");
            }
            map.put(part.substring(0, eq).trim(), part.substring(eq + 1).trim());
        }
        StatusDetails.check(map);
        return map;
    }

    /** Parses an optional minutes field: blank is null; IllegalArgumentException when not 1-10080. */
    public static Long minutes(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            long v = Long.parseLong(text.trim());
            if (v >= 1 && v <= 10_080) {
                return v;
            }
        } catch (NumberFormatException e) {
            // falls through
        }
        throw new IllegalArgumentException("Timeouts are whole minutes from 1 to 10080; '" + text + "' is not.");
    }

    // ------------------------------------------------------------------ properties

    public ObservableList<JobSummary> filteredJobs() {
        return filteredJobs;
    }

    public StringProperty searchProperty() {
        return search;
    }

    public StringProperty statusFilterProperty() {
        return statusFilter;
    }

    public ObjectProperty<JobSummary> selectedJobProperty() {
        return selectedJob;
    }

    public ObservableList<ExecutionInfo> executions() {
        return executions;
    }

    public ObjectProperty<ExecutionInfo> selectedExecutionProperty() {
        return selectedExecution;
    }

    public ObservableList<String> history() {
        return history;
    }

    public ObservableList<String> agentLog() {
        return agentLog;
    }

    public ObjectProperty<DeviceJobAgent.Current> agentCurrentProperty() {
        return agentCurrent;
    }

    /** True while the device agent acts as the session's thing. */
    public ReadOnlyBooleanProperty agentEnabledProperty() {
        return agentEnabled;
    }

    public ObservableList<String> thingChoices() {
        return thingChoices;
    }

    public ObservableList<String> groupChoices() {
        return groupChoices;
    }

    /** Whether the session's profile is an AWS account (the OTA template needs a presigned-URL role there). */
    public boolean isAwsProfile() {
        return ctx.fxSession().profileProperty().get().kind() == ProfileKind.AWS;
    }
}
