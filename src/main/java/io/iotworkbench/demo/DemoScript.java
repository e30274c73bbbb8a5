package io.iotworkbench.demo;

import java.util.List;

/** A parsed demo script: a title, a description and its steps in order. Immutable. */
public record DemoScript(String name, String title, String description, List<DemoStep> steps) {

    public DemoScript {
        steps = List.copyOf(steps);
    }
}
