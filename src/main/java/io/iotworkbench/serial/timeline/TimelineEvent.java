package io.iotworkbench.serial.timeline;

import io.iotworkbench.mqtt.ReceivedMessage;
import io.iotworkbench.serial.console.SerialLine;

import java.nio.charset.StandardCharsets;
import java.time.Instant;

/**
 * One entry of the session timeline: a serial line of an open port, or an MQTT message of the session's thing (a
 * shadow or job message when its topic says so), with the host time it arrived and a sequence number that keeps
 * events of equal time in arrival order.
 *
 * @param time     host arrival time
 * @param sequence order of arrival within the timeline, for ties
 * @param source   what kind of event
 * @param origin   the port name, or the topic
 * @param text     the serial line, or the payload (cut to {@value #MAX_TEXT} characters)
 *
 * <p>Immutable; safe from any thread.
 */
public record TimelineEvent(Instant time, long sequence, Source source, String origin, String text) {

    public static final int MAX_TEXT = 400;

    /** Where the event comes from. */
    public enum Source { SERIAL, MQTT, SHADOW, JOB }

    public static TimelineEvent ofLine(String port, SerialLine line, long sequence) {
        return new TimelineEvent(line.time(), sequence, Source.SERIAL, port, cut(line.text()));
    }

    /** A message of the thing; the topic decides shadow ({@code /shadow/}), job ({@code /jobs/}) or plain MQTT. */
    public static TimelineEvent ofMessage(ReceivedMessage m, long sequence) {
        Source source = m.topic().contains("/shadow/") ? Source.SHADOW
                : m.topic().contains("/jobs/") ? Source.JOB : Source.MQTT;
        String payload = new String(m.payload(), 0, Math.min(m.payload().length, MAX_TEXT * 4),
                StandardCharsets.UTF_8).replaceAll("\\s+", " ").strip();
        return new TimelineEvent(Instant.ofEpochMilli(m.timeMillis()), sequence, source, m.topic(), cut(payload));
    }

    /** The topics of {@code thing} that belong on its timeline: everything under {@code $aws/things/<thing>/}. */
    public static boolean isThingTopic(String topic, String thing) {
        return thing != null && !thing.isEmpty() && topic.startsWith("$aws/things/" + thing + "/");
    }

    private static String cut(String s) {
        return s.length() <= MAX_TEXT ? s : s.substring(0, MAX_TEXT) + "…";
    }
}
