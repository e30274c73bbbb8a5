package io.iotworkbench.localcore.jobs;

import java.util.TreeSet;

/**
 * A static thing group (stored in {@code jobs_thing_groups}): the jobs service owns groups because they are what
 * jobs target. Mutable; only touched under the {@link JobsState} lock, after {@link JobsTransaction#edit(ThingGroup)}.
 */
final class ThingGroup {
    public String name;
    public String id;
    public String arn;
    public String description;
    public long createdAt;
    public long version = 1;
    public TreeSet<String> things = new TreeSet<>();

    /** A deep copy, for the transaction's undo log. */
    ThingGroup copy() {
        ThingGroup g = new ThingGroup();
        g.name = name;
        g.id = id;
        g.arn = arn;
        g.description = description;
        g.createdAt = createdAt;
        g.version = version;
        g.things = new TreeSet<>(things);
        return g;
    }
}
