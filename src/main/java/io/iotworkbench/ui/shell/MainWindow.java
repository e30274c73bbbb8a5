package io.iotworkbench.ui.shell;

import io.iotworkbench.concurrent.DaemonThreads;
import io.iotworkbench.diagnostics.AppInfo;
import io.iotworkbench.event.Notification;
import io.iotworkbench.session.Profile;
import io.iotworkbench.settings.WorkbenchSettings;
import io.iotworkbench.stream.BoundedBuffer;
import io.iotworkbench.ui.access.AccessView;
import io.iotworkbench.ui.access.AccessViewModel;
import io.iotworkbench.ui.certs.CertificatesView;
import io.iotworkbench.ui.certs.CertificatesViewModel;
import io.iotworkbench.ui.common.Appearance;
import io.iotworkbench.ui.common.FirstFrame;
import io.iotworkbench.ui.common.FxPump;
import io.iotworkbench.ui.common.FxSession;
import io.iotworkbench.ui.common.PaneContext;
import io.iotworkbench.ui.common.Icons;
import io.iotworkbench.ui.common.PaneTasks;
import io.iotworkbench.ui.common.PaneView;
import io.iotworkbench.ui.common.PresenterMask;
import io.iotworkbench.ui.jobs.JobsView;
import io.iotworkbench.ui.jobs.JobsViewModel;
import io.iotworkbench.ui.mqtt.MqttView;
import io.iotworkbench.ui.mqtt.MqttViewModel;
import io.iotworkbench.ui.serial.SerialView;
import io.iotworkbench.ui.serial.SerialViewModel;
import io.iotworkbench.ui.shadow.ShadowView;
import io.iotworkbench.ui.shadow.ShadowViewModel;
import io.iotworkbench.ui.things.ThingsView;
import io.iotworkbench.ui.things.ThingsViewModel;
import javafx.application.Platform;
import javafx.geometry.Orientation;
import javafx.geometry.Rectangle2D;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.Alert;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.Menu;
import javafx.scene.control.MenuBar;
import javafx.scene.control.MenuItem;
import javafx.scene.control.RadioMenuItem;
import javafx.scene.control.SeparatorMenuItem;
import javafx.scene.control.SplitPane;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.control.ToggleGroup;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.KeyCombination;
import javafx.stage.FileChooser;
import io.iotworkbench.demo.DemoScriptParser;
import io.iotworkbench.demo.LocalDemoServices;
import io.iotworkbench.demo.ShippedDemos;
import io.iotworkbench.settings.SettingsStore;
import io.iotworkbench.ui.demo.DemoBar;
import io.iotworkbench.ui.demo.DemoBarViewModel;
import io.iotworkbench.ui.help.HelpTopics;
import io.iotworkbench.ui.help.HelpWindows;
import io.iotworkbench.ui.help.WelcomeView;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import javafx.stage.Screen;
import javafx.stage.Stage;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;

/**
 * The main window: menu, session bar, the pane tabs (each built when first shown), the activity log below them,
 * and the status bar. Remembers its bounds, divider positions, last tab, theme and font size.
 *
 * <p>FX thread only. Notifications reach the activity log through a bounded buffer and an {@link FxPump}.
 */
public final class MainWindow {

    public static final String MAIN_DIVIDER = "main";

    private final Stage stage;
    private final ShellServices services;
    private final FxSession fxSession;
    private final PaneContext paneContext;
    private final Appearance appearance;
    private final ProfilesViewModel profiles;
    private final TabPane tabs = new TabPane();
    private final SplitPane split = new SplitPane();
    private final Map<String, PaneView> builtViews = new HashMap<>();
    private final List<PaneSpec> panes;
    private final StatusBarView statusBar;
    private final SessionBarView sessionBar;
    private final VBox top;
    private final ScheduledExecutorService pumpScheduler;
    private final FxPump<Notification> notificationPump;
    private ErrorLogWindow errorLogWindow;
    private final List<Runnable> paneReadyActions = new ArrayList<>();
    private boolean paneReady;
    private boolean closed;
    private WorkbenchSettings settings;
    private final boolean firstStart;
    private final LocalDemoServices demoServices;
    private final DemoBarViewModel demo;
    private final ActivityLogViewModel activity = new ActivityLogViewModel();
    private final Menu readme = new Menu("README");
    private final PaneTasks helpTasks;

