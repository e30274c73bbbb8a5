package io.iotworkbench.ui.shell;

import javafx.scene.Node;
import javafx.scene.control.ComboBox;
import javafx.scene.control.skin.ComboBoxListViewSkin;

/**
 * A combo box skin whose popup list joins the scene only when {@link #attachList()} is called. JavaFX's skin keeps its
 * popup's {@code ListView} as a hidden child of the combo box, so the window's first CSS pass would style and skin a
 * whole list (virtual flow, cells, scroll bars) that nobody sees; the session bar's profile chooser attaches it after
 * the first frame (decision 0032). Until then the combo box takes its width from the selected profile and at least
 * 100 px, as JavaFX's skin does for a list without a skin; opening the popup earlier works as usual.
 *
 * <p>FX thread only.
 */
final class LateListComboBoxSkin<T> extends ComboBoxListViewSkin<T> {

    LateListComboBoxSkin(ComboBox<T> comboBox) {
        super(comboBox);
        getChildren().remove(getPopupContent());
    }

    /** Puts the popup list back among the combo box's hidden children, as JavaFX's skin has it (unless it is open). */
    void attachList() {
        Node list = getPopupContent();
        if (list.getParent() == null && !getChildren().contains(list)) {
            getChildren().add(list);
        }
    }
}
