package io.iotworkbench.localcore.jobs;

import java.util.TreeSet;

/**
 * A static thing group (stored in {@code jobs_thing_groups}): the jobs service owns groups because they are what
 * jobs target. Mutable; only touched by {@link JobsService} under its lock.
 */
final class ThingGroup {
    public String name;
    public String id;
    public String arn;
    public String description;
    public long createdAt;
    public long version = 1;
    public TreeSet<String> things = new TreeSet<>();
}