    public MainWindow(Stage stage, ShellServices services) {
        this.stage = stage;
        this.services = services;
        this.firstStart = !java.nio.file.Files.exists(services.directories().configDir()
                .resolve(SettingsStore.FILE_NAME));
        this.settings = services.settingsStore().load();
        this.fxSession = new FxSession(services.session(), Platform::runLater);
        this.appearance = new Appearance(Appearance.Theme.fromId(settings.theme()), settings.fontSize());
        this.profiles = new ProfilesViewModel(services.profileStore(), services.session());
        this.panes = List.of(
                new PaneSpec("certs", "Certificates", c -> new CertificatesView(new CertificatesViewModel(c))),
                new PaneSpec("access", "Access", c -> new AccessView(new AccessViewModel(c))),
                new PaneSpec("mqtt", "MQTT", c -> new MqttView(new MqttViewModel(c))),
                new PaneSpec("shadow", "Shadow", c -> new ShadowView(new ShadowViewModel(c))),
                new PaneSpec("jobs", "Jobs", c -> new JobsView(new JobsViewModel(c))),
                new PaneSpec("things", "Things", c -> new ThingsView(new ThingsViewModel(c))),
                new PaneSpec("serial", "Serial", c -> new SerialView(new SerialViewModel(c))));

        this.pumpScheduler = Executors.newSingleThreadScheduledExecutor(DaemonThreads.named("ui-pump"));
        StatusBarViewModel statusVm = new StatusBarViewModel(fxSession, services.errorLog());
        this.statusBar = new StatusBarView(statusVm, this::showErrorLog, pumpScheduler, services.session().clock());
        services.localCore().ready().thenAccept(core -> Platform.runLater(
                () -> statusVm.showLocalPolicies(core.policyMode())));

        BoundedBuffer<Notification> notifications = new BoundedBuffer<>(ActivityLogViewModel.CAPACITY);
        this.paneContext = new PaneContext(fxSession, services.connection(), services.pipeline(),
                services.localCore(), services.aws(), Platform::runLater, pumpScheduler, services.profileStore(),
                services.directories().dataDir(), p -> profiles.save(null, p));
        this.notificationPump = new FxPump<>(notifications, batch -> {
            activity.append(batch);
            statusVm.show(batch.get(batch.size() - 1));
        }, Platform::runLater, pumpScheduler, FxPump.DEFAULT_INTERVAL_NANOS, 1000);
        services.session().events().subscribe(Notification.class, n -> {
            notifications.offer(n);
            notificationPump.signal();
        });
        services.errorLog().addListener(e -> {
            notifications.offer(Notification.error("Unexpected error on " + e.threadName() + ": " + e.summary()));
            notificationPump.signal();
        });

        buildTabs();
        split.setOrientation(Orientation.VERTICAL);
        split.setId("main-split");
        // the activity log's list (a virtual flow, scroll bars, cells) comes after the first frame; until then a
        // box that looks like the empty list holds its place
        Node logPlaceholder = ActivityLogList.placeholder();
        split.getItems().addAll(tabs, logPlaceholder);
        SplitPane.setResizableWithParent(logPlaceholder, false);
        split.setDividerPositions(mainDivider());
        this.helpTasks = PaneTasks.create(pumpScheduler, null, Platform::runLater, Throwable::getMessage);

        this.sessionBar = new SessionBarView(new SessionBarViewModel(fxSession, services.connection()),
                profiles);
        this.demoServices = new LocalDemoServices(services.session(), services.connection(), services.localCore(),
                services.aws(), name -> services.profileStore().profiles().stream()
                        .filter(p -> p.name().equals(name)).findFirst(), java.time.Clock.systemUTC());
        this.demo = new DemoBarViewModel(demoServices, java.time.Clock.systemUTC(), Platform::runLater);
        demoServices.onCaption(demo::showCaption);
        demoServices.onTab(tab -> Platform.runLater(() -> selectTab(tab)));
        // the demo bar (hidden until a script is open) and the bars' tooltips come after the first frame
        this.top = new VBox(menuBar(), sessionBar.root());
        BorderPane root = new BorderPane(split, top, null, statusBar.root(), null);
        root.setId("workbench-root");

        Scene scene = new Scene(root);
        appearance.register(scene);
        installPresenterMode();
        WindowKeys.installFontShortcuts(scene, appearance);
        WindowKeys.installDemoKeys(scene, demo);
        stage.setScene(scene);
        stage.setTitle("IoT Workbench");
        placeWindow();
        stage.setOnHidden(e -> close());

        services.profileStore().problems().forEach(p -> services.session().events().publish(Notification.warning(p)));
    }

