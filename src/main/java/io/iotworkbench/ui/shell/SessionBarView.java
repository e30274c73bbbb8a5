package io.iotworkbench.ui.shell;

import io.iotworkbench.session.ConnectionState;
import io.iotworkbench.session.Profile;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.geometry.Insets;
import javafx.scene.control.Alert;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.control.Tooltip;

import java.util.Locale;

/**
 * The bar under the menu: profile chooser, thing field, Connect/Disconnect and the state badge. Built in code, bound to
 * {@link SessionBarViewModel} and {@link ProfilesViewModel}. The tooltips and the profile chooser's popup list come
 * with {@link #afterFirstFrame()}, after the window's first frame (each tooltip is a popup window with its own scene;
 * the list a hidden child the first CSS pass would style; decision 0032). FX thread only.
 */
public final class SessionBarView {

    private static final String THING_HINT = "The thing every pane follows. Press Enter to apply.";

    private final javafx.scene.layout.FlowPane root;
    /** The thing field's tooltip text: the hint, or why the last name was refused. */
    private final StringProperty thingHint =
            new SimpleStringProperty(this, "thingHint", THING_HINT);
    private Runnable tooltips;

    public SessionBarView(SessionBarViewModel vm, ProfilesViewModel profiles) {
        ComboBox<Profile> chooser = new ComboBox<>(profiles.profiles());
        chooser.setId("profile-chooser");
        LateListComboBoxSkin<Profile> chooserSkin = new LateListComboBoxSkin<>(chooser);
        chooser.setSkin(chooserSkin);
        chooser.setValue(profiles.selectedProperty().get());
        profiles.selectedProperty().addListener((obs, o, n) -> chooser.setValue(n));
        chooser.disableProperty().bind(vm.profileLocked());
        chooser.setOnAction(e -> {
            Profile p = chooser.getValue();
            if (p == null || p.equals(profiles.selectedProperty().get())) {
                return;
            }
            try {
                profiles.select(p);
            } catch (Exception ex) {
                chooser.setValue(profiles.selectedProperty().get());
                new Alert(Alert.AlertType.ERROR, "The profile could not be selected: " + ex.getMessage())
                        .showAndWait();
            }
        });

        TextField thing = new TextField();
        thing.setId("thing-field");
        thing.setPromptText("thing name");
        thing.setPrefColumnCount(12);
        thing.setText(vm.fxSession().thingNameProperty().get());
        vm.fxSession().thingNameProperty().addListener((obs, o, n) -> {
            if (!thing.isFocused()) {
                thing.setText(n);
            }
        });
        Runnable commit = () -> {
            String error = vm.commitThingName(thing.getText());
            thing.getStyleClass().remove("field-error");
            if (!error.isEmpty()) {
                thing.getStyleClass().add("field-error");
                thingHint.set(error);
            } else {
                thingHint.set(THING_HINT);
            }
        };
        thing.setOnAction(e -> commit.run());
        thing.focusedProperty().addListener((obs, was, is) -> {
            if (!is) {
                commit.run();
            }
        });

        Button connect = new Button("Connect");
        connect.setId("connect-button");
        connect.disableProperty().bind(vm.canConnect().not());
        connect.setOnAction(e -> vm.connect());
        Button disconnect = new Button("Disconnect");
        disconnect.setId("disconnect-button");
        disconnect.disableProperty().bind(vm.canDisconnect().not());
        disconnect.setOnAction(e -> vm.disconnect());

        Label badge = new Label();
        badge.setId("state-badge");
        badge.getStyleClass().add("state-badge");
        badge.textProperty().bind(vm.badgeText());
        this.tooltips = () -> {
            chooserSkin.attachList();
            chooser.setTooltip(new Tooltip("Connection profile (switch while disconnected)"));
            Tooltip thingTip = new Tooltip();
            thingTip.textProperty().bind(thingHint);
            thing.setTooltip(thingTip);
            Tooltip badgeTip = new Tooltip();
            badgeTip.textProperty().bind(vm.badgeTooltip());
            badge.setTooltip(badgeTip);
        };
        styleBadge(badge, vm.fxSession().stateProperty().get());
        vm.fxSession().stateProperty().addListener((obs, o, n) -> styleBadge(badge, n));

        // wraps at large text sizes instead of cutting labels (the badge then starts the next row)
        root = io.iotworkbench.ui.common.Toolbars.wrapping(8, new Label("Profile"), chooser, new Label("Thing"), thing,
                connect, disconnect, badge);
        root.setPadding(new Insets(6, 10, 6, 10));
        root.getStyleClass().add("session-bar");
    }

    private static void styleBadge(Label badge, ConnectionState state) {
        badge.getStyleClass().removeIf(c -> c.startsWith("state-") && !c.equals("state-badge"));
        if (state != null) {
            badge.getStyleClass().add("state-" + state.name().toLowerCase(Locale.ROOT));
        }
    }

    /**
     * Sets the bar's tooltips and gives the profile chooser its popup list (once; the window calls it after its first
     * frame).
     */
    public void afterFirstFrame() {
        if (tooltips != null) {
            tooltips.run();
            tooltips = null;
        }
    }

    public javafx.scene.layout.FlowPane root() {
        return root;
    }
}
