package io.iotworkbench.serial.virtualboard;

import io.iotworkbench.serial.console.LogLevel;

/**
 * The default {@link AwsDemoHook}: logs what the SDK demos log when they start (the TLS session to the configured
 * endpoint, the led_demo's shadow topics) and then the failure a board without a route to AWS reports, so the console
 * shows realistic output without a cloud account.
 *
 * <p>Stateless; safe from any thread.
 */
public final class OfflineAwsDemo implements AwsDemoHook {

    @Override
    public void run(AwsDemo demo, DemoConsole console) {
        String tag = demo.tag();
        LogLevel level = demo == AwsDemo.JOB ? LogLevel.DEBUG : LogLevel.INFO;
        console.log(level, tag, "Establishing a TLS session to " + console.endpoint() + ":8883.");
        if (demo == AwsDemo.JOB) {
            console.log(LogLevel.DEBUG, "aws_mbedtls", "  . Connecting to tcp/" + console.endpoint() + "/8883...");
        }
        console.log(LogLevel.ERROR, "aws_mbedtls", "failed ! mbedtls_net_connect returned -0x0052");
        console.log(LogLevel.ERROR, tag, "Failed to establish a TLS session to " + console.endpoint()
                + ":8883 (" + demo.demoName() + " for thing " + console.thingName() + ").");
    }
}