    /**
     * Shows the window with the selected tab's placeholder, and once that first frame is on screen builds the selected
     * pane and the activity log's list, adds the (hidden) demo bar, the bars' tooltips and the profile chooser's list,
     * sets the window icons and reads the README for the Help menu (off the FX thread), so nothing that can wait delays
     * the first frame.
     */
    public void show() {
        stage.show();
        FirstFrame.then(() -> {
            if (closed) {
                return;
            }
            ListView<Notification> log = ActivityLogList.of(activity);
            SplitPane.setResizableWithParent(log, false);
            split.getItems().set(1, log);
            split.setDividerPositions(mainDivider());
            ensureBuilt(tabs.getSelectionModel().getSelectedItem());
            top.getChildren().add(new DemoBar(demo).root());
            sessionBar.afterFirstFrame();
            statusBar.installTooltips();
            stage.getIcons().setAll(Icons.applicationIcons());
            helpTasks.run("Reading the README", HelpTopics::packaged, this::fillReadme);
            paneReady = true;
            paneReadyActions.forEach(Runnable::run);
            paneReadyActions.clear();
        });
    }

    /**
     * Where the divider between the panes and the activity log goes (saved, or most of the height for the panes).
     * Set again once the window has its real size: the first layout may run at the scene's preferred size, and the
     * log keeps its height when the window is resized.
     */
    private double mainDivider() {
        return settings.dividers().getOrDefault(MAIN_DIVIDER, 0.87);
    }

    /** Runs {@code action} once the selected pane's content has been built after the first frame (at once if it has).
     * */
    public void whenPaneReady(Runnable action) {
        if (paneReady) {
            action.run();
        } else {
            paneReadyActions.add(action);
        }
    }

    private void showErrorLog() {
        if (errorLogWindow == null) {
            errorLogWindow = new ErrorLogWindow(stage, services.errorLog(), appearance);
        }
        errorLogWindow.show();
    }

    private void buildTabs() {
        tabs.setId("pane-tabs");
        tabs.setTabClosingPolicy(TabPane.TabClosingPolicy.UNAVAILABLE);
        for (PaneSpec spec : panes) {
            Tab tab = new Tab(spec.title(), placeholder(spec));
            tab.setId("tab-" + spec.id());
            tab.setUserData(spec);
            tabs.getTabs().add(tab);
        }
        tabs.getSelectionModel().selectedItemProperty().addListener((obs, o, n) -> {
            if (paneReady) {
                ensureBuilt(n);
            }
        });
        String last = settings.lastTab();
        tabs.getTabs().stream().filter(t -> ("tab-" + last).equals(t.getId())).findFirst()
                .ifPresent(t -> tabs.getSelectionModel().select(t));
        // only the selected tab's placeholder is ever drawn (another tab's pane is built in the event that selects
        // it), so only it gets its text: the first CSS pass styles hidden tab contents too (decision 0032)
        Tab selected = tabs.getSelectionModel().getSelectedItem();
        Label opening = new Label("Opening " + selected.getText() + "…");
        opening.getStyleClass().add("pane-placeholder");
        ((StackPane) selected.getContent()).getChildren().add(opening);
    }

