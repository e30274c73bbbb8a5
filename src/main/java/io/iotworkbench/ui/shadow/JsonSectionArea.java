package io.iotworkbench.ui.shadow;

import io.iotworkbench.ui.common.JsonHighlighter;
import javafx.geometry.Point2D;
import javafx.scene.control.Label;
import javafx.stage.Popup;
import org.fxmisc.flowless.VirtualizedScrollPane;
import org.fxmisc.richtext.CodeArea;
import org.fxmisc.richtext.event.MouseOverTextEvent;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * A read-only JSON view of one shadow section: syntax colours, the lines of fields that differ between desired and
 * reported highlighted, and the field's metadata timestamp shown when the mouse rests on a line. FX thread only.
 */
final class JsonSectionArea {

    private final CodeArea area = new CodeArea();
    private final VirtualizedScrollPane<CodeArea> root = new VirtualizedScrollPane<>(area);
    private final Popup popup = new Popup();
    private final Label popupText = new Label();
    private RenderedSection view = RenderedSection.empty("");

    JsonSectionArea(String id) {
        area.setId(id);
        area.setEditable(false);
        area.getStyleClass().add("json-area");
        popupText.getStyleClass().add("json-popup");
        popup.getContent().add(popupText);
        area.setMouseOverTextDelay(Duration.ofMillis(400));
        area.addEventHandler(MouseOverTextEvent.MOUSE_OVER_TEXT_BEGIN, e -> {
            int paragraph = area.offsetToPosition(e.getCharacterIndex(),
                    org.fxmisc.richtext.model.TwoDimensional.Bias.Forward).getMajor();
            List<Long> stamps = view.lineTimestamps();
            if (paragraph < stamps.size() && stamps.get(paragraph) > 0) {
                Point2D pos = e.getScreenPosition();
                popupText.setText(view.linePaths().get(paragraph) + " written "
                        + Instant.ofEpochSecond(stamps.get(paragraph))
                        + " (metadata timestamp " + stamps.get(paragraph) + ")");
                popup.show(area, pos.getX(), pos.getY() + 12);
            }
        });
        area.addEventHandler(MouseOverTextEvent.MOUSE_OVER_TEXT_END, e -> popup.hide());
    }

    void show(RenderedSection v) {
        view = v;
        area.replaceText(v.text());
        area.setStyleSpans(0, JsonHighlighter.spans(v.text()));
        for (int i = 0; i < area.getParagraphs().size() && i < v.lineDiffers().size(); i++) {
            area.setParagraphStyle(i, v.lineDiffers().get(i) ? List.of("differs") : List.of());
        }
    }

    CodeArea area() {
        return area;
    }

    VirtualizedScrollPane<CodeArea> root() {
        return root;
    }
}
