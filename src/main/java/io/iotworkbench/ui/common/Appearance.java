package io.iotworkbench.ui.common;

import io.iotworkbench.settings.WorkbenchSettings;
import javafx.beans.property.DoubleProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleDoubleProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.scene.Scene;

import java.util.Objects;

/**
 * Theme (light or dark) and base font size of the window, applied to every scene registered here so dialogs and
 * secondary windows follow the main window. The font size scales the whole UI (Modena sizes in em), which is what a
 * presenter needs.
 *
 * <p>FX thread only.
 */
public final class Appearance {

    /** The two themes. */
    public enum Theme {
        LIGHT("light"), DARK("dark");

        private final String id;

        Theme(String id) {
            this.id = id;
        }

        public String id() {
            return id;
        }

        public static Theme fromId(String id) {
            return "dark".equalsIgnoreCase(id) ? DARK : LIGHT;
        }
    }

    private static final String BASE_CSS = css("workbench.css");
    private static final String DARK_CSS = css("dark.css");

    /** Presenter mode's text size: 150 % of the default (at least; a larger size stays). */
    public static final double PRESENTER_FONT_SIZE = WorkbenchSettings.DEFAULT_FONT_SIZE * 1.5;

    private final javafx.beans.property.BooleanProperty presenter =
            new javafx.beans.property.SimpleBooleanProperty(this, "presenter");
    private double fontBeforePresenter = Double.NaN;
    private final ObjectProperty<Theme> theme = new SimpleObjectProperty<>(this, "theme", Theme.LIGHT);
    private final DoubleProperty fontSize = new SimpleDoubleProperty(this, "fontSize",
            WorkbenchSettings.DEFAULT_FONT_SIZE);

    public Appearance(Theme initialTheme, double initialFontSize) {
        theme.set(Objects.requireNonNull(initialTheme));
        fontSize.set(clamp(initialFontSize));
        presenter.addListener((obs, was, now) -> {
            if (now) {
                fontBeforePresenter = fontSize.get();
                fontSize.set(clamp(Math.max(fontSize.get(), PRESENTER_FONT_SIZE)));
            } else if (!Double.isNaN(fontBeforePresenter)) {
                fontSize.set(fontBeforePresenter);
                fontBeforePresenter = Double.NaN;
            }
        });
    }

    /**
     * Presenter mode: larger text while on (the window ties it to the session's
     * {@link io.iotworkbench.diagnostics.Redactor} and the {@link PresenterMask}). Never saved.
     */
    public javafx.beans.property.BooleanProperty presenterProperty() {
        return presenter;
    }

    /** The text size to save: the one before presenter mode while it is on. */
    public double fontSizeToSave() {
        return presenter.get() && !Double.isNaN(fontBeforePresenter) ? fontBeforePresenter : fontSize.get();
    }

    /** Every stylesheet the workbench ships, as URLs (the theme test parses each one). */
    public static java.util.List<String> stylesheets() {
        return java.util.List.of(BASE_CSS, DARK_CSS);
    }

    /** The stylesheets of {@code t}, in the order they are added to a scene. */
    public static java.util.List<String> stylesheets(Theme t) {
        return t == Theme.DARK ? java.util.List.of(BASE_CSS, DARK_CSS) : java.util.List.of(BASE_CSS);
    }

    private static String css(String name) {
        return Objects.requireNonNull(Appearance.class.getResource("/io/iotworkbench/ui/theme/" + name),
                name).toExternalForm();
    }

    /** Applies the current and all future theme and font changes to {@code scene}. */
    public void register(Scene scene) {
        apply(scene);
        theme.addListener((obs, o, n) -> apply(scene));
        fontSize.addListener((obs, o, n) -> apply(scene));
    }

    private void apply(Scene scene) {
        var sheets = scene.getStylesheets();
        sheets.removeAll(BASE_CSS, DARK_CSS);
        sheets.add(BASE_CSS);
        if (theme.get() == Theme.DARK) {
            sheets.add(DARK_CSS);
        }
        if (scene.getRoot() != null) {
            scene.getRoot().setStyle(String.format(java.util.Locale.ROOT, "-fx-font-size: %.1fpx;", fontSize.get()));
        }
    }

    public ObjectProperty<Theme> themeProperty() {
        return theme;
    }

    public DoubleProperty fontSizeProperty() {
        return fontSize;
    }

    public void increaseFont() {
        fontSize.set(clamp(fontSize.get() + 1));
    }

    public void decreaseFont() {
        fontSize.set(clamp(fontSize.get() - 1));
    }

    public void resetFont() {
        fontSize.set(WorkbenchSettings.DEFAULT_FONT_SIZE);
    }

    private static double clamp(double size) {
        return Math.max(WorkbenchSettings.MIN_FONT_SIZE, Math.min(WorkbenchSettings.MAX_FONT_SIZE, size));
    }
}
