package io.iotworkbench.serial.virtualboard;

/**
 * Runs an AWS demo when the virtual board's CLI is told {@code aws_led}, {@code aws_job} and so on, with the network
 * up. The application later plugs in a hook that connects a Local IoT Core device; the default,
 * {@link OfflineAwsDemo}, prints the demo's opening lines and fails to reach the cloud, as a board without internet
 * would.
 *
 * <p>Threading: called on the demo's own thread ({@code aws_demo_task}); may block for as long as the demo runs. The
 * board refuses a second start while it runs ({@code AWS demo task is running}).
 */
@FunctionalInterface
public interface AwsDemoHook {
    void run(AwsDemo demo, DemoConsole console) throws InterruptedException;
}
