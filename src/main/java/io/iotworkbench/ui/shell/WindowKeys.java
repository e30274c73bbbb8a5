package io.iotworkbench.ui.shell;

import io.iotworkbench.ui.common.Appearance;
import io.iotworkbench.ui.demo.DemoBarViewModel;
import javafx.scene.Scene;
import javafx.scene.control.TextInputControl;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.KeyCombination;
import javafx.scene.input.KeyEvent;

/**
 * The main window's keyboard set-up beyond the menu accelerators: font size (Ctrl/Cmd + and -) and the demo keys of a
 * presenter remote.
 *
 * <p>FX thread only.
 */
final class WindowKeys {

    private WindowKeys() {
    }

    /** Ctrl/Cmd + (main keyboard or keypad) and keypad - change the font size. */
    static void installFontShortcuts(Scene scene, Appearance appearance) {
        scene.getAccelerators().put(new KeyCodeCombination(KeyCode.PLUS, KeyCombination.SHORTCUT_DOWN),
                appearance::increaseFont);
        scene.getAccelerators().put(new KeyCodeCombination(KeyCode.ADD, KeyCombination.SHORTCUT_DOWN),
                appearance::increaseFont);
        scene.getAccelerators().put(new KeyCodeCombination(KeyCode.SUBTRACT, KeyCombination.SHORTCUT_DOWN),
                appearance::decreaseFont);
    }

    /**
     * While a demo is open: PageDown and → (a presenter remote's keys) run the next step, Esc stops. → in a text field
     * moves the caret as usual.
     */
    static void installDemoKeys(Scene scene, DemoBarViewModel demo) {
        scene.addEventFilter(KeyEvent.KEY_PRESSED, e -> {
            if (!demo.activeProperty().get() || e.isShortcutDown() || e.isAltDown()) {
                return;
            }
            boolean inText = scene.getFocusOwner() instanceof TextInputControl;
            if (e.getCode() == KeyCode.PAGE_DOWN || e.getCode() == KeyCode.RIGHT && !inText) {
                demo.next();
                e.consume();
            } else if (e.getCode() == KeyCode.ESCAPE) {
                demo.stop();
                e.consume();
            }
        });
    }
}
