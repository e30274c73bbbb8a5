package io.iotworkbench.mqtt;

/**
 * MQTT topic filter matching ({@code +} one level, {@code #} this level and below), with AWS's rule that {@code #}
 * matches its parent level too ({@code sensor/#} matches {@code sensor/} but, per the MQTT spec, also {@code sensor}).
 * Stateless.
 */
public final class TopicFilters {

    private TopicFilters() {
    }

    public static boolean matches(String filter, String topic) {
        if (topic.startsWith("$") && (filter.startsWith("+") || filter.startsWith("#"))) {
            return false;
        }
        String[] f = filter.split("/", -1);
        String[] t = topic.split("/", -1);
        for (int i = 0; i < f.length; i++) {
            if (f[i].equals("#")) {
                return true;
            }
            if (i >= t.length) {
                return false;
            }
            if (!f[i].equals("+") && !f[i].equals(t[i])) {
                return false;
            }
        }
        return f.length == t.length;
    }
}
