package io.iotworkbench.ui.mqtt;

import io.iotworkbench.aws.AwsClients;
import io.iotworkbench.localcore.LocalCoreRuntime;
import io.iotworkbench.mqtt.MessagePipeline;
import io.iotworkbench.mqtt.MqttConnection;
import io.iotworkbench.mqtt.PipelineLimits;
import io.iotworkbench.mqtt.Subscription;
import io.iotworkbench.mqtt.ThingSubscriptions;
import io.iotworkbench.session.Profile;
import io.iotworkbench.session.Session;
import io.iotworkbench.ui.common.FxSession;
import io.iotworkbench.ui.common.PaneContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An explicit session switch to another thing: the connection's filters of the old thing, the MQTT pane's
 * subscription rows and publish topic, and the panes' session line follow; other filters and a typed topic stay.
 */
class ThingSwitchTest {

    @TempDir
    Path dir;

    private final Session session = new Session(Profile.localDefault());
    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();
    private MqttConnection connection;
    private MessagePipeline pipeline;
    private MqttViewModel vm;

    @AfterEach
    void close() {
        vm.dispose();
        connection.close();
        pipeline.close();
        scheduler.shutdownNow();
    }

    @Test
    void theMqttPaneFollowsTheSessionsThing() {
        LocalCoreRuntime unstarted = new LocalCoreRuntime(dir);
        connection = new MqttConnection(session, unstarted);
        pipeline = new MessagePipeline(PipelineLimits.defaults());
        ThingSubscriptions.follow(session, connection);
        connection.subscribe(new Subscription("$aws/things/wm_demo_1/shadow/#", 1));
        connection.subscribe(new Subscription("$aws/things/wm_demo_10/jobs/#", 0));
        connection.subscribe(new Subscription("sensors/#", 0));
        vm = new MqttViewModel(new PaneContext(new FxSession(session, Runnable::run), connection, pipeline, unstarted,
                new AwsClients(unstarted), Runnable::run, scheduler));
        assertThat(vm.publish().topicProperty().get()).isEqualTo("$aws/things/wm_demo_1/shadow/update");

        session.setThingName("w800_bench");

        assertThat(connection.subscriptions()).containsExactlyInAnyOrder(new Subscription("sensors/#", 0),
                new Subscription("$aws/things/wm_demo_10/jobs/#", 0),
                new Subscription("$aws/things/w800_bench/shadow/#", 1));
        assertThat(vm.subscriptions().rows()).extracting(SubscriptionRow::filter)
                .contains("$aws/things/w800_bench/shadow/#", "sensors/#")
                .doesNotContain("$aws/things/wm_demo_1/shadow/#");
        assertThat(vm.publish().topicProperty().get()).isEqualTo("$aws/things/w800_bench/shadow/update");
        assertThat(vm.sessionSummary().get()).startsWith("Thing w800_bench");

        vm.publish().topicProperty().set("lab/bench/cmd");
        session.setThingName("wm_demo_1");
        assertThat(vm.publish().topicProperty().get()).as("a topic of no thing stays").isEqualTo("lab/bench/cmd");
        assertThat(ThingSubscriptions.retarget("$aws/things/a/shadow/get", "a", "b"))
                .contains("$aws/things/b/shadow/get");
        assertThat(ThingSubscriptions.retarget("$aws/things/ab/shadow/get", "a", "b")).isEmpty();
    }
}
