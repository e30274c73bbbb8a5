import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.lang.module.ModuleFinder;
import java.lang.module.ModuleReference;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarEntry;
import java.util.jar.JarInputStream;
import java.util.jar.JarOutputStream;
import java.util.spi.ToolProvider;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * Builds IoT Workbench's distribution in {@code target/dist/} from the layout {@code mvn package} leaves in
 * {@code target/app/}. {@code mvn -Pdist package} runs it; so does the runtime-image test. Any JDK 17 or newer runs it
 * as a source file, from the project folder (argument files hold paths relative to it):
 *
 * <pre>
 *   java jlink/DistBuilder.java [--out DIR] [--version V] [--skip-cds] [--skip-jpackage] [--skip-installer]
 *   mvn -Pdist package [-Ddist.options=--skip-installer]
 *   java jlink/DistBuilder.java --print-modules
 *   java jlink/DistBuilder.java --help
 * </pre>
 *
 * Stages, each using the files under {@code jlink/}:
 * <ol>
 *   <li>runtime: {@code jlink} of the JDK modules in {@code jdk-modules.txt} and the JavaFX modules in
 *       {@code javafx-modules.txt} (from the platform jars), with {@code jlink.args}; JavaFX's native libraries are
 *       copied beside the JDK's, so JavaFX loads them in place instead of unpacking them into the user's home;</li>
 *   <li>portable folder {@code iot-workbench/}: the runtime, the app's jars on the class path (sqlite-jdbc keeps only
 *       this platform's native library), {@code conf/jvm.options} ({@code jvm.options}, plus
 *       {@code jvm-jdk24.options} on JDK 24+) and the launcher scripts;</li>
 *   <li>cds: a training run of the launcher that opens the main window on the Local IoT Core and closes it, writing
 *       {@code cds/iot-workbench.jsa} ({@code -XX:ArchiveClassesAtExit}); needs a display, or Xvfb on Linux;</li>
 *   <li>app image: {@code jpackage} with the same runtime and jars, trained the same way;</li>
 *   <li>installer: {@code jpackage} of that app image for this OS (a .deb on Linux).</li>
 * </ol>
 * Single-threaded; it stops at the first failure with a message that says what to do.
 */
public final class DistBuilder {

    private static final String APP_NAME = "iot-workbench";
    private static final String ARCHIVE_NAME = "iot-workbench.jsa";
    private static final String CLASS_LIST_NAME = "iot-workbench.classlist";
    private static final String MAIN_CLASS = "io.iotworkbench.app.Main";
    private static final long TRAINING_TIMEOUT_SECONDS = 180;

    private final Path project;
    private final Path out;
    private final String version;
    private final Os os = Os.current();

    private DistBuilder(Path project, Path out, String version) {
        this.project = project;
        this.out = out;
        this.version = version;
    }

    /** Options that take a value. */
    private static final Set<String> VALUED = Set.of("--project", "--out", "--version");
    /** Switches. {@code --build} is what {@code mvn -Pdist} passes when no other option is given. */
    private static final Set<String> SWITCHES = Set.of("--build", "--skip-cds", "--skip-jpackage", "--skip-installer",
            "--print-modules", "--help");

    private static final String USAGE = """
            Usage: java jlink/DistBuilder.java [--out DIR] [--version V] [--project DIR]
                                               [--skip-cds] [--skip-jpackage] [--skip-installer]
                   java jlink/DistBuilder.java --print-modules
                   java jlink/DistBuilder.java --help
            Builds the runtime image, portable folder, CDS archive, jpackage app image and installer into
            target/dist (or --out), from target/app (run `mvn package` first).
              --out DIR          where to build (default target/dist; its old content is deleted first)
              --version V        the app version for the packages (default 0.1.0)
              --project DIR      the project folder (default the current folder)
              --skip-cds         no class-data-sharing training run
              --skip-jpackage    stop after the portable folder (no app image, no installer)
              --skip-installer   stop after the jpackage app image
              --print-modules    say whether jlink/jdk-modules.txt lists every JDK module the jars use
              --help             this text""";

