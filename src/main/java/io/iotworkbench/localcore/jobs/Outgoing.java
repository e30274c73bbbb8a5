package io.iotworkbench.localcore.jobs;

/** A message the jobs service sends once its change is committed: a topic and the payload bytes. Immutable. */
record Outgoing(String topic, byte[] payload) {
}
