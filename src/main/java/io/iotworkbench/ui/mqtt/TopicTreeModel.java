package io.iotworkbench.ui.mqtt;

import io.iotworkbench.mqtt.TopicSnapshot;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.event.EventDispatchChain;
import javafx.event.EventDispatcher;
import javafx.scene.control.TreeItem;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The topic tree as JavaFX tree items, updated in place from batches of {@link TopicSnapshot}s so that selection,
 * expansion and scroll position stay put while messages arrive. Children are kept sorted by name; a node whose
 * parent has not arrived yet gets a placeholder parent that the parent's snapshot later fills. Also keeps the flat,
 * filtered list shown when the filter box is used.
 *
 * <p>A new snapshot does not tell the tree view: {@link TopicItem} keeps its value-changed event from reaching the
 * view, which answers every such event by rebuilding all its cells (under load, most of each pulse went to the CSS of
 * those rebuilt rows, decision 0028). The rows on screen follow their item's value themselves (the panel's cells).
 *
 * <p>FX thread (or a test thread without a toolkit: TreeItem needs none).
 */
public final class TopicTreeModel {

    private static final Comparator<TreeItem<TopicSnapshot>> BY_NAME =
            Comparator.comparing((TreeItem<TopicSnapshot> t) -> t.getValue().name());

    private final TreeItem<TopicSnapshot> root = new TopicItem(new TopicSnapshot("", "", null, 0, 0, 0, null, 0, 0));
    private final Map<String, TreeItem<TopicSnapshot>> items = new HashMap<>();
    private final ObservableList<TopicSnapshot> filtered = FXCollections.observableArrayList();
    private String filter = "";

    public TopicTreeModel() {
        root.setExpanded(true);
        items.put("", root);
    }

    public TreeItem<TopicSnapshot> root() {
        return root;
    }

    /**
     * Applies one batch of changed topics: existing items get the new snapshot in place; new items are gathered per
     * parent and inserted in sorted runs, so a parent receives one list change per gap instead of one per topic.
     */
    public void apply(List<TopicSnapshot> batch) {
        Map<TreeItem<TopicSnapshot>, List<TreeItem<TopicSnapshot>>> pending = new LinkedHashMap<>();
        for (TopicSnapshot s : batch) {
            TreeItem<TopicSnapshot> item = items.get(s.path());
            if (item == null) {
                item = new TopicItem(s);
                items.put(s.path(), item);
                pending.computeIfAbsent(parentOf(s.parentPath(), pending), k -> new ArrayList<>()).add(item);
            } else {
                item.setValue(s);
            }
        }
        pending.forEach(TopicTreeModel::insertSorted);
        if (!filter.isEmpty()) {
            refilter(batch);
        }
    }

    private TreeItem<TopicSnapshot> parentOf(String parentPath,
                                             Map<TreeItem<TopicSnapshot>, List<TreeItem<TopicSnapshot>>> pending) {
        String path = parentPath == null ? "" : parentPath;
        TreeItem<TopicSnapshot> parent = items.get(path);
        if (parent == null) {
            int slash = path.lastIndexOf('/');
            String name = slash < 0 ? path : path.substring(slash + 1);
            String grand = slash < 0 ? "" : path.substring(0, slash);
            parent = new TopicItem(new TopicSnapshot(path, name, grand, 0, 0, 0, null, 0, 0));
            items.put(path, parent);
            pending.computeIfAbsent(parentOf(grand, pending), k -> new ArrayList<>()).add(parent);
        }
        return parent;
    }

    /** Inserts {@code added} into {@code parent}'s sorted children, one addAll per run that shares a gap. */
    private static void insertSorted(TreeItem<TopicSnapshot> parent, List<TreeItem<TopicSnapshot>> added) {
        added.sort(BY_NAME);
        ObservableList<TreeItem<TopicSnapshot>> children = parent.getChildren();
        int i = 0;
        while (i < added.size()) {
            int at = insertionPoint(children, added.get(i).getValue().name());
            String next = at < children.size() ? children.get(at).getValue().name() : null;
            int j = i + 1;
            while (j < added.size() && (next == null || added.get(j).getValue().name().compareTo(next) < 0)) {
                j++;
            }
            children.addAll(at, added.subList(i, j));
            i = j;
        }
    }

    private static int insertionPoint(List<TreeItem<TopicSnapshot>> children, String name) {
        int lo = 0;
        int hi = children.size();
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (children.get(mid).getValue().name().compareTo(name) < 0) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    public TreeItem<TopicSnapshot> item(String path) {
        return items.get(path);
    }

    public int size() {
        return items.size() - 1;
    }

    /** Topics whose path contains {@code text} (case-insensitive), shown flat while a filter is set. */
    public ObservableList<TopicSnapshot> filtered() {
        return filtered;
    }

    public void setFilter(String text) {
        filter = text == null ? "" : text.strip().toLowerCase(Locale.ROOT);
        if (filter.isEmpty()) {
            filtered.clear();
            return;
        }
        filtered.setAll(items.values().stream().map(TreeItem::getValue)
                .filter(s -> s.ownMessages() > 0 && s.path().toLowerCase(Locale.ROOT).contains(filter))
                .sorted(Comparator.comparing(TopicSnapshot::path)).toList());
    }

    private void refilter(List<TopicSnapshot> batch) {
        for (TopicSnapshot s : batch) {
            if (s.ownMessages() == 0 || !s.path().toLowerCase(Locale.ROOT).contains(filter)) {
                continue;
            }
            int i = indexOf(s.path());
            if (i >= 0) {
                filtered.set(i, s);
            } else {
                filtered.add(-i - 1, s);
            }
        }
    }

    private int indexOf(String path) {
        int lo = 0;
        int hi = filtered.size() - 1;
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            int c = filtered.get(mid).path().compareTo(path);
            if (c < 0) {
                lo = mid + 1;
            } else if (c > 0) {
                hi = mid - 1;
            } else {
                return mid;
            }
        }
        return -(lo + 1);
    }

    public void clear() {
        root.getChildren().clear();
        items.clear();
        items.put("", root);
        filtered.clear();
    }

    /**
     * A tree item whose value changes stay with the item: its value-changed event stops at the item instead of
     * travelling up to the tree view (structure and expansion events still do). Whoever shows the item listens to
     * {@link TreeItem#valueProperty()}.
     */
    static final class TopicItem extends TreeItem<TopicSnapshot> {

        private static final EventDispatcher KEEP_VALUE_CHANGES = (event, tail) ->
                event.getEventType() == TreeItem.<TopicSnapshot>valueChangedEvent() ? null : tail.dispatchEvent(event);

        TopicItem(TopicSnapshot value) {
            super(value);
        }

        @Override
        public EventDispatchChain buildEventDispatchChain(EventDispatchChain tail) {
            return super.buildEventDispatchChain(tail).prepend(KEEP_VALUE_CHANGES);
        }
    }
}