    /** An empty box with the pane's placeholder id; the selected tab's gets its "Opening …" text in buildTabs. */
    private static Node placeholder(PaneSpec spec) {
        StackPane box = new StackPane();
        box.setId("placeholder-" + spec.id());
        return box;
    }

    /** Builds the tab's pane the first time it is selected; the selection at start waits for the first frame. */
    private void ensureBuilt(Tab tab) {
        if (tab == null || builtViews.containsKey(((PaneSpec) tab.getUserData()).id())) {
            return;
        }
        PaneSpec spec = (PaneSpec) tab.getUserData();
        PaneView view = spec.factory().apply(paneContext);
        builtViews.put(spec.id(), view);
        tab.setContent(view.root());
    }

    private MenuBar menuBar() {
        Menu profileMenu = new Menu("Profiles");
        profileMenu.setId("menu-profiles");
        MenuItem newProfile = new MenuItem("New profile…");
        newProfile.setId("menu-new-profile");
        newProfile.setAccelerator(new KeyCodeCombination(KeyCode.N, KeyCombination.SHORTCUT_DOWN));
        newProfile.setOnAction(e -> editProfile(Profile.newAws(""), null));
        MenuItem edit = new MenuItem("Edit profile…");
        edit.setId("menu-edit-profile");
        edit.setOnAction(e -> editProfile(profiles.selectedProperty().get(),
                profiles.selectedProperty().get().name()));
        MenuItem duplicate = new MenuItem("Duplicate profile");
        duplicate.setId("menu-duplicate-profile");
        duplicate.setOnAction(e -> guarded("duplicate the profile",
                () -> profiles.duplicate(profiles.selectedProperty().get())));
        MenuItem delete = new MenuItem("Delete profile…");
        delete.setId("menu-delete-profile");
        delete.setOnAction(e -> deleteSelectedProfile());
        MenuItem quit = new MenuItem("Quit");
        quit.setAccelerator(new KeyCodeCombination(KeyCode.Q, KeyCombination.SHORTCUT_DOWN));
        quit.setOnAction(e -> stage.close());
        profileMenu.getItems().addAll(newProfile, edit, duplicate, delete, new SeparatorMenuItem(), quit);

        Menu view = new Menu("View");
        view.setId("menu-view");
        ToggleGroup themes = new ToggleGroup();
        RadioMenuItem light = new RadioMenuItem("Light theme");
        light.setId("menu-theme-light");
        RadioMenuItem dark = new RadioMenuItem("Dark theme");
        dark.setId("menu-theme-dark");
        light.setToggleGroup(themes);
        dark.setToggleGroup(themes);
        (appearance.themeProperty().get() == Appearance.Theme.DARK ? dark : light).setSelected(true);
        light.setOnAction(e -> appearance.themeProperty().set(Appearance.Theme.LIGHT));
        dark.setOnAction(e -> appearance.themeProperty().set(Appearance.Theme.DARK));
        appearance.themeProperty().addListener((obs, o, n) -> (n == Appearance.Theme.DARK ? dark : light)
                .setSelected(true));
        MenuItem bigger = new MenuItem("Larger text");
        bigger.setId("menu-font-up");
        bigger.setAccelerator(new KeyCodeCombination(KeyCode.EQUALS, KeyCombination.SHORTCUT_DOWN));
        bigger.setOnAction(e -> appearance.increaseFont());
        MenuItem smaller = new MenuItem("Smaller text");
        smaller.setId("menu-font-down");
        smaller.setAccelerator(new KeyCodeCombination(KeyCode.MINUS, KeyCombination.SHORTCUT_DOWN));
        smaller.setOnAction(e -> appearance.decreaseFont());
        MenuItem reset = new MenuItem("Default text size");
        reset.setId("menu-font-reset");
        reset.setAccelerator(new KeyCodeCombination(KeyCode.DIGIT0, KeyCombination.SHORTCUT_DOWN));
        reset.setOnAction(e -> appearance.resetFont());
        javafx.scene.control.CheckMenuItem presenter = new javafx.scene.control.CheckMenuItem("Presenter mode");
        presenter.setId("menu-presenter");
        presenter.setAccelerator(new KeyCodeCombination(KeyCode.F5));
        presenter.selectedProperty().bindBidirectional(appearance.presenterProperty());
        MenuItem errors = new MenuItem("Error log…");
        errors.setId("menu-error-log");
        errors.setOnAction(e -> showErrorLog());
        view.getItems().addAll(light, dark, new SeparatorMenuItem(), bigger, smaller, reset, new SeparatorMenuItem(),
                presenter, new SeparatorMenuItem(), errors);

        Menu help = new Menu("Help");
        help.setId("menu-help");
        MenuItem about = new MenuItem("About IoT Workbench");
        about.setId("menu-about");
        about.setOnAction(e -> AboutDialog.show(stage, aboutText()));
        MenuItem welcome = new MenuItem("Welcome…");
        welcome.setId("menu-welcome");
        welcome.setAccelerator(new KeyCodeCombination(KeyCode.F1));
        welcome.setOnAction(e -> showWelcome());
        MenuItem shortcuts = new MenuItem("Keyboard shortcuts…");
        shortcuts.setId("menu-shortcuts");
        shortcuts.setOnAction(e -> HelpWindows.shortcuts(stage, appearance::register));
        readme.setId("menu-readme");
        // the README's sections come from a background read after the first frame; opening Help before it has
        // finished reads them here
        help.setOnShowing(e -> {
            if (readme.getItems().isEmpty()) {
                fillReadme(HelpTopics.packaged());
            }
        });
        help.getItems().addAll(welcome, readme, shortcuts, new SeparatorMenuItem(), about);
        MenuBar bar = new MenuBar(profileMenu, view, demoMenu(), help);
        bar.setId("menu-bar");
        return bar;
    }

