package io.iotworkbench.ui.certs;

import javafx.beans.value.ObservableDoubleValue;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;

/**
 * The validity period drawn as a bar: the period fills the width, the part already gone is shaded, and a marker shows
 * today (at the left edge before the period, at the right edge after it, coloured as a warning or error). FX thread.
 */
final class ValidityBar extends StackPane {

    private final Region elapsed = new Region();
    private final Region today = new Region();
    private final ObservableDoubleValue position;

    ValidityBar(ObservableDoubleValue position) {
        this.position = position;
        getStyleClass().add("validity-bar");
        elapsed.getStyleClass().add("validity-elapsed");
        elapsed.setManaged(false);
        today.getStyleClass().add("validity-today");
        today.setManaged(false);
        getChildren().addAll(elapsed, today);
        setMinHeight(18);
        setPrefHeight(18);
        position.addListener((o, a, b) -> {
            update();
            requestLayout();
        });
        update();
    }

    private void update() {
        double p = position.get();
        setVisible(!Double.isNaN(p));
        today.getStyleClass().removeAll("validity-outside");
        if (p < 0 || p > 1) {
            today.getStyleClass().add("validity-outside");
        }
    }

    @Override
    protected void layoutChildren() {
        double p = position.get();
        if (Double.isNaN(p)) {
            return;
        }
        double clamped = Math.max(0, Math.min(1, p));
        double w = getWidth();
        double h = getHeight();
        elapsed.resizeRelocate(0, 0, w * clamped, h);
        double x = Math.max(0, Math.min(w - 3, w * clamped - 1.5));
        today.resizeRelocate(x, -3, 3, h + 6);
    }
}
