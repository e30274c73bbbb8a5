package io.iotworkbench.ui.mqtt;

import io.iotworkbench.mqtt.AwsMqttLimits;
import io.iotworkbench.mqtt.MqttConnection;
import io.iotworkbench.mqtt.Subscription;
import io.iotworkbench.mqtt.TopicFilters;
import io.iotworkbench.session.ProfileKind;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.function.Supplier;

/**
 * The subscriptions list of the MQTT pane: add (validated against AWS's rules before anything is sent), remove,
 * enable/disable (unsubscribe while keeping the row), a colour per filter. Follows subscriptions made elsewhere (the
 * Local profile's automatic one).
 *
 * <p>FX thread; results of the connection's futures come back through the FX executor. Testable without a toolkit.
 */
public final class SubscriptionsModel {

    static final List<String> PALETTE = List.of("#3d7eff", "#2ea043", "#d29922", "#db61a2", "#8957e5", "#1f9bb5",
            "#e5534b", "#768390");

    private final MqttConnection connection;
    private final Supplier<ProfileKind> profileKind;
    private final Executor fx;
    private final ObservableList<SubscriptionRow> rows = FXCollections.observableArrayList();
    private final ReadOnlyStringWrapper message = new ReadOnlyStringWrapper("");

    public SubscriptionsModel(MqttConnection connection, Supplier<ProfileKind> profileKind, Executor fxExecutor) {
        this.connection = connection;
        this.profileKind = profileKind;
        this.fx = fxExecutor;
        connection.addSubscriptionListener(() -> fx.execute(this::followConnection));
        followConnection();
    }

    public ObservableList<SubscriptionRow> rows() {
        return rows;
    }

    /** The last validation or subscription problem, "" when none. */
    public ReadOnlyStringProperty messageProperty() {
        return message.getReadOnlyProperty();
    }

    private void followConnection() {
        for (Subscription s : connection.subscriptions()) {
            if (find(s.filter()).isEmpty()) {
                SubscriptionRow row = new SubscriptionRow(s.filter(), s.qos(), nextColour());
                rows.add(row);
                watchEnabled(row);
            }
        }
    }

    private String nextColour() {
        return PALETTE.get(rows.size() % PALETTE.size());
    }

    private Optional<SubscriptionRow> find(String filter) {
        return rows.stream().filter(r -> r.filter().equals(filter)).findFirst();
    }

    /** Checks a filter without subscribing; returns the problem in words, or empty. */
    public Optional<String> check(String filter, int qos) {
        String f = filter == null ? "" : filter.strip();
        if (f.isEmpty()) {
            return Optional.of("Enter a topic filter, e.g. $aws/things/wm_demo_1/shadow/#.");
        }
        Optional<String> p = AwsMqttLimits.checkTopicFilter(f).or(() -> AwsMqttLimits.checkQos(qos));
        if (p.isPresent()) {
            return p;
        }
        if (f.equals("#") && profileKind.get() == ProfileKind.AWS) {
            return Optional.of("Subscribing to '#' on AWS receives every message of the account and AWS may "
                    + "disconnect you; subscribe to the topics you need instead.");
        }
        if (find(f).isPresent()) {
            return Optional.of("Already subscribed to " + f + ".");
        }
        if (rows.size() >= AwsMqttLimits.MAX_SUBSCRIPTIONS_PER_CONNECTION) {
            return Optional.of("AWS allows at most " + AwsMqttLimits.MAX_SUBSCRIPTIONS_PER_CONNECTION
                    + " subscriptions per connection.");
        }
        return Optional.empty();
    }

    /** Adds and subscribes; returns false (with {@link #messageProperty()} saying why) when the filter is refused. */
    public boolean add(String filter, int qos) {
        Optional<String> problem = check(filter, qos);
        if (problem.isPresent()) {
            message.set(problem.get());
            return false;
        }
        String f = filter.strip();
        SubscriptionRow row = new SubscriptionRow(f, qos, nextColour());
        rows.add(row);
        watchEnabled(row);
        message.set("");
        report(connection.subscribe(new Subscription(f, qos)), "Subscribed to " + f + ".");
        return true;
    }

    private void watchEnabled(SubscriptionRow row) {
        row.enabledProperty().addListener((obs, was, now) -> {
            if (now) {
                report(connection.subscribe(new Subscription(row.filter(), row.qos())), "Subscribed to "
                        + row.filter() + ".");
            } else {
                report(connection.unsubscribe(row.filter()), "Paused " + row.filter() + ".");
            }
        });
    }

    /**
     * The session's thing changed: rows under {@code $aws/things/<from>/} become the same filter under {@code to},
     * keeping their place, colour and enabled state (the connection's subscriptions are moved by
     * {@link io.iotworkbench.mqtt.ThingSubscriptions}).
     */
    public void followThing(String from, String to) {
        for (int i = 0; i < rows.size(); i++) {
            SubscriptionRow old = rows.get(i);
            Optional<String> moved = io.iotworkbench.mqtt.ThingSubscriptions.retarget(old.filter(), from, to);
            if (moved.isEmpty()) {
                continue;
            }
            SubscriptionRow row = new SubscriptionRow(moved.get(), old.qos(), old.colour());
            row.enabledProperty().set(old.isEnabled());
            rows.removeIf(r -> r != old && r.filter().equals(moved.get()));
            rows.set(rows.indexOf(old), row);
            watchEnabled(row);
        }
    }

    public void remove(SubscriptionRow row) {
        if (row == null) {
            return;
        }
        rows.remove(row);
        if (row.isEnabled()) {
            report(connection.unsubscribe(row.filter()), "Unsubscribed from " + row.filter() + ".");
        }
    }

    /** The colour of the first enabled subscription matching {@code topic}, or null. */
    public String colourOf(String topic) {
        for (SubscriptionRow r : rows) {
            if (r.isEnabled() && TopicFilters.matches(r.filter(), topic)) {
                return r.colour();
            }
        }
        return null;
    }

    private void report(CompletableFuture<Void> f, String success) {
        f.whenComplete((v, e) -> fx.execute(() -> message.set(e == null ? success : reason(e))));
    }

    private static String reason(Throwable e) {
        Throwable t = e instanceof CompletionException && e.getCause() != null ? e.getCause() : e;
        return t.getMessage() == null ? t.toString() : t.getMessage();
    }
}