    /** Help › README: one item per README section, once (the first read to finish wins). */
    private void fillReadme(HelpTopics topics) {
        if (!readme.getItems().isEmpty()) {
            return;
        }
        for (String title : topics.titles()) {
            MenuItem section = new MenuItem(title);
            section.setId("menu-readme-" + title.toLowerCase(java.util.Locale.ROOT).replaceAll("[^a-z0-9]+", "-"));
            section.setOnAction(e -> HelpWindows.section(stage, title, topics.text(title), appearance::register));
            readme.getItems().add(section);
        }
    }

    /** The README sections the Help menu offers (none until the README has been read after the first frame). */
    public List<MenuItem> readmeItems() {
        return readme.getItems();
    }

    /** The Demo menu: open a script (a file or a shipped one), next step, run all, stop. */
    private Menu demoMenu() {
        Menu menu = new Menu("Demo");
        menu.setId("menu-demo");
        MenuItem open = new MenuItem("Open script…");
        open.setId("menu-demo-open");
        open.setOnAction(e -> {
            FileChooser chooser = new FileChooser();
            chooser.setTitle("Open a demo script");
            chooser.getExtensionFilters().add(new FileChooser.ExtensionFilter("Demo scripts", "*.yaml", "*.yml"));
            java.io.File f = chooser.showOpenDialog(stage);
            if (f != null) {
                guarded("open the demo script", () -> demo.open(new DemoScriptParser().parse(f.toPath())));
            }
        });
        menu.getItems().add(open);
        for (String name : ShippedDemos.NAMES) {
            MenuItem shipped = new MenuItem(name + ".yaml");
            shipped.setId("menu-demo-" + name);
            shipped.setOnAction(e -> openShippedDemo(name));
            menu.getItems().add(shipped);
        }
        MenuItem next = new MenuItem("Next step (PageDown, →)");
        next.setId("menu-demo-next");
        next.disableProperty().bind(demo.activeProperty().not());
        next.setOnAction(e -> demo.next());
        MenuItem all = new MenuItem("Run all steps");
        all.setId("menu-demo-all");
        all.disableProperty().bind(demo.activeProperty().not());
        all.setOnAction(e -> demo.runAll());
        MenuItem stop = new MenuItem("Stop (Esc)");
        stop.setId("menu-demo-stop");
        stop.disableProperty().bind(demo.activeProperty().not());
        stop.setOnAction(e -> demo.stop());
        menu.getItems().addAll(new SeparatorMenuItem(), next, all, stop);
        return menu;
    }