    public static void main(String[] args) throws Exception {
        Map<String, String> opts;
        try {
            opts = options(args);
        } catch (IllegalArgumentException e) {
            System.err.println("DistBuilder: " + e.getMessage() + "\n" + USAGE);
            System.exit(2);
            return;
        }
        if (opts.containsKey("--help")) {
            System.out.println(USAGE);
            return;
        }
        Path project = Path.of(opts.getOrDefault("--project", ".")).toAbsolutePath().normalize();
        Path out = Path.of(opts.getOrDefault("--out", project.resolve("target/dist").toString())).toAbsolutePath();
        DistBuilder builder = new DistBuilder(project, out, opts.getOrDefault("--version", "0.1.0"));
        try {
            if (opts.containsKey("--print-modules")) {
                builder.printModules();
                return;
            }
            builder.build(!opts.containsKey("--skip-cds"), !opts.containsKey("--skip-jpackage"),
                    !opts.containsKey("--skip-installer"));
        } catch (BuildFailure e) {
            System.err.println("DistBuilder: " + e.getMessage());
            System.exit(1);
        }
    }

    /**
     * The options, checked before anything is built or deleted.
     *
     * @throws IllegalArgumentException naming an unknown option, a missing value or a stray argument
     */
    static Map<String, String> options(String[] args) {
        Map<String, String> opts = new LinkedHashMap<>();
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            if (a.isBlank()) {
                continue;
            }
            if (VALUED.contains(a)) {
                if (i + 1 >= args.length || args[i + 1].startsWith("--")) {
                    throw new IllegalArgumentException(a + " needs a value.");
                }
                opts.put(a, args[++i]);
            } else if (SWITCHES.contains(a)) {
                opts.put(a, "true");
            } else if (a.startsWith("-")) {
                throw new IllegalArgumentException("Unknown option " + a + "; nothing was built or deleted.");
            } else {
                throw new IllegalArgumentException("Unexpected argument " + a + "; nothing was built or deleted.");
            }
        }
        return opts;
    }

    private void build(boolean cds, boolean jpackage, boolean installer) throws Exception {
        Path appLib = project.resolve("target/app/lib");
        if (!Files.isRegularFile(appLib.resolve(APP_NAME + ".jar"))) {
            throw new BuildFailure(appLib + " has no " + APP_NAME + ".jar: run `mvn package` first.");
        }
        long started = System.nanoTime();
        deleteTree(out);
        Path portable = out.resolve(APP_NAME);
        Path runtime = portable.resolve("runtime");
        jlink(appLib, runtime);
        List<String> jars = copyJars(appLib, portable.resolve("lib"));
        writeLaunchers(portable, jars);
        Files.createDirectories(portable.resolve("conf"));
        String options = Files.readString(project.resolve("jlink/jvm.options"));
        if (Runtime.version().feature() >= 24) {
            options += System.lineSeparator() + Files.readString(project.resolve("jlink/jvm-jdk24.options"));
        }
        Files.writeString(portable.resolve("conf/jvm.options"), options);
        Files.createDirectories(portable.resolve("cds"));
        report("portable folder", portable);

        try (Display display = cds ? Display.ensure(os) : Display.none()) {
            if (cds && display.available()) {
                trainPortable(portable, display);
            } else if (cds) {
                System.out.println("DistBuilder: no display (set DISPLAY or install Xvfb): no CDS archive; the "
                        + "launchers work without it, only start-up is slower.");
            }
            if (jpackage) {
                Path appImage = appImage(portable);
                if (cds && display.available()) {
                    trainAppImage(appImage, display);
                }
                report("app image", appImage);
                if (installer) {
                    installer(appImage);
                }
            }
        }
        System.out.printf("DistBuilder: done in %.1f s -> %s%n", (System.nanoTime() - started) / 1e9, out);
    }

    // ---- runtime image -------------------------------------------------------------------------------------------

    private void jlink(Path appLib, Path runtime) throws Exception {
        List<Path> fxJars = javafxPlatformJars(appLib.resolve("javafx"));
        List<String> modules = new ArrayList<>(moduleList("jlink/jdk-modules.txt"));
        modules.addAll(moduleList("jlink/javafx-modules.txt"));
        List<String> args = new ArrayList<>(List.of("@jlink/jlink.args",
                Runtime.version().feature() >= 21 ? "@jlink/jlink-jdk21.args" : "@jlink/jlink-jdk17.args",
                "--module-path", fxJars.stream().map(Path::toString).collect(Collectors.joining(
                        java.io.File.pathSeparator)),
                "--add-modules", String.join(",", modules),
                "--output", runtime.toString()));
        Files.createDirectories(runtime.getParent());
        run("jlink", args);
        Path nativeDir = runtime.resolve(os == Os.WINDOWS ? "bin" : "lib");
        for (Path jar : fxJars) {
            copyNativeLibraries(jar, nativeDir);
        }
        // Only used with heaps over 32 GB (no compressed oops); such a JVM just runs without the base archive.
        Files.deleteIfExists(runtime.resolve("lib/server/classes_nocoops.jsa"));
        if (Runtime.version().feature() >= 24) {
            redumpBaseArchive(runtime);
        }
        report("runtime image", runtime);
    }

    /**
     * JDK 24+ compares the native-access option of the base archive with the running JVM's and, when they differ,
     * reports an error at every start and drops the archived module graph; jlink's base archive was made without
     * {@code jvm-jdk24.options}, so it is made again with them.
     */
    private void redumpBaseArchive(Path runtime) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(runtime.resolve("bin/java").toString()));
        cmd.addAll(jvmOptionLines(project.resolve("jlink/jvm-jdk24.options")));
        cmd.add("-Xshare:dump");
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .start();
        if (!p.waitFor(5, TimeUnit.MINUTES) || p.exitValue() != 0) {
            throw new BuildFailure("Re-making the runtime's base CDS archive failed: " + String.join(" ", cmd));
        }
    }

    /** The JavaFX jars that carry classes and natives for this OS: those with a platform classifier. */
    private static List<Path> javafxPlatformJars(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            List<Path> jars = files.filter(p -> p.getFileName().toString().matches("javafx-[a-z]+-[0-9.]+-.+\\.jar"))
                    .sorted().toList();
            if (jars.isEmpty()) {
                throw new BuildFailure("No JavaFX platform jars in " + dir + ": run `mvn package` first.");
            }
            return jars;
        }
    }

    private void copyNativeLibraries(Path jar, Path dir) throws IOException {
        try (ZipFile zip = new ZipFile(jar.toFile())) {
            for (ZipEntry e : java.util.Collections.list(zip.entries())) {
                String name = e.getName();
                if (!name.contains("/") && (name.endsWith(".so") || name.endsWith(".dll") || name.endsWith(".dylib"))) {
                    try (InputStream in = zip.getInputStream(e)) {
                        Files.copy(in, dir.resolve(name), StandardCopyOption.REPLACE_EXISTING);
                    }
                }
            }
        }
    }

    private List<String> moduleList(String file) throws IOException {
        return Files.readAllLines(project.resolve(file)).stream().map(String::strip)
                .filter(l -> !l.isEmpty() && !l.startsWith("#")).toList();
    }

    // ---- portable folder -----------------------------------------------------------------------------------------

    /** Copies the app's jars (not JavaFX's) and returns their names in class-path order, the app's own jar first. */
    private List<String> copyJars(Path appLib, Path lib) throws IOException {
        Files.createDirectories(lib);
        List<String> names;
        try (Stream<Path> files = Files.list(appLib)) {
            names = files.filter(p -> p.toString().endsWith(".jar")).map(p -> p.getFileName().toString())
                    .sorted((a, b) -> a.equals(APP_NAME + ".jar") ? -1 : b.equals(APP_NAME + ".jar") ? 1
                            : a.compareTo(b))
                    .toList();
        }
        for (String name : names) {
            if (name.startsWith("sqlite-jdbc-")) {
                copyKeepingOwnNatives(appLib.resolve(name), lib.resolve(name), "org/sqlite/native/");
            } else if (isSigned(appLib.resolve(name))) {
                copyWithoutSignature(appLib.resolve(name), lib.resolve(name));
            } else {
                Files.copy(appLib.resolve(name), lib.resolve(name));
            }
        }
        return names;
    }

    /** Whether the jar carries a jar signature ({@code META-INF/*.SF} and its block file). */
    static boolean isSigned(Path jar) throws IOException {
        try (ZipFile zip = new ZipFile(jar.toFile())) {
            return zip.stream().map(ZipEntry::getName).anyMatch(DistBuilder::isSignatureFile);
        }
    }

    /** {@code META-INF/X.SF}, {@code .RSA}, {@code .DSA}, {@code .EC} and {@code SIG-*} files (not in subfolders). */
    static boolean isSignatureFile(String name) {
        String upper = name.toUpperCase(Locale.ROOT);
        if (!upper.startsWith("META-INF/") || upper.indexOf('/', "META-INF/".length()) >= 0) {
            return false;
        }
        String file = upper.substring("META-INF/".length());
        return file.endsWith(".SF") || file.endsWith(".RSA") || file.endsWith(".DSA") || file.endsWith(".EC")
                || file.startsWith("SIG-");
    }

    /**
     * Copies a signed jar (BouncyCastle's, Paho's) without its signature: the signature files are left out and the
     * manifest keeps its main attributes only (the per-entry digests go). The JDK verifies every class of a signed
     * jar as it loads it, and CDS never archives classes of signed jars; OpenJDK does not require JCE providers to be
     * signed, and the app passes BouncyCastle's provider explicitly (decision 0026). The jars came from Maven Central,
     * whose checksums the build already checked.
     */
    static void copyWithoutSignature(Path from, Path to) throws IOException {
        try (JarInputStream in = new JarInputStream(Files.newInputStream(from), false)) {
            java.util.jar.Manifest manifest = in.getManifest();
            java.util.jar.Manifest mainOnly = new java.util.jar.Manifest();
            if (manifest != null) {
                mainOnly.getMainAttributes().putAll(manifest.getMainAttributes());
            }
            try (JarOutputStream jar = new JarOutputStream(Files.newOutputStream(to), mainOnly)) {
                for (JarEntry e = in.getNextJarEntry(); e != null; e = in.getNextJarEntry()) {
                    if (isSignatureFile(e.getName())) {
                        continue;
                    }
                    JarEntry copy = new JarEntry(e.getName());
                    copy.setTime(e.getTime());
                    jar.putNextEntry(copy);
                    in.transferTo(jar);
                    jar.closeEntry();
                }
            }
        }
    }

    /**
     * Copies a jar that bundles native libraries for every platform under {@code prefix/<OS>/<arch>/}, keeping only
     * this OS's (and its musl variant's) for this architecture.
     */
    private void copyKeepingOwnNatives(Path from, Path to, String prefix) throws IOException {
        String arch = switch (System.getProperty("os.arch")) {
            case "amd64", "x86_64" -> "x86_64";
            case "aarch64", "arm64" -> "aarch64";
            default -> System.getProperty("os.arch");
        };
        Set<String> keep = Set.of(prefix + os.sqliteName + "/" + arch + "/",
                prefix + os.sqliteName + "-Musl/" + arch + "/");
        try (JarInputStream in = new JarInputStream(Files.newInputStream(from));
             OutputStream sink = Files.newOutputStream(to);
             JarOutputStream jar = in.getManifest() == null ? new JarOutputStream(sink)
                     : new JarOutputStream(sink, in.getManifest())) {
            for (JarEntry e = in.getNextJarEntry(); e != null; e = in.getNextJarEntry()) {
                String name = e.getName();
                if (name.startsWith(prefix) && !name.equals(prefix) && keep.stream().noneMatch(name::startsWith)
                        && keep.stream().noneMatch(k -> k.startsWith(name))) {
                    continue;
                }
                JarEntry copy = new JarEntry(name);
                copy.setTime(e.getTime());
                jar.putNextEntry(copy);
                in.transferTo(jar);
                jar.closeEntry();
            }
        }
    }

    private void writeLaunchers(Path portable, List<String> jars) throws IOException {
        Path bin = portable.resolve("bin");
        Files.createDirectories(bin);
        String shClassPath = jars.stream().map(j -> "$APP_HOME/lib/" + j).collect(Collectors.joining(":"));
        String batClassPath = jars.stream().map(j -> "%APP_HOME%\\lib\\" + j).collect(Collectors.joining(";"));
        Path sh = bin.resolve(APP_NAME);
        Files.writeString(sh, Files.readString(project.resolve("jlink/launcher/" + APP_NAME))
                .replace("@CLASSPATH@", shClassPath));
        Files.writeString(bin.resolve(APP_NAME + ".bat"), Files.readString(
                project.resolve("jlink/launcher/" + APP_NAME + ".bat")).replace("@CLASSPATH@", batClassPath)
                .replace("\r\n", "\n").replace("\n", "\r\n"));
        if (os != Os.WINDOWS) {
            Files.setPosixFilePermissions(sh, PosixFilePermissions.fromString("rwxr-xr-x"));
        }
    }

    // ---- class-data sharing --------------------------------------------------------------------------------------

    private void trainPortable(Path portable, Display display) throws Exception {
        Path launcher = portable.resolve(os == Os.WINDOWS ? "bin/" + APP_NAME + ".bat" : "bin/" + APP_NAME);
        List<String> cmd = os == Os.WINDOWS ? List.of("cmd", "/c", launcher.toString()) : List.of(launcher.toString());
        train(cmd, Map.of("IOTWORKBENCH_CDS", "train"), portable.resolve("cds/" + ARCHIVE_NAME), display);
    }

    /**
     * Trains the jpackage launcher itself: its configuration file asks for the archive; for the training run that
     * line asks to write it instead, and to record the loaded classes, and is put back afterwards. The archive serves
     * the app image where it is; a JDK 17 runtime refuses it anywhere else (it checks the class path's absolute paths),
     * so the installer ships the class list instead and its post-install script makes the archive in place.
     */
    private void trainAppImage(Path appImage, Display display) throws Exception {
        Path cfg = appImage.resolve(os == Os.MAC ? "Contents/app/" + APP_NAME + ".cfg" : "lib/app/" + APP_NAME + ".cfg");
        String original = Files.readString(cfg);
        String use = "-XX:SharedArchiveFile=$APPDIR/" + ARCHIVE_NAME;
        if (!original.contains(use)) {
            throw new BuildFailure(cfg + " does not contain " + use + "; jpackage wrote an unexpected configuration.");
        }
        Files.writeString(cfg, original.replace(use, "-XX:ArchiveClassesAtExit=$APPDIR/" + ARCHIVE_NAME
                + System.lineSeparator() + "java-options=-XX:DumpLoadedClassList=$APPDIR/" + CLASS_LIST_NAME));
        try {
            Path launcher = switch (os) {
                case WINDOWS -> appImage.resolve(APP_NAME + ".exe");
                case MAC -> appImage.resolve("Contents/MacOS/" + APP_NAME);
                default -> appImage.resolve("bin/" + APP_NAME);
            };
            train(List.of(launcher.toString()), Map.of(), cfg.resolveSibling(ARCHIVE_NAME), display);
            if (!Files.isRegularFile(cfg.resolveSibling(CLASS_LIST_NAME))) {
                throw new BuildFailure("The training run wrote no class list " + cfg.resolveSibling(CLASS_LIST_NAME));
            }
        } finally {
            Files.writeString(cfg, original);
        }
    }

    private void train(List<String> command, Map<String, String> env, Path archive, Display display)
            throws Exception {
        Path home = Files.createTempDirectory("iot-workbench-training");
        try {
            ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(home.resolve("training.log").toFile());
            pb.environment().putAll(env);
            pb.environment().put("IOTWORKBENCH_STARTUP_PROBE", "train");
            pb.environment().put("IOTWORKBENCH_CONFIG_DIR", home.resolve("config").toString());
            pb.environment().put("IOTWORKBENCH_DATA_DIR", home.resolve("data").toString());
            display.apply(pb.environment());
            long t0 = System.nanoTime();
            Process p = pb.start();
            if (!p.waitFor(TRAINING_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new BuildFailure("The training run did not finish in " + TRAINING_TIMEOUT_SECONDS + " s: "
                        + tail(home.resolve("training.log")));
            }
            String log = Files.readString(home.resolve("training.log"));
            if (p.exitValue() != 0 || !log.contains("\"event\":\"trained\"") || !Files.isRegularFile(archive)) {
                throw new BuildFailure("The training run failed (exit " + p.exitValue() + ", archive "
                        + (Files.isRegularFile(archive) ? "written" : "missing") + "): " + tail(home.resolve(
                        "training.log")));
            }
            System.out.printf("DistBuilder: trained %s in %.1f s (%d MB)%n", archive,
                    (System.nanoTime() - t0) / 1e9, Files.size(archive) >> 20);
        } finally {
            deleteTree(home);
        }
    }

    // ---- jpackage ------------------------------------------------------------------------------------------------

    private Path appImage(Path portable) throws IOException {
        Path dest = out.resolve("jpackage");
        List<String> args = new ArrayList<>(List.of("@jlink/jpackage.args", "@jlink/jpackage-app-image.args",
                "@jlink/jpackage-" + os.id + ".args",
                "--input", portable.resolve("lib").toString(),
                "--runtime-image", portable.resolve("runtime").toString(),
                "--app-version", packageVersion(),
                "--dest", dest.toString()));
        for (String option : jvmOptions(portable)) {
            args.addAll(List.of("--java-options", option));
        }
        args.addAll(List.of("--java-options", "-XX:SharedArchiveFile=$APPDIR/" + ARCHIVE_NAME));
        run("jpackage", args);
        return os == Os.MAC ? dest.resolve(APP_NAME + ".app") : dest.resolve(APP_NAME);
    }

    /** The installer for this OS from the app image, without the app image's archive (see {@link #trainAppImage}). */
    private void installer(Path appImage) throws IOException {
        Path archive = (os == Os.MAC ? appImage.resolve("Contents/app") : appImage.resolve("lib/app"))
                .resolve(ARCHIVE_NAME);
        Path aside = out.resolve(ARCHIVE_NAME + ".app-image");
        boolean moved = Files.exists(archive);
        if (moved) {
            Files.move(archive, aside);
        }
        try {
            packageInstaller(appImage);
        } finally {
            if (moved) {
                Files.move(aside, archive);
            }
        }
    }

    private void packageInstaller(Path appImage) throws IOException {
        List<String> args = List.of("@jlink/jpackage.args", "@jlink/jpackage-" + os.id + ".args",
                "@jlink/jpackage-" + os.id + "-installer.args",
                "--app-image", appImage.toString(),
                "--app-version", packageVersion(),
                "--dest", out.toString());
        run("jpackage", args);
        try (Stream<Path> files = Files.list(out)) {
            files.filter(f -> f.getFileName().toString().matches(".*\\.(deb|rpm|msi|exe|dmg|pkg)"))
                    .forEach(f -> report("installer", f));
        }
    }

    /** jpackage wants a numeric version: 0.1.0-SNAPSHOT becomes 0.1.0. */
    private String packageVersion() {
        return version.replaceFirst("[-+].*$", "");
    }

    private List<String> jvmOptions(Path portable) throws IOException {
        return jvmOptionLines(portable.resolve("conf/jvm.options"));
    }

    private static List<String> jvmOptionLines(Path file) throws IOException {
        return Files.readAllLines(file).stream().map(String::strip)
                .filter(l -> !l.isEmpty() && !l.startsWith("#")).toList();
    }

    // ---- module list check ---------------------------------------------------------------------------------------

    /** Prints what jdeps finds in the app's jars and how it compares with jlink/jdk-modules.txt. */
    private void printModules() throws IOException {
        Path appLib = project.resolve("target/app/lib");
        List<Path> fxJars = javafxPlatformJars(appLib.resolve("javafx"));
        List<String> jars;
        try (Stream<Path> files = Files.list(appLib)) {
            jars = files.filter(p -> p.toString().endsWith(".jar")).map(Path::toString).sorted().toList();
        }
        List<String> args = new ArrayList<>(List.of("-q", "--multi-release", String.valueOf(Runtime.version()
                        .feature()), "--ignore-missing-deps", "--print-module-deps",
                "--module-path", fxJars.stream().map(Path::toString).collect(Collectors.joining(
                        java.io.File.pathSeparator)),
                "--class-path", String.join(java.io.File.pathSeparator, jars)));
        args.addAll(jars);
        java.io.StringWriter found = new java.io.StringWriter();
        int rc = ToolProvider.findFirst("jdeps").orElseThrow().run(new java.io.PrintWriter(found),
                new java.io.PrintWriter(System.err), args.toArray(String[]::new));
        if (rc != 0) {
            throw new BuildFailure("jdeps failed (exit " + rc + ")");
        }
        Set<String> fxModules = ModuleFinder.of(fxJars.toArray(Path[]::new)).findAll().stream()
                .map(ModuleReference::descriptor).map(d -> d.name()).collect(Collectors.toSet());
        Set<String> used = new TreeSet<>(Arrays.asList(found.toString().strip().split(",")));
        used.removeAll(fxModules);
        Set<String> listed = new LinkedHashSet<>(moduleList("jlink/jdk-modules.txt"));
        System.out.println("jdeps: " + String.join(",", used));
        Set<String> missing = new TreeSet<>(used);
        missing.removeAll(listed);
        Set<String> extra = new TreeSet<>(listed);
        extra.removeAll(used);
        System.out.println(missing.isEmpty() ? "jdk-modules.txt lists every module jdeps found."
                : "Missing from jdk-modules.txt: " + String.join(",", missing));
        System.out.println("Listed beyond jdeps (service providers, see the comments): " + String.join(",", extra));
    }

    // ---- helpers -------------------------------------------------------------------------------------------------

    /**
     * Runs a JDK tool in this JVM. Tool providers do not read {@code @file} arguments the way the launchers do, so
     * those are expanded here: whitespace-separated tokens, double quotes group, lines starting with # are comments.
     */
    private void run(String tool, List<String> rawArgs) throws IOException {
        List<String> args = new ArrayList<>();
        for (String a : rawArgs) {
            if (a.startsWith("@")) {
                args.addAll(argumentFile(project.resolve(a.substring(1))));
            } else {
                args.add(a);
            }
        }
        ToolProvider provider = ToolProvider.findFirst(tool).orElseThrow(() -> new BuildFailure(
                "This JDK has no " + tool + " tool; build with a full JDK 17 or newer."));
        System.out.println("DistBuilder: " + tool + " " + String.join(" ", args));
        int rc = provider.run(System.out, System.err, args.toArray(String[]::new));
        if (rc != 0) {
            throw new BuildFailure(tool + " failed with exit code " + rc + " (its message is above).");
        }
    }

    static List<String> argumentFile(Path file) throws IOException {
        List<String> tokens = new ArrayList<>();
        for (String line : Files.readAllLines(file)) {
            if (line.strip().startsWith("#")) {
                continue;
            }
            StringBuilder token = null;
            boolean quoted = false;
            for (char c : line.toCharArray()) {
                if (c == '"') {
                    quoted = !quoted;
                    token = token == null ? new StringBuilder() : token;
                } else if (Character.isWhitespace(c) && !quoted) {
                    if (token != null) {
                        tokens.add(token.toString());
                        token = null;
                    }
                } else {
                    token = token == null ? new StringBuilder() : token;
                    token.append(c);
                }
            }
            if (token != null) {
                tokens.add(token.toString());
            }
        }
        return tokens;
    }

    private static void report(String what, Path path) {
        System.out.printf("DistBuilder: %s %s: %.1f MB%n", what, path, size(path) / 1e6);
    }

    private static long size(Path path) {
        try (Stream<Path> files = Files.walk(path)) {
            return files.filter(Files::isRegularFile).mapToLong(p -> {
                try {
                    return Files.size(p);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }).sum();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String tail(Path log) throws IOException {
        if (!Files.exists(log)) {
            return "(no output)";
        }
        List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
        return String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size()));
    }

    private static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        Files.walkFileTree(dir, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                file.toFile().setWritable(true);
                Files.delete(file);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path d, IOException e) throws IOException {
                Files.delete(d);
                return FileVisitResult.CONTINUE;
            }
        });
    }

    /** The OS the build runs on, which is the one the runtime image and installer are for. */
    enum Os {
        LINUX("linux", "Linux"), WINDOWS("windows", "Windows"), MAC("mac", "Mac");

        final String id;
        final String sqliteName;

        Os(String id, String sqliteName) {
            this.id = id;
            this.sqliteName = sqliteName;
        }

        static Os current() {
            String name = System.getProperty("os.name").toLowerCase(Locale.ROOT);
            return name.contains("win") ? WINDOWS : name.contains("mac") ? MAC : LINUX;
        }
    }

    /**
     * The display the training run opens its window on: the session's, or an Xvfb started for the build, which picks
     * a free display number and writes it to its output once it accepts clients ({@code -displayfd}).
     */
    static final class Display implements AutoCloseable {
        private final String name;
        private final Process xvfb;

        private Display(String name, Process xvfb) {
            this.name = name;
            this.xvfb = xvfb;
        }

        static Display none() {
            return new Display(null, null);
        }

        static Display ensure(Os os) throws IOException {
            if (os != Os.LINUX) {
                return new Display("", null);
            }
            String current = System.getenv("DISPLAY");
            if (current != null && !current.isBlank()) {
                return new Display(current, null);
            }
            Path xvfb = Stream.of(System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator))
                    .map(d -> Path.of(d, "Xvfb")).filter(Files::isExecutable).findFirst().orElse(null);
            if (xvfb == null) {
                return none();
            }
            Process p = new ProcessBuilder(xvfb.toString(), "-displayfd", "1", "-screen", "0", "1280x800x24",
                    "-nolisten", "tcp").redirectError(ProcessBuilder.Redirect.DISCARD).start();
            String number = new java.io.BufferedReader(new java.io.InputStreamReader(p.getInputStream(),
                    StandardCharsets.US_ASCII)).readLine();
            if (number == null || !number.strip().matches("[0-9]+")) {
                p.destroyForcibly();
                return none();
            }
            System.out.println("DistBuilder: started Xvfb on :" + number.strip() + " for the training run");
            return new Display(":" + number.strip(), p);
        }

        boolean available() {
            return name != null;
        }

        void apply(Map<String, String> env) {
            if (name != null && !name.isEmpty()) {
                env.put("DISPLAY", name);
            }
        }

        @Override
        public void close() {
            if (xvfb != null) {
                xvfb.destroy();
            }
        }
    }

    static final class BuildFailure extends RuntimeException {
        BuildFailure(String message) {
            super(message);
        }
    }
}
