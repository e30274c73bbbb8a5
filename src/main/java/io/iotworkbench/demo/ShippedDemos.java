package io.iotworkbench.demo;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;

/**
 * The demo scripts shipped inside the app (resources next to this class, names ending {@code _demo.yaml}): listed
 * by {@code demo list} and the Demo menu, run by name. Stateless.
 */
public final class ShippedDemos {

    /** The shipped scripts' names, in the order the menu shows them. */
    public static final List<String> NAMES = List.of("led_demo", "jobs_demo");

    private ShippedDemos() {
    }

    /** The text of a shipped script, by name ({@code led_demo}) or file name ({@code led_demo.yaml}). */
    public static Optional<String> text(String name) {
        String base = DemoScriptParser.nameOf(name);
        if (!NAMES.contains(base)) {
            return Optional.empty();
        }
        try (InputStream in = ShippedDemos.class.getResourceAsStream(base + ".yaml")) {
            return in == null ? Optional.empty() : Optional.of(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /** A shipped script, parsed. */
    public static Optional<DemoScript> load(String name) throws DemoScriptException {
        Optional<String> text = text(name);
        if (text.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new DemoScriptParser().parse(DemoScriptParser.nameOf(name), text.get()));
    }
}
