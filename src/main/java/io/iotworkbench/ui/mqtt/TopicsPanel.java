package io.iotworkbench.ui.mqtt;

import io.iotworkbench.mqtt.ReceivedMessage;
import io.iotworkbench.mqtt.TopicSnapshot;
import javafx.beans.InvalidationListener;
import javafx.beans.binding.Bindings;
import javafx.geometry.Insets;
import javafx.geometry.Orientation;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TextField;
import javafx.scene.control.Tooltip;
import javafx.scene.control.TreeCell;
import javafx.scene.control.TreeItem;
import javafx.scene.control.TreeView;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;

/**
 * The MQTT pane's left column: the subscriptions (filter, QoS, colour) and the live topic tree, or a flat list while a
 * filter is typed; topics are highlighted shortly after activity. FX thread only.
 */
final class TopicsPanel {

    private static final long HIGHLIGHT_MILLIS = 1_500;

    private final MqttViewModel vm;
    private final Consumer<TopicSnapshot> onSelect;
    private final TreeView<TopicSnapshot> treeView = new TreeView<>();
    private final ListView<TopicSnapshot> filteredList = new ListView<>();

    TopicsPanel(MqttViewModel vm, Consumer<TopicSnapshot> onSelect) {
        this.vm = vm;
        this.onSelect = onSelect;
    }

    Node build() {
        // the topics box scrolls when the split leaves it less than its minimum (title, filter row, a few tree rows)
        SplitPane left = new SplitPane(subscriptionsBox(),
                io.iotworkbench.ui.common.Toolbars.scrollingBelowMinimum(topicsBox()));
        left.setOrientation(Orientation.VERTICAL);
        left.setDividerPositions(0.32);
        // at large text on a small screen both keep their minimum heights and the column scrolls
        return io.iotworkbench.ui.common.Toolbars.scrollingBelowMinimum(left);
    }

    private Node subscriptionsBox() {
        SubscriptionsModel subs = vm.subscriptions();
        ListView<SubscriptionRow> list = new ListView<>(subs.rows());
        list.setId("mqtt-subscriptions");
        list.setPlaceholder(new Label("No subscriptions: add a topic filter below."));
        list.setCellFactory(v -> new SubscriptionCell());
        list.setMinHeight(70);
        list.setPrefHeight(90);
        VBox.setVgrow(list, Priority.ALWAYS);

        TextField filter = new TextField();
        filter.setId("mqtt-sub-filter");
        filter.setPromptText("Topic filter (+ and #)");
        filter.setTooltip(new Tooltip("Topic filter, e.g. $aws/things/+/shadow/#"));
        HBox.setHgrow(filter, Priority.ALWAYS);
        ComboBox<Integer> qos = new ComboBox<>();
        qos.setId("mqtt-sub-qos");
        qos.getItems().addAll(0, 1);
        qos.setValue(1);
        Button add = new Button("Add");
        add.setId("mqtt-sub-add");
        add.setDefaultButton(false);
        Runnable doAdd = () -> {
            if (subs.add(filter.getText(), qos.getValue())) {
                filter.clear();
            }
        };
        add.setOnAction(e -> doAdd.run());
        filter.setOnAction(e -> doAdd.run());
        Button remove = new Button("Remove");
        remove.setId("mqtt-sub-remove");
        remove.disableProperty().bind(list.getSelectionModel().selectedItemProperty().isNull());
        remove.setOnAction(e -> subs.remove(list.getSelectionModel().getSelectedItem()));
        Label message = new Label();
        message.setId("mqtt-sub-message");
        message.setWrapText(true);
        message.getStyleClass().add("mqtt-hint");
        message.textProperty().bind(subs.messageProperty());

        Label qosLabel = new Label("QoS");
        for (Region r : List.of(qosLabel, qos, add, remove)) {
            r.setMinWidth(Region.USE_PREF_SIZE);
        }
        // wraps in a narrow column at large text instead of widening the panel past its edge
        var form = io.iotworkbench.ui.common.Toolbars.wrapping(4, qosLabel, qos, add, remove);
        filter.textProperty().addListener((obs, o, n) -> vm.checkSubscribe(n));
        Label policy = new Label();
        policy.setId("mqtt-sub-policy");
        policy.setWrapText(true);
        policy.getStyleClass().add("policy-warnings");
        policy.textProperty().bind(vm.subscribePolicyWarningProperty());
        policy.managedProperty().bind(vm.subscribePolicyWarningProperty().isNotEmpty());
        policy.visibleProperty().bind(policy.managedProperty());
        VBox box = new VBox(4, MqttNodes.sectionTitle("Subscriptions"), list, filter, policy, form, message);
        box.setPadding(new Insets(6));
        list.setMinHeight(Region.USE_PREF_SIZE);
        list.setPrefHeight(list.getFixedCellSize() > 0 ? list.getFixedCellSize() * 3 : 90);
        return io.iotworkbench.ui.common.Toolbars.scrolling(box);
    }

