package io.iotworkbench.demo;

import com.fasterxml.jackson.databind.JsonNode;

import java.time.Duration;

/**
 * One step of a {@link DemoScript}, with the line of the script it came from. Immutable. Thing, shadow and job names
 * that are null mean "the session's thing", "the classic shadow" and "the job this script created last".
 */
public sealed interface DemoStep {

    /** The script line the step starts on (1-based). */
    int line();

    /** A short description for the runner's bar and for failures, e.g. {@code wait-job SUCCEEDED}. */
    String describe();

    /** Shows a caption on screen (and prints it headless). */
    record Caption(int line, String text) implements DemoStep {
        @Override
        public String describe() {
            return "caption \"" + text + "\"";
        }
    }

    /** Connects the session with the named profile (switching to it first when it is not active). */
    record Connect(int line, String profile) implements DemoStep {
        @Override
        public String describe() {
            return "connect " + profile;
        }
    }

    /** Shows a tab of the window (ignored headless). */
    record SelectTab(int line, String tab) implements DemoStep {
        @Override
        public String describe() {
            return "tab " + tab;
        }
    }

    /** Switches the session to another thing. */
    record SetThing(int line, String thing) implements DemoStep {
        @Override
        public String describe() {
            return "thing " + thing;
        }
    }

    /** Sends a shadow update request ({@code state} with {@code desired} and/or {@code reported}). */
    record ShadowUpdate(int line, String thing, String shadow, JsonNode state) implements DemoStep {
        @Override
        public String describe() {
            return "shadow-update " + state;
        }
    }

    /** Creates a job from a template for a thing; {@code jobId} may hold {@code ${run}}. */
    record CreateJob(int line, String template, String jobId, String thing) implements DemoStep {
        @Override
        public String describe() {
            return "job " + template;
        }
    }

    /** Types a command into the virtual board's console (CR-terminated, as the console sends it). */
    record BoardCommand(int line, String command) implements DemoStep {
        @Override
        public String describe() {
            return "board " + command;
        }
    }

    /** Waits until a field of the shadow's state (e.g. {@code reported.led}) has a value. */
    record WaitShadow(int line, String thing, String shadow, String field, String equals, Duration timeout)
            implements DemoStep {
        @Override
        public String describe() {
            return "wait-shadow " + field + " = " + equals;
        }
    }

    /** Waits until the thing's execution of a job has a status (QUEUED, IN_PROGRESS, SUCCEEDED, FAILED, …). */
    record WaitJob(int line, String jobId, String thing, String status, Duration timeout) implements DemoStep {
        @Override
        public String describe() {
            return "wait-job " + status;
        }
    }

    /** Waits until a console line of the virtual board contains a text (lines since the script started). */
    record WaitConsole(int line, String contains, Duration timeout) implements DemoStep {
        @Override
        public String describe() {
            return "wait-console \"" + contains + "\"";
        }
    }
}
