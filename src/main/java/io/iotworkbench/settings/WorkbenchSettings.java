package io.iotworkbench.settings;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.util.Map;

/**
 * What the window remembers between runs: its bounds, divider positions by name, the last tab, theme and font size.
 * Immutable; "with" methods return changed copies.
 *
 * @param fontSize base font size in points (the presentation zoom)
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record WorkbenchSettings(
        int schemaVersion,
        Double x, Double y, Double width, Double height,
        boolean maximized,
        Map<String, Double> dividers,
        String lastTab,
        String theme,
        double fontSize) {

    public static final int SCHEMA_VERSION = 1;
    public static final double DEFAULT_FONT_SIZE = 13;
    public static final double MIN_FONT_SIZE = 8;
    public static final double MAX_FONT_SIZE = 40;

    public WorkbenchSettings {
        dividers = dividers == null ? Map.of() : Map.copyOf(dividers);
        theme = theme == null ? "light" : theme;
        fontSize = fontSize <= 0 ? DEFAULT_FONT_SIZE : Math.max(MIN_FONT_SIZE, Math.min(MAX_FONT_SIZE, fontSize));
    }

    public static WorkbenchSettings defaults() {
        return new WorkbenchSettings(SCHEMA_VERSION, null, null, null, null, false, Map.of(), null, "light",
                DEFAULT_FONT_SIZE);
    }

    public WorkbenchSettings withBounds(double nx, double ny, double nw, double nh, boolean nMax) {
        return new WorkbenchSettings(schemaVersion, nx, ny, nw, nh, nMax, dividers, lastTab, theme, fontSize);
    }

    public WorkbenchSettings withDividers(Map<String, Double> nDividers) {
        return new WorkbenchSettings(schemaVersion, x, y, width, height, maximized, nDividers, lastTab, theme,
                fontSize);
    }

    public WorkbenchSettings withLastTab(String tab) {
        return new WorkbenchSettings(schemaVersion, x, y, width, height, maximized, dividers, tab, theme, fontSize);
    }

    public WorkbenchSettings withTheme(String nTheme) {
        return new WorkbenchSettings(schemaVersion, x, y, width, height, maximized, dividers, lastTab, nTheme,
                fontSize);
    }

    public WorkbenchSettings withFontSize(double size) {
        return new WorkbenchSettings(schemaVersion, x, y, width, height, maximized, dividers, lastTab, theme, size);
    }
}