    /** Opens a shipped demo script in the demo bar. */
    public void openShippedDemo(String name) {
        guarded("open the demo script", () -> demo.open(ShippedDemos.load(name).orElseThrow()));
    }

    public DemoBarViewModel demo() {
        return demo;
    }

    /** Shows a tab by its pane id ({@code shadow}) or the scripts' name for it ({@code certificates}). */
    public void selectTab(String id) {
        String wanted = id.equals("certificates") ? "certs" : id;
        tabs.getTabs().stream().filter(t -> ("tab-" + wanted).equals(t.getId())).findFirst()
                .ifPresent(t -> tabs.getSelectionModel().select(t));
    }

    /** The welcome window (first start, Help › Welcome). */
    public WelcomeView showWelcome() {
        WelcomeView welcome = new WelcomeView(stage, new WelcomeView.Actions() {
            @Override
            public void watchVirtualDevice() {
                services.session().setThingName(Profile.DEFAULT_LOCAL_THING);
                selectTab("shadow");
            }

            @Override
            public void changeLed() {
                openShippedDemo("led_demo");
            }

            @Override
            public void runJob() {
                openShippedDemo("jobs_demo");
            }

            @Override
            public void openVirtualBoard() {
                selectTab("serial");
                if (stage.getScene().lookup("#serial-virtual-board") instanceof javafx.scene.control.Button b) {
                    b.fire();
                }
            }

            @Override
            public void quickTour() {
                HelpTopics topics = HelpTopics.packaged();
                HelpWindows.section(stage, "Using the window", topics.text("Using the window"),
                        appearance::register);
            }
        }, appearance::register);
        welcome.show();
        return welcome;
    }

    /** Whether this is the first start (no window settings saved yet): the app then shows the welcome window. */
    public boolean firstStart() {
        return firstStart;
    }

    /** The About box's text. */
    public String aboutText() {
        return AboutDialog.text(AppInfo.current(), services.directories().configDir().toString(),
                services.directories().dataDir().toString());
    }

    /**
     * Presenter mode (View menu, F5): larger text from {@link Appearance}, the session's redactor hides account
     * details in copies, exports and logs, and {@link PresenterMask} hides them on screen in every window.
     */
    private void installPresenterMode() {
        var redactor = services.session().redactor();
        PresenterMask mask = new PresenterMask(redactor);
        appearance.presenterProperty().addListener((obs, was, on) -> {
            if (on) {
                redactor.setCredentialsProfiles(services.profileStore().profiles().stream()
                        .map(Profile::credentialsProfile).toList());
            }
            redactor.setPresenterMode(on);
            mask.setOn(on);
            services.session().events().publish(Notification.info(on
                    ? "Presenter mode on: larger text, account details and Wi-Fi passwords hidden (F5 turns it off)"
                    : "Presenter mode off"));
        });
    }

    private void editProfile(Profile start, String previousName) {
        ProfileEditorViewModel vm = new ProfileEditorViewModel(profiles, start, previousName);
        new ProfileEditorDialog(stage, vm).showAndWait();
    }

