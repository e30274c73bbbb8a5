package io.iotworkbench.serial.virtualboard;

/**
 * The six AWS demos of the WM SDK, each started by one CLI command registered in its {@code aws_cli.c}
 * (wm-board.md §2), with the log tag its demo task logs under.
 *
 * <p>Immutable; safe from any thread.
 */
public enum AwsDemo {
    MQTT("aws_mqtt", "tls_mutual_auth", "DEMO"),
    HTTP("aws_http", "http_demo_mutual_auth", "DEMO"),
    JOB("aws_job", "jobs_demo", "aws"),
    SHADOW("aws_shadow", "shadow_demo_main", "SHADOW_DEMO"),
    LED("aws_led", "led_demo", "SHADOW_DEMO"),
    OTA("aws_ota", "ota_demo_core_http", "OTA_DEMO");

    private final String command;
    private final String demoName;
    private final String tag;

    AwsDemo(String command, String demoName, String tag) {
        this.command = command;
        this.demoName = demoName;
        this.tag = tag;
    }

    public String command() {
        return command;
    }

    public String demoName() {
        return demoName;
    }

    public String tag() {
        return tag;
    }

    public static AwsDemo ofCommand(String command) {
        for (AwsDemo demo : values()) {
            if (demo.command.equals(command)) {
                return demo;
            }
        }
        return null;
    }
}