    /** A subscription: enable box, colour swatch, filter and QoS. */
    private static final class SubscriptionCell extends ListCell<SubscriptionRow> {
        private final CheckBox enabled = new CheckBox();
        private final Region swatch = new Region();
        private final Label text = new Label();
        private final HBox box = new HBox(6, enabled, swatch, text);
        private SubscriptionRow bound;

        SubscriptionCell() {
            swatch.getStyleClass().add("mqtt-swatch");
            box.setAlignment(Pos.CENTER_LEFT);
        }

        @Override
        protected void updateItem(SubscriptionRow row, boolean empty) {
            super.updateItem(row, empty);
            if (bound != null) {
                enabled.selectedProperty().unbindBidirectional(bound.enabledProperty());
                bound = null;
            }
            if (empty || row == null) {
                setGraphic(null);
                return;
            }
            bound = row;
            enabled.selectedProperty().bindBidirectional(row.enabledProperty());
            swatch.setStyle("-fx-background-color: " + row.colour() + ";");
            text.setText(row.filter() + "  ·  QoS " + row.qos());
            setGraphic(box);
        }
    }

    private VBox topicsBox() {
        TopicTreeModel model = vm.tree();
        TextField filter = org.controlsfx.control.textfield.TextFields.createClearableTextField();
        filter.setId("mqtt-topic-filter");
        filter.setPromptText("Filter topics");
        filter.textProperty().addListener((obs, o, n) -> {
            model.setFilter(n);
            boolean flat = n != null && !n.isBlank();
            filteredList.setVisible(flat);
            treeView.setVisible(!flat);
        });

        treeView.setId("mqtt-topic-tree");
        treeView.setRoot(model.root());
        treeView.setShowRoot(false);
        treeView.setCellFactory(v -> new TopicCell());
        treeView.getSelectionModel().selectedItemProperty().addListener((obs, o, n) ->
                onSelect.accept(n == null ? null : n.getValue()));

        filteredList.setId("mqtt-topic-list");
        filteredList.setItems(model.filtered());
        filteredList.setVisible(false);
        filteredList.setPlaceholder(new Label("No topic matches."));
        filteredList.setCellFactory(v -> new ListCell<>() {
            @Override
            protected void updateItem(TopicSnapshot s, boolean empty) {
                super.updateItem(s, empty);
                setText(empty || s == null ? null : s.path() + "  (" + s.ownMessages() + ")");
            }
        });
        filteredList.getSelectionModel().selectedItemProperty().addListener((obs, o, n) -> onSelect.accept(n));

        StackPane views = new StackPane(treeView, filteredList);
        VBox.setVgrow(views, Priority.ALWAYS);

        Button deleteRetained = new Button("Delete retained");
        deleteRetained.setId("mqtt-delete-retained");
        deleteRetained.setTooltip(new Tooltip("Publish an empty retained message to the selected topic."));
        deleteRetained.setOnAction(e -> {
            TreeItem<TopicSnapshot> item = treeView.getSelectionModel().getSelectedItem();
            if (item != null) {
                vm.deleteRetained(item.getValue().path());
            }
        });
        deleteRetained.disableProperty().bind(Bindings.createBooleanBinding(() -> {
            TreeItem<TopicSnapshot> item = treeView.getSelectionModel().getSelectedItem();
            return item == null || !item.getValue().retained();
        }, treeView.getSelectionModel().selectedItemProperty()));
        var bar = io.iotworkbench.ui.common.Toolbars.wrapping(6, filter, deleteRetained);
        // room for a few rows of the tree: the split above keeps it rather than squeezing it out of sight
        views.setMinHeight(90);
        VBox box = new VBox(4, MqttNodes.sectionTitle("Topics"), bar, views);
        box.setPadding(new Insets(6));
        return box;
    }