    private void deleteSelectedProfile() {
        Profile p = profiles.selectedProperty().get();
        if (p.isBuiltIn()) {
            error("The built-in '" + Profile.LOCAL_NAME + "' profile cannot be deleted.");
            return;
        }
        Alert confirm = new Alert(Alert.AlertType.CONFIRMATION, "Delete profile '" + p.name()
                + "'? Its certificate and key files stay on disk.", ButtonType.OK, ButtonType.CANCEL);
        confirm.initOwner(stage);
        confirm.setHeaderText("Delete profile");
        if (confirm.showAndWait().orElse(ButtonType.CANCEL) == ButtonType.OK) {
            guarded("delete the profile", () -> profiles.delete(p));
        }
    }

    private interface Action {
        void run() throws Exception;
    }

    private void guarded(String what, Action action) {
        try {
            action.run();
        } catch (Exception e) {
            error("Could not " + what + ": " + e.getMessage());
        }
    }

    private void error(String message) {
        Alert alert = new Alert(Alert.AlertType.ERROR, message);
        alert.initOwner(stage);
        alert.showAndWait();
    }

    private void placeWindow() {
        boolean placed = settings.x() != null && settings.y() != null && onSomeScreen(settings.x(), settings.y());
        Rectangle2D screen = placed
                ? Screen.getScreensForRectangle(settings.x(), settings.y(), 100, 40).get(0).getVisualBounds()
                : Screen.getPrimary().getVisualBounds();
        // never larger than the screen: on a 1280x720 projector the default 1200x800 would lose its status bar
        double w = Math.min(settings.width() == null ? 1200 : settings.width(), screen.getWidth());
        double h = Math.min(settings.height() == null ? 800 : settings.height(), screen.getHeight());
        stage.setWidth(w);
        stage.setHeight(h);
        if (placed) {
            stage.setX(Math.max(screen.getMinX(), Math.min(settings.x(), screen.getMaxX() - w)));
            stage.setY(Math.max(screen.getMinY(), Math.min(settings.y(), screen.getMaxY() - h)));
        } else {
            stage.setX(screen.getMinX() + (screen.getWidth() - w) / 2);
            stage.setY(screen.getMinY() + (screen.getHeight() - h) / 2);
        }
        stage.setMaximized(settings.maximized());
    }

    private static boolean onSomeScreen(double x, double y) {
        return !Screen.getScreensForRectangle(x, y, 100, 40).isEmpty();
    }

    /** The settings as they are now: bounds, divider, last tab, theme and font. */
    public WorkbenchSettings currentSettings() {
        Map<String, Double> dividers = new HashMap<>(settings.dividers());
        double[] positions = split.getDividerPositions();
        if (positions.length > 0) {
            dividers.put(MAIN_DIVIDER, positions[0]);
        }
        Tab selected = tabs.getSelectionModel().getSelectedItem();
        return settings
                .withBounds(stage.getX(), stage.getY(), stage.getWidth(), stage.getHeight(), stage.isMaximized())
                .withDividers(dividers)
                .withLastTab(selected == null ? null : ((PaneSpec) selected.getUserData()).id())
                .withTheme(appearance.themeProperty().get().id())
                .withFontSize(appearance.fontSizeToSave());
    }

    /** Saves the window's settings and releases the views. Called when the window is hidden. */
    public void close() {
        closed = true;
        try {
            settings = currentSettings();
            services.settingsStore().save(settings);
        } catch (java.io.IOException e) {
            services.session().events().publish(Notification.warning("Window settings not saved: " + e.getMessage()));
        }
        notificationPump.stop();
        helpTasks.dispose();
        demo.dispose();
        demoServices.close();
        statusBar.dispose();
        new ArrayList<>(builtViews.values()).forEach(PaneView::dispose);
        pumpScheduler.shutdownNow();
    }

    public Stage stage() {
        return stage;
    }

    public Appearance appearance() {
        return appearance;
    }

    public TabPane tabs() {
        return tabs;
    }
}