    /** Turns the activity highlight of each shown topic on or off for the current time (status tick). */
    void refreshHighlights() {
        long now = System.currentTimeMillis();
        for (Node n : treeView.lookupAll(".mqtt-topic-cell")) {
            if (n instanceof TopicCell c) {
                c.highlight(now);
            }
        }
    }

    /** A topic: name, counts, rate, retained marker, last value preview; highlighted shortly after activity. */
    private static final class TopicCell extends TreeCell<TopicSnapshot> {
        /**
         * A pseudo-class, not a style class: changing a style class makes JavaFX re-resolve the cell's whole CSS
         * (reapplyCss), which under load was most of the pulse; a pseudo-class only switches state (decision 0021).
         */
        private static final javafx.css.PseudoClass ACTIVE = javafx.css.PseudoClass.getPseudoClass("mqtt-active");
        private final Label name = new Label();
        private final Label counts = new Label();
        private final Label retained = new Label("R");
        private final Label preview = new Label();
        private final HBox box = new HBox(6, name, retained, counts, preview);

        TopicCell() {
            getStyleClass().add("mqtt-topic-cell");
            name.getStyleClass().add("mqtt-topic-name");
            counts.getStyleClass().add("mqtt-topic-counts");
            retained.getStyleClass().add("mqtt-retained");
            retained.setTooltip(new Tooltip("The last message was retained"));
            preview.getStyleClass().add("mqtt-topic-preview");
            preview.setMinWidth(0);
            name.setMinWidth(Region.USE_PREF_SIZE);
            counts.setMinWidth(Region.USE_PREF_SIZE);
            box.setAlignment(Pos.CENTER_LEFT);
            // the model's items keep value changes from the tree view (no cell rebuilds): the row shown follows
            // its own item's value
            treeItemProperty().addListener((obs, old, now) -> {
                if (old != null) {
                    old.valueProperty().removeListener(followValue);
                }
                if (now != null) {
                    now.valueProperty().addListener(followValue);
                }
            });
        }

        private final InvalidationListener followValue = value -> {
            TreeItem<TopicSnapshot> shown = getTreeItem();
            if (shown != null && !isEmpty()) {
                updateItem(shown.getValue(), false);
            }
        };

        @Override
        protected void updateItem(TopicSnapshot s, boolean empty) {
            super.updateItem(s, empty);
            // the graphic stays set and only hides: setting it to null and back made the cell's skin swap its
            // children, which re-resolved the CSS of the row's labels and disclosure arrow (decision 0028)
            setText(null);
            setGraphic(box);
            if (empty || s == null) {
                box.setVisible(false);
                // the skin leaves the arrow of the row this cell showed before; the next item's row sets it again
                Node arrow = getDisclosureNode();
                if (arrow != null) {
                    arrow.setVisible(false);
                }
                pseudoClassStateChanged(ACTIVE, false);
                return;
            }
            box.setVisible(true);
            name.setText(s.name().isEmpty() ? "(empty)" : s.name());
            StringBuilder c = new StringBuilder();
            c.append(s.subtreeMessages()).append(s.subtreeMessages() == 1 ? " msg" : " msgs");
            if (s.topicsInSubtree() > 1 || (s.topicsInSubtree() == 1 && s.ownMessages() == 0)) {
                c.append(" · ").append(s.topicsInSubtree()).append(s.topicsInSubtree() == 1 ? " topic" : " topics");
            }
            if (s.messagesPerSecond() > 0.05) {
                c.append(String.format(Locale.ROOT, " · %.1f/s", s.messagesPerSecond()));
            }
            counts.setText("(" + c + ")");
            retained.setVisible(s.retained());
            retained.setManaged(s.retained());
            preview.setText(s.last() == null || s.ownMessages() == 0 ? "" : "= " + previewOf(s.last()));
            highlight(System.currentTimeMillis());
        }

        void highlight(long now) {
            TopicSnapshot s = getItem();
            boolean active = s != null && !isEmpty() && now - s.lastActivityMillis() < HIGHLIGHT_MILLIS
                    && s.lastActivityMillis() > 0;
            pseudoClassStateChanged(ACTIVE, active);
        }
    }

    static String previewOf(ReceivedMessage m) {
        int n = Math.min(m.payload().length, 120);
        String s = new String(m.payload(), 0, n, StandardCharsets.UTF_8).replaceAll("\\s+", " ");
        return s.length() > 80 ? s.substring(0, 80) + "…" : s;
    }

}
